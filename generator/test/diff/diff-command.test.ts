// `talk-contract diff` end to end: loading files, source folders and revisions, source locations, the three
// report formats, policy and exit codes, and the version-step page.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, parseDocument, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDiff } from '../../src/commands/diff.js';
import { ContractLoadError } from '../../src/diff/change.js';
import { contractSlices, diffContracts } from '../../src/diff/compare-contracts.js';
import { loadContract } from '../../src/diff/load-contract.js';
import { renderText } from '../../src/diff/render-report.js';
import { diffVersionSlices, renderVersionStepMarkdown } from '../../src/diff/version-step.js';
import { sliceForVersion, type JsonObject } from '../../src/load/slice.js';
import { REPO } from '../pr/git-fixture.js';
import { findProperty, operations } from './spec-walk.js';

let temp: string;
let full: JsonObject;
let removed: { method: string; path: string; operationId: string };

beforeAll(async () => {
  temp = mkdtempSync(path.join(os.tmpdir(), 'talk-contract-diff-'));
  full = (await loadContract(path.join(REPO, 'openapi'))).document;
  writeFileSync(path.join(temp, 'base.json'), JSON.stringify(full));
  const head = structuredClone(full);
  const target = operations(head).find(
    (o) => Object.keys(o.item).filter((k) => ['get', 'post', 'put', 'delete'].includes(k)).length >= 2 && !o.op['x-talk-added'],
  )!;
  removed = { method: target.method.toUpperCase(), path: target.path, operationId: String(target.op.operationId) };
  delete target.item[target.method];
  writeFileSync(path.join(temp, 'head.json'), JSON.stringify(head));
  writeFileSync(path.join(temp, 'head.yaml'), stringify(head));
});

afterAll(() => rmSync(temp, { recursive: true, force: true }));

function walkYaml(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? walkYaml(p) : p.endsWith('.yaml') ? [p] : [];
  });
}

