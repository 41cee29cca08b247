// Request values for the table-driven contract test, taken from the slice: parameter and property
// examples first, then defaults, enums, consts and finally a value of the schema's type.
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

export function deref(doc: JsonObject, node: unknown): unknown {
  let current = node;
  for (let i = 0; i < 20 && isObject(current) && typeof current.$ref === 'string'; i++) {
    let target: unknown = doc;
    for (const token of current.$ref.slice(2).split('/')) {
      target = isObject(target) ? target[token.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    }
    current = target;
  }
  return current;
}

/** A value that validates against `schema` (good enough for the contract's request schemas). */
export function sampleValue(doc: JsonObject, rawSchema: unknown, example?: unknown): unknown {
  if (example !== undefined) return example;
  const schema = deref(doc, rawSchema);
  if (!isObject(schema)) return 'x';
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  for (const key of ['oneOf', 'anyOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches) && branches.length > 0) return sampleValue(doc, branches[0]);
  }
  if (Array.isArray(schema.allOf)) {
    return Object.assign({}, ...schema.allOf.map((s) => sampleValue(doc, s)).filter(isObject));
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
    case undefined: {
      if (!isObject(schema.properties)) return type === 'object' ? {} : 'x';
      const out: Record<string, unknown> = {};
      const required = Array.isArray(schema.required) ? schema.required : [];
      for (const name of required) if (typeof name === 'string') out[name] = sampleValue(doc, schema.properties[name]);
      return out;
    }
    default:
      return typeof schema.minLength === 'number' ? 'x'.repeat(Math.max(1, schema.minLength)) : 'x';
  }
}

export interface SampleCall {
  pathArgs: unknown[];
  input: Record<string, unknown>;
  /** Required header parameters besides OCS-APIRequest (the signature headers of the bot API). */
  headers: Record<string, string>;
}

/** Path arguments (in path order) and the input object (required query parameters + body) of one operation. */
export function sampleCall(doc: JsonObject, path: string, method: string, pathParams: readonly string[]): SampleCall {
  const item = deref(doc, (doc.paths as JsonObject)[path]) as JsonObject;
  const op = item[method.toLowerCase()] as JsonObject;
  const params = [...(Array.isArray(item.parameters) ? item.parameters : []), ...(Array.isArray(op.parameters) ? op.parameters : [])]
    .map((p) => deref(doc, p))
    .filter(isObject);
  const pathArgs = pathParams.map((name) => {
    const p = params.find((x) => x.in === 'path' && x.name === name);
    return sampleValue(doc, p?.schema, p?.example);
  });
  const input: Record<string, unknown> = {};
  const headers: Record<string, string> = {};
  for (const p of params) {
    if (p.in === 'query' && p.required === true && typeof p.name === 'string') input[p.name] = sampleValue(doc, p.schema, p.example);
    if (p.in === 'header' && p.required === true && typeof p.name === 'string' && p.name !== 'OCS-APIRequest')
      headers[p.name] = String(sampleValue(doc, p.schema, p.example));
  }
  const body = deref(doc, op.requestBody);
  if (isObject(body) && isObject(body.content) && isObject(body.content['application/json'])) {
    const media = body.content['application/json'];
    const value = sampleValue(doc, media.schema, media.example);
    if (isObject(value)) Object.assign(input, value);
  }
  const multipart = isObject(body) && isObject(body.content) ? body.content['multipart/form-data'] : undefined;
  if (isObject(multipart)) {
    // A multipart body: its binary fields (`format: binary` or `contentMediaType`) get a small Blob of that type.
    const schema = deref(doc, multipart.schema);
    const properties = isObject(schema) && isObject(schema.properties) ? schema.properties : {};
    const required = isObject(schema) && Array.isArray(schema.required) ? schema.required : [];
    for (const name of required) {
      if (typeof name !== 'string') continue;
      const property = deref(doc, properties[name]);
      const binaryType = isObject(property)
        ? typeof property.contentMediaType === 'string'
          ? property.contentMediaType
          : property.format === 'binary'
            ? 'application/octet-stream'
            : undefined
        : undefined;
      input[name] = binaryType ? new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: binaryType }) : sampleValue(doc, property);
    }
  }
  return { pathArgs, input, headers };
}
