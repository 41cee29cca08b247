import { createFinalURL, defaultBodySerializer, defaultPathSerializer, mergeHeaders, type Client } from 'openapi-fetch';
import { withDeadline } from './call-deadline.js';
import { callUrl, querySerializer } from './call-url.js';
import { TalkApiError, TalkResponseFormatError, type OcsMeta } from './errors.js';
import type { CallOptions } from './facade-types.js';
import type { ApiVersion } from './operation-info.js';
import type { OperationRow } from './operation-rows.js';
import type { StatusDescriber } from './status-meaning.js';
import { CALL_STATE_PROPERTY, transportError, type CallState, type FetchFunction } from './transport.js';

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
  apiVersion: ApiVersion;
  /** The headers of every request (the client's `Accept`, `OCS-APIRequest`, auth and extra headers). */
  headers: Record<string, string>;
  /** The transport without the body guard: what a direct call sends its request with. */
  send: FetchFunction;
  /** Middleware registered with `talk.raw.use()`: while there is any, calls go through openapi-fetch. */
  middleware: ReadonlySet<unknown>;
  /** Explains an error status (`TalkApiError.meaning`); without it errors carry no meaning. */
  describeStatus?: StatusDescriber;
  /** Throws before sending when the operation cannot be called (a missing capability: `TalkCapabilityError`). */
  check?: (op: OperationRow) => void;
}

/** What openapi-fetch answers (and a direct call, alike): `data` for a success status, `error` for others. */
interface Exchange {
  data?: unknown;
  error?: unknown;
  response: Response;
}

type RequestFn = (url: string, init: Record<string, unknown>) => Promise<Exchange>;

/**
 * What one operation needs at call time, worked out once when the facade is built: the openapi-fetch method,
 * the full base URL, the request headers, which input keys go to the query, the headers to read.
 */
interface CallPlan {
  op: OperationRow;
  /** The openapi-fetch method of the operation (`client.GET`), for calls through openapi-fetch. */
  request: RequestFn;
  baseUrl: string;
  /**
   * The request headers without per-call ones, merged as openapi-fetch merges them: `Content-Type` of a JSON body,
   * the client's headers, the `Accept` of a binary answer (its documented media types first).
   */
  headers: Record<string, string>;
  /** Input keys sent as query parameters when the operation has a body (without a body, every key is). */
  queryKeys: ReadonlySet<string>;
  /** No query and no body: the call options may come right after the path parameters. */
  takesNoInput: boolean;
  /** Per-call headers of a call through openapi-fetch: the `Accept` of a binary answer. */
  binaryHeaders?: Record<string, string>;
  /** Documented response headers: name, key in `result.headers`, parsed as a number. */
  readHeaders: readonly (readonly [name: string, key: string, numeric: boolean])[];
}

/** openapi-fetch's body serializer: its declaration leaves out the headers it reads (a form-encoded `Content-Type`). */
const serializeBody = defaultBodySerializer as (body: unknown, headers: Headers | Record<string, string>) => BodyInit;

type Params = { path?: Record<string, unknown>; query?: Record<string, unknown> };
const NO_PARAMS: Params = Object.freeze({});

function callPlan(context: FacadeContext, op: OperationRow): CallPlan {
  const client = context.client as unknown as Record<string, RequestFn>;
  const binaryHeaders = op.binary ? { Accept: `${op.binary.join(', ')}, application/json;q=0.9` } : undefined;
  const contentType = op.body && !op.multipart ? { 'Content-Type': 'application/json' } : undefined;
  return {
    op,
    request:
      client[op.method.toUpperCase()] ??
      ((url, init) => (context.client.request as unknown as (m: string, u: string, i: unknown) => Promise<Exchange>)(op.method, url, init)),
    baseUrl: context.origin + op.basePath,
    headers: Object.fromEntries(mergeHeaders(contentType, context.headers, binaryHeaders)),
    queryKeys: new Set(op.queryParams),
    takesNoInput: op.queryParams.length === 0 && !op.body,
    binaryHeaders,
    readHeaders: Object.entries(op.headers).map(([name, info]) => [name, info.key, info.type === 'integer' || info.type === 'number'] as const),
  };
}

/**
 * One call without openapi-fetch's per-call work (no middleware to run): the request openapi-fetch would build
 * (its URL, query and body serializers; the headers merged ahead of time) sent through the transport, the body
 * read as openapi-fetch reads it, a failure while reading typed as the transport types it.
 */
