/**
 * Whether a key from a request may be stored: not `__proto__`, `constructor` or `prototype`, the keys that
 * could reach an object's prototype.
 */
export function isSafeKey(key: string): boolean {
  // Plain comparisons rather than a Set lookup: this runs for every request key.
  return key !== '__proto__' && key !== 'constructor' && key !== 'prototype';
}
