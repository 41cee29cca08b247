import { API_VERSIONS, DEFAULT_BASE_PATH, type ApiVersion } from '../../load/api-versions.js';
import { resolveLocalRef } from '../../load/json-pointer.js';
import type { JsonObject } from '../../load/slice.js';
import { buildOperationModel, type OperationModel } from '../../model/index.js';
import type { GenerateContext } from '../emitter.js';
import { deprecatedFacadeName, facadeArea, facadeMethodName, headerKey } from './facade-names.js';

/** One row of the generated operation table (the runtime shape of `OperationInfo` in the client). */
export interface OperationRow {
  operationId: string;
  method: string;
  path: string;
  basePath: string;
  versions: ApiVersion[];
  area: string;
  name: string;
  /** The old facade name, kept as a deprecated alias of `name`. */
  deprecatedName?: string;
  pathParams: string[];
  queryParams: string[];
  body: boolean;
  /** Present when the request body is `multipart/form-data` (files are sent as parts). */
  multipart?: true;
  /** Present when the success answer is binary: its documented media types (`image/*`), the `Accept` sent. */
  binary?: string[];
  statuses: Record<string, string>;
  headers: Record<string, { key: string; type: string }>;
  capabilities: string[];
  anonymous: boolean;
  notModified?: 'array' | 'null';
}

const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

function deref(doc: JsonObject, node: unknown): unknown {
  let current = node;
  for (let i = 0; i < 20 && isObject(current) && typeof current.$ref === 'string'; i++) {
    current = resolveLocalRef(doc, current.$ref);
  }
  return current;
}

function schemaType(doc: JsonObject, schema: unknown): string {
  const s = deref(doc, schema);
  if (!isObject(s)) return 'string';
  const t = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  return typeof t === 'string' ? t : 'string';
}

/** Whether `data` in the success envelope of an operation is an array (what a 304 stands for). */
function successDataIsArray(doc: JsonObject, op: OperationModel): boolean {
  const ok = op.responses.find((r) => r.status.startsWith('2') && r.schema);
  const envelope = deref(doc, ok?.schema);
  const ocs = isObject(envelope) && isObject(envelope.properties) ? deref(doc, envelope.properties.ocs) : undefined;
  const data = isObject(ocs) && isObject(ocs.properties) ? deref(doc, ocs.properties.data) : undefined;
  return isObject(data) && (data.type === 'array' || (Array.isArray(data.type) && data.type.includes('array')));
}

function fixedBase(full: JsonObject, shortPath: string): boolean {
  const item = deref(full, isObject(full.paths) ? full.paths[shortPath] : undefined);
  return isObject(item) && typeof item['x-talk-base-path'] === 'string';
}

function rowOf(context: GenerateContext, version: ApiVersion, op: OperationModel): OperationRow {
  const slice = context.slices[version];
  const versionedBase = DEFAULT_BASE_PATH.replace('{apiVersion}', version);
  const basePath = op.basePath === versionedBase && !fixedBase(context.full, op.shortPath) ? DEFAULT_BASE_PATH : op.basePath;
  const pathParams = [...op.shortPath.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const headers: OperationRow['headers'] = {};
  for (const response of op.responses) {
    for (const header of response.headers) {
      headers[header.name] ??= { key: headerKey(header.name), type: schemaType(slice, header.schema) };
    }
  }
  const statuses: Record<string, string> = {};
  for (const r of op.responses) statuses[r.status] = r.description;
  const binary = [...new Set(op.responses.filter((r) => r.status.startsWith('2')).flatMap((r) => r.binaryMediaTypes ?? []))];
  return {
    operationId: op.operationId,
    method: op.method.toUpperCase(),
    path: op.shortPath,
    basePath,
    versions: [version],
    area: facadeArea(op.area),
    name: facadeMethodName(op.operationId),
    deprecatedName: deprecatedFacadeName(op.operationId),
    pathParams,
    queryParams: op.parameters.filter((p) => p.in === 'query').map((p) => p.name),
    body: op.requestBody !== undefined,
    multipart: op.requestBody?.contentType.startsWith('multipart/form-data') ? true : undefined,
    binary: binary.length > 0 ? binary : undefined,
    statuses,
    headers: Object.fromEntries(Object.entries(headers).sort(([a], [b]) => a.localeCompare(b))),
    capabilities: [...op.capabilities].sort(),
    anonymous: op.anonymous,
    notModified: statuses['304'] !== undefined ? (successDataIsArray(slice, op) ? 'array' : 'null') : undefined,
  };
}

/**
 * The operation table of every version, rows identical across versions merged (`versions` lists where a row
 * applies; `basePath` keeps `{apiVersion}` when the operation follows the conversation API version).
 * Sorted by operationId, then first version. Facade names that would collide in one group fall back to the
 * operationId.
 *
 * @example
 * ```ts
 * buildOperationTable(context).find((r) => r.operationId === 'getConversation')?.name; // 'get'
 * ```
 */
export function buildOperationTable(context: GenerateContext): OperationRow[] {
  const rows: OperationRow[] = [];
  const byKey = new Map<string, OperationRow>();
  for (const version of API_VERSIONS) {
    const model = buildOperationModel(context.slices[version], version);
    const names = new Map<string, number>();
    const versionRows = model.map((op) => rowOf(context, version, op));
    for (const row of versionRows) names.set(`${row.area}.${row.name}`, (names.get(`${row.area}.${row.name}`) ?? 0) + 1);
    for (const row of versionRows) {
      if ((names.get(`${row.area}.${row.name}`) ?? 0) > 1) row.name = row.operationId;
      const key = JSON.stringify({ ...row, versions: undefined });
      const existing = byKey.get(key);
      if (existing) existing.versions.push(version);
      else {
        byKey.set(key, row);
        rows.push(row);
      }
    }
  }
  return rows.sort((a, b) => a.operationId.localeCompare(b.operationId) || API_VERSIONS.indexOf(a.versions[0]!) - API_VERSIONS.indexOf(b.versions[0]!));
}
