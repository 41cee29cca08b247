// `talk-contract version` on a throw-away git repository with release tags: one breaking, one additive and
// one docs-only commit, and packages released at different points, so that each gets a different bump.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyBump, bumpFor, runVersion, type Bump, type VersionResult } from '../../src/commands/version.js';
import type { ContractChange, Severity } from '../../src/diff/change.js';
import { createSpecRepo, pathFileWith, type SpecRepo } from '../pr/git-fixture.js';

let repo: SpecRepo;
const commits: Record<'base' | 'breaking' | 'additive' | 'docs', string> = { base: '', breaking: '', additive: '', docs: '' };
let dry: VersionResult;

const manifest = (name: string, version: string, extra: Record<string, unknown> = {}) => ({ name, version, type: 'module', ...extra });

beforeAll(async () => {
  repo = createSpecRepo('talk-contract-version-');
  commits.base = repo.commit('base');
  const twoMethods = pathFileWith(repo, (doc) => doc.has('delete') && ['get', 'post', 'put'].some((m) => doc.has(m)));
  repo.editYaml(twoMethods, (doc) => doc.delete('delete'));
  commits.breaking = repo.commit('breaking: remove an operation');
  const withGet = pathFileWith(repo, (doc) => doc.has('get'));
  repo.editYaml(withGet, (doc) => {
    const params = doc.getIn(['get', 'parameters']);
    const added = doc.createNode({
      name: 'versionTestFilter',
      in: 'query',
      required: false,
      description: 'Added by the version test.',
      schema: { type: 'string' },
    });
    if (params) doc.addIn(['get', 'parameters'], added);
    else doc.setIn(['get', 'parameters'], doc.createNode([{ name: 'versionTestFilter', in: 'query', required: false, schema: { type: 'string' } }]));
  });
  commits.additive = repo.commit('additive: an optional query parameter');
  repo.editYaml(withGet, (doc) => doc.setIn(['get', 'summary'], 'Summary reworded by the version test'));
  commits.docs = repo.commit('docs: a reworded summary');

  // packages released at different commits
  repo.writeJson('packages/spec/package.json', manifest('@talk-contract/spec', '1.0.0'));
  repo.writeJson('packages/client/package.json', manifest('@talk-contract/client', '1.4.2'));
  repo.writeJson('packages/server/package.json', manifest('@talk-contract/server', '2.0.0'));
  repo.writeJson('packages/mock/package.json', manifest('@talk-contract/mock', '1.0.0'));
  repo.writeJson('packages/devserver/package.json', manifest('@talk-contract/devserver', '0.3.1', { dependencies: { '@talk-contract/server': '2.0.0' } }));
  repo.writeJson('packages/docs/package.json', manifest('@talk-contract/docs', '0.1.0', { private: true }));
  repo.writeJson('packages/recorded/package.json', manifest('@talk-contract/recorded', '1.0.0', { talkContract: { specRevision: commits.additive } }));
  repo.writeJson('packages/unreleased/package.json', manifest('@talk-contract/unreleased', '1.0.0'));
  repo.writeJson('package-lock.json', {
    name: 'fixture',
    lockfileVersion: 3,
    packages: {
      '': { name: 'fixture' },
      'packages/server': { name: '@talk-contract/server', version: '2.0.0' },
      'packages/devserver': { name: '@talk-contract/devserver', version: '0.3.1', dependencies: { '@talk-contract/server': '2.0.0' } },
      'node_modules/@talk-contract/server': { resolved: 'packages/server', link: true },
    },
  });
  repo.commit('packages');
  repo.git('tag', '@talk-contract/spec@1.0.0', commits.docs);
  repo.git('tag', '@talk-contract/client@1.4.1', commits.base);
  repo.git('tag', '@talk-contract/client@1.4.2', commits.additive);
  repo.git('tag', '@talk-contract/server@2.0.0', commits.breaking);
  repo.git('tag', '@talk-contract/mock@1.0.0', commits.base);
  repo.git('tag', '@talk-contract/devserver@0.3.1', commits.base);
  repo.git('tag', '@talk-contract/recorded@1.0.0', commits.base);
  dry = await runVersion({ repoRoot: repo.dir, dryRun: true });
});

afterAll(() => repo?.remove());

const plan = (name: string) => dry.plans.find((p) => p.name === `@talk-contract/${name}`);

