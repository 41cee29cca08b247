import type { ApiVersion } from '../load/api-versions.js';
import { resolveLocalRef } from '../load/json-pointer.js';
import type { Json, JsonObject } from '../load/slice.js';

/** HTTP methods in the order the generator lists them. */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** One parameter of an operation (path, query or header), `$ref`s resolved. */
export interface ParameterModel {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  description: string;
  schema: JsonObject;
}

/** One documented response status of an operation. */
export interface ResponseModel {
  /** `'200'`, `'304'`, `'4XX'`, `'default'`. */
  status: string;
  /** The documented meaning, e.g. "When the lobby is active and the user is not a moderator". */
  description: string;
  /** Schema of the `application/json` body (the whole OCS envelope), or undefined for empty answers. */
  schema?: JsonObject;
  /** The `application/json` example, if any. */
  example?: Json;
  /** Media types of a body that is not JSON (`image/*`, `application/octet-stream`): a binary answer. */
  binaryMediaTypes?: string[];
  /** The documented response headers with their schema and whether the answer must carry them, by name. */
  headers: ResponseHeaderModel[];
}

/** One documented response header. */
export interface ResponseHeaderModel {
  name: string;
  required: boolean;
  schema: JsonObject;
}

/** Everything the emitters need to know about one operation in one API version. */
export interface OperationModel {
  operationId: string;
  method: HttpMethod;
  /** Concrete path in this version: `/ocs/v2.php/apps/spreed/api/v4/room/{token}`. */
  path: string;
  /** Path below the API base: `/room/{token}`. */
  shortPath: string;
  /** The API base of this operation in this version: `/ocs/v2.php/apps/spreed/api/v4`. */
  basePath: string;
  /** First tag: `conversation`, `chat` or `participant`. */
  area: string;
  summary: string;
  description: string;
  /** Whether guests may call it without credentials (`security` contains `{}`). */
  anonymous: boolean;
  /** Capabilities the operation requires (`x-talk-capability`). */
  capabilities: string[];
  deprecated: boolean;
  parameters: ParameterModel[];
  requestBody?: { required: boolean; contentType: string; schema: JsonObject };
  responses: ResponseModel[];
}

const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);
const BASE_PATH = /^\/ocs\/v[12]\.php\/apps\/[^/]+\/api\/v\d+/;

/** Split a concrete slice path into its API base and the path below it. */
export function splitPath(path: string): { basePath: string; shortPath: string } {
  const match = BASE_PATH.exec(path);
  if (!match) return { basePath: '', shortPath: path };
  return { basePath: match[0], shortPath: path.slice(match[0].length) || '/' };
}

function deref<T = JsonObject>(doc: JsonObject, node: unknown): T | undefined {
  let current = node;
  for (let i = 0; i < 20 && isObject(current) && typeof current.$ref === 'string'; i++) {
    current = resolveLocalRef(doc, current.$ref);
  }
  return current as T | undefined;
}

function capabilitiesOf(node: JsonObject): string[] {
  const value = node['x-talk-capability'];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/**
 * The operations of one version slice, sorted by operationId. Parameters, responses and headers are
 * resolved one level (schemas keep their `$ref`s into `#/components/schemas`).
 *
 * @example
 * ```ts
 * const ops = buildOperationModel(slices.v4, 'v4');
 * ops.find((o) => o.operationId === 'getConversation')?.path; // '/ocs/v2.php/apps/spreed/api/v4/room/{token}'
 * ```
 */
export function buildOperationModel(slice: JsonObject, _version: ApiVersion): OperationModel[] {
  const operations: OperationModel[] = [];
  const globalSecurity = Array.isArray(slice.security) ? slice.security : [];
  for (const [path, rawItem] of Object.entries(isObject(slice.paths) ? slice.paths : {})) {
    const item = deref(slice, rawItem);
    if (!isObject(item)) continue;
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObject(op) || typeof op.operationId !== 'string') continue;
      const byKey = new Map<string, ParameterModel>();
      for (const raw of [...shared, ...(Array.isArray(op.parameters) ? op.parameters : [])]) {
        const p = deref(slice, raw);
        if (!isObject(p) || typeof p.name !== 'string') continue;
        byKey.set(`${String(p.in)}:${p.name}`, {
          name: p.name,
          in: p.in as ParameterModel['in'],
          required: p.required === true,
          description: typeof p.description === 'string' ? p.description : '',
          schema: isObject(p.schema) ? p.schema : {},
        });
      }
      let requestBody: OperationModel['requestBody'];
      const body = deref(slice, op.requestBody);
      if (isObject(body) && isObject(body.content)) {
        const [contentType, media] = Object.entries(body.content)[0] ?? [];
        if (contentType && isObject(media)) {
          requestBody = { required: body.required === true, contentType, schema: isObject(media.schema) ? media.schema : {} };
        }
      }
      const responses: ResponseModel[] = [];
      for (const [status, rawResponse] of Object.entries(isObject(op.responses) ? op.responses : {})) {
        const r = deref(slice, rawResponse);
        if (!isObject(r)) continue;
        const media = isObject(r.content) ? r.content['application/json'] : undefined;
        const binary = isObject(r.content) && !media ? Object.keys(r.content).filter((type) => !/[/+]json\b/i.test(type) && !/[/+]xml\b/i.test(type)) : [];
        responses.push({
          status,
          description: typeof r.description === 'string' ? r.description : '',
          schema: isObject(media) && isObject(media.schema) ? media.schema : undefined,
          example: isObject(media) ? media.example : undefined,
          ...(binary.length > 0 ? { binaryMediaTypes: binary } : {}),
          headers: Object.entries(isObject(r.headers) ? r.headers : {})
            .sort(([a], [b]) => a.localeCompare(b))
            .flatMap(([name, raw]) => {
              const header = deref(slice, raw);
              if (!isObject(header)) return [];
              const schema = deref(slice, header.schema);
              return [{ name, required: header.required === true, schema: isObject(schema) ? schema : {} }];
            }),
        });
      }
      responses.sort((a, b) => a.status.localeCompare(b.status));
      const security = Array.isArray(op.security) ? op.security : globalSecurity;
      const { basePath, shortPath } = splitPath(path);
      operations.push({
        operationId: op.operationId,
        method,
        path,
        shortPath,
        basePath,
        area: Array.isArray(op.tags) && typeof op.tags[0] === 'string' ? op.tags[0] : 'default',
        summary: typeof op.summary === 'string' ? op.summary : '',
        description: typeof op.description === 'string' ? op.description : '',
        anonymous: security.length === 0 || security.some((req) => isObject(req) && Object.keys(req).length === 0),
        capabilities: capabilitiesOf(op),
        deprecated: op.deprecated === true,
        parameters: [...byKey.values()].sort((a, b) => (a.in + a.name).localeCompare(b.in + b.name)),
        requestBody,
        responses,
      });
    }
  }
  return operations.sort((a, b) => a.operationId.localeCompare(b.operationId));
}
