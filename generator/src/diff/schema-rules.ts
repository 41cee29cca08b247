import type { Json, JsonObject } from '../load/slice.js';
import type { Severity } from './change.js';
import { canonicalJson, jsonEqual, child, isObject, resolveNode, type Located } from './resolve.js';
import { directionalSeverity, FIELD, type Direction, type Flow, type RuleContext, type SchemaFinding } from './rule-context.js';

const MAX_DEPTH = 64;

/** Upper bounds: a smaller value narrows. */
const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'] as const;
/** Lower bounds: a larger value narrows. */
const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'] as const;

function joinField(field: string, part: string): string {
  if (part.startsWith('[')) return `${field}${part}`;
  return field === '' ? part : `${field}.${part}`;
}

function prefixed(findings: SchemaFinding[], part: string): SchemaFinding[] {
  if (part === '') return findings;
  return findings.map((f) => ({ ...f, field: f.field === '' ? part : joinField(part, f.field) }));
}

/** The type names a schema allows ('null' included), or undefined for "any type". */
function typeSet(schema: JsonObject): Set<string> | undefined {
  const raw = schema.type;
  let types: string[] | undefined;
  if (typeof raw === 'string') types = [raw];
  else if (Array.isArray(raw)) types = raw.filter((t): t is string => typeof t === 'string');
  if (!types) return undefined;
  const set = new Set(types);
  if (schema.nullable === true) set.add('null');
  return set;
}

function covers(set: Set<string>, type: string): boolean {
  return set.has(type) || (type === 'integer' && set.has('number'));
}

function directionOfSets(base: Set<string> | undefined, head: Set<string> | undefined): Direction | undefined {
  if (!base && !head) return undefined;
  if (!base) return 'narrowed';
  if (!head) return 'widened';
  const baseInHead = [...base].every((t) => covers(head, t));
  const headInBase = [...head].every((t) => covers(base, t));
  if (baseInHead && headInBase) return undefined;
  if (baseInHead) return 'widened';
  if (headInBase) return 'narrowed';
  return 'changed';
}

function enumValues(schema: JsonObject): Json[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum;
  if ('const' in schema) return [schema.const];
  return undefined;
}

function show(value: Json | undefined): string {
  return `\`${JSON.stringify(value)}\``;
}

/**
 * Compare two schemas of the same place of an operation, base → head. `flow` says who writes the data:
 * for requests a narrowing is breaking, for responses a widening is. `$ref`s are followed (so moving an
 * inline schema into a component is no change), with cycle protection and a memo per `$ref` pair.
 *
 * @example
 * ```ts
 * const findings = compareSchemas(ctx, baseLocated, headLocated, 'response');
 * // [{ id: 'response-property-removed', field: 'ocs.data.userId', ... }]
 * ```
 */
export function compareSchemas(ctx: RuleContext, base: Located, head: Located, flow: Flow, depth = 0): SchemaFinding[] {
  if (depth > MAX_DEPTH) return [];
  const memoKey = base.ref && head.ref ? `${flow}|${base.ref}|${base.siblingKey ?? ''}|${head.ref}|${head.siblingKey ?? ''}` : undefined;
  if (memoKey) {
    const memo = ctx.schemaMemo.get(memoKey);
    if (memo) return memo;
    if (ctx.inProgress.has(memoKey)) return [];
    ctx.inProgress.add(memoKey);
  }
  const out = compareResolved(ctx, base, head, flow, depth);
  if (memoKey) {
    ctx.inProgress.delete(memoKey);
    ctx.schemaMemo.set(memoKey, out);
  }
  return out;
}

