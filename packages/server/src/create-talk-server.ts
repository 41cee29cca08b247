import { Hono } from 'hono';
import type { Context } from 'hono';
import type { TalkCredentials } from './basic-auth.js';
import { compileContract, type CompiledOperation } from './compiled-contract.js';
import { TalkServerConfigError } from './errors.js';
import { contracts } from './generated/index.js';
import type { ApiVersion, TalkActor, TalkHandlers, TalkOperationHandler, TalkOperationId } from './handler-types.js';
import { ocsErrorResponse } from './ocs-envelope.js';
import { createAnswerStage, headAnswer } from './request-pipeline/answer-request.js';
import { createAuthenticationStage, isPromiseLike, type AuthenticateHook } from './request-pipeline/authenticate-request.js';
import { createHandlerStage, type AnyHandler } from './request-pipeline/call-handler.js';
import { bodyKindOf, readRequestInput, refuseDeclaredBody, type RequestBodyInput } from './request-pipeline/read-request-input.js';
import { createQueryRewrite, type TalkQueryReader, type TalkQueryReaders } from './request-pipeline/query-readers.js';
import { createEmbedderStage, type TalkAfterRoute, type TalkBeforeRoute } from './request-pipeline/embedder-stage.js';
import { createErrorReporter, type TalkErrorInfo } from './request-pipeline/report-error.js';
import { headerReader, type HeaderReader } from './request-pipeline/request-headers.js';
import { apiPrefixes, createRequestRouter } from './request-pipeline/route-request.js';
import { validateRequest } from './request-pipeline/validate-request.js';

export type { TalkErrorInfo } from './request-pipeline/report-error.js';

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
  /** Handlers by operationId, typed per operation; operations without one (here or in `operationHandlers`) answer 501. */
  handlers?: Partial<TalkHandlers<V, TActor>>;
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
  /** Told about handler errors, timeouts and off-contract answers (default: `console.error`). The client gets a 500 (504 on a timeout) either way. */
  onError?: (error: unknown, info: TalkErrorInfo) => void;
  /**
   * Longest time in ms a handler may take to settle; then the client gets 504 `{ error: 'handler-timeout' }`
   * and the handler's `signal` is aborted. Default: no limit.
   */
  handlerTimeoutMs?: number;
  /**
   * Answers requests that match no operation of the slice (before the 404 envelope, after routes added to the
   * app): return a `Response`, or null/undefined for the 404. A throwing fallback gives a reported 500.
   */
  fallback?: (request: Request) => Response | null | undefined | Promise<Response | null | undefined>;
  /**
   * Runs before routing, for every request (an embedder's own routes and pre-checks, such as a dev server's
   * WebDAV): return a `Response` to answer, a `Request` to continue with (a buffered body, a rewritten URL), or
   * null to continue. Its `tools` are the server's own: basic-auth decoding, the body reader under `bodyLimit`
   * (streamed and counted, chunked bodies included) and the OCS envelope.
   */
  beforeRoute?: TalkBeforeRoute;
  /** Rewrites every answer of the pipeline (not those of `beforeRoute`), e.g. into what the embedding server answers. */
  afterRoute?: TalkAfterRoute;
  /**
   * Handlers typed by what every operation shares (`TalkOperationHandler`: untyped parameters in, any status and
   * `data` out), for an embedder that answers many operations from one table (the dev server). Their answers are
   * checked against the contract at run time with `validateResponses`. An operation may have one handler in
   * `handlers` or here, not both.
   */
  operationHandlers?: Partial<Record<TalkOperationId<V>, TalkOperationHandler<V, TActor>>>;
  /**
   * Query values read the way the embedding server reads them, before validation, per operation and parameter:
   * a reader gets the raw string and returns the value to validate, or null to drop the parameter (the dev
   * server reads Talk's clamped values: `receiveMessages: { timeout: (v) => ... }`). Other operations and
   * parameters are read as they are sent.
   */
  queryReaders?: Partial<Record<TalkOperationId<V>, Readonly<Record<string, TalkQueryReader>>>>;
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

/** A stage's refusal (a `Response`) rather than its value. */
const isAnswer = (value: unknown): value is Response => value instanceof Response;

/** The options, checked once at start-up (never per request). */
function checkedOptions<V extends ApiVersion, TActor extends object>(options: TalkServerOptions<V, TActor>) {
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
  const handlerTimeoutMs = options.handlerTimeoutMs;
  if (handlerTimeoutMs !== undefined && (!Number.isSafeInteger(handlerTimeoutMs) || handlerTimeoutMs <= 0 || handlerTimeoutMs > 2 ** 31 - 1)) {
    throw new TalkServerConfigError(
      'invalid-option',
      'handlerTimeoutMs',
      'handlerTimeoutMs must be a positive integer number of milliseconds (at most 2147483647)',
    );
  }
  if (options.fallback !== undefined && typeof options.fallback !== 'function') {
    throw new TalkServerConfigError('invalid-option', 'fallback', 'fallback must be a function');
  }
  for (const hook of ['beforeRoute', 'afterRoute'] as const) {
    if (options[hook] !== undefined && typeof options[hook] !== 'function')
      throw new TalkServerConfigError('invalid-option', hook, `${hook} must be a function`);
  }
  const compiled = compileContract(contract);
  const handlers = new Map<string, AnyHandler>();
  const given = [...Object.entries(options.handlers ?? {}), ...Object.entries(options.operationHandlers ?? {})];
  for (const [operationId, handler] of given) {
    if (handler === undefined) continue;
    if (handlers.has(operationId)) {
      throw new TalkServerConfigError('invalid-option', operationId, `${operationId} has a handler in both handlers and operationHandlers`);
    }
    if (!compiled.operations.has(operationId)) {
      throw new TalkServerConfigError('unknown-operation', operationId, `API ${options.apiVersion} has no operation ${operationId}`);
    }
    if (typeof handler !== 'function') {
      throw new TalkServerConfigError('invalid-option', operationId, `the handler of ${operationId} is not a function`);
    }
    handlers.set(operationId, handler as AnyHandler);
  }
  for (const [operationId, fields] of Object.entries(options.queryReaders ?? {})) {
    if (!compiled.operations.has(operationId)) {
      throw new TalkServerConfigError('unknown-operation', operationId, `API ${options.apiVersion} has no operation ${operationId} (queryReaders)`);
    }
    for (const [name, read] of Object.entries(fields ?? {})) {
      if (typeof read !== 'function') {
        throw new TalkServerConfigError(
          'invalid-option',
          `queryReaders.${operationId}.${name}`,
          `the query reader of ${operationId} ${name} is not a function`,
        );
      }
    }
  }
  return { compiled, bodyLimit, handlerTimeoutMs, handlers, rewriteQuery: createQueryRewrite(options.queryReaders as TalkQueryReaders | undefined) };
}