describe('talk-contract version --dry-run', () => {
  it.each([
    ['untouched since its release → none', { given: 'spec', want: { bump: 'none', next: '1.0.0' } }],
    ['docs-only change since its release → patch', { given: 'client', want: { bump: 'patch', next: '1.4.3' } }],
    ['additive change since its release → minor', { given: 'server', want: { bump: 'minor', next: '2.1.0' } }],
    ['breaking change since its release → major', { given: 'mock', want: { bump: 'major', next: '2.0.0' } }],
    ['breaking change on a 0.x version → minor', { given: 'devserver', want: { bump: 'minor', next: '0.4.0' } }],
    ['recorded specRevision wins over an older tag → patch', { given: 'recorded', want: { bump: 'patch', next: '1.0.1' } }],
    ['no release tag and nothing recorded → none', { given: 'unreleased', want: { bump: 'none', next: '1.0.0' } }],
  ] as const)('%s', (_name, { given, want }) => {
    expect(plan(given)).toMatchObject(want);
  });

  it('uses the newest release tag of a package', () => {
    expect(plan('client')!.baseline).toEqual({ kind: 'tag', ref: '@talk-contract/client@1.4.2' });
  });

  it('skips private packages', () => {
    expect(plan('docs')).toBeUndefined();
  });

  it('lists the changes behind each bump', () => {
    expect(plan('mock')!.changes.some((c) => c.id === 'operation-removed')).toBe(true);
    expect(plan('server')!.changes.map((c) => c.severity)).not.toContain('breaking');
    expect(dry.report).toContain('@talk-contract/mock 1.0.0 → 2.0.0 (major;');
  });

  it('writes nothing', () => {
    expect(dry.written).toEqual([]);
    expect(repo.git('status', '--porcelain')).toBe('');
  });
});

describe('talk-contract version (real run)', () => {
  let result: VersionResult;
  beforeAll(async () => {
    result = await runVersion({ repoRoot: repo.dir, date: '2026-01-02' });
  });
  const read = (file: string) => JSON.parse(repo.readText(file)) as Record<string, unknown>;

  it('sets the versions and records the spec hash and revision', () => {
    expect(read('packages/mock/package.json')).toMatchObject({
      version: '2.0.0',
      talkContract: { specHash: result.specHash, specRevision: repo.git('rev-parse', 'HEAD') },
    });
    expect(read('packages/spec/package.json')).toMatchObject({ version: '1.0.0', talkContract: { specHash: result.specHash } });
    expect(result.specHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('appends a CHANGELOG entry in words a user understands', () => {
    const changelog = repo.readText('packages/mock/CHANGELOG.md');
    expect(changelog.startsWith('# Changelog\n\n## 2.0.0 (2026-01-02)')).toBe(true);
    expect(changelog).toMatch(/- Removed operation `DELETE \/[^`]+`( \(\w+\))? in API v\d/);
    expect(repo.readText('packages/client/CHANGELOG.md')).toContain('### Documentation');
  });

  it('updates the ranges other packages use for a bumped package', () => {
    expect(read('packages/devserver/package.json').dependencies).toEqual({ '@talk-contract/server': '2.1.0' });
  });

  it('updates package-lock.json the way npm would (workspace versions and ranges)', () => {
    const lock = read('package-lock.json') as { packages: Record<string, Record<string, unknown>> };
    expect(lock.packages['packages/server'].version).toBe('2.1.0');
    expect(lock.packages['packages/devserver']).toMatchObject({ version: '0.4.0', dependencies: { '@talk-contract/server': '2.1.0' } });
    expect(lock.packages['node_modules/@talk-contract/server']).toEqual({ resolved: 'packages/server', link: true });
  });

  it('is idempotent: a second run finds the recorded hash and bumps nothing', async () => {
    const again = await runVersion({ repoRoot: repo.dir, dryRun: true });
    expect(again.plans.map((p) => p.bump)).toEqual(again.plans.map(() => 'none'));
  });
});

const changes = (...severities: Severity[]) => severities.map((severity) => ({ severity }) as ContractChange);

describe('bump rules', () => {
  it.each([
    ['breaking on 1.x', { given: { changes: changes('breaking', 'non-breaking'), version: '1.2.3' }, want: 'major' }],
    ['additive on 1.x', { given: { changes: changes('non-breaking', 'docs-only'), version: '1.2.3' }, want: 'minor' }],
    ['docs only on 1.x', { given: { changes: changes('docs-only'), version: '1.2.3' }, want: 'patch' }],
    ['nothing', { given: { changes: changes(), version: '1.2.3' }, want: 'none' }],
    ['breaking on 0.x', { given: { changes: changes('breaking'), version: '0.2.3' }, want: 'minor' }],
    ['additive on 0.x', { given: { changes: changes('non-breaking'), version: '0.2.3' }, want: 'patch' }],
  ] as const)('%s', (_name, { given, want }) => {
    expect(bumpFor(given.changes, given.version)).toBe(want);
  });

  it.each([
    ['major', { given: ['1.4.2', 'major'], want: '2.0.0' }],
    ['minor', { given: ['1.4.2', 'minor'], want: '1.5.0' }],
    ['patch', { given: ['1.4.2', 'patch'], want: '1.4.3' }],
    ['none', { given: ['1.4.2', 'none'], want: '1.4.2' }],
  ] as const)('applyBump %s', (_name, { given, want }) => {
    expect(applyBump(given[0], given[1] as Bump)).toBe(want);
  });
});
