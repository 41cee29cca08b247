import type { Client } from 'openapi-fetch';
import { TalkApiError, TalkResponseFormatError, type OcsMeta } from './errors.js';
import type { CallOptions } from './facade-types.js';
import type { OperationInfo } from './operation-info.js';
import { TIMEOUT_PROPERTY } from './transport.js';

/** The untyped result every facade call produces at run time. */
export interface RuntimeResult {
  data: unknown;
  meta?: OcsMeta;
  status: number;
  headers: Record<string, string | number>;
  notModified?: boolean;
}

/** A facade method at run time. */
export type RuntimeMethod = (...args: unknown[]) => Promise<RuntimeResult>;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function snippet(body: unknown): string {
  const text = typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function meaningOf(op: OperationInfo, status: number): string | undefined {
  const s = String(status);
  return op.statuses[s] ?? op.statuses[`${s[0]}XX`] ?? op.statuses.default;
}

function readHeaders(op: OperationInfo, response: Response): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const name in op.headers) {
    const value = response.headers.get(name);
    if (value === null) continue;
    const info = op.headers[name]!;
    if (info.type === 'integer' || info.type === 'number') {
      const n = Number(value);
      if (!Number.isNaN(n)) out[info.key] = n;
    } else out[info.key] = value;
  }
  return out;
}

/**
 * Call one operation through openapi-fetch and unwrap the OCS envelope.
 * `args` are the facade arguments: path parameters in path order, the input object, the call options.
 */
export async function invokeOperation(
  client: Client<Record<string, never>>,
  origin: string,
  op: OperationInfo,
  args: readonly unknown[],
): Promise<RuntimeResult> {
  const n = op.pathParams.length;
  const path: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) path[op.pathParams[i]!] = args[i];
  const input = args[n];
  const options = (args[n + 1] ?? {}) as CallOptions;
  let query: Record<string, unknown> | undefined;
  let body: Record<string, unknown> | undefined;
  if (isObject(input)) {
    for (const key in input) {
      if (input[key] === undefined) continue;
      if (!op.body || op.queryParams.includes(key)) (query ??= {})[key] = input[key];
      else (body ??= {})[key] = input[key];
    }
  }
  if (op.body && body === undefined) body = {};
  const init: Record<string, unknown> = {
    baseUrl: origin + op.basePath,
    params: { path, query },
    body,
    parseAs: 'text',
    signal: options.signal,
    headers: options.headers,
  };
  if (options.timeoutMs !== undefined) init[TIMEOUT_PROPERTY] = options.timeoutMs;
  const request = client.request as unknown as (
    method: string,
    url: string,
    init: Record<string, unknown>,
  ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
  const { data, error, response } = await request(op.method.toLowerCase(), op.path, init);
  const status = response.status;
  const contentType = response.headers.get('Content-Type') ?? '';
  const headers = readHeaders(op, response);

  if (status === 304 && op.notModified) {
    return { data: op.notModified === 'array' ? [] : null, status, headers, notModified: true };
  }
  if (!response.ok) {
    const ocs = isObject(error) && isObject(error.ocs) ? error.ocs : undefined;
    const meta = ocs && isObject(ocs.meta) ? (ocs.meta as unknown as OcsMeta) : undefined;
    throw new TalkApiError({
      status,
      operationId: op.operationId,
      meaning: meaningOf(op, status),
      meta,
      data: ocs?.data,
      contentType,
      bodySnippet: meta ? undefined : snippet(error),
    });
  }
  const fail = (reason: string): never => {
    throw new TalkResponseFormatError({ status, operationId: op.operationId, contentType, bodySnippet: snippet(data), reason });
  };
  if (typeof data !== 'string' || data === '') fail('empty body');
  if (!/[/+]json\b/i.test(contentType)) fail('not JSON');
  let parsed: unknown;
  try {
    parsed = JSON.parse(data as string);
  } catch (e) {
    fail(`invalid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!isObject(parsed) || !isObject(parsed.ocs) || !('data' in parsed.ocs)) fail('no ocs.data');
  const ocs = (parsed as { ocs: { meta: OcsMeta; data: unknown } }).ocs;
  const result: RuntimeResult = { data: ocs.data, meta: ocs.meta, status, headers };
  if (op.notModified) result.notModified = false;
  return result;
}

/** Build the facade groups (`conversations`, `chat`, `participants`, …) of a list of operations. */
export function buildFacade(
  client: Client<Record<string, never>>,
  origin: string,
  operations: readonly OperationInfo[],
): Record<string, Record<string, RuntimeMethod>> {
  const groups: Record<string, Record<string, RuntimeMethod>> = {};
  for (const op of operations) {
    (groups[op.area] ??= {})[op.name] = (...args: unknown[]) => invokeOperation(client, origin, op, args);
  }
  return groups;
}
