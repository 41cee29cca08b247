import { isSafeKey } from './unsafe-keys.js';

const UNSAFE_TEXT = /"(?:__proto__|constructor|prototype)"/;

/**
 * `JSON.parse` for request bodies: `__proto__`, `constructor` and `prototype` keys are dropped at every
 * depth, so a body can never reach an object prototype, even when the result is later merged with
 * `Object.assign` or a spread. Bodies without such keys take the fast path (no reviver).
 *
 * @example
 * ```ts
 * parseRequestJson('{"__proto__": {"polluted": 1}, "message": "hi"}'); // { message: 'hi' }
 * ```
 */
export function parseRequestJson(text: string): unknown {
  if (!UNSAFE_TEXT.test(text) && !text.includes('\\u')) return JSON.parse(text);
  return JSON.parse(text, (key, value: unknown) => (isSafeKey(key) ? value : undefined));
}
