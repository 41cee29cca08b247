import { concretePath, TINY_PNG, toFormPairs, toQueryString, type OperationFixture } from './contract-fixtures.js';
import { basic, type RawRequest } from './http-client.js';
import { PASSWORD, USER } from './stub-server.js';

export type Carrier = 'query' | 'json' | 'form';

/** A `multipart/form-data` body (as `fetch` would send for a `FormData`): text fields, then one file part per file field. */
export function multipartBody(
  fields: Array<[string, string]>,
  files: Record<string, { type: string; name: string; bytes: Buffer }>,
): { body: Buffer; contentType: string } {
  const boundary = '----talk-contract-test-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of fields) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const [name, file] of Object.entries(files)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The file parts of a fixture's valid multipart request: a tiny PNG (of the documented type) per file field. */
export function sampleFiles(f: OperationFixture): Record<string, { type: string; name: string; bytes: Buffer }> {
  return Object.fromEntries(Object.entries(f.fileFields).map(([name, type]) => [name, { type, name: 'avatar.png', bytes: TINY_PNG }]));
}

/**
 * The fixture's valid request with all its inputs (query parameters and body properties) carried the
 * given way: in the query string, as a JSON body or as a form body. Authenticated as alice.
 */
export function validRequest(f: OperationFixture, carrier: Carrier = 'json', extraHeaders: Record<string, string> = {}): RawRequest {
  const inputs = { ...f.queryValues, ...(f.body ?? {}) };
  const headers: Record<string, string> = { 'ocs-apirequest': 'true', authorization: basic(USER, PASSWORD), ...f.headerValues, ...extraHeaders };
  let path = concretePath(f);
  let body: string | Buffer | undefined;
  const bodyAllowed = f.method !== 'GET';
  const effective: Carrier = bodyAllowed ? carrier : 'query';
  if (bodyAllowed && Object.keys(f.fileFields).length > 0) {
    // An operation that takes a file: its inputs always travel as multipart (a file has no JSON or urlencoded form).
    const qs = toQueryString(f.queryValues);
    if (qs) path += `?${qs}`;
    const multipart = multipartBody(toFormPairs(f.body ?? {}), sampleFiles(f));
    body = multipart.body;
    headers['content-type'] = multipart.contentType;
  } else if (effective === 'query') {
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
