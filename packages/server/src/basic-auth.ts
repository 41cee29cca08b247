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
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return { kind: 'malformed' };
  return { kind: 'basic', credentials: { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) } };
}
