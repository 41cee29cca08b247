// Compare meaning, not spelling: rewrite a resolved schema into one canonical form before the rules run, so
// that refactorings which change nothing on the wire are no change. Every rewritten child keeps the pointer
// where it is written (`origins`), so findings still point at the source.
import type { Json, JsonObject } from '../load/slice.js';
import { child, isObject, jsonEqual, resolveNode, type Located } from './resolve.js';

/** Keys that only document a schema: the outer schema's win when members are merged. */
export const DOC_KEYS = new Set(['description', 'title', 'example', 'examples', 'x-enum-descriptions', 'externalDocs']);

/** Keywords that only constrain values of one JSON type. */
const KEYWORD_TYPES = new Map<string, string>([
  ['minLength', 'string'],
  ['maxLength', 'string'],
  ['pattern', 'string'],
  ['minimum', 'number'],
  ['maximum', 'number'],
  ['exclusiveMinimum', 'number'],
  ['exclusiveMaximum', 'number'],
  ['multipleOf', 'number'],
  ['items', 'array'],
  ['prefixItems', 'array'],
  ['minItems', 'array'],
  ['maxItems', 'array'],
  ['uniqueItems', 'array'],
  ['properties', 'object'],
  ['required', 'object'],
  ['additionalProperties', 'object'],
  ['minProperties', 'object'],
  ['maxProperties', 'object'],
]);

const LENGTH_TO_ITEMS: Record<string, string> = { minLength: 'minItems', maxLength: 'maxItems' };

const MAX_MERGE_DEPTH = 16;

/** A schema in canonical form; `origins` maps rewritten child paths (`properties/name`, `oneOf/2`, `required/name`) to their source pointers. */
export interface NormalSchema extends Located {
  origins?: Map<string, string>;
}

/**
 * Where the child `tokens` of a normalised schema is written: its recorded origin, or below the schema.
 *
 * @example
 * ```ts
 * childPointer(normal, 'properties', 'id'); // '/components/schemas/Base/properties/id' after an allOf merge
 * ```
 */
export function childPointer(schema: NormalSchema, ...tokens: Array<string | number>): string {
  if (schema.origins !== undefined && schema.origins.size > 0) {
    const origin = schema.origins.get(tokens.join('/'));
    if (origin) return origin;
  }
  let pointer = schema.pointer;
  for (const token of tokens) pointer = child(pointer, token);
  return pointer;
}

const cache = new WeakMap<JsonObject, NormalSchema>();

/**
 * The canonical form of a resolved schema: `allOf` members that only add properties merged into one object
 * (a single-member `allOf`/`oneOf`/`anyOf` is its member), nested `oneOf`/`anyOf` of the same kind
 * flattened, keywords that do not apply to the schema's type dropped (`maxLength`/`minLength` written on an
 * array read as `maxItems`/`minItems`). Returns `schema` itself when nothing changes.
 *
 * @example
 * ```ts
 * normalizeSchema(doc, resolveNode(doc, { allOf: [{ $ref: '#/components/schemas/Base' }, { properties: { x: {} } }] }, '/x')!);
 * // node: { type: 'object', properties: { ...Base.properties, x: {} }, required: [...] }
 * ```
 */
export function normalizeSchema(doc: JsonObject, schema: Located, depth = 0): NormalSchema {
  if (schema.siblings === undefined) {
    const hit = cache.get(schema.node);
    if (hit && hit.pointer === schema.pointer) return hit;
  }
  const out = normalizeUncached(doc, schema, depth);
  if (schema.siblings === undefined) cache.set(schema.node, out);
  return out;
}

function normalizeUncached(doc: JsonObject, schema: Located, depth: number): NormalSchema {
  let node = schema.node;
  if (node.oneOf === undefined && node.anyOf === undefined && node.allOf === undefined) {
    const cleaned = dropInapplicable(node);
    return cleaned === node ? schema : { ...schema, node: cleaned };
  }
  const origins = new Map<string, string>();
  let changed = false;
  if (depth < MAX_MERGE_DEPTH) {
    for (const keyword of ['oneOf', 'anyOf'] as const) {
      const flat = flattenUnion(doc, node, schema.pointer, keyword, origins);
      if (flat) {
        node = { ...node, [keyword]: flat };
        changed = true;
      }
    }
    for (const keyword of ['oneOf', 'anyOf'] as const) {
      const values = unionAsEnum(doc, node, keyword);
      if (values) {
        const { [keyword]: _union, ...rest } = node;
        node = { ...rest, ...values };
        changed = true;
      }
    }
    for (const keyword of ['allOf', 'oneOf', 'anyOf'] as const) {
      const list = node[keyword];
      if (!Array.isArray(list) || (keyword !== 'allOf' && list.length !== 1)) continue;
      const merged = mergeMembers(doc, node, schema.pointer, keyword, origins, depth);
      if (merged) {
        node = merged;
        changed = true;
      }
    }
  }
  const cleaned = dropInapplicable(node);
  if (cleaned !== node) {
    node = cleaned;
    changed = true;
  }
  if (!changed) return schema;
  return { ...schema, node, origins };
}