function compareResolved(ctx: RuleContext, base: Located, head: Located, flow: Flow, depth: number): SchemaFinding[] {
  const out: SchemaFinding[] = [];
  const b = base.node;
  const h = head.node;
  const emit = (id: string, severity: Severity, text: string, side: 'base' | 'head' = 'head', pointer?: string) =>
    out.push({ id, severity, pointer: pointer ?? (side === 'head' ? head.pointer : base.pointer), side, field: '', text });
  const directional = (stem: string, direction: Direction, text: string) =>
    emit(`${flow}-${stem}`, directionalSeverity(flow, direction), text);

  // types and nullability
  const bTypes = typeSet(b);
  const hTypes = typeSet(h);
  const bNull = bTypes?.has('null') ?? false;
  const hNull = hTypes?.has('null') ?? false;
  const strip = (set: Set<string> | undefined) => (set ? new Set([...set].filter((t) => t !== 'null')) : undefined);
  const bCore = strip(bTypes);
  const hCore = strip(hTypes);
  const typeDirection = directionOfSets(bCore?.size === 0 ? undefined : bCore, hCore?.size === 0 ? undefined : hCore);
  if (typeDirection) {
    const names = (s: Set<string> | undefined) => (s && s.size > 0 ? [...s].join('|') : 'any');
    directional('type-changed', typeDirection, `type of ${FIELD} changed from ${names(bCore)} to ${names(hCore)}`);
  }
  if (bTypes && hTypes && bNull !== hNull) {
    if (hNull) directional('nullable-added', 'widened', `${FIELD} can now be null`);
    else directional('nullable-removed', 'narrowed', `${FIELD} can no longer be null`);
  }

  // enums
  const bEnum = enumValues(b);
  const hEnum = enumValues(h);
  if (bEnum && hEnum) {
    const bKeys = new Map(bEnum.map((v) => [canonicalJson(v), v]));
    const hKeys = new Map(hEnum.map((v) => [canonicalJson(v), v]));
    for (const [key, value] of bKeys) {
      if (!hKeys.has(key)) directional('enum-value-removed', 'narrowed', `enum value ${show(value)} removed from ${FIELD}`);
    }
    for (const [key, value] of hKeys) {
      if (!bKeys.has(key)) directional('enum-value-added', 'widened', `enum value ${show(value)} added to ${FIELD}`);
    }
  } else if (hEnum) {
    directional('enum-added', 'narrowed', `${FIELD} is now restricted to ${hEnum.map((v) => show(v)).join(', ')}`);
  } else if (bEnum) {
    directional('enum-removed', 'widened', `${FIELD} is no longer restricted to ${bEnum.map((v) => show(v)).join(', ')}`);
  }

  // bounds, lengths, pattern, format
  const bound = (keyword: string, direction: Direction, from: Json | undefined, to: Json | undefined) =>
    directional(direction === 'narrowed' ? 'constraint-tightened' : 'constraint-loosened', direction, `\`${keyword}\` of ${FIELD} changed from ${from === undefined ? 'none' : show(from)} to ${to === undefined ? 'none' : show(to)}`,
    );
  for (const keyword of [...UPPER_BOUNDS, ...LOWER_BOUNDS]) {
    const from = b[keyword];
    const to = h[keyword];
    if (jsonEqual(from, to)) continue;
    const upper = (UPPER_BOUNDS as readonly string[]).includes(keyword);
    if (typeof from === 'boolean' || typeof to === 'boolean') {
      // OpenAPI 3.0 exclusiveMinimum/Maximum flags: true is stricter
      bound(keyword, to === true ? 'narrowed' : 'widened', from, to);
    } else if (typeof to === 'number' && typeof from !== 'number') bound(keyword, 'narrowed', from, to);
    else if (typeof from === 'number' && typeof to !== 'number') bound(keyword, 'widened', from, to);
    else if (typeof from === 'number' && typeof to === 'number') {
      bound(keyword, (upper ? to < from : to > from) ? 'narrowed' : 'widened', from, to);
    }
  }
  if (b.multipleOf !== h.multipleOf) {
    const from = b.multipleOf;
    const to = h.multipleOf;
    const widened = to === undefined || (typeof from === 'number' && typeof to === 'number' && from % to === 0);
    bound('multipleOf', widened ? 'widened' : 'narrowed', from, to);
  }
  if ((b.uniqueItems === true) !== (h.uniqueItems === true)) bound('uniqueItems', h.uniqueItems === true ? 'narrowed' : 'widened', b.uniqueItems, h.uniqueItems);
  for (const keyword of ['pattern', 'format'] as const) {
    const from = b[keyword];
    const to = h[keyword];
    if (from === to) continue;
    const direction: Direction = from === undefined ? 'narrowed' : to === undefined ? 'widened' : 'changed';
    directional(`${keyword}-changed`, direction, `\`${keyword}\` of ${FIELD} changed from ${from === undefined ? 'none' : show(from)} to ${to === undefined ? 'none' : show(to)}`);
  }
  if (flow === 'request' && !jsonEqual(b.default, h.default) && b.default !== undefined) {
    emit('request-default-changed', 'breaking', `default of ${FIELD} changed from ${show(b.default)} to ${h.default === undefined ? 'none' : show(h.default)}`);
  }

  // docs
  if (typeof b.description === 'string' && typeof h.description === 'string' && b.description !== h.description) {
    // a description written next to a `$ref` lives where the `$ref` is, not in the component
    const beside = head.siblings?.includes('description') ? head.site : undefined;
    emit('description-changed', 'docs-only', `description of ${FIELD} changed`, 'head', beside);
  }
  if (!jsonEqual(b.example ?? b.examples, h.example ?? h.examples)) {
    emit('example-changed', 'docs-only', `example of ${FIELD} changed`);
  }
  if (!jsonEqual(b['x-enum-descriptions'], h['x-enum-descriptions']) && bEnum && hEnum) {
    emit('description-changed', 'docs-only', `enum value descriptions of ${FIELD} changed`);
  }

  // object properties
  out.push(...compareProperties(ctx, base, head, flow, depth));

  // array items
  const bItems = resolveNode(ctx.base, b.items, child(base.pointer, 'items'));
  const hItems = resolveNode(ctx.head, h.items, child(head.pointer, 'items'));
  if (bItems && hItems) out.push(...prefixed(compareSchemas(ctx, bItems, hItems, flow, depth + 1), '[]'));

  // additionalProperties
  const bAdd = b.additionalProperties;
  const hAdd = h.additionalProperties;
  if (isObject(bAdd) && isObject(hAdd)) {
    const bl = resolveNode(ctx.base, bAdd, child(base.pointer, 'additionalProperties'));
    const hl = resolveNode(ctx.head, hAdd, child(head.pointer, 'additionalProperties'));
    if (bl && hl) out.push(...prefixed(compareSchemas(ctx, bl, hl, flow, depth + 1), '*'));
  } else if ((bAdd === false) !== (hAdd === false)) {
    directional('additional-properties-changed', hAdd === false ? 'narrowed' : 'widened', hAdd === false ? `${FIELD} no longer allows unlisted properties` : `${FIELD} now allows unlisted properties`,
    );
  }

  // composition
  for (const keyword of ['oneOf', 'anyOf', 'allOf'] as const) out.push(...compareBranches(ctx, base, head, flow, keyword, depth));
  return out;
}

