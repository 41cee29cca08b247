import { escapePointerToken, unescapePointerToken } from '../load/json-pointer.js';
import type { Json, JsonObject } from '../load/slice.js';

/** A node of one contract together with the JSON pointer where it is written (after following `$ref`s). */
export interface Located {
  node: JsonObject;
  pointer: string;
  /** The last local `$ref` followed to reach the node, e.g. `#/components/schemas/Room`. */
  ref?: string;
  /** Where the first `$ref` was written, when it had siblings (`description` next to `$ref`). */
  site?: string;
  /** The keys written next to the `$ref` (they override the target's), canonical JSON of them in `siblingKey`. */
  siblings?: string[];
  siblingKey?: string;
}

export const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `pointer` + one token: `child('/paths', '/room')` → `/paths/~1room`. */
export function child(pointer: string, token: string | number): string {
  const text = String(token);
  return `${pointer}/${text.includes('/') || text.includes('~') ? escapePointerToken(text) : text}`;
}

const lookups = new WeakMap<JsonObject, Map<string, Json | undefined>>();

function lookup(doc: JsonObject, ref: string): Json | undefined {
  let cache = lookups.get(doc);
  if (!cache) lookups.set(doc, (cache = new Map()));
  if (cache.has(ref)) return cache.get(ref);
  const found = lookupUncached(doc, ref);
  cache.set(ref, found);
  return found;
}

function lookupUncached(doc: JsonObject, ref: string): Json | undefined {
  if (!ref.startsWith('#')) return undefined;
  let node: Json | undefined = doc;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    const token = unescapePointerToken(raw);
    node = Array.isArray(node) ? node[Number(token)] : node[token];
  }
  return node;
}

/**
 * Follow local `$ref`s from `node` (at `pointer`) to the node they name. Siblings of a `$ref` (OpenAPI 3.1
 * allows `description` next to it) override the target's keys. Returns undefined for non-objects and for
 * dangling or cyclic ref chains.
 *
 * @example
 * ```ts
 * resolveNode(doc, { $ref: '#/components/schemas/Room' }, '/paths/~1room/get/...')
 * // → { node: doc.components.schemas.Room, pointer: '/components/schemas/Room', ref: '#/components/schemas/Room' }
 * ```
 */
export function resolveNode(doc: JsonObject, node: Json | undefined, pointer: string): Located | undefined {
  if (!isObject(node)) return undefined;
  let current: JsonObject = node;
  let where = pointer;
  let ref: string | undefined;
  let siblings: JsonObject | undefined;
  const seen = new Set<string>();
  while (typeof current.$ref === 'string') {
    const target = current.$ref;
    if (seen.has(target)) return undefined;
    seen.add(target);
    const { $ref: _ref, ...rest } = current;
    if (Object.keys(rest).length > 0) siblings = { ...rest, ...siblings };
    const next = lookup(doc, target);
    if (!isObject(next)) return undefined;
    current = next;
    ref = target;
    where = target.slice(1);
  }
  if (!siblings) return { node: current, pointer: where, ref };
  return { node: { ...current, ...siblings }, pointer: where, ref, site: pointer, siblings: Object.keys(siblings), siblingKey: canonicalJson(siblings) };
}

/** The named child of a located node, resolved. */
export function resolveChild(doc: JsonObject, parent: Located, ...tokens: Array<string | number>): Located | undefined {
  let node: Json | undefined = parent.node;
  let pointer = parent.pointer;
  for (const token of tokens) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isObject(node)) node = node[String(token)];
    else return undefined;
    pointer = child(pointer, token);
  }
  return resolveNode(doc, node, pointer);
}

/** Deterministic JSON (sorted keys) for equality checks that ignore key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/**
 * Deep equality of JSON values that ignores key order (cheaper than comparing {@link canonicalJson} strings).
 *
 * @example
 * ```ts
 * jsonEqual({ a: 1, b: [2] }, { b: [2], a: 1 }); // true
 * ```
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (!isObject(a) || !isObject(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) if (!(key in b) || !jsonEqual(a[key], b[key])) return false;
  return true;
}
