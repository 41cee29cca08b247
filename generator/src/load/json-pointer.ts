/** Escape one reference token of a JSON pointer (RFC 6901). */
export function escapePointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapePointerToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Build a JSON pointer from its tokens: `['paths', '/room']` → `/paths/~1room`. */
export function toPointer(tokens: ReadonlyArray<string | number>): string {
  return tokens.map((t) => '/' + escapePointerToken(t)).join('');
}

/** Resolve a local `$ref` (`#/components/schemas/Room`) inside `doc`; undefined when dangling. */
export function resolveLocalRef(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  const tokens = ref.slice(1).split('/').slice(1).map(unescapePointerToken);
  let node: unknown = doc;
  for (const token of tokens) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

/**
 * A JSON pointer short enough for a message: pointers longer than `max` characters keep their start and end.
 *
 * @example
 * ```ts
 * abbreviatePointer('/a/b/c', 100); // '/a/b/c'
 * abbreviatePointer('/properties/n'.repeat(300), 60); // '/properties/n/properties/n/p… (3900 characters) …/properties/n'
 * ```
 */
export function abbreviatePointer(pointer: string, max = 240): string {
  if (pointer.length <= max) return pointer;
  const keep = Math.floor((max - 30) / 2);
  return `${pointer.slice(0, keep)}… (${pointer.length} characters) …${pointer.slice(-keep)}`;
}
