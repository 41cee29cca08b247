// Hostile and broken spec files end `talk-contract bundle` and `talk-contract diff` with exit 2 and a message at
// file:line (or JSON pointer): no out-of-memory crash, no stack overflow, no bogus "breaking" diff. The CLI runs as
// a child process with a small heap and a timeout, as on a pull request.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPEC_LIMITS } from '../../src/load/spec-limits.js';

const GENERATOR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(GENERATOR, 'src/cli.ts');
/** tsx's loader by URL: the children run in temporary folders, where `--import tsx` would not resolve. */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** The CLI in a child process: 256 MB heap, killed after `timeoutMs`. */
function cli(args: string[], timeoutMs = 60_000): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=256', '--import', TSX, CLI, ...args], {
      cwd: temp,
      env: { ...process.env, NO_COLOR: '1', REDOCLY_TELEMETRY: 'off' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

const header = 'openapi: 3.1.0\ninfo:\n  title: Fixture\n  version: 1.0.0\n';
const pathA = [
  'paths:',
  '  /a:',
  '    get:',
  '      operationId: getA',
  '      responses:',
  "        '200':",
  '          description: ok',
  '          content:',
  '            application/json:',
  '              schema:',
  "                $ref: '#/components/schemas/A'",
  '',
].join('\n');
const schemas = (body: string) => `${header}${pathA}components:\n  schemas:\n${body}`;

/** `levels` nested objects as JSON text (JSON.stringify itself overflows at this depth). */
const deepSchema = (levels: number, leaf: string) =>
  '{"type":"object","properties":{"n":'.repeat(levels) + JSON.stringify({ type: leaf }) + '}}'.repeat(levels);
const deepDocument = (schema: string) =>
  JSON.stringify({
    openapi: '3.1.0',
    info: { title: 'Fixture', version: '1' },
    paths: { '/a': { get: { operationId: 'getA', responses: { '200': { description: 'ok', content: { 'application/json': { schema: '@' } } } } } } },
  }).replace('"@"', schema);
/** A chain of `length` components, each `$ref`-ing the next: shallow in the file, deep across `$ref`s. */
const refChain = (length: number, leaf: string) => {
  const all: Record<string, unknown> = {};
  for (let i = 0; i < length; i++) all[`S${i}`] = { type: 'object', properties: { n: { $ref: `#/components/schemas/S${i + 1}` } } };
  all[`S${length}`] = { type: leaf };
  return JSON.stringify({
    openapi: '3.1.0',
    info: { title: 'Fixture', version: '1' },
    paths: {
      '/a': {
        get: {
          operationId: 'getA',
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/S0' } } } } },
        },
      },
    },
    components: { schemas: all },
  });
};

let temp: string;

beforeAll(() => {
  temp = mkdtempSync(path.join(os.tmpdir(), 'talk-contract-load-failures-'));
  const write = (name: string, content: string | Buffer) => writeFileSync(path.join(temp, name), content);
  write('ok.yaml', schemas('    A:\n      type: string\n'));
  // Nine levels of ten aliases each: 10^9 nodes when expanded.
  const levels = 'abcdefghi'.split('');
  write(
    'alias-bomb.yaml',
    `${header}x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n${levels
      .slice(1)
      .map((l, i) => `x-${l}: &${l} [${Array(10).fill(`*${levels[i]}`).join(',')}]`)
      .join('\n')}\npaths: {}\n`,
  );
  write('swagger-2.yaml', "swagger: '2.0'\ninfo:\n  title: Fixture\n  version: 1.0.0\npaths: {}\n");
  write('openapi-number.yaml', 'openapi: 2.0\ninfo:\n  title: Fixture\n  version: 1.0.0\npaths: {}\n');
  write('not-openapi.json', '{\n  "name": "a package.json, not a contract",\n  "version": "1.0.0"\n}\n');
  write('ref-to-itself.yaml', schemas("    A:\n      $ref: '#/components/schemas/A'\n"));
  write('ref-cycle.yaml', schemas("    A:\n      $ref: '#/components/schemas/B'\n    B:\n      $ref: '#/components/schemas/A'\n"));
  write('dangling-ref.yaml', schemas('    B:\n      type: string\n'));
  write('paths-null.yaml', `${header}paths: null\n`);
  write('components-null.yaml', `${header}paths: {}\ncomponents: null\n`);
  write('invalid-utf8.yaml', Buffer.concat([Buffer.from(`${header}paths: {}\nx-note: "caf`), Buffer.from([0xc3, 0x28]), Buffer.from('"\n')]));
  write('recursive.yaml', schemas("    A:\n      type: object\n      properties:\n        child:\n          $ref: '#/components/schemas/A'\n"));
  write('deep-flow.yaml', `${header}paths: {}\nx-deep: ${'{a: '.repeat(5000)}1${'}'.repeat(5000)}\n`);
  write('deep-base.json', deepDocument(deepSchema(5000, 'string')));
  write('deep-head.json', deepDocument(deepSchema(5000, 'integer')));
  write('ref-chain-base.json', refChain(5000, 'string'));
  write('ref-chain-head.json', refChain(5000, 'integer'));
  mkdirSync(path.join(temp, 'missing-ref'));
  write('missing-ref/openapi.yaml', `${header}paths:\n  /a:\n    $ref: paths/a.yaml\n`);
});

afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** No stack trace, no crash report on stderr. */
function expectNoCrash(run: Run): void {
  expect(run.signal).toBeNull();
  expect(run.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(run.stderr).not.toMatch(/heap out of memory|Maximum call stack|FATAL ERROR/);
}

// [name, { file, want: message at file:line (or pointer) }]
const failures: Array<[string, { file: string; want: RegExp }]> = [
  ['Swagger 2.0', { file: 'swagger-2.yaml', want: /swagger-2\.yaml:1:10 \[openapi-document\] is a Swagger 2\.0 document; only OpenAPI 3 is supported/ }],
  [
    '`openapi: 2.0` (a number)',
    {
      file: 'openapi-number.yaml',
      want: /openapi-number\.yaml:1:10 \[openapi-document\] `openapi` must be a version string such as "3\.1\.0", not the number 2/,
    },
  ],
  [
    'JSON that is not OpenAPI',
    { file: 'not-openapi.json', want: /not-openapi\.json:1:1 \[openapi-document\] is not an OpenAPI document \(no `openapi` field\)/ },
  ],
  [
    'a $ref to itself',
    { file: 'ref-to-itself.yaml', want: /ref-to-itself\.yaml:19:7 \[ref-cycle\] `\$ref: #\/components\/schemas\/A` never reaches a schema/ },
  ],
  ['a ref-only cycle A → B → A', { file: 'ref-cycle.yaml', want: /ref-cycle\.yaml:\d+:7 \[ref-cycle\] .*the \$ref chain loops back/ }],
  [
    'a dangling $ref',
    { file: 'dangling-ref.yaml', want: /dangling-ref\.yaml:15:17 \[no-unresolved-refs\] `\$ref: #\/components\/schemas\/A` points to nothing/ },
  ],
  ['`paths: null`', { file: 'paths-null.yaml', want: /paths-null\.yaml:5:8 \[openapi-document\] `paths` is null, not a mapping\. Fix: write `paths: \{\}`/ }],
  ['`components: null`', { file: 'components-null.yaml', want: /components-null\.yaml:6:13 \[openapi-document\] `components` is null, not a mapping/ }],
  ['invalid UTF-8', { file: 'invalid-utf8.yaml', want: /invalid-utf8\.yaml:6:13 \[utf-8\] is not valid UTF-8: byte 0xc3/ }],
  ['a 5,000-deep YAML mapping', { file: 'deep-flow.yaml', want: /deep-flow\.yaml:6:\d+ \[spec-depth\] nests too deeply to be parsed/ }],
  ['a YAML alias bomb', { file: 'alias-bomb.yaml', want: /alias-bomb\.yaml:6:\d+ \[yaml-alias-limit\] YAML aliases expand to more than \d+ nodes/ }],
  [
    'a $ref to a file that does not exist',
    {
      file: 'missing-ref/openapi.yaml',
      want: /missing-ref\/openapi\.yaml:7:5 \[no-unresolved-refs\] `\$ref: paths\/a\.yaml` points to a file that does not exist/,
    },
  ],
];

describe('talk-contract bundle: every load failure is exit 2 with file:line, and nothing is written', () => {
  it.each(failures)('%s', async (_name, { file, want }) => {
    const out = path.join(temp, `out-${path.basename(file)}`);
    const run = await cli(['bundle', '--source', path.join(temp, file), '--out', out]);
    expectNoCrash(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(want);
    expect(existsSync(out)).toBe(false);
  });

  it('a missing root file', async () => {
    const run = await cli(['bundle', '--source', path.join(temp, 'no-such-openapi.yaml'), '--out', path.join(temp, 'out-missing')]);
    expectNoCrash(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no-such-openapi\.yaml \[spec-file\] cannot be read \(no such file\)/);
  });

  it('the alias bomb fails fast within a 256 MB heap', async () => {
    const run = await cli(['bundle', '--source', path.join(temp, 'alias-bomb.yaml'), '--out', path.join(temp, 'out-bomb')], 30_000);
    expectNoCrash(run);
    expect(run.code).toBe(2);
    expect(run.ms).toBeLessThan(30_000);
  });
});

describe('talk-contract diff: every load failure is exit 2 with file:line, not a diff', () => {
  it.each(failures)('%s in the head', async (_name, { file, want }) => {
    const run = await cli(['diff', 'ok.yaml', file]);
    expectNoCrash(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`could not load the contract ${file}`);
    expect(run.stderr).toMatch(want);
    expect(run.stdout).toBe('');
  });

  it('a dangling $ref in the base is exit 2 as well (not "schema added")', async () => {
    const run = await cli(['diff', 'dangling-ref.yaml', 'ok.yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/could not load the contract dangling-ref\.yaml/);
  });

  it.each([
    ['a 5,000-deep schema', { base: 'deep-base.json', head: 'deep-head.json', want: /deep-base\.json:1:\d+ \[spec-depth\] nests deeper than 256 levels/ }],
    [
      'a chain of 5,000 $refs',
      {
        base: 'ref-chain-base.json',
        head: 'ref-chain-head.json',
        want: /ref-chain-base\.json:1:\d+ \[spec-depth\] the document nests deeper than 256 levels .*counted across \$refs/,
      },
    ],
  ])('%s is refused at its pointer, without a stack overflow', async (_name, { base, head, want }) => {
    const run = await cli(['diff', base, head]);
    expectNoCrash(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(want);
    expect(run.stderr).toMatch(/\(at #\/(paths|components)\//);
  });

  it('a recursive schema (a $ref back to an enclosing schema) is legal: it loads and compares', async () => {
    const same = await cli(['diff', 'recursive.yaml', 'recursive.yaml']);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('No changes.');
    const changed = await cli(['diff', 'ok.yaml', 'recursive.yaml']);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain('response-type-changed');
  });

  it('the limits are far above the real contract (it loads)', async () => {
    const run = await cli(['diff', path.join(GENERATOR, '../openapi'), path.join(GENERATOR, '../openapi')]);
    expect(run.code).toBe(0);
    expect(SPEC_LIMITS.maxDepth).toBeGreaterThan(17 * 4);
  });
});
