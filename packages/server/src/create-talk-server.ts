import { Hono } from 'hono';
import type { Context } from 'hono';
import { parseAuthorization, type TalkCredentials } from './basic-auth.js';
import { BodyTooLargeError, readBodyBytes } from './body-reader.js';
import { compileContract, type CompiledOperation } from './compiled-contract.js';
import { TalkResponseError, TalkServerConfigError, type TalkResponseErrorCode } from './errors.js';
import { parseFormParameterMap, type FormValue } from './form-parameters.js';
import { contracts } from './generated/index.js';
import type { ApiVersion, TalkActor, TalkAnonymousActor, TalkHandlers, TalkOperationId } from './handler-types.js';
import { jsonResponse, ocsEnvelope, ocsResponse } from './ocs-envelope.js';
import { MultipartFormError, parseMultipartForm } from './multipart-form.js';
import type { InputCheck } from './request-validation.js';
import { createRouteMatcher } from './route-table.js';
import { parseRequestJson } from './safe-json.js';

/**
 * What `authenticate` gets for every routed request.
 *
 * @example
 * ```ts
 * const authenticate = ({ credentials, request }: TalkAuthenticateInput<'v4'>) =>
 *   credentials ? users.check(credentials.user, credentials.password) : guests.fromCookie(request.headers.get('cookie'));
 * ```
 */
export interface TalkAuthenticateInput<V extends ApiVersion> {
  /** HTTP basic credentials, or null when the request has none. */
  credentials: TalkCredentials | null;
  request: Request;
  operationId: TalkOperationId<V>;
}

/**
 * What went wrong when `onError` is called.
 *
 * @example
 * ```ts
 * const onError = (error: unknown, info: TalkErrorInfo) => console.error(`${info.kind} error in ${info.operationId}`, error);
 * ```
 */
export interface TalkErrorInfo {
  operationId: string;
  request: Request;
  /** `handler`: it threw; `response`: its answer is off-contract; `authenticate`: the hook threw; `internal`: anything else. */
  kind: 'handler' | 'response' | 'authenticate' | 'internal';
}

/**
 * Options of {@link createTalkServer}.
 *
 * @example
 * ```ts
 * const options: TalkServerOptions<'v4'> = {
 *   apiVersion: 'v4',
 *   authenticate: ({ credentials }) => (credentials ? { type: 'users', id: credentials.user } : null),
 *   handlers: { addConversationToFavorites: () => ({ status: 200, data: [] }) },
 *   validateResponses: true,
 * };
 * ```
 */
export interface TalkServerOptions<V extends ApiVersion, TActor extends object = TalkActor> {
  /** The API version slice to serve (`'v4'`: conversations on api/v4, chat on api/v1). */
  apiVersion: V;
  /** Handlers by operationId; operations without one answer 501. */
  handlers: Partial<TalkHandlers<V, TActor>>;
  /**
   * Who is calling. Called for every routed request. Returning null with credentials → 401; returning null
   * without credentials → 401, or `{ type: 'anonymous' }` for operations that allow anonymous access.
   * Recognise guests here from a cookie or header of `request`.
   */
  authenticate: (input: TalkAuthenticateInput<V>) => TActor | null | Promise<TActor | null>;
  /** Check every answer against the documented status and schema; an off-contract answer becomes a 500. Default false. */
  validateResponses?: boolean;
  /** Largest accepted request body in bytes (default 1 MiB); larger → 413. */
  bodyLimit?: number;
  /** Told about handler errors and off-contract answers (default: `console.error`). The client gets a 500 either way. */
  onError?: (error: unknown, info: TalkErrorInfo) => void;
}

/**
 * Default {@link TalkServerOptions.bodyLimit}: 1 MiB.
 *
 * @example
 * ```ts
 * createTalkServer({ apiVersion: 'v4', authenticate, handlers, bodyLimit: 4 * DEFAULT_BODY_LIMIT });
 * ```
 */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

const ANONYMOUS: TalkAnonymousActor = Object.freeze({ type: 'anonymous' });
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;
const FORM_TYPE = /^application\/x-www-form-urlencoded\b/i;
const MULTIPART_TYPE = /^multipart\/form-data\b/i;
const NO_BODY_STATUS = new Set([204, 205, 304]);

type AnyHandler = (input: object) => unknown;
type ProblemData = Record<string, unknown>;

const failure = (status: number, data: ProblemData, headers?: Record<string, string>): Response =>
  ocsResponse(status, data, undefined, headers);

type NodeHeaders = Record<string, string | string[] | undefined>;

/**
 * A header reader for one request. On Node (@hono/node-server) it reads the IncomingMessage's header object
 * directly, which is much cheaper than the Fetch API `Headers` wrapper; elsewhere it uses `request.headers`.
 */
type HeaderReader = (name: string) => string | null;

