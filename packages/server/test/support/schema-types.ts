// Which JSON types a contract schema admits (following $refs and oneOf/anyOf/allOf), for the fuzz oracle.
import { loadSlice, resolve, type OperationFixture } from './contract-fixtures.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

export function admittedTypes(doc: JsonObject, raw: Json | undefined, depth = 0): Set<string> | 'any' {
  const schema = resolve(doc, raw);
  if (!isObject(schema)) return 'any';
  const types = new Set<string>();
  let constrained = false;
  if (schema.type !== undefined) {
    constrained = true;
    for (const t of Array.isArray(schema.type) ? schema.type : [schema.type]) if (typeof t === 'string') types.add(t === 'integer' ? 'number' : t);
  }
  const literals = Array.isArray(schema.enum) ? schema.enum : 'const' in schema ? [schema.const] : undefined;
  if (literals) {
    constrained = true;
    for (const v of literals) types.add(v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  }
  for (const key of ['oneOf', 'anyOf']) {
    const branches = schema[key];
    if (!Array.isArray(branches) || depth > 10) continue;
    constrained = true;
    for (const b of branches) {
      const inner = admittedTypes(doc, b, depth + 1);
      if (inner === 'any') return 'any';
      inner.forEach((t) => types.add(t));
    }
  }
  return constrained ? types : 'any';
}

/** The schema of an input (a query parameter or a top-level body property) of an operation. */
export function inputSchema(f: OperationFixture, name: string): Json | undefined {
  const param = f.parameters.find((p) => p.name === name && p.in !== 'header');
  if (param) return param.schema;
  return bodyProperties(f)[name];
}

/** Top-level body properties, also from `$ref`/`oneOf`/`anyOf`/`allOf` branches (first schema of a name wins). */
export function bodyProperties(f: OperationFixture): Record<string, Json> {
  const doc = loadSlice(f.version);
  const out: Record<string, Json> = {};
  const visit = (node: Json | undefined, depth: number): void => {
    const schema = resolve(doc, node);
    if (!isObject(schema) || depth > 10) return;
    if (isObject(schema.properties)) for (const [k, v] of Object.entries(schema.properties)) if (!(k in out)) out[k] = v;
    for (const key of ['oneOf', 'anyOf', 'allOf']) {
      const branches = schema[key];
      if (Array.isArray(branches)) branches.forEach((b) => visit(b, depth + 1));
    }
  };
  visit(f.bodySchema, 0);
  return out;
}

/** Required inputs that are not path parameters: required query parameters and required body properties. */
export function requiredInputs(f: OperationFixture): string[] {
  const query = f.parameters.filter((p) => p.in === 'query' && p.required).map((p) => p.name);
  const schema = f.bodySchema ? resolve(loadSlice(f.version), f.bodySchema) : undefined;
  const body = isObject(schema) && Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : [];
  return [...query, ...body];
}
