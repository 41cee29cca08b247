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

/** Standard base64 alphabet value per char code (-1: not in it). */
const BASE64_VALUE = new Int8Array(128).fill(-1);
for (const [i, c] of [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].entries()) BASE64_VALUE[c.charCodeAt(0)] = i;

/**
 * Base64 (or base64url) to UTF-8 text. Canonical standard base64 that decodes to ASCII (nearly every
 * `user:app-password`) is decoded here without a Buffer round trip; anything else goes to Buffer's lenient
 * decoder, which defines the result.
 */
function decodeBase64Utf8(token: string): string {
  const length = token.length;
  if (length % 4 === 0) {
    let end = length;
    if (end > 0 && token.charCodeAt(end - 1) === 61 /* = */) end--;
    if (end > 0 && token.charCodeAt(end - 1) === 61) end--;
    let text = '';
    let bits = 0;
    let buffer = 0;
    let i = 0;
    for (; i < end; i++) {
      const c = token.charCodeAt(i);
      const v = c < 128 ? BASE64_VALUE[c] : -1;
      if (v < 0) break;
      buffer = ((buffer << 6) | v) & 0xffffff;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        const byte = (buffer >> bits) & 0xff;
        if (byte > 0x7f) break;
        text += String.fromCharCode(byte);
      }
    }
    if (i === end) return text;
  }
  return Buffer.from(token, 'base64').toString('utf8');
}
