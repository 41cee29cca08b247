import type { Json, JsonObject } from '../load/slice.js';
import type { Severity } from './change.js';
import { childPointer, DOC_KEYS, isIntegerEnum, normalizeSchema, rangeAsEnum, type NormalSchema } from './normalize-schema.js';
import { canonicalJson, jsonEqual, child, isObject, resolveNode, type Located } from './resolve.js';
import { directionalSeverity, FIELD, type Direction, type Flow, type RuleContext, type SchemaFinding } from './rule-context.js';
import { ruleSeverity } from './rules.js';

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
  // `const: "x"` or `enum: [1, 2]` without a `type` still only allows values of their types
  if (!types) {
    const values = enumValues(schema);
    if (!values) return undefined;
    types = values.map(jsonType);
  }
  const set = new Set(types);
  if (schema.nullable === true) set.add('null');
  return set;
}

/** The types a `oneOf`/`anyOf` allows when every branch declares its types (a union of objects is an object), `null` included when the union is `nullable`. */
function branchTypes(doc: JsonObject, schema: JsonObject): Set<string> | undefined {
  const list = Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : undefined;
  if (!list || list.length === 0) return undefined;
  // OpenAPI 3.0 `nullable: true` next to the union lets `null` through whatever the branches say
  const out = new Set<string>(schema.nullable === true ? ['null'] : []);
  for (const branch of list) {
    const resolved = resolveNode(doc, branch, '');
    const types = resolved && (typeSet(resolved.node) ?? (isObject(resolved.node.properties) ? new Set(['object']) : undefined));
    if (!types) return undefined;
    for (const t of types) out.add(t);
  }
  return out;
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

function jsonType(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** The values an `enum` and/or `const` allow (both: the `const` if the enum lists it). */
function enumValues(schema: JsonObject): Json[] | undefined {
  if ('const' in schema) return Array.isArray(schema.enum) && !schema.enum.some((v) => jsonEqual(v, schema.const)) ? [] : [schema.const];
  if (Array.isArray(schema.enum)) return schema.enum;
  return undefined;
}

function show(value: Json | undefined): string {
  return `\`${JSON.stringify(value)}\``;
}

/**
 * At most `max` values shown, then `… and N more`: enum lists stay one readable line.
 *
 * @example
 * ```ts
 * showValues([1, 2, 3], 2); // '`1`, `2` … and 1 more'
 * ```
 */
export function showValues(values: readonly Json[], max = 8): string {
  const shown = values
    .slice(0, max)
    .map((v) => show(v))
    .join(', ');
  return values.length > max ? `${shown} … and ${values.length - max} more` : shown;
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

function compareResolved(ctx: RuleContext, baseRaw: Located, headRaw: Located, flow: Flow, depth: number): SchemaFinding[] {
  const out: SchemaFinding[] = [];
  const base = normalizeSchema(ctx.base, baseRaw);
  const head = normalizeSchema(ctx.head, headRaw);
  const b = base.node;
  const h = head.node;
  const emit = (id: string, text: string, side: 'base' | 'head' = 'head', pointer?: string, severity?: Severity) =>
    out.push({ id, severity: ruleSeverity(id, severity), pointer: pointer ?? (side === 'head' ? head.pointer : base.pointer), side, field: '', text });
  const directional = (stem: string, direction: Direction, text: string, pointer?: string) =>
    emit(`${flow}-${stem}`, text, 'head', pointer, directionalSeverity(flow, direction));

  // a schema that became a union with itself (or, for an object, a wider version of itself) as one branch, or
  // the reverse: only the other branches changed
  const wrapped = wrapAsBranch(ctx, base, head, depth);
  if (wrapped) return compareBranches(ctx, wrapped.base, wrapped.head, flow, wrapped.keyword, depth, wrapped);

  // types and nullability
  // a union's types come from its branches only when the other side declares a type (union vs union: the
  // branch rules say what changed)
  const bDeclared = typeSet(b);
  const hDeclared = typeSet(h);
  const bTypes = bDeclared ?? (hDeclared ? branchTypes(ctx.base, b) : undefined);
  const hTypes = hDeclared ?? (bDeclared ? branchTypes(ctx.head, h) : undefined);
  const bNull = bTypes?.has('null') ?? false;
  const hNull = hTypes?.has('null') ?? false;
  const bCore = withoutNull(bTypes);
  const hCore = withoutNull(hTypes);
  const typeDirection = directionOfSets(bCore?.size === 0 ? undefined : bCore, hCore?.size === 0 ? undefined : hCore);
  if (typeDirection) {
    directional('type-changed', typeDirection, `${FIELD} changed from ${typeNames(bCore)} to ${typeNames(hCore)}`);
  }
  if (bTypes && hTypes && bNull !== hNull) {
    if (hNull) directional('nullable-added', 'widened', `${FIELD} can now be null`);
    else directional('nullable-removed', 'narrowed', `${FIELD} can no longer be null`);
  }

  // enums (an integer enum and an equivalent minimum/maximum range are the same set)
  let bEnum = enumValues(b);
  let hEnum = enumValues(h);
  let rangeAsValues = false;
  if (isIntegerEnum(bEnum) && !hEnum && rangeAsEnum(h)) [hEnum, rangeAsValues] = [rangeAsEnum(h), true];
  else if (isIntegerEnum(hEnum) && !bEnum && rangeAsEnum(b)) [bEnum, rangeAsValues] = [rangeAsEnum(b), true];
  if (bEnum && hEnum) {
    const bKeys = new Map(bEnum.map((v) => [canonicalJson(v), v]));
    const hKeys = new Map(hEnum.map((v) => [canonicalJson(v), v]));
    const removed = [...bKeys].filter(([key]) => !hKeys.has(key)).map(([, v]) => v);
    const added = [...hKeys].filter(([key]) => !bKeys.has(key)).map(([, v]) => v);
    if (removed.length > 0) directional('enum-value-removed', 'narrowed', `enum ${valueList(removed)} removed from ${FIELD}`);
    if (added.length > 0) directional('enum-value-added', 'widened', `enum ${valueList(added)} added to ${FIELD}`);
  } else if (hEnum) {
    directional('enum-added', 'narrowed', `${FIELD} is now restricted to ${hEnum.length} value(s): ${showValues(hEnum)}`);
  } else if (bEnum) {
    directional('enum-removed', 'widened', `${FIELD} is no longer restricted to its ${bEnum.length} value(s) (${showValues(bEnum)})`);
  }

  // bounds, lengths, pattern, format
  const bound = (keyword: string, direction: Direction, from: Json | undefined, to: Json | undefined) =>
    directional(
      direction === 'narrowed' ? 'constraint-tightened' : 'constraint-loosened',
      direction,
      `\`${keyword}\` of ${FIELD} changed from ${from === undefined ? 'none' : show(from)} to ${to === undefined ? 'none' : show(to)}`,
    );
  for (const keyword of [...UPPER_BOUNDS, ...LOWER_BOUNDS]) {
    if (rangeAsValues && (keyword === 'minimum' || keyword === 'maximum')) continue;
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
  if ((b.uniqueItems === true) !== (h.uniqueItems === true))
    bound('uniqueItems', h.uniqueItems === true ? 'narrowed' : 'widened', b.uniqueItems, h.uniqueItems);
  for (const keyword of ['pattern', 'format'] as const) {
    const from = b[keyword];
    const to = h[keyword];
    if (from === to) continue;
    const direction: Direction = from === undefined ? 'narrowed' : to === undefined ? 'widened' : 'changed';
    directional(
      `${keyword}-changed`,
      direction,
      `\`${keyword}\` of ${FIELD} changed from ${from === undefined ? 'none' : show(from)} to ${to === undefined ? 'none' : show(to)}`,
    );
  }
  if (flow === 'request' && !jsonEqual(b.default, h.default) && b.default !== undefined) {
    emit('request-default-changed', `default of ${FIELD} changed from ${show(b.default)} to ${h.default === undefined ? 'none' : show(h.default)}`);
  }

  // docs
  if (typeof b.description === 'string' && typeof h.description === 'string' && b.description !== h.description) {
    // a description written next to a `$ref` lives where the `$ref` is, not in the component
    const beside = head.siblings?.includes('description') ? head.site : undefined;
    emit('description-changed', `description of ${FIELD} changed`, 'head', beside);
  }
  if (!jsonEqual(b.example ?? b.examples, h.example ?? h.examples)) emit('example-changed', `example of ${FIELD} changed`);
  if (!jsonEqual(b['x-enum-descriptions'], h['x-enum-descriptions']) && bEnum && hEnum)
    emit('description-changed', `enum value descriptions of ${FIELD} changed`);

  // object properties
  out.push(...compareProperties(ctx, base, head, flow, depth));

  // array items
  const bItems = resolveNode(ctx.base, b.items, childPointer(base, 'items'));
  const hItems = resolveNode(ctx.head, h.items, childPointer(head, 'items'));
  if (bItems && hItems) out.push(...prefixed(compareSchemas(ctx, bItems, hItems, flow, depth + 1), '[]'));

  out.push(...compareAdditionalProperties(ctx, base, head, flow, depth, directional));
  out.push(...compareDiscriminators(base, head, flow, directional));

  // composition
  for (const keyword of ['oneOf', 'anyOf', 'allOf'] as const) out.push(...compareBranches(ctx, base, head, flow, keyword, depth));
  return out;
}

const unionKeyword = (node: JsonObject): 'oneOf' | 'anyOf' | undefined =>
  Array.isArray(node.oneOf) ? 'oneOf' : Array.isArray(node.anyOf) ? 'anyOf' : undefined;
const withoutDocs = (node: JsonObject) => canonicalJson(Object.fromEntries(Object.entries(node).filter(([k]) => !DOC_KEYS.has(k))));

/** A plain schema compared as a one-branch union with the other side's union (`single` says which side it is). */
interface Wrapped {
  base: NormalSchema;
  head: NormalSchema;
  keyword: 'oneOf' | 'anyOf';
  single: 'base' | 'head';
  /** The plain side's branch and the branch it became, when they are not equal. */
  pair?: [number, number];
}

/**
 * `X` → `oneOf: [X, Y]` (or the reverse) where one branch is the other side unchanged: compare the plain side
 * as a one-branch union, so the change is "branch Y added", not a type change plus a new union. An object `X`
 * → `oneOf: [X', Y]` where `X'` is at least as wide as `X` (say, `X` plus optional properties) is the same
 * change plus `X` → `X'` (`pair`): the properties of an object cannot be compared with a union's, which has
 * none of its own.
 */
function wrapAsBranch(ctx: RuleContext, base: NormalSchema, head: NormalSchema, depth: number): Wrapped | undefined {
  const bk = unionKeyword(base.node);
  const hk = unionKeyword(head.node);
  if ((bk === undefined) === (hk === undefined)) return undefined;
  const single = bk ? head : base;
  const union = bk ? base : head;
  const keyword = (bk ?? hk)!;
  const unionDoc = bk ? ctx.base : ctx.head;
  const plain = withoutDocs(single.node);
  const list = union.node[keyword] as Json[];
  const same = list.some((item) => {
    if (single.ref && isObject(item) && item.$ref === single.ref) return true;
    const resolved = resolveNode(unionDoc, item, '');
    return resolved !== undefined && withoutDocs(resolved.node) === plain;
  });
  const wider =
    same || bk || !hasProperties(base.node)
      ? -1
      : list.findIndex((item, j) => {
          const branch = resolveNode(ctx.head, item, childPointer(head, keyword, j));
          return branch !== undefined && isAtLeastAsWide(ctx, base, branch, depth);
        });
  if (!same && wider < 0) return undefined;
  const raw: Json = single.ref ? { $ref: single.ref } : single.node;
  const asUnion: NormalSchema = { ...single, node: { [keyword]: [raw] }, origins: new Map([[`${keyword}/0`, single.pointer]]) };
  if (bk) return { base, head: asUnion, keyword, single: 'head' };
  return { base: asUnion, head, keyword, single: 'base', ...(same ? {} : { pair: [0, wider] as [number, number] }) };
}

type Directional = (stem: string, direction: Direction, text: string, pointer?: string) => void;

const isMap = (node: JsonObject) => isObject(node.additionalProperties) && !(isObject(node.properties) && Object.keys(node.properties).length > 0);
const hasProperties = (node: JsonObject) => isObject(node.properties) && Object.keys(node.properties).length > 0;

function compareAdditionalProperties(
  ctx: RuleContext,
  base: NormalSchema,
  head: NormalSchema,
  flow: Flow,
  depth: number,
  directional: Directional,
): SchemaFinding[] {
  const bAdd = base.node.additionalProperties;
  const hAdd = head.node.additionalProperties;
  if (isObject(bAdd) && isObject(hAdd)) {
    const bl = resolveNode(ctx.base, bAdd, childPointer(base, 'additionalProperties'));
    const hl = resolveNode(ctx.head, hAdd, childPointer(head, 'additionalProperties'));
    return bl && hl ? prefixed(compareSchemas(ctx, bl, hl, flow, depth + 1), '*') : [];
  }
  if (isMap(base.node) && hAdd === undefined && hasProperties(head.node)) {
    directional(
      'map-became-object',
      'changed',
      `${FIELD} changed from a map (any key) to an object with the properties ${showValues(Object.keys(head.node.properties as JsonObject), 5)}`,
    );
  } else if (isObject(bAdd) && (hAdd === undefined || hAdd === true)) {
    directional(
      'additional-properties-changed',
      'widened',
      `${FIELD} no longer says what its map values are (\`additionalProperties\` schema removed)`,
      childPointer(base, 'additionalProperties'),
    );
  } else if ((bAdd === undefined || bAdd === true) && isObject(hAdd)) {
    directional(
      'additional-properties-changed',
      'narrowed',
      `the map values of ${FIELD} now have a schema (\`additionalProperties\`)`,
      childPointer(head, 'additionalProperties'),
    );
  } else if ((bAdd === false) !== (hAdd === false)) {
    directional(
      'additional-properties-changed',
      hAdd === false ? 'narrowed' : 'widened',
      hAdd === false ? `${FIELD} no longer allows unlisted properties` : `${FIELD} now allows unlisted properties`,
    );
  }
  return [];
}

function compareDiscriminators(base: NormalSchema, head: NormalSchema, flow: Flow, directional: Directional): SchemaFinding[] {
  const bd = base.node.discriminator;
  const hd = head.node.discriminator;
  if (!isObject(bd) || !isObject(hd)) return [];
  if (bd.propertyName !== hd.propertyName) {
    directional(
      'discriminator-property-changed',
      'changed',
      `the discriminator of ${FIELD} changed from \`${String(bd.propertyName)}\` to \`${String(hd.propertyName)}\``,
      childPointer(head, 'discriminator'),
    );
  }
  const bm = isObject(bd.mapping) ? bd.mapping : {};
  const hm = isObject(hd.mapping) ? hd.mapping : {};
  const removed = Object.keys(bm).filter((k) => !(k in hm) || bm[k] !== hm[k]);
  const added = Object.keys(hm).filter((k) => !(k in bm) || bm[k] !== hm[k]);
  const list = (keys: string[]) => keys.map((k) => `\`${k}\``).join(', ');
  if (removed.length > 0)
    directional(
      'discriminator-value-removed',
      'narrowed',
      `discriminator value${removed.length > 1 ? 's' : ''} ${list(removed)} of ${FIELD} no longer mapped`,
      childPointer(head, 'discriminator'),
    );
  if (added.length > 0)
    directional(
      'discriminator-value-added',
      'widened',
      `discriminator value${added.length > 1 ? 's' : ''} ${list(added)} of ${FIELD} added`,
      childPointer(head, 'discriminator'),
    );
  return [];
}

const withoutNull = (set: Set<string> | undefined) => (set ? new Set([...set].filter((t) => t !== 'null')) : undefined);
const typeNames = (set: Set<string> | undefined) => (set && set.size > 0 ? [...set].join(' | ') : 'any type');
const valueList = (list: Json[]) => `value${list.length > 1 ? 's' : ''} ${showValues(list)}`;

/** The `required` list that lists the property, or the one of the (merged) object that defines it. */
function requiredPointer(schema: NormalSchema, name: string): string {
  const listed = schema.origins?.get(`required/${name}`);
  if (listed) return listed;
  const defined = childPointer(schema, 'properties', name);
  return `${defined.slice(0, defined.lastIndexOf('/properties/'))}/required`;
}

function compareProperties(ctx: RuleContext, base: NormalSchema, head: NormalSchema, flow: Flow, depth: number): SchemaFinding[] {
  const out: SchemaFinding[] = [];
  const bProps = isObject(base.node.properties) ? base.node.properties : {};
  const hProps = isObject(head.node.properties) ? head.node.properties : {};
  const bReq = new Set(Array.isArray(base.node.required) ? base.node.required : []);
  const hReq = new Set(Array.isArray(head.node.required) ? head.node.required : []);
  // a client never sends readOnly properties and never reads writeOnly ones
  const hiddenKey = flow === 'request' ? 'readOnly' : 'writeOnly';
  const resolved = (schema: Json | undefined, doc: JsonObject) => resolveNode(doc, schema, '')?.node;
  const hidden = (schema: Json | undefined, doc: JsonObject) => resolved(schema, doc)?.[hiddenKey] === true;
  const emit = (id: string, side: 'base' | 'head', pointer: string, name: string, text: string, severity?: Severity) =>
    out.push({ id, severity: ruleSeverity(id, severity), pointer, side, field: name, text });

  for (const name of Object.keys(bProps)) {
    if (name in hProps || hidden(bProps[name], ctx.base)) continue;
    const pointer = childPointer(base, 'properties', name);
    if (flow === 'request') emit('request-property-removed', 'base', pointer, name, `property ${FIELD} removed`);
    else if (bReq.has(name)) emit('response-property-removed', 'base', pointer, name, `required property ${FIELD} removed`);
    else emit('response-optional-property-removed', 'base', pointer, name, `optional property ${FIELD} removed`);
  }
  for (const name of Object.keys(hProps)) {
    if (name in bProps || hidden(hProps[name], ctx.head)) continue;
    const pointer = childPointer(head, 'properties', name);
    if (flow === 'request' && hReq.has(name)) emit('request-required-property-added', 'head', pointer, name, `required property ${FIELD} added`);
    else if (flow === 'request') emit('request-property-added', 'head', pointer, name, `optional property ${FIELD} added`);
    else emit('response-property-added', 'head', pointer, name, `property ${FIELD} added`);
  }
  for (const name of Object.keys(hProps)) {
    if (!(name in bProps)) continue;
    const bl = resolveNode(ctx.base, bProps[name], childPointer(base, 'properties', name));
    const hl = resolveNode(ctx.head, hProps[name], childPointer(head, 'properties', name));
    if (!bl || !hl) continue;
    const wasHidden = bl.node[hiddenKey] === true;
    const isHidden = hl.node[hiddenKey] === true;
    if (!wasHidden && isHidden) {
      if (flow === 'request') emit('request-property-became-read-only', 'head', hl.pointer, name, `property ${FIELD} became readOnly (the server ignores it)`);
      else
        emit(
          'response-property-became-write-only',
          'head',
          hl.pointer,
          name,
          `${bReq.has(name) ? 'required ' : ''}property ${FIELD} became writeOnly (no longer sent)`,
          bReq.has(name) ? 'breaking' : 'non-breaking',
        );
      continue;
    }
    if (wasHidden && !isHidden) {
      emit(
        flow === 'request' ? 'request-property-no-longer-read-only' : 'response-property-no-longer-write-only',
        'head',
        hl.pointer,
        name,
        `property ${FIELD} is no longer ${hiddenKey}`,
      );
      continue;
    }
    if (isHidden) continue;
    const wasRequired = bReq.has(name);
    const isRequired = hReq.has(name);
    if (wasRequired !== isRequired) {
      const pointer = requiredPointer(head, name);
      const side = 'head';
      if (flow === 'request') {
        if (isRequired) emit('request-property-became-required', side, pointer, name, `property ${FIELD} became required`);
        else emit('request-property-became-optional', side, pointer, name, `property ${FIELD} became optional`);
      } else if (isRequired) emit('response-property-became-required', side, pointer, name, `property ${FIELD} is now always present`);
      else emit('response-property-became-optional', side, pointer, name, `property ${FIELD} is no longer always present`);
    }
    if (bl.node.deprecated !== true && hl.node.deprecated === true) emit('property-deprecated', 'head', hl.pointer, name, `property ${FIELD} deprecated`);
    if (bl.node.deprecated === true && hl.node.deprecated !== true)
      emit('property-undeprecated', 'head', hl.pointer, name, `property ${FIELD} no longer deprecated`);
    out.push(...prefixed(compareSchemas(ctx, bl, hl, flow, depth + 1), name));
  }
  return out;
}

const BRANCH_WORDS = { oneOf: 'one-of', anyOf: 'any-of', allOf: 'all-of' } as const;

const branchLabel = (item: Json, i: number) =>
  isObject(item) && typeof item.$ref === 'string' ? item.$ref.split('/').pop()! : isObject(item) && typeof item.title === 'string' ? item.title : `#${i + 1}`;
const shortList = (names: string[]) => names.slice(0, 6).join(', ') + (names.length > 6 ? ` … and ${names.length - 6} more` : '');

// allOf: one more member = more constraints (narrower); oneOf/anyOf: one more branch = more values (wider)
const addedDirectionOf = (keyword: 'oneOf' | 'anyOf' | 'allOf'): Direction => (keyword === 'allOf' ? 'narrowed' : 'widened');
const removedDirectionOf = (keyword: 'oneOf' | 'anyOf' | 'allOf'): Direction => (keyword === 'allOf' ? 'widened' : 'narrowed');

/**
 * Whether `head` accepts every value `base` accepts, judged by this diff's own rules: compared as a request
 * (where every narrowing is breaking), `base` → `head` finds nothing breaking. An optional property added
 * counts as accepted, as it does everywhere in the diff.
 */
function isAtLeastAsWide(ctx: RuleContext, base: Located, head: Located, depth: number): boolean {
  return !compareSchemas(ctx, base, head, 'request', depth + 1).some((f) => f.severity === 'breaking');
}

/**
 * What accepts the values of a branch gone from a base `oneOf`/`anyOf`: a head branch or the head schema
 * itself. `replaces` when it is new (a head branch no base branch matched, or the head schema when it is no
 * union any more): the branch was re-expressed as it, so the two are compared.
 */
interface BranchCover {
  located: Located;
  label: string;
  replaces: boolean;
  /** The head branch, when the cover is one. */
  index?: number;
}

/**
 * The first head branch (new ones first) or head schema at least as wide as a base branch; undefined when the
 * branch's values are no longer accepted. The head schema counts as it is (with its union, if it has one).
 */
function branchCover(
  ctx: RuleContext,
  branch: Located,
  head: NormalSchema,
  keyword: 'oneOf' | 'anyOf',
  unmatched: readonly number[],
  matched: readonly number[],
  depth: number,
  headIsPlain: boolean,
): BranchCover | undefined {
  const hList = Array.isArray(head.node[keyword]) ? (head.node[keyword] as Json[]) : [];
  const candidate = (j: number, replaces: boolean): BranchCover | undefined => {
    const located = resolveNode(ctx.head, hList[j], childPointer(head, keyword, j));
    return located && { located, label: headIsPlain ? 'the schema' : `branch ${branchLabel(hList[j], j)}`, replaces, index: j };
  };
  const candidates = [
    ...unmatched.map((j) => () => candidate(j, true)),
    ...matched.map((j) => () => candidate(j, false)),
    (): BranchCover => ({ located: head, label: 'the schema', replaces: hList.length === 0 }),
  ];
  for (const next of candidates) {
    const cover = next();
    if (cover && isAtLeastAsWide(ctx, branch, cover.located, depth)) return cover;
  }
  return undefined;
}

function compareBranches(
  ctx: RuleContext,
  base: NormalSchema,
  head: NormalSchema,
  flow: Flow,
  keyword: 'oneOf' | 'anyOf' | 'allOf',
  depth: number,
  wrapped?: Wrapped,
): SchemaFinding[] {
  const bList = Array.isArray(base.node[keyword]) ? (base.node[keyword] as Json[]) : [];
  const hList = Array.isArray(head.node[keyword]) ? (head.node[keyword] as Json[]) : [];
  if (bList.length === 0 && hList.length === 0) return [];
  const out: SchemaFinding[] = [];
  const bLeft = new Set(bList.map((_, i) => i));
  const hLeft = new Set(hList.map((_, i) => i));
  const pairs: Array<[number, number]> = [];
  if (wrapped?.pair) {
    const [i, j] = wrapped.pair;
    pairs.push([i, j]);
    bLeft.delete(i);
    hLeft.delete(j);
  }
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
  match(
    (i) => refKey(bList[i]),
    (j) => refKey(hList[j]),
  );
  match(
    (i) => titleKey(ctx.base, bList[i]),
    (j) => titleKey(ctx.head, hList[j]),
  );
  // the same schema up to its documentation (description, example) is the same branch
  const contentKey = (doc: JsonObject, item: Json) => {
    const resolved = resolveNode(doc, item, '')?.node;
    return resolved ? withoutDocs(resolved) : canonicalJson(item);
  };
  match(
    (i) => contentKey(ctx.base, bList[i]),
    (j) => contentKey(ctx.head, hList[j]),
  );
  // what is left is paired by position when both sides have leftovers of the same count
  if (bLeft.size === hLeft.size) {
    const bs = [...bLeft];
    const hs = [...hLeft];
    bs.forEach((i, n) => pairs.push([i, hs[n]]));
    bLeft.clear();
    hLeft.clear();
  }

  // a base branch left over is removed only when no head branch, nor the head schema, is at least as wide as
  // it; one that was re-expressed (merged into a new branch, or into the head schema) is compared with what
  // replaced it, so a response that now sends more is still breaking
  const covers = new Map<number, BranchCover>();
  const replaced: Array<[Located, Located]> = [];
  if (keyword !== 'allOf' && bLeft.size > 0) {
    const unmatched = [...hLeft];
    const matched = pairs.map(([, j]) => j);
    for (const i of bLeft) {
      const branch = resolveNode(ctx.base, bList[i], childPointer(base, keyword, i));
      const cover = branch && branchCover(ctx, branch, head, keyword, unmatched, matched, depth, wrapped?.single === 'head');
      if (!branch || !cover) continue;
      covers.set(i, cover);
      if (!cover.replaces) continue;
      replaced.push([branch, cover.located]);
      if (cover.index !== undefined) hLeft.delete(cover.index);
    }
  }

  const report = (added: boolean, left: number[], covered?: ReadonlyMap<number, BranchCover>) =>
    branchChanges(out, flow, keyword, added ? head : base, added ? hList : bList, (added ? bList : hList).length, added, left, covered);
  const gone = [...bLeft].filter((i) => !covers.has(i));
  const stillAccepted = [...bLeft].filter((i) => covers.has(i));
  report(false, gone);
  report(false, stillAccepted, covers);
  report(true, [...hLeft]);

  for (const [i, j] of pairs) {
    const bl = resolveNode(ctx.base, bList[i], childPointer(base, keyword, i));
    const hl = resolveNode(ctx.head, hList[j], childPointer(head, keyword, j));
    if (bl && hl) out.push(...compareSchemas(ctx, bl, hl, flow, depth + 1));
  }
  // several branches merged into one: the same finding once
  const seen = new Set(out.map(findingKey));
  for (const [bl, hl] of replaced) {
    for (const finding of compareSchemas(ctx, bl, hl, flow, depth + 1)) {
      const key = findingKey(finding);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(finding);
    }
  }
  return out;
}

const findingKey = (f: SchemaFinding) => [f.id, f.pointer, f.side, f.field, f.text].join('\u0000');

/**
 * The findings for branches of one side left without a counterpart: one per branch, or one for several at
 * once (a schema that becomes, or stops being, a union is one change). Branches with `covers` are removed
 * branches whose values are still accepted: not a narrowing.
 */
function branchChanges(
  out: SchemaFinding[],
  flow: Flow,
  keyword: 'oneOf' | 'anyOf' | 'allOf',
  schema: NormalSchema,
  list: Json[],
  otherLength: number,
  added: boolean,
  left: number[],
  covers?: ReadonlyMap<number, BranchCover>,
): void {
  if (left.length === 0) return;
  const kind = keyword === 'allOf' ? 'member' : 'branch';
  const plural = kind === 'member' ? 'members' : 'branches';
  const id = `${flow}-${BRANCH_WORDS[keyword]}-${kind}-${added ? 'added' : 'removed'}`;
  const direction = added ? addedDirectionOf(keyword) : removedDirectionOf(keyword);
  const severity = ruleSeverity(id, covers ? 'non-breaking' : directionalSeverity(flow, direction));
  const coverLabels = covers ? [...new Set(left.map((i) => covers.get(i)!.label))] : [];
  const note = covers ? `; ${left.length > 1 ? 'their' : 'its'} values are still accepted by ${shortList(coverLabels)}` : '';
  const names = left.map((i) => branchLabel(list[i], i));
  const finding = (pointer: string, text: string) => out.push({ id, severity, pointer, side: added ? 'head' : 'base', field: '', text: `${text}${note}` });
  if (otherLength === 0 && left.length === list.length && left.length > 1) {
    finding(
      childPointer(schema, keyword),
      added
        ? `${FIELD} became a ${keyword} of ${names.length} ${plural}: ${shortList(names)}`
        : `${FIELD} is no longer a ${keyword} of ${names.length} ${plural} (${shortList(names)})`,
    );
  } else if (left.length > 1) {
    finding(
      childPointer(schema, keyword),
      `${names.length} ${keyword} ${kind === 'member' ? 'members' : 'branches'} ${added ? 'added to' : 'removed from'} ${FIELD}: ${shortList(names)}`,
    );
  } else {
    finding(childPointer(schema, keyword, left[0]), `${keyword} ${kind} ${names[0]} ${added ? 'added to' : 'removed from'} ${FIELD}`);
  }
}
