// Real-world input: GitHub's REST API description in consecutive releases of @octokit/openapi (20.0.0 →
// 21.0.0 → 22.0.0 → 23.0.0, OpenAPI 3.0, ~11 MB each with $refs). For every pair the diff must finish, agree
// with an independent count of added and removed operations, use catalog rule ids only, and keep every
// breaking change in the PR comment; on the pairs checked by hand (fixtures/octokit-breaking-hand-checked.json,
// see generator/README.md) the breaking changes must be exactly the hand-checked ones.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupChanges } from '../../src/diff/change-entries.js';
import { diffContracts } from '../../src/diff/compare-contracts.js';
import { renderMarkdown } from '../../src/diff/render-report.js';
import { RULES } from '../../src/diff/rules.js';
import type { JsonObject } from '../../src/load/slice.js';
import { COMMENT_LIMIT } from '../../src/pr/contract-check.js';
import { REPO } from '../pr/git-fixture.js';
import handChecked from './fixtures/octokit-breaking-hand-checked.json' with { type: 'json' };
import { operations } from './spec-walk.js';

/** Breaking findings once reported that the documents do not support (checked by hand), per pair. */
const falseBreaking: Record<string, string[]> = {
  // `type` became `nullable: true` + `oneOf: [string, object]`: null is still accepted
  '22→23': [
    'request-nullable-removed /paths/~1repos~1{owner}~1{repo}~1issues~1{issue_number}/patch/requestBody/content/application~1json/schema/properties/type',
    // the body's `oneOf` of `{labels: string[]}` and `{labels: {name}[]}` became one object whose `labels[]` is a
    // `oneOf` of a string and `{name, …optional}`: every body valid before is still accepted
    'request-one-of-branch-removed /paths/~1repos~1{owner}~1{repo}~1issues~1{issue_number}~1labels/post/requestBody/content/application~1json/schema/oneOf',
  ],
};

const spec = (release: number) =>
  JSON.parse(readFileSync(path.join(REPO, `node_modules/octokit-openapi-${release}/generated/api.github.com.json`), 'utf8')) as JsonObject;

describe.each([
  [20, 21],
  [21, 22],
  [22, 23],
])('octokit %i.0.0 → %i.0.0', (from, to) => {
  it('diffs without error, agrees with an independent operation count, and reports per change', () => {
    const base = spec(from);
    const head = spec(to);
    const started = performance.now();
    const diff = diffContracts({ label: `octokit ${from}`, document: base }, { label: `octokit ${to}`, document: head });
    const elapsed = performance.now() - started;
    const entries = groupChanges(diff.changes);
    const counts: Record<string, number> = {};
    for (const e of entries) counts[e.severity] = (counts[e.severity] ?? 0) + 1;
    const byId: Record<string, number> = {};
    for (const e of entries) byId[e.id] = (byId[e.id] ?? 0) + 1;
    console.log(
      `octokit ${from} → ${to}: ${entries.length} changes (${diff.changes.length} operation-level effects) in ${Math.round(elapsed)} ms`,
      counts,
      byId,
    );

    for (const change of diff.changes) expect(RULES.has(change.id), change.id).toBe(true);
    // independent count of operations added and removed (method + path, path parameters renamed allowed)
    const key = (o: { method: string; path: string }) => `${o.method} ${o.path.replace(/\{[^}]*\}/g, '{}')}`;
    const before = new Set(operations(base).map(key));
    const after = new Set(operations(head).map(key));
    expect(byId['operation-added'] ?? 0).toBe([...after].filter((k) => !before.has(k)).length);
    expect((byId['operation-removed'] ?? 0) + (byId['path-removed'] ?? 0)).toBe([...before].filter((k) => !after.has(k)).length);
    expect(diff.versions).toEqual(['all']);
    expect(entries.length).toBeLessThan(diff.changes.length);

    // the PR comment keeps every breaking change within the size limit
    const comment = renderMarkdown(diff, { maxLength: COMMENT_LIMIT });
    expect(comment.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    for (const e of entries.filter((x) => x.severity === 'breaking')) expect(comment, `${e.id} ${e.pointer}`).toContain(`\`${e.id}\``);
    expect(comment.split('\n').filter((l) => l.startsWith('| 🔴')).length).toBe((counts.breaking ?? 0) + 1);

    const reported = new Set(entries.filter((e) => e.severity === 'breaking').map((e) => `${e.id} ${e.pointer}`));
    for (const finding of falseBreaking[`${from}→${to}`] ?? []) expect(reported.has(finding), finding).toBe(false);

    const checked = (handChecked as Record<string, string[] | string>)[`${from}→${to}`];
    if (Array.isArray(checked)) {
      const breaking = entries
        .filter((e) => e.severity === 'breaking')
        .map((e) => `${e.id} ${e.pointer}`)
        .sort();
      expect(breaking).toEqual(checked);
    }
  });
});
