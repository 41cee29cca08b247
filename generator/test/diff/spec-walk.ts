// Helpers for the mutation catalog: find mutation targets in the real bundled spec by their shape, never by
// name, so the catalog follows the spec as it grows.
import type { Json, JsonObject } from '../../src/load/slice.js';

export type Flow = 'request' | 'response';
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
export const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

export interface OperationHit {
  path: string;
  method: string;
  item: JsonObject;
  op: JsonObject;
}

/** Every operation, sorted by path and method. */
export function operations(doc: JsonObject): OperationHit[] {
  const out: OperationHit[] = [];
  for (const path of Object.keys(doc.paths as JsonObject).sort()) {
    const item = (doc.paths as JsonObject)[path] as JsonObject;
    for (const method of METHODS) if (isObject(item[method])) out.push({ path, method, item, op: item[method] as JsonObject });
  }
  return out;
}

/** Operations that exist in every API version (no version annotation on the operation or its path item). */
export function everVersionOperations(doc: JsonObject): OperationHit[] {
  return operations(doc).filter((o) => unversioned(o.op) && unversioned(o.item));
}

export function unversioned(node: JsonObject): boolean {
  return !('x-talk-added' in node) && !('x-talk-removed' in node);
}

export function deref(doc: JsonObject, node: Json | undefined): JsonObject | undefined {
  let current = node;
  for (let i = 0; i < 16 && isObject(current) && typeof current.$ref === 'string'; i++) {
    let target: Json | undefined = doc;
    for (const token of current.$ref.slice(2).split('/')) target = isObject(target) ? target[token.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    current = target;
  }
  return isObject(current) ? current : undefined;
}

function flowRoots(hit: OperationHit, flow: Flow): Json[] {
  if (flow === 'request') {
    const params = [...((hit.item.parameters as Json[]) ?? []), ...((hit.op.parameters as Json[]) ?? [])];
    return [...params, hit.op.requestBody ?? null];
  }
  return [hit.op.responses ?? null];
}

/** `#/components/...` refs reachable from the request side or the response side of any operation. */
export function reachableRefs(doc: JsonObject, flow: Flow): Set<string> {
  const seen = new Set<string>();
  const visit = (node: Json | undefined): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isObject(node)) return;
    if (typeof node.$ref === 'string' && !seen.has(node.$ref)) {
      seen.add(node.$ref);
      visit(deref(doc, node));
    }
    for (const value of Object.values(node)) visit(value);
  };
  for (const hit of operations(doc)) flowRoots(hit, flow).forEach(visit);
  return seen;
}

export interface PropertyHit {
  operation: OperationHit;
  /** The object schema that lists the property (a node of the document: mutations apply). */
  parent: JsonObject;
  name: string;
  /** The property schema as written (may be a `$ref`). */
  prop: JsonObject;
}

/**
 * The first property (in path, method, walk order) of a request body or a 2xx response schema that
 * `accept` takes, reached only through schemas that belong to that flow alone (so that a mutation of it is
 * a request change or a response change, not both).
 */
