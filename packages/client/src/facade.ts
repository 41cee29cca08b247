import type { Client } from 'openapi-fetch';
import { withDeadline } from './call-deadline.js';
import { callUrl } from './call-url.js';
import { TalkApiError, TalkResponseFormatError, type OcsMeta } from './errors.js';
import type { CallOptions } from './facade-types.js';
import type { OperationInfo } from './operation-info.js';
import { CALL_STATE_PROPERTY, type CallState } from './transport.js';

/** The untyped result every facade call produces at run time. */
export interface RuntimeResult {
  data: unknown;
  meta?: OcsMeta;
  status: number;
  headers: Record<string, string | number>;
  notModified?: boolean;
  /** The answer's `Content-Type`: only for binary operations (`data` is then a `Blob`). */
  contentType?: string;
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

/** `Accept` of a binary operation: its documented media types, then JSON (what its error statuses answer). */
function binaryAccept(op: OperationInfo): string {
  return `${op.binary!.join(', ')}, application/json;q=0.9`;
}

/** Whether a `Content-Type` is one of the documented media ranges (`image/*` takes `image/png`). */
function matchesMediaRange(contentType: string, ranges: readonly string[]): boolean {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return ranges.some((range) => {
    const r = range.toLowerCase();
    return r === '*/*' || r === type || (r.endsWith('/*') && type.startsWith(r.slice(0, -1)));
  });
}

/**
 * The `FormData` of a multipart operation's body: `Blob`/`File` values become file parts (a `File` keeps its
 * name), arrays repeat `name[]`, other values are sent as text.
 */
function multipartBody(body: Record<string, unknown>): FormData {
  const form = new FormData();
  for (const key in body) {
    const value = body[key];
    if (value instanceof Blob) form.append(key, value, value instanceof File ? value.name : key);
    else if (Array.isArray(value)) for (const item of value) form.append(`${key}[]`, String(item));
    else form.append(key, String(value));
  }
  return form;
}

/** What every facade call shares: the openapi-fetch client, the server origin, the default timeout. */
export interface FacadeContext {
  client: Client<Record<string, never>>;
  origin: string;
  timeoutMs: number;
  /** Throws before sending when the operation cannot be called (a missing capability: `TalkCapabilityError`). */
  check?: (op: OperationInfo) => void;
}

type RequestFn = (method: string, url: string, init: Record<string, unknown>) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/**
 * Call one operation through openapi-fetch and unwrap the OCS envelope.
 * `args` are the facade arguments: path parameters in path order, the input object, the call options.
 */
export async function invokeOperation(context: FacadeContext, op: OperationInfo, args: readonly unknown[]): Promise<RuntimeResult> {
  context.check?.(op);
  const n = op.pathParams.length;
  const path: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) path[op.pathParams[i]!] = args[i];
  // An operation without input takes the call options right after the path parameters (`get(token, { signal })`).
  const optionsFirst = args.length === n + 1 && op.queryParams.length === 0 && !op.body;
  const input = optionsFirst ? undefined : args[n];
  const options = ((optionsFirst ? args[n] : args[n + 1]) ?? {}) as CallOptions;
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
  const binary = op.binary !== undefined;
  const state: CallState = {};
  const baseUrl = context.origin + op.basePath;
  const params = { path, query };
  const url = () => callUrl(state, baseUrl, op.path, params);
  const init: Record<string, unknown> = {
    baseUrl,
    params,
    body: op.multipart ? multipartBody(body ?? {}) : body,
    parseAs: binary ? 'blob' : 'text',
    headers: binary ? { Accept: binaryAccept(op), ...options.headers } : options.headers,
    signal: undefined,
    [CALL_STATE_PROPERTY]: state,
  };
  const request = context.client.request as unknown as RequestFn;
  const method = op.method.toLowerCase();
  const send = (signal: AbortSignal | undefined) => {
    init.signal = signal;
    return request(method, op.path, init);
  };
  const timeoutMs = options.timeoutMs ?? context.timeoutMs;
  const { data, error, response } = timeoutMs > 0 ? await withDeadline(send, timeoutMs, options.signal, url) : await send(options.signal);
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
      url: url(),
      meaning: meaningOf(op, status),
      meta,
      data: ocs?.data,
      contentType,
      bodySnippet: meta ? undefined : snippet(error),
    });
  }
  const fail = (reason: string): never => {
    throw new TalkResponseFormatError({ status, operationId: op.operationId, url: url(), contentType, bodySnippet: binary ? '' : snippet(data), reason });
  };
  if (binary) {
    if (!(data instanceof Blob)) fail('empty body');
    if (!matchesMediaRange(contentType, op.binary!)) fail(`not ${op.binary!.join(' or ')}`);
    return { data, status, headers, contentType };
  }
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
export function buildFacade(context: FacadeContext, operations: readonly OperationInfo[]): Record<string, Record<string, RuntimeMethod>> {
  const groups: Record<string, Record<string, RuntimeMethod>> = {};
  for (const op of operations) {
    const group = (groups[op.area] ??= {});
    group[op.name] = (...args: unknown[]) => invokeOperation(context, op, args);
    if (op.deprecatedName) group[op.deprecatedName] = group[op.name]!;
  }
  return groups;
}