function compareProperties(ctx: RuleContext, base: Located, head: Located, flow: Flow, depth: number): SchemaFinding[] {
  const out: SchemaFinding[] = [];
  const bProps = isObject(base.node.properties) ? base.node.properties : {};
  const hProps = isObject(head.node.properties) ? head.node.properties : {};
  const bReq = new Set(Array.isArray(base.node.required) ? base.node.required : []);
  const hReq = new Set(Array.isArray(head.node.required) ? head.node.required : []);
  // a client never sends readOnly properties and never reads writeOnly ones
  const hidden = (schema: Json | undefined, doc: JsonObject) => {
    const r = resolveNode(doc, schema, '');
    return r ? (flow === 'request' ? r.node.readOnly === true : r.node.writeOnly === true) : false;
  };
  const emit = (id: string, severity: Severity, side: 'base' | 'head', pointer: string, name: string, text: string) =>
    out.push({ id, severity, pointer, side, field: name, text });

  for (const name of Object.keys(bProps)) {
    if (name in hProps || hidden(bProps[name], ctx.base)) continue;
    const pointer = child(child(base.pointer, 'properties'), name);
    if (flow === 'request') emit('request-property-removed', 'breaking', 'base', pointer, name, `property ${FIELD} removed (the server no longer accepts it)`);
    else if (bReq.has(name)) emit('response-property-removed', 'breaking', 'base', pointer, name, `required property ${FIELD} removed`);
    else emit('response-optional-property-removed', 'non-breaking', 'base', pointer, name, `optional property ${FIELD} removed`);
  }
  for (const name of Object.keys(hProps)) {
    if (name in bProps || hidden(hProps[name], ctx.head)) continue;
    const pointer = child(child(head.pointer, 'properties'), name);
    if (flow === 'request' && hReq.has(name)) emit('request-required-property-added', 'breaking', 'head', pointer, name, `required property ${FIELD} added`);
    else if (flow === 'request') emit('request-property-added', 'non-breaking', 'head', pointer, name, `optional property ${FIELD} added`);
    else emit('response-property-added', 'non-breaking', 'head', pointer, name, `property ${FIELD} added`);
  }
  for (const name of Object.keys(hProps)) {
    if (!(name in bProps)) continue;
    const bl = resolveNode(ctx.base, bProps[name], child(child(base.pointer, 'properties'), name));
    const hl = resolveNode(ctx.head, hProps[name], child(child(head.pointer, 'properties'), name));
    if (!bl || !hl) continue;
    const wasRequired = bReq.has(name);
    const isRequired = hReq.has(name);
    if (wasRequired !== isRequired && !hidden(hProps[name], ctx.head)) {
      if (flow === 'request') {
        if (isRequired) emit('request-property-became-required', 'breaking', 'head', hl.pointer, name, `property ${FIELD} became required`);
        else emit('request-property-became-optional', 'non-breaking', 'head', hl.pointer, name, `property ${FIELD} became optional`);
      } else if (isRequired) emit('response-property-became-required', 'non-breaking', 'head', hl.pointer, name, `property ${FIELD} is now always present`);
      else emit('response-property-became-optional', 'breaking', 'head', hl.pointer, name, `property ${FIELD} is no longer always present`);
    }
    out.push(...prefixed(compareSchemas(ctx, bl, hl, flow, depth + 1), name));
  }
  return out;
}

