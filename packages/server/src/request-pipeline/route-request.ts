import { compileContract } from '../compiled-contract.js';
import { contracts } from '../generated/index.js';
import type { ApiVersion, TalkOperationId } from '../handler-types.js';
import { createRouteMatcher, type RouteEntry, type RouteMatch } from '../route-table.js';

/** The raw (percent-encoded) path of an absolute request URL. */
export function requestPathOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  const query = url.indexOf('?', start);
  return url.slice(start, query < 0 ? undefined : query);
}

/** The query string of a request URL without its `?` (empty when there is none). */
export function queryStringOf(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? '' : url.slice(q + 1);
}

/** The path prefixes the routes live under (`/ocs/v2.php/apps/spreed`): one Hono route each. */
export function apiPrefixes(routes: readonly RouteEntry[]): string[] {
  return [...new Set(routes.map((r) => r.path.split('/').slice(0, 4).join('/')))].sort();
}

/**
 * Stage 1, route: the operation a request is for (`HEAD` as `GET`), a 405 with the allowed methods, or
 * nothing. Concrete path segments win over parameters.
 *
 * @example
 * ```ts
 * const route = createRequestRouter(compileContract(contracts.v4).routes);
 * route('GET', 'http://127.0.0.1/ocs/v2.php/apps/spreed/api/v1/chat/abc123xy?limit=5'); // { kind: 'operation', ... }
 * ```
 */
export function createRequestRouter(routes: readonly RouteEntry[]): (method: string, url: string) => RouteMatch {
  const match = createRouteMatcher(routes);
  return (method, url) => match(method, requestPathOf(url));
}

/**
 * Which Talk operation a request is for, as the server routes it.
 *
 * @example
 * ```ts
 * const match = matchTalkOperation('v4', 'POST', 'http://localhost/ocs/v2.php/apps/spreed/api/v1/chat/abc123xy');
 * if (match.kind === 'operation' && match.operationId === 'sendMessage') console.log(match.params.token); // abc123xy
 * ```
 */
export type TalkRouteMatch<V extends ApiVersion> =
  | { kind: 'operation'; operationId: TalkOperationId<V>; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: string }
  | { kind: 'not-found' };

/**
 * A router for one API version slice, for code around the server (a dev server's own rules for one operation,
 * a proxy): the same matching as `createTalkServer`, so there is no second copy of a path pattern.
 *
 * @example
 * ```ts
 * const route = createTalkRouter('v4');
 * route('GET', request.url); // { kind: 'operation', operationId: 'receiveMessages', params: { token: 'abc123xy' } }
 * ```
 */
export function createTalkRouter<V extends ApiVersion>(apiVersion: V): (method: string, url: string) => TalkRouteMatch<V> {
  const route = createRequestRouter(compileContract(contracts[apiVersion]).routes);
  return (method, url) => {
    const found = route(method, url);
    return found.kind === 'operation' ? { kind: 'operation', operationId: found.operation.operationId as TalkOperationId<V>, params: found.params } : found;
  };
}
