import type { JsonObject } from '../../load/slice.js';

const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Every capability feature name a slice knows, sorted: the `x-talk-features` lists (entries are a name or
 * `{ name, x-talk-since?, x-talk-until? }`; the release slicer has already dropped the entries of other releases)
 * and every `x-talk-capability` value (a name or a list of names). An entry that is neither is an error naming its
 * JSON pointer.
 *
 * @example
 * ```ts
 * featureNames({ paths: { '/poll/{token}': { post: { 'x-talk-capability': 'talk-polls' } } } }); // ['talk-polls']
 * ```
 */
export function featureNames(slice: JsonObject): string[] {
  const names = new Set<string>();
  const walk = (node: unknown, pointer: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${pointer}/${i}`));
      return;
    }
    if (!isObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      const at = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (key === 'x-talk-capability') {
        for (const name of Array.isArray(value) ? value : [value]) {
          if (typeof name !== 'string' || name === '') throw new Error(`${at}: x-talk-capability must be a feature name or a list of names`);
          names.add(name);
        }
      } else if (key === 'x-talk-features') {
        if (!Array.isArray(value)) throw new Error(`${at}: x-talk-features must be a list`);
        value.forEach((entry, i) => {
          const name = isObject(entry) ? entry.name : entry;
          if (typeof name !== 'string' || name === '')
            throw new Error(`${at}/${i}: an x-talk-features entry is a feature name or { name, x-talk-since?, x-talk-until? }`);
          names.add(name);
        });
      } else walk(value, at);
    }
  };
  walk(slice, '#');
  return [...names].sort();
}
