// Stage 0, for embedders (the dev server): what a server that serves more than the contract needs in front of
// and behind the contract's pipeline — its own routes (WebDAV, ...), pre-checks and answer rewrites — built from
// the server's own parts: the basic-auth decoder, the streaming body reader under the server's body limit and
// the OCS envelope. Operations keep going through route → authenticate → read → validate → call → answer.
import { parseAuthorization } from '../basic-auth.js';
import type { TalkCredentials } from '../basic-auth.js';
import { BodyTooLargeError, readRequestBody } from '../body-reader.js';
import { jsonResponse, ocsEnvelope } from '../ocs-envelope.js';
import { isPromiseLike } from './authenticate-request.js';

/**
 * The server's own request tools, for a `beforeRoute` hook.
 *
 * @example
 * ```ts
 * const beforeRoute: TalkBeforeRoute = async (request, tools) => {
 *   if (!request.url.includes('/remote.php/')) return null;
 *   const buffered = await tools.bufferBody(request);
 *   return buffered instanceof Response ? buffered : tools.ocsResponse(201, []);
 * };
 * ```
 */
export interface TalkRequestTools {
  /** The HTTP basic credentials of a request, decoded as the server decodes them (null: none, another scheme, or malformed). */
  credentialsOf(request: Request): TalkCredentials | null;
  /**
   * Reads the whole body of `request`, at most the server's `bodyLimit` bytes counted while it streams (chunked
   * bodies included), before anything is parsed: a new request holding the bytes (with its `Content-Length`), or
   * the server's own 413 (`body-too-large`) or 400 (`body`) answer.
   */
  bufferBody(request: Request): Promise<Request | Response>;
  /** An answer in the OCS envelope (`meta.message` defaults as in {@link ocsEnvelope}). */
  ocsResponse(status: number, data: unknown, options?: { message?: string; headers?: Record<string, string> }): Response;
}

/**
 * Runs before routing, for every request: answer it (a `Response`, e.g. a non-contract route), continue with
 * another request (a `Request`: a rewritten URL, a buffered body), or continue unchanged (null/undefined).
 *
 * @example
 * ```ts
 * const beforeRoute: TalkBeforeRoute = (request) => (new URL(request.url).pathname === '/status.php' ? new Response('{}') : null);
 * ```
 */
export type TalkBeforeRoute = (
  request: Request,
  tools: TalkRequestTools,
) => Request | Response | null | undefined | Promise<Request | Response | null | undefined>;

/**
 * Runs on every answer of the pipeline (not on answers `beforeRoute` gave): the answer to send instead.
 *
 * @example
 * ```ts
 * const afterRoute: TalkAfterRoute = (response) => (response.status === 501 ? new Response(null, { status: 404 }) : response);
 * ```
 */
export type TalkAfterRoute = (response: Response, request: Request) => Response | Promise<Response>;

/** A Fetch API handler. */
type Fetch = (request: Request, ...rest: never[]) => Response | Promise<Response>;

/**
 * The request tools of a server with body limit `bodyLimit`.
 *
 * @example
 * ```ts
 * const tools = requestTools(1024 * 1024);
 * tools.credentialsOf(new Request('http://x/', { headers: { authorization: 'Basic YTpi' } })); // { user: 'a', password: 'b' }
 * ```
 */
export function requestTools(bodyLimit: number): TalkRequestTools {
  return {
    credentialsOf(request) {
      const parsed = parseAuthorization(request.headers.get('authorization'));
      return parsed.kind === 'basic' ? parsed.credentials : null;
    },
    async bufferBody(request) {
      let bytes: Uint8Array;
      try {
        bytes = await readRequestBody(request, bodyLimit);
      } catch (error) {
        if (error instanceof BodyTooLargeError)
          return jsonResponse(413, JSON.stringify(ocsEnvelope(413, { error: 'body-too-large' })), { connection: 'close' });
        return jsonResponse(400, JSON.stringify(ocsEnvelope(400, { error: 'body', message: 'the request body could not be read' })));
      }
      const headers = new Headers(request.headers);
      headers.delete('transfer-encoding');
      headers.set('content-length', String(bytes.byteLength));
      return new Request(request.url, { method: request.method, headers, body: bytes as Uint8Array<ArrayBuffer>, signal: request.signal });
    },
    ocsResponse(status, data, options = {}) {
      return jsonResponse(status, JSON.stringify(ocsEnvelope(status, data, options.message)), options.headers);
    },
  };
}

/**
 * Stage 0: `beforeRoute`, then the pipeline (`next`), then `afterRoute` on its answer. Without hooks, `next` itself.
 *
 * @example
 * ```ts
 * app.fetch = createEmbedderStage({ beforeRoute, afterRoute, bodyLimit, next: app.fetch });
 * ```
 */
export function createEmbedderStage<F extends Fetch>(options: { beforeRoute?: TalkBeforeRoute; afterRoute?: TalkAfterRoute; bodyLimit: number; next: F }): F {
  const { beforeRoute, afterRoute, next } = options;
  if (!beforeRoute && !afterRoute) return next;
  const tools = requestTools(options.bodyLimit);
  // No await when the pipeline answers at once: one Promise and one microtask less per request.
  const routed = (request: Request, rest: never[]): Response | Promise<Response> => {
    const response = next(request, ...rest);
    if (!afterRoute) return response;
    return isPromiseLike(response) ? Promise.resolve(response).then((settled) => afterRoute(settled, request)) : afterRoute(response, request);
  };
  return (async (request: Request, ...rest: never[]): Promise<Response> => {
    if (!beforeRoute) return routed(request, rest);
    const before = await beforeRoute(request, tools);
    if (before instanceof Response) return before;
    return routed(before instanceof Request ? before : request, rest);
  }) as F;
}