const BRANCH_WORDS = { oneOf: 'one-of', anyOf: 'any-of', allOf: 'all-of' } as const;

function compareBranches(ctx: RuleContext, base: Located, head: Located, flow: Flow, keyword: 'oneOf' | 'anyOf' | 'allOf', depth: number): SchemaFinding[] {
  const bList = Array.isArray(base.node[keyword]) ? (base.node[keyword] as Json[]) : [];
  const hList = Array.isArray(head.node[keyword]) ? (head.node[keyword] as Json[]) : [];
  if (bList.length === 0 && hList.length === 0) return [];
  const out: SchemaFinding[] = [];
  const label = (item: Json, i: number) => (isObject(item) && typeof item.$ref === 'string' ? item.$ref.split('/').pop()! : isObject(item) && typeof item.title === 'string' ? item.title : `#${i + 1}`);
  const bLeft = new Set(bList.map((_, i) => i));
  const hLeft = new Set(hList.map((_, i) => i));
  const pairs: Array<[number, number]> = [];
  const match = (bKey: (i: number) => string | undefined, hKey: (j: number) => string | undefined) => {
    for (const i of [...bLeft]) {
      const k = bKey(i);
      if (k === undefined) continue;
      for (const j of hLeft) {
        if (hKey(j) === k) {
          pairs.push([i, j]);
          bLeft.delete(i);
          hLeft.delete(j);
          break;
        }
      }
    }
  };
  const refKey = (item: Json) => (isObject(item) && typeof item.$ref === 'string' ? `ref:${item.$ref}` : undefined);
  const titleKey = (doc: JsonObject, item: Json) => {
    const title = resolveNode(doc, item, '')?.node.title;
    return typeof title === 'string' ? `title:${title}` : undefined;
  };
  match((i) => refKey(bList[i]), (j) => refKey(hList[j]));
  match((i) => titleKey(ctx.base, bList[i]), (j) => titleKey(ctx.head, hList[j]));
  match((i) => canonicalJson(resolveNode(ctx.base, bList[i], '')?.node ?? bList[i]), (j) => canonicalJson(resolveNode(ctx.head, hList[j], '')?.node ?? hList[j]));
  // what is left is paired by position when both sides have leftovers of the same count
  if (bLeft.size === hLeft.size) {
    const bs = [...bLeft];
    const hs = [...hLeft];
    bs.forEach((i, n) => pairs.push([i, hs[n]]));
    bLeft.clear();
    hLeft.clear();
  }
  const word = BRANCH_WORDS[keyword];
  const kind = keyword === 'allOf' ? 'member' : 'branch';
  // allOf: one more member = more constraints (narrower); oneOf/anyOf: one more branch = more values (wider)
  const addedDirection: Direction = keyword === 'allOf' ? 'narrowed' : 'widened';
  const removedDirection: Direction = keyword === 'allOf' ? 'widened' : 'narrowed';
  for (const i of bLeft) {
    const name = label(bList[i], i);
    out.push({
      id: `${flow}-${word}-${kind}-removed`,
      severity: directionalSeverity(flow, removedDirection),
      pointer: child(child(base.pointer, keyword), i),
      side: 'base',
      field: '',
      text: `${keyword} ${kind} ${name} removed from ${FIELD}`,
    });
  }
  for (const j of hLeft) {
    const name = label(hList[j], j);
    out.push({
      id: `${flow}-${word}-${kind}-added`,
      severity: directionalSeverity(flow, addedDirection),
      pointer: child(child(head.pointer, keyword), j),
      side: 'head',
      field: '',
      text: `${keyword} ${kind} ${name} added to ${FIELD}`,
    });
  }
  for (const [i, j] of pairs) {
    const bl = resolveNode(ctx.base, bList[i], child(child(base.pointer, keyword), i));
    const hl = resolveNode(ctx.head, hList[j], child(child(head.pointer, keyword), j));
    if (bl && hl) out.push(...compareSchemas(ctx, bl, hl, flow, depth + 1));
  }
  return out;
}
