// Test fixtures driven by the bundled contract (packages/spec/dist): one valid request and the documented
// 2xx example answer per operation, never a hard-coded operation list.
import { readFileSync } from 'node:fs';
import type { ApiVersion } from '../../src/index.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

export interface ParameterFixture {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: JsonObject;
}

export interface OperationFixture {
  version: ApiVersion;
  operationId: string;
  method: string;
  /** Contract path with `{param}` placeholders. */
  path: string;
  anonymous: boolean;
  parameters: ParameterFixture[];
  /** Valid path parameter values. */
  pathValues: Record<string, Json>;
  /** Valid query parameter values (required ones and those with an example or default). */
  queryValues: Record<string, Json>;
  /** Values of the required header parameters besides OCS-APIRequest (the signature headers of the bot API). */
  headerValues: Record<string, string>;
  /** A valid request body (its example), or undefined when the operation has none. */
  body: JsonObject | undefined;
  bodySchema: JsonObject | undefined;
  bodyRequired: boolean;
  /** The documented 2xx answer the test handlers give (`binary`: its media types when it is an image, not JSON). */
  success: { status: number; data: Json | undefined; binary?: string[] };
  /** Media types of the statuses documented with a binary body (`image/*`), by status. */
  binaryStatuses: Record<string, string[]>;
  /** Multipart body fields that take a file (`format: binary` or `contentMediaType`), with the media type to send. */
  fileFields: Record<string, string>;
  statuses: string[];
}

/** A 1×1 PNG: what the tests upload and answer as an avatar. */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const slices = new Map<ApiVersion, JsonObject>();
export function loadSlice(version: ApiVersion): JsonObject {
  let slice = slices.get(version);
  if (!slice) {
    slice = JSON.parse(readFileSync(new URL(`../../../spec/dist/openapi.${version}.json`, import.meta.url), 'utf8')) as JsonObject;
    slices.set(version, slice);
  }
  return slice;
}

