import type { JsonObject } from '../load/slice.js';
import { formatOperation, sortChanges, type ContractChange } from './change.js';
import { contractSlices, diffDocuments } from './compare-contracts.js';
import { describeChange } from './change-words.js';
import { groupChanges, type ChangeEntry } from './change-entries.js';

function onlySlice(document: JsonObject): JsonObject {
  const slices = contractSlices(document);
  if (slices.size !== 1) throw new Error('expected one API version slice (openapi.vN.json), got the full contract');
  return [...slices.values()][0];
}

/**
 * The changes from one API version slice to the next (paths compared below the API base).
 *
 * @example
 * ```ts
 * const changes = diffVersionSlices(v3Slice, v4Slice, 'v3', 'v4');
 * ```
 */
export function diffVersionSlices(fromSlice: JsonObject, toSlice: JsonObject, fromVersion: string, toVersion: string): ContractChange[] {
  return sortChanges(diffDocuments(onlySlice(fromSlice), onlySlice(toSlice), `${fromVersion}→${toVersion}`));
}

function bullet(entry: ChangeEntry): string {
  const first = entry.changes[0];
  const { operations } = entry;
  if (operations.length <= 1) return `- ${describeChange({ ...first, versions: [] })} (\`${entry.id}\`)`;
  const shown = operations
    .slice(0, 5)
    .map((o) => `\`${formatOperation(o.operation)}\``)
    .join(', ');
  const more = operations.length > 5 ? ` and ${operations.length - 5} more` : '';
  return `- ${entry.message.charAt(0).toUpperCase()}${entry.message.slice(1)} (\`${entry.id}\`) — in ${operations.length} operations: ${shown}${more}`;
}

/**
 * The "What changed" docs page of one API version step (v1→v2, v2→v3, v3→v4), as Markdown: breaking
 * changes, additions and other compatible changes, and documentation changes. A change of a shared schema
 * is listed once with the operations it affects. The slices are the bundled `openapi.vN.json` files of
 * `@talk-contract/spec`.
 *
 * @example
 * ```ts
 * import v3 from '@talk-contract/spec/openapi.v3.json' with { type: 'json' };
 * import v4 from '@talk-contract/spec/openapi.v4.json' with { type: 'json' };
 * const page = renderVersionStepMarkdown(v3, v4, 'v3', 'v4'); // '## What changed from API v3 to v4\n...'
 * ```
 */
export function renderVersionStepMarkdown(fromSlice: JsonObject, toSlice: JsonObject, fromVersion: string, toVersion: string): string {
  const changes = diffVersionSlices(fromSlice, toSlice, fromVersion, toVersion);
  const lines = [`## What changed from API ${fromVersion} to ${toVersion}`, ''];
  if (changes.length === 0) {
    lines.push(`Nothing: API ${toVersion} behaves like ${fromVersion}.`);
    return lines.join('\n') + '\n';
  }
  const sections: Array<[string, string, ContractChange[]]> = [
    [
      'Breaking changes',
      `A client written for ${fromVersion} must adapt to these before it talks ${toVersion}.`,
      changes.filter((c) => c.severity === 'breaking'),
    ],
    [
      'Additions and compatible changes',
      `A ${fromVersion} client keeps working; these are new in ${toVersion}.`,
      changes.filter((c) => c.severity === 'non-breaking'),
    ],
    ['Documentation', 'Descriptions and examples only.', changes.filter((c) => c.severity === 'docs-only')],
  ];
  for (const [title, intro, list] of sections) {
    if (list.length === 0) continue;
    const groups = groupChanges(list);
    lines.push(`### ${title} (${groups.length})`, '', intro, '', ...groups.map(bullet), '');
  }
  return lines.join('\n');
}