const VALUE_KEYS = new Set(['type', 'enum', 'const', ...DOC_KEYS]);

/**
 * `oneOf: [{type: string, enum: [a]}, {type: string, const: b}]` is `{type: string, enum: [a, b]}`: a union
 * of value sets of one type is one enum (for `oneOf` only when no value is in two branches).
 */
function unionAsEnum(doc: JsonObject, node: JsonObject, keyword: 'oneOf' | 'anyOf'): JsonObject | undefined {
  const list = node[keyword];
  if (!Array.isArray(list) || list.length < 2) return undefined;
  const values: Json[] = [];
  let type: Json | undefined;
  for (const [i, item] of list.entries()) {
    const branch = resolveNode(doc, item, '')?.node;
    if (!branch || !Object.keys(branch).every((k) => VALUE_KEYS.has(k))) return undefined;
    const own = 'const' in branch ? [branch.const] : Array.isArray(branch.enum) ? branch.enum : undefined;
    if (!own) return undefined;
    if (i > 0 && !jsonEqual(type, branch.type)) return undefined;
    type = branch.type;
    for (const value of own) {
      if (!values.some((v) => jsonEqual(v, value))) values.push(value);
      else if (keyword === 'oneOf') return undefined;
    }
  }
  if (type !== undefined && node.type !== undefined && !jsonEqual(type, node.type)) return undefined;
  return { ...(type !== undefined ? { type } : {}), enum: values };
}

/** `oneOf: [A, {oneOf: [B, C]}]` → `[A, B, C]` (origins record where B and C are written); undefined when flat. */
function flattenUnion(doc: JsonObject, node: JsonObject, pointer: string, keyword: 'oneOf' | 'anyOf', origins: Map<string, string>): Json[] | undefined {
  const list = node[keyword];
  if (!Array.isArray(list)) return undefined;
  const out: Array<{ value: Json; pointer: string }> = [];
  let nested = false;
  const visit = (items: Json[], at: string, level: number) => {
    items.forEach((item, i) => {
      const where = child(child(at, keyword), i);
      const resolved = level < MAX_MERGE_DEPTH ? resolveNode(doc, item, where) : undefined;
      const inner = resolved?.node[keyword];
      const onlyUnion = resolved && Array.isArray(inner) && Object.keys(resolved.node).every((k) => k === keyword || DOC_KEYS.has(k));
      if (onlyUnion) {
        nested = true;
        visit(inner as Json[], resolved.pointer, level + 1);
      } else out.push({ value: item, pointer: where });
    });
  };
  visit(list, pointer, 0);
  if (!nested) return undefined;
  out.forEach((entry, i) => origins.set(`${keyword}/${i}`, entry.pointer));
  return out.map((e) => e.value);
}

/** Bounds two members can both set: the stricter value is the merged one. */
const STRICTER: Record<string, (a: number, b: number) => number> = {
  maximum: Math.min,
  exclusiveMaximum: Math.min,
  maxLength: Math.min,
  maxItems: Math.min,
  maxProperties: Math.min,
  minimum: Math.max,
  exclusiveMinimum: Math.max,
  minLength: Math.max,
  minItems: Math.max,
  minProperties: Math.max,
};

/**
 * Merge the members of `node[keyword]` into `node`: properties and `required` lists are united (a property
 * named by two members becomes the `allOf` of both), a bound set by two members takes the stricter value.
 * A member that sets another keyword to a different value cannot be merged: it stays in a (smaller) `allOf`,
 * so the same spec always normalises to the same form whichever members it has.
 */