function headerReader(c: Context): HeaderReader {
  const incoming = (c.env as { incoming?: { headers?: NodeHeaders } } | undefined)?.incoming;
  const headers = incoming?.headers;
  if (!headers || typeof headers !== 'object') {
    const fetchHeaders = c.req.raw.headers;
    return (name) => fetchHeaders.get(name);
  }
  return (name) => {
    const value = Object.hasOwn(headers, name) ? headers[name] : undefined;
    if (typeof value === 'string') return value; // Node has already trimmed it
    return Array.isArray(value) ? value.join(', ') : null;
  };
}

/** A handler's `headers` as strings (numbers written in decimal), or null when it is not an object of strings and finite numbers. */
function headerStrings(headers: unknown): Record<string, string> | null {
  if (headers === null || typeof headers !== 'object' || Array.isArray(headers)) return null;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === 'string') out[name] = value;
    else if (typeof value === 'number' && Number.isFinite(value)) out[name] = String(value);
    else return null;
  }
  return out;
}

/** What a handler is called with (see `TalkHandlerInput`): one class, so every call has the same shape. */
class HandlerCall {
  readonly params: Record<string, unknown>;
  readonly query: Record<string, unknown>;
  readonly body: Record<string, unknown> | undefined;
  constructor(
    readonly operationId: string,
    input: { params: Record<string, unknown>; query: Record<string, unknown>; body: Record<string, unknown> | undefined },
    readonly actor: unknown,
    readonly request: Request,
  ) {
    this.params = input.params;
    this.query = input.query;
    this.body = input.body;
  }

  /** Lazy: creating the AbortSignal costs @hono/node-server an AbortController per request. */
  get signal(): AbortSignal {
    return this.request.signal;
  }
}

const isPromiseLike = (value: unknown): value is PromiseLike<unknown> =>
  value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function';

/**
 * A Hono app serving one API version slice of the Talk contract. Routes are the slice's concrete paths
 * (most specific first). Each request is checked like Nextcloud does (401, 412 without
 * `OCS-APIRequest: true`, 413 over `bodyLimit`), its parameters are merged from query string, form body
 * (urlencoded or multipart) and JSON body, coerced and validated against the contract (400 naming each bad
 * parameter), and the handler's typed answer is wrapped in the OCS envelope. Validators are compiled once per process and slice.
 *
 * @example
 * ```ts
 * const app = createTalkServer({
 *   apiVersion: 'v4',
 *   authenticate: ({ credentials }) => (credentials?.password === 'secret' ? { type: 'users', id: credentials.user } : null),
 *   handlers: {
 *     addConversationToFavorites: ({ params }) => ({ status: 200, data: [] }),
 *   },
 * });
 * const server = await serveTalk(app, { port: 0 });
 * ```
 */
