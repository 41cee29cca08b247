import type { TalkResponseErrorCode } from './errors.js';

/** Why a handler's `headers` cannot be sent: the `TalkResponseError` code and what is wrong. */
export class ResponseHeaderProblem {
  constructor(
    readonly code: Extract<TalkResponseErrorCode, 'invalid-result' | 'invalid-headers'>,
    readonly issue: string,
  ) {}
}

/** RFC 9110 `token`: what a header name may be. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** What a header value may not contain (as Node's `http` checks it): controls other than tab, CR, LF, DEL. */
const HEADER_VALUE_CONTROL = /[\0-\x08\x0a-\x1f\x7f]/;
/**
 * Outside ASCII: above U+00FF cannot be written at all, and U+0080-U+00FF reach the wire as Latin-1 or as
 * UTF-8 depending on how Node writes the body (measured), so a client could not know which bytes it got.
 */
const NON_ASCII = /[^\0-\x7f]/;
/** Headers that frame the message: the server writes them, a handler setting them would corrupt the answer. */
const FRAMING = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'trailer', 'te']);

const problem = (code: ResponseHeaderProblem['code'], issue: string): ResponseHeaderProblem => new ResponseHeaderProblem(code, issue);

/**
 * A handler's `headers` as strings ready for the wire (numbers written in decimal), or the first reason they
 * cannot be sent: not an object of strings and finite numbers (`invalid-result`); a name that is not an HTTP
 * token, a value with CR, LF or another control character or a character outside ASCII, or a framing header
 * (`content-length`, `transfer-encoding`, `connection`, ...) the server owns (`invalid-headers`).
 *
 * @example
 * ```ts
 * encodeResponseHeaders({ 'X-Chat-Last-Given': 42 }); // { 'X-Chat-Last-Given': '42' }
 * encodeResponseHeaders({ 'X-Echo': 'a\r\nSet-Cookie: x' }); // ResponseHeaderProblem { code: 'invalid-headers', issue: 'header X-Echo contains CR, ...' }
 * ```
 */
export function encodeResponseHeaders(headers: unknown): Record<string, string> | ResponseHeaderProblem {
  if (headers === null || typeof headers !== 'object' || Array.isArray(headers))
    return problem('invalid-result', 'headers must be an object of strings and finite numbers');
  const out: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    const raw = (headers as Record<string, unknown>)[name];
    let value: string;
    if (typeof raw === 'string') value = raw;
    else if (typeof raw === 'number' && Number.isFinite(raw)) value = String(raw);
    else return problem('invalid-result', 'headers must be an object of strings and finite numbers');
    if (!HEADER_NAME.test(name)) return problem('invalid-headers', `header name ${JSON.stringify(name)} is not an HTTP token`);
    if (FRAMING.has(name.toLowerCase())) return problem('invalid-headers', `header ${name} is written by the server`);
    if (HEADER_VALUE_CONTROL.test(value)) return problem('invalid-headers', `header ${name} contains CR, LF or another control character`);
    if (NON_ASCII.test(value)) return problem('invalid-headers', `header ${name} contains a character outside ASCII (percent-encode it)`);
    out[name] = value;
  }
  return out;
}