async function directExchange(
  context: FacadeContext,
  plan: CallPlan,
  params: Params,
  body: unknown,
  options: CallOptions,
  signal: AbortSignal | undefined,
  state: CallState,
): Promise<Exchange> {
  const op = plan.op;
  const url = createFinalURL(op.path, { baseUrl: plan.baseUrl, params, querySerializer, pathSerializer: defaultPathSerializer });
  const headers = options.headers ? mergeHeaders(plan.headers, options.headers) : plan.headers;
  const request = new Request(url, {
    redirect: 'follow',
    method: op.method,
    headers,
    body: body === undefined ? undefined : serializeBody(body, headers),
    signal,
  });
  state.request = request;
  const response = await context.send(request);
  try {
    const length = response.headers.get('Content-Length');
    if (response.status === 204 || op.method === 'HEAD' || (length === '0' && !response.headers.get('Transfer-Encoding')?.includes('chunked'))) {
      return response.ok ? { data: undefined, response } : { error: undefined, response };
    }
    if (response.ok) return { data: op.binary ? await response.blob() : await response.text(), response };
    let error: unknown = await response.text();
    try {
      error = JSON.parse(error as string);
    } catch {}
    return { error, response };
  } catch (error) {
    throw transportError(request, error);
  }
}

function readHeaders(plan: CallPlan, response: Response): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, key, numeric] of plan.readHeaders) {
    const value = response.headers.get(name);
    if (value === null) continue;
    if (!numeric) out[key] = value;
    else {
      const n = Number(value);
      if (!Number.isNaN(n)) out[key] = n;
    }
  }
  return out;
}

/**
 * Call one operation (directly, or through openapi-fetch while there is middleware) and unwrap the OCS envelope.
 * `args` are the facade arguments: path parameters in path order, the input object, the call options.
 */
async function invokeOperation(context: FacadeContext, plan: CallPlan, args: readonly unknown[]): Promise<RuntimeResult> {
  const op = plan.op;
  context.check?.(op);
  const n = op.pathParams.length;
  // An operation without input takes the call options right after the path parameters (`get(token, { signal })`).
  const optionsFirst = plan.takesNoInput && args.length === n + 1;
  const input = optionsFirst ? undefined : args[n];
  const options = ((optionsFirst ? args[n] : args[n + 1]) ?? {}) as CallOptions;
  let path: Record<string, unknown> | undefined;
  if (n > 0) {
    path = {};
    for (let i = 0; i < n; i++) path[op.pathParams[i]!] = args[i];
  }
  let query: Record<string, unknown> | undefined;
  let body: Record<string, unknown> | undefined;
  if (isObject(input)) {
    for (const key in input) {
      const value = input[key];
      if (value === undefined) continue;
      if (!op.body || plan.queryKeys.has(key)) (query ??= {})[key] = value;
      else (body ??= {})[key] = value;
    }
  }
  if (op.body && body === undefined) body = {};
  const binary = op.binary !== undefined;
  const state: CallState = {};
  const params = path === undefined && query === undefined ? NO_PARAMS : { path, query };
  const url = () => callUrl(state, plan.baseUrl, op.path, params);
  const payload = op.multipart ? multipartBody(body ?? {}) : body;
  const exchange = (signal: AbortSignal | undefined): Promise<Exchange> => {
    if (context.middleware.size === 0) return directExchange(context, plan, params, payload, options, signal, state);
    return plan.request(op.path, {
      baseUrl: plan.baseUrl,
      params,
      body: payload,
      parseAs: binary ? 'blob' : 'text',
      headers: binary ? { ...plan.binaryHeaders, ...options.headers } : options.headers,
      signal,
      [CALL_STATE_PROPERTY]: state,
    });
  };
  const timeoutMs = options.timeoutMs ?? context.timeoutMs;
  const { data, error, response } = timeoutMs > 0 ? await withDeadline(exchange, timeoutMs, options.signal, url) : await exchange(options.signal);
  const status = response.status;
  const contentType = response.headers.get('Content-Type') ?? '';
  const headers = plan.readHeaders.length > 0 ? readHeaders(plan, response) : {};

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
      meaning: context.describeStatus?.(op.operationId, status, context.apiVersion),
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
  if (!JSON_TYPE.test(contentType)) fail('not JSON');
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

const JSON_TYPE = /[/+]json\b/i;

/** Build the facade groups (`conversations`, `chat`, `participants`, …) of a list of operations. */
export function buildFacade(context: FacadeContext, operations: readonly OperationRow[]): Record<string, Record<string, RuntimeMethod>> {
  const groups: Record<string, Record<string, RuntimeMethod>> = {};
  for (const op of operations) {
    const group = (groups[op.area] ??= {});
    const plan = callPlan(context, op);
    group[op.name] = (...args: unknown[]) => invokeOperation(context, plan, args);
    if (op.deprecatedName) group[op.deprecatedName] = group[op.name]!;
  }
  return groups;
}
