/**
 * The resource limits every spec file and document the generator reads must stay within. The generator runs
 * on every pull request, so a hostile or broken file must end in a clear error, not in an out-of-memory crash
 * or a stack overflow. The real contract is far below each of them (about 0.6 MB in 90 files, nesting depth 17,
 * a handful of YAML aliases); GitHub's OpenAPI description (11.8 MB JSON) is within them too.
 *
 * @example
 * ```ts
 * import { SPEC_LIMITS } from './spec-limits.js';
 * if (bytes.length > SPEC_LIMITS.maxYamlBytes) throw new Error('too large');
 * ```
 */
export const SPEC_LIMITS = {
  /** Largest YAML file (YAML parses to ~20× its size in memory). */
  maxYamlBytes: 16 * 2 ** 20,
  /** Largest JSON file. */
  maxJsonBytes: 64 * 2 ** 20,
  /**
   * The `yaml` package's `maxAliasCount`: how far aliases may expand (uses of an anchor × the aliases inside it).
   * A "billion laughs" document exceeds it after a few levels; a YAML dump of a bundled contract with shared
   * nodes stays below it.
   */
  maxAliasCount: 10_000,
  /** Deepest nesting of a document, counted in objects and arrays, also across `$ref`s (recursion excepted). */
  maxDepth: 256,
  /** Most files one spec may `$ref` (the root file included). */
  maxFiles: 5_000,
} as const;
