/** Keys that must never be copied into request data: they could reach an object's prototype. */
export const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Whether a key from a request may be stored (not `__proto__`, `constructor` or `prototype`). */
export function isSafeKey(key: string): boolean {
  // Plain comparisons: this runs for every request key.
  return key !== '__proto__' && key !== 'constructor' && key !== 'prototype';
}
