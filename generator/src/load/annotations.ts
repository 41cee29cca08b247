import { ADDED, REMOVED, API_VERSIONS, isApiVersion, versionIndex } from './api-versions.js';
import { toPointer } from './json-pointer.js';
import { SINCE, UNTIL, TALK_RELEASES, isTalkRelease, releaseIndex } from './talk-releases.js';

/** A version annotation that the slicer cannot interpret, at a JSON pointer of the bundled document. */
export interface AnnotationProblem {
  pointer: string;
  message: string;
}

/** Data, not spec nodes (a map of Example objects is walked, their `value` is not). */
const DATA_KEYS = new Set(['example', 'value', 'default', 'enum', 'const']);
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function checkRange(added: unknown, removed: unknown, at: ReadonlyArray<string | number>, keys: { added: string; removed: string }): AnnotationProblem[] {
  const problems: AnnotationProblem[] = [];
  if (added !== undefined && !isApiVersion(added)) {
    problems.push({ pointer: toPointer([...at, keys.added]), message: `${keys.added}: ${JSON.stringify(added)} is not one of ${API_VERSIONS.join(', ')}` });
  }
  if (removed !== undefined && (!isApiVersion(removed) || removed === API_VERSIONS[0])) {
    problems.push({
      pointer: toPointer([...at, keys.removed]),
      message: `${keys.removed}: ${JSON.stringify(removed)} is not one of ${API_VERSIONS.slice(1).join(', ')}`,
    });
  }
  if (problems.length === 0 && isApiVersion(removed) && versionIndex(removed) <= versionIndex(isApiVersion(added) ? added : 'v1')) {
    problems.push({
      pointer: toPointer([...at, keys.removed]),
      message: `${keys.removed}: ${removed} is not later than ${keys.added}: ${isApiVersion(added) ? added : 'v1'} (the node would exist in no version)`,
    });
  }
  return problems;
}

function checkReleaseRange(since: unknown, until: unknown, at: ReadonlyArray<string | number>, keys: { since: string; until: string }): AnnotationProblem[] {
  const problems: AnnotationProblem[] = [];
  if (since !== undefined && !isTalkRelease(since)) {
    problems.push({
      pointer: toPointer([...at, keys.since]),
      message: `${keys.since}: ${JSON.stringify(since)} is not one of the Talk releases ${TALK_RELEASES.map((r) => JSON.stringify(r)).join(', ')}`,
    });
  }
  if (until !== undefined && (!isTalkRelease(until) || until === TALK_RELEASES[0])) {
    problems.push({
      pointer: toPointer([...at, keys.until]),
      message: `${keys.until}: ${JSON.stringify(until)} is not one of ${TALK_RELEASES.slice(1)
        .map((r) => JSON.stringify(r))
        .join(', ')}`,
    });
  }
  if (problems.length === 0 && isTalkRelease(until) && isTalkRelease(since) && releaseIndex(until) <= releaseIndex(since)) {
    problems.push({
      pointer: toPointer([...at, keys.until]),
      message: `${keys.until}: ${until} is not later than ${keys.since}: ${since} (the node would exist in no release)`,
    });
  }
  return problems;
}

/**
 * Check every `x-talk-added`, `x-talk-removed` and `x-talk-enum-versions` of a bundled document: the slicer
 * relies on them, so a value it cannot interpret must stop the bundle instead of silently meaning "always".
 * (`npm run lint` reports the same in the source files with line numbers; this is the bundle's own guard.)
 *
 * @example
 * ```ts
 * checkAnnotations({ paths: { '/room': { get: { 'x-talk-added': 'v7' } } } });
 * // → [{ pointer: '/paths/~1room/get/x-talk-added', message: 'x-talk-added: "v7" is not one of v1, v2, v3, v4' }]
 * ```
 */
export function checkAnnotations(document: unknown): AnnotationProblem[] {
  const problems: AnnotationProblem[] = [];
  const visit = (node: unknown, at: Array<string | number>, inPropertyMap: boolean): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, [...at, i], false));
      return;
    }
    if (!isObject(node)) return;
    if (ADDED in node || REMOVED in node) problems.push(...checkRange(node[ADDED], node[REMOVED], at, { added: ADDED, removed: REMOVED }));
    if (SINCE in node || UNTIL in node) problems.push(...checkReleaseRange(node[SINCE], node[UNTIL], at, { since: SINCE, until: UNTIL }));
    const enumVersions = node['x-talk-enum-versions'];
    if (enumVersions !== undefined) {
      if (!isObject(enumVersions)) {
        problems.push({
          pointer: toPointer([...at, 'x-talk-enum-versions']),
          message: 'x-talk-enum-versions must be a map from enum value to {added, removed}',
        });
      } else {
        for (const [value, range] of Object.entries(enumVersions)) {
          const where = [...at, 'x-talk-enum-versions', value];
          if (!isObject(range))
            problems.push({ pointer: toPointer(where), message: `the range of enum value ${JSON.stringify(value)} must be an object {added, removed}` });
          else {
            problems.push(...checkRange(range.added, range.removed, where, { added: 'added', removed: 'removed' }));
            problems.push(...checkReleaseRange(range.since, range.until, where, { since: 'since', until: 'until' }));
          }
        }
      }
    }
    for (const [key, value] of Object.entries(node)) {
      if (!inPropertyMap && (key.startsWith('x-') || DATA_KEYS.has(key) || (key === 'examples' && Array.isArray(value)))) continue;
      visit(value, [...at, key], !inPropertyMap && (key === 'properties' || key === 'patternProperties'));
    }
  };
  visit(document, [], false);
  return problems;
}
