// The PR check lints the head spec (the lint of `npm run lint` / `talk-contract bundle`) and lists the problems in
// the comment before the diff; lint errors fail the check.
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runContractCheck } from '../../src/pr/contract-check.js';
import { createSpecRepo, type SpecRepo } from './git-fixture.js';

const EXAMPLE = ['get', 'responses', '200', 'content', 'application/json', 'example', 'ocs', 'data'];

let repo: SpecRepo;
let base: string;
let invalidExample: string;
let danglingRef: string;

beforeAll(() => {
  repo = createSpecRepo('talk-contract-lint-');
  base = repo.commit('base: the spec as it is');
  // The conversation list's example answers a string where the schema wants a list of conversations.
  repo.editYaml('openapi/paths/room.yaml', (doc) => doc.setIn(EXAMPLE, 'not a list of conversations'));
  invalidExample = repo.commit('an example that does not match its schema');
  const root = path.join(repo.dir, 'openapi/openapi.yaml');
  writeFileSync(root, readFileSync(root, 'utf8').replace(/\$ref: paths\/room\.yaml/, '$ref: paths/no-such-room.yaml'));
  danglingRef = repo.commit('a path $ref to a file that does not exist');
});

afterAll(() => repo?.remove());

describe('contract-check lint', () => {
  it('reports an invalid example of the head spec as a lint error with file:line, before the diff, and fails', async () => {
    const result = await runContractCheck({ repo: repo.dir, base, head: invalidExample });
    expect(result.exitCode).toBe(2);
    const problem = result.lint!.find((p) => p.ruleId === 'no-invalid-media-type-examples' && p.severity === 'error');
    expect(problem?.file).toBe('openapi/paths/room.yaml');
    expect(repo.readText('openapi/paths/room.yaml').split('\n')[problem!.line! - 1]).toContain('data: not a list of conversations');
    const lintAt = result.body.indexOf('#### Lint of the head spec:');
    const diffAt = result.body.indexOf('#### Changes');
    expect(lintAt).toBeGreaterThan(0);
    expect(diffAt).toBeGreaterThan(lintAt);
    expect(result.body).toMatch(/The head spec has \d+ lint error\(s\)/);
    expect(result.body.slice(lintAt, diffAt)).toContain(`\`openapi/paths/room.yaml:${problem!.line}`);
    expect(result.body.slice(lintAt, diffAt)).toContain('`no-invalid-media-type-examples`');
    // The diff is still there, after the lint section.
    expect(result.body.slice(diffAt)).toContain('example-changed');
  });

  it('a head revision that cannot be loaded is exit 2, and the comment names the file as in the repository', async () => {
    const result = await runContractCheck({ repo: repo.dir, base, head: danglingRef });
    expect(result.exitCode).toBe(2);
    expect(result.body).toContain('could not run');
    expect(result.body).toMatch(
      /\nopenapi\/openapi\.yaml:\d+:\d+ \[no-unresolved-refs\] `\$ref: paths\/no-such-room\.yaml` points to a file that does not exist/,
    );
    expect(result.body).not.toContain(os.tmpdir());
  });

  it('says the head spec lints clean when it does, and the verdict is the diff verdict', async () => {
    const result = await runContractCheck({ repo: repo.dir, base, head: base });
    expect(result.exitCode).toBe(0);
    expect(result.lint?.filter((p) => p.severity === 'error')).toEqual([]);
    expect(result.body).toContain('#### Lint of the head spec: 0 error(s)');
    expect(result.body).not.toContain('lint error(s)**');
  });
});
