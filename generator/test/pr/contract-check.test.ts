// The PR script against a throw-away git repository: base commit = a copy of our openapi/, head = an edit.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVAL_LABEL, COMMENT_MARKER, parseLabels, runContractCheck } from '../../src/pr/contract-check.js';
import { createSpecRepo, pathFileWith, REPO, type SpecRepo } from './git-fixture.js';

let repo: SpecRepo;
let base: string;
let docsOnly: string;
let breaking: string;
let removed: { method: string; path: string };

beforeAll(() => {
  repo = createSpecRepo();
  base = repo.commit('base: the spec as it is');
  writeFileSync(path.join(repo.dir, 'NOTES.md'), 'not part of the contract\n');
  docsOnly = repo.commit('a commit that does not touch the contract');
  // remove the DELETE operation of the first path file that also has another operation
  const file = pathFileWith(repo, (doc) => doc.has('delete') && ['get', 'post', 'put'].some((m) => doc.has(m)));
  repo.editYaml(file, (doc) => doc.delete('delete'));
  const root = readFileSync(path.join(repo.dir, 'openapi/openapi.yaml'), 'utf8');
  const entry = root.split('\n').findIndex((line) => line.includes(`$ref: paths/${path.basename(file)}`));
  removed = { method: 'DELETE', path: root.split('\n')[entry - 1].trim().replace(/:$/, '').replace(/^'|'$/g, '') };
  breaking = repo.commit('break: remove an operation');
});

afterAll(() => repo?.remove());