export function createTalkServer<V extends ApiVersion, TActor extends object = TalkActor>(options: TalkServerOptions<V, TActor>): Hono {
  const contract = (contracts as Record<string, (typeof contracts)[ApiVersion] | undefined>)[options.apiVersion];
  if (!contract || !Object.hasOwn(contracts, options.apiVersion)) {
    throw new TalkServerConfigError('unknown-api-version', String(options.apiVersion), `unknown API version ${String(options.apiVersion)}`);
  }
  if (typeof options.authenticate !== 'function') {
    throw new TalkServerConfigError('invalid-option', 'authenticate', 'authenticate must be a function');
  }
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  if (!Number.isSafeInteger(bodyLimit) || bodyLimit < 0) {
    throw new TalkServerConfigError('invalid-option', 'bodyLimit', 'bodyLimit must be a non-negative integer number of bytes');
  }
  const compiled = compileContract(contract);
  const handlers = new Map<string, AnyHandler>();
  for (const [operationId, handler] of Object.entries(options.handlers ?? {})) {
    if (handler === undefined) continue;
    if (!compiled.operations.has(operationId)) {
      throw new TalkServerConfigError('unknown-operation', operationId, `API ${options.apiVersion} has no operation ${operationId}`);
    }
    if (typeof handler !== 'function') {
      throw new TalkServerConfigError('invalid-option', operationId, `the handler of ${operationId} is not a function`);
    }
    handlers.set(operationId, handler as AnyHandler);
  }
  const validateResponses = options.validateResponses === true;
  const report = options.onError ?? ((error: unknown, info: TalkErrorInfo) => console.error(`[talk-server] ${info.kind} error in ${info.operationId}:`, error));
  const authenticate = options.authenticate as (input: { credentials: TalkCredentials | null; request: Request; operationId: string }) => unknown;

  const safeReport = (error: unknown, info: TalkErrorInfo): void => {
    try {
      report(error, info);
    } catch {
      // a failing logger must not take the answer down
    }
  };

  /** Report `error` and answer 500 (the client learns nothing more). */
  const internalError = (error: unknown, operationId: string, request: Request, kind: TalkErrorInfo['kind']): Response => {
    safeReport(error, { operationId, request, kind });
    return failure(500, { error: 'internal' });
  };

  /** A handler's answer is off-contract: report it, answer 500. */
  const offContract = (request: Request, operationId: string, status: number, code: TalkResponseErrorCode, issues: string[]): Response =>
    internalError(new TalkResponseError(code, operationId, status, issues), operationId, request, 'response');

  const respond = (op: CompiledOperation, result: unknown, request: Request): Response => {
    const operationId = op.descriptor.operationId;
    if (result === null || typeof result !== 'object' || !Number.isInteger((result as { status?: unknown }).status)) {
      return offContract(request, operationId, NaN, 'invalid-result', ['the handler did not return { status, data }']);
    }
    const { status, data, headers, message } = result as { status: number; data?: unknown; headers?: unknown; message?: unknown };
    if (status < 200 || status > 599) return offContract(request, operationId, status, 'invalid-result', ['status must be 200-599']);
    const outgoing = headers === undefined ? undefined : headerStrings(headers);
    if (outgoing === null) return offContract(request, operationId, status, 'invalid-result', ['headers must be an object of strings and finite numbers']);
    if (message !== undefined && typeof message !== 'string') {
      return offContract(request, operationId, status, 'invalid-result', ['message must be a string']);
    }
    const documented = op.documentedResponse(status);
    const hasBody = !NO_BODY_STATUS.has(status) && documented?.schema !== null;
    const envelope = hasBody ? ocsEnvelope(status, data === undefined ? [] : data, message) : null;
    if (validateResponses) {
      if (!documented) return offContract(request, operationId, status, 'undocumented-status', [`documented: ${op.descriptor.responses.map((r) => r.status).join(', ')}`]);
      if (!hasBody && data !== undefined) return offContract(request, operationId, status, 'invalid-data', ['this status has no body']);
      const validate = op.responseValidator(documented);
      if (validate && !validate(envelope)) {
        return offContract(request, operationId, status, 'invalid-data', (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`));
      }
      const headerIssues = op.responseHeaderIssues(documented, outgoing ?? {});
      if (headerIssues.length > 0) return offContract(request, operationId, status, 'invalid-headers', headerIssues);
    }
    try {
      return jsonResponse(status, envelope === null ? null : JSON.stringify(envelope), outgoing);
    } catch (error) {
      return internalError(error, operationId, request, 'response');
    }
  };

  const unauthorized = (challenge: boolean): Response =>
    failure(401, { error: 'unauthorized' }, challenge ? { 'www-authenticate': 'Basic realm="Nextcloud"' } : undefined);
  const bodyProblem = (message: string): Response => failure(400, { error: 'validation', errors: [{ parameter: '', in: 'body', message }] });

  // The request path stays synchronous while `authenticate` and the handler are, and the request has no body:
  // @hono/node-server then writes the answer at once instead of awaiting a Promise per request.

  /** Validate the merged parameters, call the handler and wrap its answer. */
  const dispatch = (op: CompiledOperation, c: Context, params: Record<string, string>, actor: unknown, header: HeaderReader, json: Record<string, unknown> | null, form: Map<string, FormValue> | null): Response | Promise<Response> => {
    const request = c.req.raw;
    const operationId = op.descriptor.operationId;
    const url = request.url;
    const q = url.indexOf('?');
    const queryString = q < 0 ? '' : url.slice(q + 1);
    let checked: InputCheck;
    if (json === null && form === null) checked = op.checkRequest.fromQueryString(params, queryString, header);
    else {
      const strings = parseFormParameterMap(queryString);
      if (form) for (const [key, value] of form) strings.set(key, value);
      checked = op.checkRequest({ path: params, strings, json, header });
    }
    if (!checked.ok) return failure(400, { error: 'validation', errors: checked.issues });

    const handler = handlers.get(operationId);
    if (!handler) return failure(501, { error: 'not-implemented', operationId });
    let result: unknown;
    try {
      result = handler(new HandlerCall(operationId, checked.input, actor, request));
    } catch (error) {
      return internalError(error, operationId, request, 'handler');
    }
    if (isPromiseLike(result)) {
      return Promise.resolve(result).then(
        (settled) => respond(op, settled, request),
        (error: unknown) => internalError(error, operationId, request, 'handler'),
      );
    }
    return respond(op, result, request);
  };

  /** Read and parse a JSON, urlencoded or multipart form body (at most `bodyLimit` bytes), then dispatch. */
  const withBody = async (op: CompiledOperation, c: Context, params: Record<string, string>, actor: unknown, header: HeaderReader, kind: 'json' | 'form' | 'multipart', contentType: string): Promise<Response> => {
    let bytes: Uint8Array;
    try {
      bytes = await readBodyBytes(c.req.raw, bodyLimit);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return failure(413, { error: 'body-too-large' }, { connection: 'close' });
      return bodyProblem('the request body could not be read');
    }
    if (kind === 'multipart') {
      let form: Map<string, FormValue>;
      try {
        form = await parseMultipartForm(bytes, contentType);
      } catch (error) {
        if (!(error instanceof MultipartFormError)) throw error;
        return failure(400, { error: 'validation', errors: [{ parameter: error.parameter, in: 'body', message: error.message }] });
      }
      return dispatch(op, c, params, actor, header, null, form);
    }
    const text = new TextDecoder().decode(bytes);
    if (kind === 'form') return dispatch(op, c, params, actor, header, null, parseFormParameterMap(text));
    if (text.trim() === '') return dispatch(op, c, params, actor, header, null, null);
    let parsed: unknown;
    try {
      parsed = parseRequestJson(text);
    } catch {
      return bodyProblem('is not valid JSON');
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return bodyProblem('must be a JSON object');
    return dispatch(op, c, params, actor, header, parsed as Record<string, unknown>, null);
  };

  /** After `authenticate`: the actor rules, the CSRF header, then the body. */
  const authenticated = (op: CompiledOperation, c: Context, params: Record<string, string>, header: HeaderReader, credentials: TalkCredentials | null, actor: unknown): Response | Promise<Response> => {
    if (actor === null || actor === undefined) {
      if (credentials || !op.descriptor.anonymous) return unauthorized(credentials !== null);
      actor = ANONYMOUS;
    }
    if (header('ocs-apirequest') !== 'true') return failure(412, { message: 'CSRF check failed' });
    const contentType = header('content-type') ?? '';
    const kind = contentType === '' ? null : JSON_TYPE.test(contentType) ? 'json' : FORM_TYPE.test(contentType) ? 'form' : MULTIPART_TYPE.test(contentType) ? 'multipart' : null;
    // Checking the content type first: touching `request.body` makes @hono/node-server build a full Request.
    if (kind && c.req.raw.body) return withBody(op, c, params, actor, header, kind, contentType);
    return dispatch(op, c, params, actor, header, null, null);
  };

  const handle = (op: CompiledOperation, c: Context, params: Record<string, string>): Response | Promise<Response> => {
    const request = c.req.raw;
    const operationId = op.descriptor.operationId;
    const header = headerReader(c);
    const declared = header('content-length');
    if (declared !== null && Number(declared) > bodyLimit) return failure(413, { error: 'body-too-large' }, { connection: 'close' });

    const authorization = parseAuthorization(header('authorization'));
    if (authorization.kind === 'malformed') return unauthorized(true);
    const credentials = authorization.kind === 'basic' ? authorization.credentials : null;
    let actor: unknown;
    try {
      actor = authenticate({ credentials, request, operationId });
    } catch (error) {
      return internalError(error, operationId, request, 'authenticate');
    }
    if (isPromiseLike(actor)) {
      return Promise.resolve(actor).then(
        (settled) => authenticated(op, c, params, header, credentials, settled),
        (error: unknown) => internalError(error, operationId, request, 'authenticate'),
      );
    }
    return authenticated(op, c, params, header, credentials, actor);
  };

  const app = new Hono();
  // One Hono route per path prefix (`/ocs/v2.php/apps/*`) and our own matcher behind it: Hono's routers either
  // cannot hold the contract's overlapping paths (RegExpRouter) or are slower (TrieRouter), and concrete segments must win.
  const match = createRouteMatcher(compiled.routes);
  const prefixes = [...new Set(compiled.routes.map((r) => r.path.split('/').slice(0, 4).join('/')))].sort();
  for (const prefix of prefixes) {
    app.all(`${prefix}/*`, (c, next) => {
      const url = c.req.url;
      const start = url.indexOf('/', url.indexOf('//') + 2);
      const query = url.indexOf('?', start);
      const found = match(c.req.method, url.slice(start, query < 0 ? undefined : query));
      if (found.kind === 'not-found') return next();
      if (found.kind === 'method-not-allowed') return failure(405, { error: 'method-not-allowed' }, { allow: found.allow });
      const op = compiled.operations.get(found.operation.operationId) as CompiledOperation;
      // A rejection here (a bug, never a handler error: those are caught in handle) reaches app.onError → 500.
      return handle(op, c, found.params);
    });
  }
  // Not a route handler, so that routes added to the app later still work.
  app.notFound(() => failure(404, { error: 'not-found' }));
  app.onError((error, c) => {
    safeReport(error, { operationId: '', request: c.req.raw, kind: 'internal' });
    return failure(500, { error: 'internal' });
  });
  return app;
}