export function resolve(doc: JsonObject, node: Json | undefined): Json | undefined {
  let current = node;
  for (let i = 0; i < 20 && isObject(current) && typeof current.$ref === 'string'; i++) {
    const tokens = current.$ref.slice(2).split('/');
    let target: Json | undefined = doc;
    for (const t of tokens) target = isObject(target) ? target[t.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    current = target;
  }
  return current;
}

/** A deterministic valid value for a schema (example, default, const, first enum value, or by type). */
export function sampleValue(doc: JsonObject, raw: Json | undefined): Json {
  const schema = resolve(doc, raw);
  if (!isObject(schema)) return null;
  if ('example' in schema) return schema.example;
  if ('default' in schema) return schema.default;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  for (const key of ['oneOf', 'anyOf', 'allOf']) {
    const branches = schema[key];
    if (Array.isArray(branches) && branches.length > 0) return sampleValue(doc, branches[0]);
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 1;
    case 'boolean':
      return true;
    case 'array':
      return typeof schema.minItems === 'number' && schema.minItems > 0 ? [sampleValue(doc, schema.items)] : [];
    case 'object': {
      const out: JsonObject = {};
      const props = isObject(schema.properties) ? schema.properties : {};
      for (const name of Array.isArray(schema.required) ? schema.required : []) {
        if (typeof name === 'string') out[name] = sampleValue(doc, props[name]);
      }
      return out;
    }
    case 'null':
      return null;
    default:
      return 'abcd1234';
  }
}

export function operationFixtures(version: ApiVersion): OperationFixture[] {
  const doc = loadSlice(version);
  const out: OperationFixture[] = [];
  const globalSecurity = Array.isArray(doc.security) ? doc.security : [];
  for (const [path, rawItem] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    const item = resolve(doc, rawItem);
    if (!isObject(item)) continue;
    for (const method of ['get', 'put', 'post', 'delete', 'patch']) {
      const op = item[method];
      if (!isObject(op) || typeof op.operationId !== 'string') continue;
      const parameters: ParameterFixture[] = [];
      const pathValues: Record<string, Json> = {};
      const queryValues: Record<string, Json> = {};
      const headerValues: Record<string, string> = {};
      for (const rawParam of [...(Array.isArray(item.parameters) ? item.parameters : []), ...(Array.isArray(op.parameters) ? op.parameters : [])]) {
        const p = resolve(doc, rawParam);
        if (!isObject(p) || typeof p.name !== 'string') continue;
        const fixture: ParameterFixture = {
          name: p.name,
          in: p.in as ParameterFixture['in'],
          required: p.required === true,
          schema: isObject(p.schema) ? p.schema : {},
        };
        parameters.push(fixture);
        const value = 'example' in p ? p.example : sampleValue(doc, fixture.schema);
        if (fixture.in === 'path') pathValues[p.name] = value;
        if (fixture.in === 'header' && fixture.required && p.name.toLowerCase() !== 'ocs-apirequest') headerValues[p.name.toLowerCase()] = String(value);
        if (fixture.in === 'query') {
          const s = resolve(doc, fixture.schema);
          if (fixture.required || 'example' in p || (isObject(s) && 'default' in s)) queryValues[p.name] = value;
        }
      }
      const requestBody = resolve(doc, op.requestBody);
      const media = isObject(requestBody) && isObject(requestBody.content) ? requestBody.content['application/json'] : undefined;
      const bodySchema = isObject(media) && isObject(media.schema) ? media.schema : undefined;
      const body = isObject(media) ? ((isObject(media.example) ? media.example : sampleValue(doc, bodySchema)) as JsonObject) : undefined;
      const responses = isObject(op.responses) ? op.responses : {};
      const multipart = isObject(requestBody) && isObject(requestBody.content) ? requestBody.content['multipart/form-data'] : undefined;
      const multipartSchema = isObject(multipart) ? resolve(doc, multipart.schema) : undefined;
      const fileFields: Record<string, string> = {};
      for (const [name, raw] of Object.entries(isObject(multipartSchema) && isObject(multipartSchema.properties) ? multipartSchema.properties : {})) {
        const p = resolve(doc, raw);
        if (isObject(p) && typeof p.contentMediaType === 'string') fileFields[name] = p.contentMediaType;
        else if (isObject(p) && p.format === 'binary') fileFields[name] = 'application/octet-stream';
      }
      const binaryStatuses: Record<string, string[]> = {};
      for (const [status, rawResponse] of Object.entries(isObject(op.responses) ? op.responses : {})) {
        const r = resolve(doc, rawResponse);
        const content = isObject(r) && isObject(r.content) ? r.content : {};
        if (!('application/json' in content) && Object.keys(content).some((t) => !t.includes('xml'))) binaryStatuses[status] = Object.keys(content);
      }
      let success: OperationFixture['success'] | undefined;
      for (const [status, rawResponse] of Object.entries(responses).sort(([a], [b]) => a.localeCompare(b))) {
        if (!status.startsWith('2')) continue;
        const r = resolve(doc, rawResponse);
        const m = isObject(r) && isObject(r.content) ? r.content['application/json'] : undefined;
        // The documented example: `example`, else the value of the first of the named `examples`.
        const named = isObject(m) && isObject(m.examples) ? resolve(doc, Object.values(m.examples)[0]) : undefined;
        const example = isObject(m) ? (m.example ?? (isObject(named) ? named.value : undefined)) : undefined;
        if (isObject(example) && isObject(example.ocs)) {
          success = { status: Number(status), data: example.ocs.data };
          break;
        }
        success ??= { status: Number(status), data: undefined, ...(binaryStatuses[status] ? { binary: binaryStatuses[status] } : {}) };
      }
      const security = Array.isArray(op.security) ? op.security : globalSecurity;
      out.push({
        version,
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        anonymous: security.length === 0 || security.some((s) => isObject(s) && Object.keys(s).length === 0),
        parameters,
        pathValues,
        queryValues,
        headerValues,
        body,
        bodySchema,
        bodyRequired: isObject(requestBody) && requestBody.required === true,
        success: success ?? { status: 200, data: [] },
        binaryStatuses,
        fileFields,
        statuses: Object.keys(responses),
      });
    }
  }
  return out.sort((a, b) => a.operationId.localeCompare(b.operationId));
}

/** `/room/{token}` with the values filled in (URL-encoded). */
export function concretePath(fixture: OperationFixture, values: Record<string, Json> = fixture.pathValues): string {
  return fixture.path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(String(values[name])));
}

/** A JSON value as PHP-style form/query pairs: `a=1`, `list[]=x`, `obj[k]=v`; booleans as `1`/`0`, null as ``. */
export function toFormPairs(values: Record<string, Json | undefined>): [string, string][] {
  const pairs: [string, string][] = [];
  const add = (key: string, value: Json | undefined): void => {
    if (value === undefined) return;
    if (Array.isArray(value)) value.forEach((v) => add(`${key}[]`, v));
    else if (isObject(value)) for (const [k, v] of Object.entries(value)) add(`${key}[${k}]`, v);
    else pairs.push([key, value === null ? '' : typeof value === 'boolean' ? (value ? '1' : '0') : String(value)]);
  };
  for (const [k, v] of Object.entries(values)) add(k, v);
  return pairs;
}

export function toQueryString(values: Record<string, Json | undefined>): string {
  return new URLSearchParams(toFormPairs(values)).toString();
}