describe('contract-check', () => {
  it('passes with no change and says so', async () => {
    const result = await runContractCheck({ repo: repo.dir, base, head: docsOnly, commentFile: 'comment.md' });
    expect(result.exitCode).toBe(0);
    expect(result.body.startsWith(COMMENT_MARKER)).toBe(true);
    expect(result.body).toContain('No changes to the contract');
    expect(readFileSync(path.join(repo.dir, 'comment.md'), 'utf8')).toBe(result.body);
  });

  it('fails on a breaking edit and names it in the comment', async () => {
    const result = await runContractCheck({ repo: repo.dir, base: docsOnly, head: breaking });
    expect(result.exitCode).toBe(1);
    expect(result.body).toContain('❌');
    expect(result.body).toContain('operation-removed');
    expect(result.body).toContain(`${removed.method} ${removed.path}`);
    expect(result.diff!.changes.some((c) => c.id === 'operation-removed' && c.operation?.path === removed.path && !c.accepted)).toBe(true);
  });

  it(`passes when the PR has the ${APPROVAL_LABEL} label, and the comment says approved`, async () => {
    const result = await runContractCheck({ repo: repo.dir, base: docsOnly, head: breaking, labels: ['documentation', APPROVAL_LABEL] });
    expect(result.exitCode).toBe(0);
    expect(result.body).toContain('approved');
    expect(result.body).toContain(`approved with the \`${APPROVAL_LABEL}\` label`);
  });

  it('passes when contract-policy.yaml accepts the change, and the comment shows the reason', async () => {
    writeFileSync(
      path.join(repo.dir, 'policy.yaml'),
      `accepted:\n  - id: operation-removed\n    operation: ${removed.method} ${removed.path}\n    reason: Deliberately dropped in this test\n`,
    );
    const result = await runContractCheck({ repo: repo.dir, base: docsOnly, head: breaking, policy: 'policy.yaml' });
    expect(result.exitCode).toBe(0);
    expect(result.body).toContain('accepted: Deliberately dropped in this test');
  });

  it('a policy entry for another operation does not approve: it matches nothing, an error naming its line (exit 2)', async () => {
    writeFileSync(
      path.join(repo.dir, 'other-policy.yaml'),
      '# accepted breaks\naccepted:\n  - id: operation-removed\n    operation: GET /no/such/path\n    reason: unrelated\n',
    );
    const result = await runContractCheck({ repo: repo.dir, base: docsOnly, head: breaking, policy: 'other-policy.yaml' });
    expect(result.exitCode).toBe(2);
    expect(result.body).toMatch(/other-policy\.yaml:3: the entry `operation-removed` for `GET \/no\/such\/path` matches no breaking change/);
  });

  it('a policy entry with an unknown rule id is an error naming its line (exit 2)', async () => {
    writeFileSync(
      path.join(repo.dir, 'typo-policy.yaml'),
      'accepted:\n  - id: operation-removed\n    operation: GET /x\n    reason: a\n  - id: operation-remove\n    reason: typo\n',
    );
    const result = await runContractCheck({ repo: repo.dir, base: docsOnly, head: breaking, policy: 'typo-policy.yaml' });
    expect(result.exitCode).toBe(2);
    expect(result.body).toContain('typo-policy.yaml:5: accepted[1]: unknown rule id `operation-remove`');
  });

  it('counts breaking changes per change, not per operation, in the verdict and the summary', async () => {
    const dir = path.join(repo.dir, 'openapi/components/schemas');
    // the integer enum component with the most references: adding a value breaks every operation returning it
    const sources = (readdirSync(path.join(repo.dir, 'openapi'), { recursive: true }) as string[])
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => readFileSync(path.join(repo.dir, 'openapi', f), 'utf8'));
    const refs = (name: string) => sources.filter((text) => text.includes(`${name}.yaml`)).length;
    const candidates = readdirSync(dir).filter(
      (f) =>
        /\ntype: integer\n/.test(readFileSync(path.join(dir, f), 'utf8')) &&
        /\nenum:/.test(readFileSync(path.join(dir, f), 'utf8')) &&
        !readFileSync(path.join(dir, f), 'utf8').includes('x-talk-enum-versions'),
    );
    const file = candidates.sort((a, b) => refs(b.replace('.yaml', '')) - refs(a.replace('.yaml', '')))[0];
    repo.editYaml(`openapi/components/schemas/${file}`, (doc) => {
      (doc.get('enum') as { add(v: unknown): void }).add(99);
      for (const key of ['x-enum-varnames', 'x-enum-descriptions']) if (doc.has(key)) (doc.get(key) as { add(v: unknown): void }).add('MUTATION');
    });
    const shared = repo.commit('break: a value added to a shared enum');
    const result = await runContractCheck({ repo: repo.dir, base: breaking, head: shared });
    const perOperation = result.diff!.changes.filter((c) => c.id === 'response-enum-value-added');
    expect(new Set(perOperation.map((c) => `${c.operation!.method} ${c.operation!.path}`)).size).toBeGreaterThan(1);
    expect(result.exitCode).toBe(1);
    expect(result.body).toContain('❌ **1 breaking change(s) not approved.**');
    expect(result.body.split('\n').filter((l) => l.includes('`response-enum-value-added`'))).toHaveLength(1);
  });

  it('exits 2 with a clear comment when a revision cannot be loaded', async () => {
    const result = await runContractCheck({ repo: repo.dir, base: 'no-such-branch', head: breaking });
    expect(result.exitCode).toBe(2);
    expect(result.body).toContain('git:no-such-branch');
    expect(result.body).toContain('could not load');
  });

  it.each([
    ['comma separated', { given: 'a, breaking-change-approved', want: ['a', 'breaking-change-approved'] }],
    ['newline separated', { given: 'a\nb\n', want: ['a', 'b'] }],
    ['empty', { given: '', want: [] }],
  ] as const)('parses labels: %s', (_name, { given, want }) => {
    expect(parseLabels(given)).toEqual(want);
  });

  it('runs as the one script of the workflow (exit code 1, comment file written)', () => {
    execFileSync('git', ['checkout', '-q', breaking], { cwd: repo.dir });
    const tsx = path.join(REPO, 'node_modules/.bin/tsx');
    const run = spawnSync(
      tsx,
      [
        path.join(REPO, 'generator/src/pr/contract-check.ts'),
        '--base',
        docsOnly,
        '--head',
        'HEAD',
        '--labels',
        'documentation',
        '--comment-file',
        'out/comment.md',
      ],
      { cwd: repo.dir, encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(1);
    expect(readFileSync(path.join(repo.dir, 'out/comment.md'), 'utf8')).toContain('operation-removed');
  });
});