/**
 * A Hono app serving one API version slice of the Talk contract. Routes are the slice's concrete paths
 * (most specific first; `HEAD` answered like `GET`). Each request goes through the stages route →
 * authenticate (401, 412 without `OCS-APIRequest: true`) → read input (413 over `bodyLimit`, counted while
 * streaming) → validate (parameters merged from query string, form body and JSON body, coerced and checked
 * against the contract: 400 naming each bad parameter) → call the handler (optionally under
 * `handlerTimeoutMs`: 504) → answer (the typed result wrapped in the OCS envelope; unsendable or, with
 * `validateResponses`, off-contract answers become a reported 500). Validators are compiled once per process and slice.
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
  const { compiled, bodyLimit, handlerTimeoutMs, handlers, rewriteQuery } = checkedOptions(options);
  const reporter = createErrorReporter(options.onError);
  const route = createRequestRouter(compiled.routes);
  const authenticate = createAuthenticationStage(options.authenticate as AuthenticateHook, reporter);
  const answer = createAnswerStage({ validateResponses: options.validateResponses === true, reporter });
  const callHandler = createHandlerStage({ handlers, handlerTimeoutMs, reporter, answer });

  // The request path stays synchronous while `authenticate` and the handler are, and the request has no body:
  // @hono/node-server then writes the answer at once instead of awaiting a Promise per request.

  const validateAndCall = (
    op: CompiledOperation,
    request: Request,
    params: Record<string, string>,
    header: HeaderReader,
    actor: unknown,
    body: RequestBodyInput | null,
  ): Response | Promise<Response> => {
    const input = validateRequest(op, params, request.url, header, body, rewriteQuery);
    return isAnswer(input) ? input : callHandler(op, input, actor, request);
  };

  /** After authentication: read the body if there is one the server reads, then validate and call. */
  const admitted = (op: CompiledOperation, c: Context, params: Record<string, string>, header: HeaderReader, actor: unknown): Response | Promise<Response> => {
    if (isAnswer(actor)) return actor;
    const request = c.req.raw;
    const contentType = header('content-type') ?? '';
    const kind = bodyKindOf(contentType);
    // Checking the content type first: touching `request.body` makes @hono/node-server build a full Request.
    if (kind && request.body) {
      return readRequestInput(request, kind, contentType, bodyLimit, op.checkRequest.fileFields).then((body) =>
        isAnswer(body) ? body : validateAndCall(op, request, params, header, actor, body),
      );
    }
    return validateAndCall(op, request, params, header, actor, null);
  };

  const handle = (op: CompiledOperation, c: Context, params: Record<string, string>): Response | Promise<Response> => {
    const request = c.req.raw;
    const header = headerReader(c);
    const refused = refuseDeclaredBody(request, header, bodyLimit);
    if (refused) return refused;
    const actor = authenticate(op, request, header);
    if (isPromiseLike(actor)) return Promise.resolve(actor).then((settled) => admitted(op, c, params, header, settled));
    return admitted(op, c, params, header, actor);
  };

  const app = new Hono();
  // One Hono route per path prefix (`/ocs/v2.php/apps/*`) and our own matcher behind it: Hono's routers either
  // cannot hold the contract's overlapping paths (RegExpRouter) or are slower (TrieRouter), and concrete segments must win.
  for (const prefix of apiPrefixes(compiled.routes)) {
    app.all(`${prefix}/*`, (c, next) => {
      const method = c.req.method;
      const found = route(method, c.req.url);
      if (found.kind === 'not-found') return next();
      if (found.kind === 'method-not-allowed') return ocsErrorResponse(405, { error: 'method-not-allowed' }, { allow: found.allow });
      const op = compiled.operations.get(found.operation.operationId) as CompiledOperation;
      // A rejection here (a bug, never a handler error: those are caught in the stages) reaches app.onError → 500.
      if (method === 'HEAD') return headAnswer(handle(op, c, found.params));
      return handle(op, c, found.params);
    });
  }
  const fallback = options.fallback;
  const notFound = (): Response => ocsErrorResponse(404, { error: 'not-found' });
  // Not a route handler, so that routes added to the app later still work.
  if (!fallback) app.notFound(notFound);
  else {
    app.notFound(async (c) => {
      try {
        return (await fallback(c.req.raw)) ?? notFound();
      } catch (error) {
        return reporter.internalError(error, '', c.req.raw, 'internal');
      }
    });
  }
  app.onError((error, c) => reporter.internalError(error, '', c.req.raw, 'internal'));
  app.fetch = createEmbedderStage({ beforeRoute: options.beforeRoute, afterRoute: options.afterRoute, bodyLimit, next: app.fetch });
  return app;
}
