// Real-world input: GitHub's REST API description in two releases of @octokit/openapi (22.0.0 → 23.0.0,
// OpenAPI 3.0, ~11 MB each with $refs). The diff must finish and find a plausible set of changes; the counts
// are printed (see generator/README.md for the comparison with Atlassian's openapi-diff).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffContracts } from '../../src/diff/compare-contracts.js';
import { REPO } from '../pr/git-fixture.js';
import { operations } from './spec-walk.js';
import type { JsonObject } from '../../src/load/slice.js';

const spec = (release: 22 | 23) => path.join(REPO, `node_modules/octokit-openapi-${release}/generated/api.github.com.json`);

describe('octokit 22.0.0 → 23.0.0', () => {
  it('diffs without error and finds a plausible number of changes', () => {
    const started = performance.now();
    const base = JSON.parse(readFileSync(spec(22), 'utf8')) as JsonObject;
    const head = JSON.parse(readFileSync(spec(23), 'utf8')) as JsonObject;
    const diff = diffContracts({ label: 'octokit 22', document: base }, { label: 'octokit 23', document: head });
    const elapsed = performance.now() - started;

    const counts: Record<string, number> = {};
    for (const change of diff.changes) counts[change.severity] = (counts[change.severity] ?? 0) + 1;
    const byId: Record<string, number> = {};
    for (const change of diff.changes) byId[change.id] = (byId[change.id] ?? 0) + 1;
    console.log(`octokit 22 → 23: ${diff.changes.length} changes in ${Math.round(elapsed)} ms`, counts, byId);

    // independent count of operations added and removed (method + path, path parameters renamed allowed)
    const key = (o: { method: string; path: string }) => `${o.method} ${o.path.replace(/\{[^}]*\}/g, '{}')}`;
    const before = new Set(operations(base).map(key));
    const after = new Set(operations(head).map(key));
    const added = [...after].filter((k) => !before.has(k)).length;
    const removed = [...before].filter((k) => !after.has(k)).length;
    expect(byId['operation-added'] ?? 0).toBe(added);
    expect((byId['operation-removed'] ?? 0) + (byId['path-removed'] ?? 0)).toBe(removed);
    expect(diff.versions).toEqual(['all']);
    expect(counts.breaking).toBeGreaterThan(0);
    expect(counts['non-breaking']).toBeGreaterThan(added);
    expect(diff.changes.length).toBeLessThan(50_000);
  });
});
