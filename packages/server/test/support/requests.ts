import { concretePath, toQueryString, type OperationFixture } from './contract-fixtures.js';
import { basic, type RawRequest } from './http-client.js';
import { PASSWORD, USER } from './stub-server.js';

export type Carrier = 'query' | 'json' | 'form';

/**
 * The fixture's valid request with all its inputs (query parameters and body properties) carried the
 * given way: in the query string, as a JSON body or as a form body. Authenticated as alice.
 */
export function validRequest(f: OperationFixture, carrier: Carrier = 'json', extraHeaders: Record<string, string> = {}): RawRequest {
  const inputs = { ...f.queryValues, ...(f.body ?? {}) };
  const headers: Record<string, string> = { 'ocs-apirequest': 'true', authorization: basic(USER, PASSWORD), ...f.headerValues, ...extraHeaders };
  let path = concretePath(f);
  let body: string | undefined;
  const bodyAllowed = f.method !== 'GET';
  const effective: Carrier = bodyAllowed ? carrier : 'query';
  if (effective === 'query') {
    const qs = toQueryString(inputs);
    if (qs) path += `?${qs}`;
  } else if (effective === 'json') {
    const qs = toQueryString(f.queryValues);
    if (qs) path += `?${qs}`;
    body = JSON.stringify(f.body ?? {});
    headers['content-type'] = 'application/json';
  } else {
    body = toQueryString(inputs);
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  return { method: f.method, path, headers, body };
}
