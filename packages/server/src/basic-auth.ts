/**
 * HTTP basic credentials of a request.
 *
 * @example
 * ```ts
 * const credentials: TalkCredentials = { user: 'alice', password: 'app-password' };
 * ```
 */
export interface TalkCredentials {
  user: string;
  password: string;
}

/** What the `Authorization` header says: nothing, basic credentials, or a malformed basic header. */
export type AuthorizationHeader = { kind: 'none' } | { kind: 'basic'; credentials: TalkCredentials } | { kind: 'malformed' };

/**
 * Read HTTP basic credentials from an `Authorization` header value (other schemes count as none).
 *
 * @example
 * ```ts
 * parseAuthorization('Basic YWxpY2U6c2VjcmV0'); // { kind: 'basic', credentials: { user: 'alice', password: 'secret' } }
 * ```
 */
export function parseAuthorization(header: string | null): AuthorizationHeader {
  if (header === null) return { kind: 'none' };
  const match = /^\s*basic\s+([A-Za-z0-9+/=_-]*)\s*$/i.exec(header);
  if (!match) return /^\s*basic\b/i.test(header) ? { kind: 'malformed' } : { kind: 'none' };
  const decoded = decodeBase64Utf8(match[1]);
  const colon = decoded.indexOf(':');
  if (colon < 0) return { kind: 'malformed' };
  return { kind: 'basic', credentials: { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) } };
}

const NON_ASCII = /[^\x00-\x7f]/;

/** Base64 (or base64url) to UTF-8 text; `atob` first because it is several times cheaper than `Buffer` for short ASCII. */
function decodeBase64Utf8(token: string): string {
  let binary: string;
  try {
    binary = atob(token);
  } catch {
    // base64url, misplaced padding or a stray length: Buffer's lenient decoder, as before
    return Buffer.from(token, 'base64').toString('utf8');
  }
  return NON_ASCII.test(binary) ? Buffer.from(binary, 'latin1').toString('utf8') : binary;
}