describe('loading and source locations', () => {
  it('reformatting every YAML file of the source (indentation, quoting, key order) is no change', async () => {
    const copy = path.join(temp, 'reformatted');
    cpSync(path.join(REPO, 'openapi'), path.join(copy, 'openapi'), { recursive: true });
    for (const file of walkYaml(path.join(copy, 'openapi'))) {
      const value = parse(readFileSync(file, 'utf8')) as unknown;
      const reversed = (v: unknown): unknown =>
        Array.isArray(v)
          ? v.map(reversed)
          : v && typeof v === 'object'
            ? Object.fromEntries(
                Object.entries(v)
                  .reverse()
                  .map(([k, x]) => [k, reversed(x)]),
              )
            : v;
      writeFileSync(file, stringify(reversed(value), { indent: 4, lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' }));
    }
    const [a, b] = await Promise.all([loadContract(path.join(REPO, 'openapi')), loadContract(path.join(copy, 'openapi'))]);
    expect(diffContracts(a, b).changes).toEqual([]);
  });

  it('moving an inline schema of a path file into its own component file is not breaking (a docs-only note)', async () => {
    const copy = path.join(temp, 'moved');
    cpSync(path.join(REPO, 'openapi'), path.join(copy, 'openapi'), { recursive: true });
    const dir = path.join(copy, 'openapi/paths');
    const file = readdirSync(dir)
      .sort()
      .find((f) => {
        const schema = parseDocument(readFileSync(path.join(dir, f), 'utf8')).getIn(['post', 'requestBody', 'content', 'application/json', 'schema'], true) as
          | { has?(k: string): boolean }
          | undefined;
        return Boolean(schema?.has?.('properties'));
      })!;
    const doc = parseDocument(readFileSync(path.join(dir, file), 'utf8'));
    const schemaPath = ['post', 'requestBody', 'content', 'application/json', 'schema'];
    writeFileSync(path.join(copy, 'openapi/components/schemas/MovedRequestBody.yaml'), stringify(doc.getIn(schemaPath)).replace(/\.\.\/components\//g, '../'));
    doc.setIn(schemaPath, doc.createNode({ $ref: '../components/schemas/MovedRequestBody.yaml' }));
    writeFileSync(path.join(dir, file), doc.toString());
    const [a, b] = await Promise.all([loadContract(path.join(REPO, 'openapi')), loadContract(path.join(copy, 'openapi'))]);
    const changes = diffContracts(a, b).changes;
    expect(changes.map((c) => [c.id, c.severity, c.source?.file])).toEqual([
      ['component-added', 'docs-only', 'openapi/components/schemas/MovedRequestBody.yaml'],
    ]);
  });

  it('reports file:line of the head source for a changed path file and a changed component file', async () => {
    const copy = path.join(temp, 'edited');
    cpSync(path.join(REPO, 'openapi'), path.join(copy, 'openapi'), { recursive: true });
    const pathFile = readdirSync(path.join(copy, 'openapi/paths'))
      .sort()
      .find((f) => parseDocument(readFileSync(path.join(copy, 'openapi/paths', f), 'utf8')).has('get'))!;
    const pathFileAbs = path.join(copy, 'openapi/paths', pathFile);
    const doc = parseDocument(readFileSync(pathFileAbs, 'utf8'));
    doc.setIn(['get', 'summary'], 'Summary changed by the test');
    writeFileSync(pathFileAbs, doc.toString());
    // a component with at least one plain string property: make it nullable
    const schemaDir = path.join(copy, 'openapi/components/schemas');
    let componentFile = '';
    let property = '';
    for (const f of readdirSync(schemaDir).sort()) {
      const d = parseDocument(readFileSync(path.join(schemaDir, f), 'utf8'));
      const props = d.get('properties') as
        | { items?: Array<{ key: { value: string }; value: { get(k: string): unknown; has(k: string): boolean } }> }
        | undefined;
      const hit = props?.items?.find((p) => p.value?.get?.('type') === 'string' && !p.value.has('x-talk-added') && !p.value.has('x-talk-removed'));
      if (hit) {
        componentFile = f;
        property = hit.key.value;
        d.setIn(['properties', property, 'type'], d.createNode(['string', 'null']));
        writeFileSync(path.join(schemaDir, f), d.toString());
        break;
      }
    }
    expect(componentFile).not.toBe('');
    const head = await loadContract(path.join(copy, 'openapi'));
    const changes = diffContracts({ label: 'base', document: full }, head).changes;
    const summary = changes.find((c) => c.id === 'summary-changed')!;
    expect(summary.source?.file).toBe(`openapi/paths/${pathFile}`);
    expect(readFileSync(pathFileAbs, 'utf8').split('\n')[summary.source!.line - 2].trim()).toBe('get:');
    const nullable = changes.find((c) => c.id.endsWith('nullable-added') && c.pointer.endsWith(`/properties/${property}`))!;
    expect(nullable.source?.file).toBe(`openapi/components/schemas/${componentFile}`);
    expect(readFileSync(path.join(schemaDir, componentFile), 'utf8').split('\n')[nullable.source!.line - 2].trim()).toBe(`${property}:`);
  });

  it.each([
    ['a missing file', { given: 'no-such-file.json', want: /no such file/ }],
    ['invalid JSON', { given: 'broken.json', want: /not valid JSON/ }],
    ['a JSON file that is not OpenAPI', { given: 'not-openapi.json', want: /not an OpenAPI document/ }],
    ['an unknown revision', { given: 'git:no-such-revision', want: /not a commit/ }],
    ['a source folder with a dangling $ref', { given: 'dangling', want: /does not bundle/ }],
  ])('fails with ContractLoadError naming the input for %s', async (_name, { given, want }) => {
    writeFileSync(path.join(temp, 'broken.json'), '{"openapi": ');
    writeFileSync(path.join(temp, 'not-openapi.json'), '{"hello": "world"}');
    cpSync(path.join(REPO, 'openapi'), path.join(temp, 'dangling/openapi'), { recursive: true });
    const root = path.join(temp, 'dangling/openapi/openapi.yaml');
    writeFileSync(root, readFileSync(root, 'utf8').replace(/\$ref: paths\/[^\n]+/, '$ref: paths/does-not-exist.yaml'));
    const error = await loadContract(given, { cwd: temp }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractLoadError);
    expect((error as ContractLoadError).code).toBe('CONTRACT_LOAD_FAILED');
    expect((error as ContractLoadError).message).toContain(given);
    expect((error as ContractLoadError).message).toMatch(want);
  });

  it('reads bundled YAML files like JSON files', async () => {
    const [json, yaml] = await Promise.all([loadContract(path.join(temp, 'head.json')), loadContract(path.join(temp, 'head.yaml'))]);
    expect(diffContracts(json, yaml).changes).toEqual([]);
  });

  it('compares a single slice file with the same slice of the full contract', () => {
    const v4 = sliceForVersion(full, 'v4');
    expect([...contractSlices(v4).keys()]).toEqual(['v4']);
    expect(diffContracts({ label: 'full', document: full }, { label: 'v4', document: v4 }).changes).toEqual([]);
  });
});

describe('runDiff', () => {
  const files = () => ({ base: path.join(temp, 'base.json'), head: path.join(temp, 'head.json'), cwd: temp });

  it('exits 1 on a breaking change and 0 with --allow-breaking', async () => {
    expect((await runDiff({ ...files() })).exitCode).toBe(1);
    const allowed = await runDiff({ ...files(), allowBreaking: true });
    expect(allowed.exitCode).toBe(0);
    expect(allowed.diff.changes.find((c) => c.id === 'operation-removed')!.accepted).toEqual({ reason: 'allowed with --allow-breaking' });
  });

  it('exits 0 when the policy file accepts the change (by operationId)', async () => {
    writeFileSync(path.join(temp, 'policy.yaml'), `accepted:\n  - id: operation-removed\n    operation: ${removed.operationId}\n    reason: test\n`);
    expect((await runDiff({ ...files(), policy: 'policy.yaml' })).exitCode).toBe(0);
  });

  it('renders JSON with a summary and stable ids', async () => {
    const { report } = await runDiff({ ...files(), format: 'json' });
    const json = JSON.parse(report) as {
      summary: { breaking: number; operationEffects: number };
      changes: Array<{ id: string; effect: string; operations: Array<{ method: string; path: string; versions: string[] }>; versions: string[] }>;
    };
    expect(json.summary.breaking).toBe(json.changes.filter((c) => (c as unknown as { severity: string }).severity === 'breaking').length);
    expect(json.summary.breaking).toBeGreaterThan(0);
    const change = json.changes.find((c) => c.id === 'operation-removed')!;
    expect(change.operations).toEqual([expect.objectContaining({ method: removed.method, path: removed.path })]);
    expect(change.effect).toMatch(/clients calling it get 404/);
    expect(change.versions.length).toBeGreaterThan(0);
  });

  it('renders Markdown: a summary table by severity and version, then one row per change with its effect and operations, and the API legend', async () => {
    const { report } = await runDiff({ ...files(), format: 'markdown' });
    expect(report).toMatch(/\| severity \| v1 \| v2 \| v3 \| v4 \| changes \| operation-level effects \|/);
    expect(report).toMatch(/\| 🔴 breaking \| (\d+ \| ){4}1 \| 1 \|/);
    const row = report.split('\n').find((l) => l.includes('`operation-removed`'))!;
    expect(row).toContain(`\`${removed.method} ${removed.path}\``);
    expect(row).toContain('clients calling it get 404');
    expect(report).toContain('`all` = a contract without API versions');
  });

  it('writes --output atomically and leaves no temporary file', async () => {
    await runDiff({ ...files(), format: 'markdown', output: 'out/report.md' });
    expect(readFileSync(path.join(temp, 'out/report.md'), 'utf8')).toContain('### Contract diff');
    expect(readdirSync(path.join(temp, 'out'))).toEqual(['report.md']);
  });

  it('colours the text report only when asked', async () => {
    const { diff } = await runDiff({ ...files() });
    expect(renderText(diff, { color: false })).not.toMatch(/\u001b\[/);
    expect(renderText(diff, { color: true })).toMatch(/\u001b\[31mbreaking/);
  });

  it('compares two API version slices of one contract (--from-version/--to-version) and exits 0', async () => {
    const { report, exitCode, diff } = await runDiff({ head: path.join(temp, 'base.json'), fromVersion: 'v3', toVersion: 'v4', format: 'markdown', cwd: temp });
    expect(exitCode).toBe(0);
    expect(diff.versions).toEqual(['v3→v4']);
    expect(report).toContain('What changed from API v3 to v4');
  });
});

describe('one entry per change', () => {
  it('a value added to a shared enum is one breaking change listing every operation, and the summary counts changes', () => {
    const head = structuredClone(full);
    const schemas = (head.components as JsonObject).schemas as JsonObject;
    const used = (name: string) =>
      JSON.stringify(head.paths).split(`#/components/schemas/${name}"`).length + JSON.stringify(schemas).split(`#/components/schemas/${name}"`).length;
    const name = Object.keys(schemas)
      .filter(
        (n) =>
          Array.isArray((schemas[n] as JsonObject).enum) &&
          (schemas[n] as JsonObject).type === 'integer' &&
          !('x-talk-enum-versions' in (schemas[n] as JsonObject)),
      )
      .sort((a, b) => used(b) - used(a))[0];
    const schema = schemas[name] as JsonObject;
    schema.enum = [...(schema.enum as number[]), 99];
    if (Array.isArray(schema['x-enum-varnames'])) schema['x-enum-varnames'] = [...schema['x-enum-varnames'], 'MUTATION'];
    if (Array.isArray(schema['x-enum-descriptions'])) schema['x-enum-descriptions'] = [...schema['x-enum-descriptions'], 'Added by the test'];
    const diff = diffContracts({ label: 'base', document: full }, { label: 'head', document: head });
    const perOperation = diff.changes.filter((c) => c.id === 'response-enum-value-added');
    expect(new Set(perOperation.map((c) => `${c.operation!.method} ${c.operation!.path}`)).size).toBeGreaterThan(2);
    const report = renderText(diff);
    const lines = report.split('\n');
    expect(lines.filter((l) => l.includes('response-enum-value-added'))).toHaveLength(1);
    expect(lines.find((l) => l.includes('response-enum-value-added'))).toContain(`enum value \`99\` added to \`${name}\``);
    const operationsLine = lines[lines.findIndex((l) => l.includes('response-enum-value-added')) + 3];
    expect(operationsLine).toMatch(new RegExp(`^    ${new Set(perOperation.map((c) => `${c.operation!.method} ${c.operation!.path}`)).size} operations: `));
    expect(lines[1]).toMatch(
      new RegExp(`^1 breaking, \\d+ non-breaking, \\d+ docs-only change\\(s\\), with ${diff.changes.length} operation-level effect\\(s\\)$`),
    );
  });
});

describe('renderVersionStepMarkdown', () => {
  it('lists the changes of a version step by severity in words', () => {
    const v1 = sliceForVersion(full, 'v1');
    const v4 = sliceForVersion(full, 'v4');
    const page = renderVersionStepMarkdown(v1, v4, 'v1', 'v4');
    expect(page.startsWith('## What changed from API v1 to v4\n')).toBe(true);
    expect(page).toMatch(/### (Breaking changes|Additions and compatible changes) \(\d+\)/);
    expect(page).not.toContain('/ocs/v2.php');
  });

  it('lists a change of a shared schema once, with the operations it affects', () => {
    const from = sliceForVersion(full, 'v4');
    const to = structuredClone(from);
    const components = Object.values((to.components as JsonObject).schemas as JsonObject);
    const hit = findProperty(to, 'response', (h) => components.includes(h.parent) && Array.isArray(h.parent.required) && h.parent.required.includes(h.name));
    delete (hit.parent.properties as JsonObject)[hit.name];
    const operationsHit = new Set(
      diffVersionSlices(from, to, 'v4', 'v4-edited')
        .filter((c) => c.id === 'response-property-removed')
        .map((c) => `${c.operation!.method} ${c.operation!.path}`),
    );
    const page = renderVersionStepMarkdown(from, to, 'v4', 'v4-edited');
    expect(page).toContain('### Breaking changes (1)');
    const line = page.split('\n').find((l) => l.includes('response-property-removed'))!;
    expect(operationsHit.size).toBeGreaterThan(1);
    expect(line).toContain(`in ${operationsHit.size} operations`);
    expect(page.split('\n').filter((l) => l.includes('response-property-removed'))).toHaveLength(1);
  });

  it('says nothing changed for the same slice', () => {
    const v2 = sliceForVersion(full, 'v2');
    expect(renderVersionStepMarkdown(v2, v2, 'v2', 'v2')).toContain('Nothing');
  });
});

describe('the CLI', () => {
  const tsx = path.join(REPO, 'node_modules/.bin/tsx');
  const cli = path.join(REPO, 'generator/src/cli.ts');

  it('exits 2 and names the file and the problem when a contract cannot be loaded', () => {
    const run = spawnSync(tsx, [cli, 'diff', '--base', 'missing.json', '--head', 'base.json'], {
      cwd: temp,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('could not load the contract missing.json: no such file');
  });

  it('exits 2 and names file:line when a policy entry names an unknown rule id or matches nothing', () => {
    writeFileSync(
      path.join(temp, 'unknown-rule.yaml'),
      `accepted:\n  - id: operation-removed\n    operation: ${removed.operationId}\n    reason: ok\n  - id: operation-gone\n    reason: typo\n`,
    );
    const unknown = spawnSync(tsx, [cli, 'diff', 'base.json', 'head.json', '--policy', 'unknown-rule.yaml'], { cwd: temp, encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown-rule.yaml:5: accepted[1]: unknown rule id `operation-gone`');
    writeFileSync(
      path.join(temp, 'stale.yaml'),
      `accepted:\n  - id: operation-removed\n    operation: ${removed.operationId}\n    reason: ok\n  - id: path-removed\n    operation: GET /no/such/path\n    reason: stale\n`,
    );
    const stale = spawnSync(tsx, [cli, 'diff', 'base.json', 'head.json', '--policy', 'stale.yaml'], { cwd: temp, encoding: 'utf8' });
    expect(stale.status).toBe(2);
    expect(stale.stderr).toContain('stale.yaml:5: the entry `path-removed` for `GET /no/such/path` matches no breaking change');
  });

  it('--output says how many changes the written report lists (one per change, not per operation it affects)', () => {
    const head = structuredClone(full);
    // one field of a component that many responses share: one change, many operation-level effects
    const meta = ((head.components as JsonObject).schemas as JsonObject).OCSMeta as JsonObject;
    ((meta.properties as JsonObject).message as JsonObject).description = 'Changed by the CLI test.';
    writeFileSync(path.join(temp, 'head-shared.json'), JSON.stringify(head));
    for (const format of ['json', 'text']) {
      const run = spawnSync(tsx, [cli, 'diff', 'base.json', 'head-shared.json', '--format', format, '--output', `report.${format}`], {
        cwd: temp,
        encoding: 'utf8',
      });
      expect(run.status, run.stderr).toBe(0);
      const said = Number(/^wrote report\.\w+ \((\d+) change\(s\)\)$/m.exec(run.stdout)?.[1]);
      if (format === 'json') {
        const written = JSON.parse(readFileSync(path.join(temp, 'report.json'), 'utf8')) as { changes: unknown[]; summary: { operationEffects: number } };
        expect(said).toBe(written.changes.length);
        expect(written.summary.operationEffects).toBeGreaterThan(written.changes.length);
      } else expect(said).toBe(1);
    }
  });

  it('exits 1 on breaking changes and prints the report without colour when not a TTY', () => {
    const run = spawnSync(tsx, [cli, 'diff', 'base.json', 'head.json'], { cwd: temp, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('operation-removed');
    expect(run.stdout).not.toMatch(/\u001b\[/);
  });
});