function mergeMembers(
  doc: JsonObject,
  node: JsonObject,
  pointer: string,
  keyword: 'allOf' | 'oneOf' | 'anyOf',
  origins: Map<string, string>,
  depth: number,
): JsonObject | undefined {
  const { [keyword]: list, ...outer } = node;
  const members: NormalSchema[] = [];
  const wheres: string[] = [];
  for (const [i, raw] of (list as Json[]).entries()) {
    const where = origins.get(`${keyword}/${i}`) ?? child(child(pointer, keyword), i);
    const resolved = resolveNode(doc, raw, where);
    if (!resolved) return undefined;
    members.push(normalizeSchema(doc, resolved, depth + 1));
    wheres.push(where);
  }
  const merged: JsonObject = {};
  const properties: JsonObject = {};
  const required: string[] = [];
  const local = new Map<string, string>();
  const conflicts = (schema: JsonObject) =>
    Object.entries(schema).some(
      ([key, value]) =>
        key !== 'properties' &&
        key !== 'required' &&
        !DOC_KEYS.has(key) &&
        !key.startsWith('x-') &&
        key in merged &&
        !jsonEqual(merged[key], value) &&
        !(key in STRICTER && typeof value === 'number' && typeof merged[key] === 'number'),
    );
  const take = (schema: JsonObject, from: NormalSchema | undefined, outerDocs: boolean) => {
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'properties' && isObject(value)) {
        for (const [name, prop] of Object.entries(value)) {
          // a property constrained by two members must satisfy both
          if (name in properties && !jsonEqual(properties[name], prop)) properties[name] = { allOf: [properties[name], prop] };
          if (!(name in properties)) {
            properties[name] = prop;
            local.set(
              `properties/${name}`,
              from ? childPointer(from, 'properties', name) : (origins.get(`properties/${name}`) ?? child(child(pointer, 'properties'), name)),
            );
          }
        }
      } else if (key === 'required' && Array.isArray(value)) {
        for (const name of value) {
          if (typeof name !== 'string' || required.includes(name)) continue;
          required.push(name);
          local.set(`required/${name}`, from ? childPointer(from, 'required') : child(pointer, 'required'));
        }
      } else if (DOC_KEYS.has(key) || key.startsWith('x-')) {
        if (outerDocs || !(key in merged)) merged[key] = value;
      } else if (key in merged && key in STRICTER && typeof value === 'number' && typeof merged[key] === 'number') {
        merged[key] = STRICTER[key](merged[key] as number, value);
      } else merged[key] = value;
    }
  };
  take(outer, undefined, true);
  const rest: Json[] = [];
  members.forEach((member, i) => {
    if (conflicts(member.node)) {
      origins.set(`${keyword}/${rest.length}`, wheres[i]);
      rest.push((list as Json[])[i]);
      return;
    }
    take(member.node, member, false);
    for (const [k, v] of member.origins ?? []) if (!k.startsWith('properties/') && !k.startsWith('required/') && !local.has(k)) local.set(k, v);
  });
  if (rest.length === (list as Json[]).length) return undefined;
  if (Object.keys(properties).length > 0) merged.properties = properties;
  if (required.length > 0) merged.required = required;
  if (rest.length > 0) merged[keyword] = rest;
  for (const [k, v] of local) origins.set(k, v);
  return merged;
}

function typesOf(node: JsonObject): Set<string> | undefined {
  const raw = node.type;
  if (typeof raw === 'string') return new Set([raw === 'integer' ? 'number' : raw]);
  if (Array.isArray(raw)) return new Set(raw.filter((t): t is string => typeof t === 'string').map((t) => (t === 'integer' ? 'number' : t)));
  return undefined;
}

/** Drop keywords that cannot apply to the schema's declared types; read array `maxLength` as `maxItems`. */
function dropInapplicable(node: JsonObject): JsonObject {
  let types: Set<string> | undefined;
  let out: JsonObject | undefined;
  for (const key in node) {
    const applies = KEYWORD_TYPES.get(key);
    if (applies === undefined) continue;
    types ??= typesOf(node);
    if (!types) return node;
    if (types.has(applies)) continue;
    out ??= { ...node };
    const items = LENGTH_TO_ITEMS[key];
    if (items && types.has('array') && !(items in node)) out[items] = node[key];
    delete out[key];
  }
  return out ?? node;
}

/**
 * The integers a bounded integer range allows, when one side writes a value set as `enum` and the other as
 * `minimum`/`maximum` (at most 1024 values); undefined otherwise.
 *
 * @example
 * ```ts
 * rangeAsEnum({ type: 'integer', minimum: 0, maximum: 3 }); // [0, 1, 2, 3]
 * ```
 */
export function rangeAsEnum(node: JsonObject): number[] | undefined {
  if (node.type !== 'integer' || node.enum !== undefined || node.const !== undefined) return undefined;
  const { minimum: min, maximum: max } = node;
  if (typeof min !== 'number' || typeof max !== 'number' || !Number.isInteger(min) || !Number.isInteger(max) || max < min || max - min >= 1024)
    return undefined;
  if (node.exclusiveMinimum !== undefined || node.exclusiveMaximum !== undefined || node.multipleOf !== undefined) return undefined;
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

/**
 * True when every value of `values` is an integer (an enum that a range can express).
 *
 * @example
 * ```ts
 * isIntegerEnum([0, 1, 2]); // true
 * ```
 */
export function isIntegerEnum(values: readonly Json[] | undefined): values is number[] {
  return Array.isArray(values) && values.length > 0 && values.every((v) => typeof v === 'number' && Number.isInteger(v));
}