export function findProperty(doc: JsonObject, flow: Flow, accept: (hit: PropertyHit) => boolean, options: { allVersions?: boolean } = {}): PropertyHit {
  const other = reachableRefs(doc, flow === 'request' ? 'response' : 'request');
  for (const operation of operations(doc)) {
    if (options.allVersions && !(unversioned(operation.op) && unversioned(operation.item))) continue;
    const schemas: Json[] = [];
    if (flow === 'request') {
      const content = deref(doc, operation.op.requestBody)?.content;
      if (isObject(content)) for (const media of Object.values(content)) if (isObject(media)) schemas.push(media.schema ?? null);
    } else {
      const responses = isObject(operation.op.responses) ? operation.op.responses : {};
      for (const [status, response] of Object.entries(responses)) {
        if (!status.startsWith('2')) continue;
        const content = deref(doc, response)?.content;
        if (isObject(content)) for (const media of Object.values(content)) if (isObject(media)) schemas.push(media.schema ?? null);
      }
    }
    const visited = new Set<JsonObject>();
    const found = (node: Json | undefined): PropertyHit | undefined => {
      if (!isObject(node)) return undefined;
      if (typeof node.$ref === 'string') {
        if (other.has(node.$ref)) return undefined;
        return found(deref(doc, node));
      }
      if (visited.has(node)) return undefined;
      visited.add(node);
      if (options.allVersions && !unversioned(node)) return undefined;
      if (isObject(node.properties)) {
        for (const [name, prop] of Object.entries(node.properties)) {
          if (!isObject(prop)) continue;
          const hit = { operation, parent: node, name, prop };
          if ((!options.allVersions || unversioned(prop)) && accept(hit)) return hit;
        }
        for (const prop of Object.values(node.properties)) {
          const deeper = found(prop);
          if (deeper) return deeper;
        }
      }
      for (const key of ['items', 'additionalProperties'] as const) {
        const deeper = found(node[key]);
        if (deeper) return deeper;
      }
      for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
        if (Array.isArray(node[key]))
          for (const branch of node[key] as Json[]) {
            const deeper = found(branch);
            if (deeper) return deeper;
          }
      }
      return undefined;
    };
    for (const schema of schemas) {
      const hit = found(schema);
      if (hit) return hit;
    }
  }
  throw new Error(`no ${flow} property matches`);
}

/** An inline property of a given JSON type (no `$ref`, no version annotation, no enum/composition). */
export function plainProperty(type: string, extra: (prop: JsonObject, hit: PropertyHit) => boolean = () => true) {
  return (hit: PropertyHit): boolean => {
    const p = hit.prop;
    return (
      p.$ref === undefined &&
      unversioned(p) &&
      p.type === type &&
      p.enum === undefined &&
      p.oneOf === undefined &&
      p.anyOf === undefined &&
      p.allOf === undefined &&
      extra(p, hit)
    );
  };
}

export const isRequired = (hit: PropertyHit): boolean => Array.isArray(hit.parent.required) && hit.parent.required.includes(hit.name);

/** The first operation `accept` takes. */
export function findOperation(doc: JsonObject, accept: (hit: OperationHit) => boolean): OperationHit {
  const hit = operations(doc).find(accept);
  if (!hit) throw new Error('no operation matches');
  return hit;
}

/** Inline (non-`$ref`) parameters of an operation. */
export function inlineParameters(hit: OperationHit): JsonObject[] {
  return ((hit.op.parameters as Json[]) ?? []).filter((p): p is JsonObject => isObject(p) && p.$ref === undefined);
}

/** Reverse the key order of every object (the document means the same). */
export function reverseKeys(node: Json): Json {
  if (Array.isArray(node)) return node.map(reverseKeys);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const key of Object.keys(node).reverse()) out[key] = reverseKeys(node[key]);
  return out;
}

/** Replace every `$ref` to `from` with `to`. */
export function rewriteRefs(node: Json, from: string, to: string): void {
  if (Array.isArray(node)) return node.forEach((n) => rewriteRefs(n, from, to));
  if (!isObject(node)) return;
  if (node.$ref === from) node.$ref = to;
  for (const value of Object.values(node)) rewriteRefs(value, from, to);
}

/** Replace every `$ref` to `ref` with a copy of its target (siblings of the `$ref` kept). */
export function inlineRefs(node: Json, ref: string, target: JsonObject): void {
  if (!isObject(node) && !Array.isArray(node)) return;
  const entries: Array<[string | number, Json]> = Array.isArray(node) ? node.map((v, i) => [i, v]) : Object.entries(node);
  for (const [key, value] of entries) {
    if (isObject(value) && value.$ref === ref) {
      const { $ref: _ref, ...siblings } = value;
      (node as Record<string | number, Json>)[key] = { ...structuredClone(target), ...siblings };
    } else inlineRefs(value, ref, target);
  }
}
