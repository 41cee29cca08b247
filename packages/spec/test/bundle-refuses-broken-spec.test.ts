// `talk-contract bundle` refuses a broken spec: exit code ≠ 0, a message naming the file and line (or JSON
// pointer), and every file of the output folder byte-for-byte as it was.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, test } from 'vitest';
import { DOCUMENTS, REPO_ROOT, runTalkContractAsync } from './support.js';

const temp: string[] = [];
afterAll(() => temp.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A fresh copy of openapi/ and redocly.yaml (with the plugin) plus an output folder holding known files. */
function workspace() {
  const dir = mkdtempSync(path.join(tmpdir(), 'talk-bundle-'));
  temp.push(dir);
  cpSync(path.join(REPO_ROOT, 'openapi'), path.join(dir, 'openapi'), { recursive: true });
  cpSync(path.join(REPO_ROOT, 'redocly.yaml'), path.join(dir, 'redocly.yaml'));
  const out = path.join(dir, 'out');
  cpSync(path.join(REPO_ROOT, 'openapi/README.md'), path.join(out, 'unrelated.md'));
  for (const name of DOCUMENTS) writeFileSync(path.join(out, name), `{"previous": ${JSON.stringify(name)}}\n`);
  const root = parse(readFileSync(path.join(dir, 'openapi/openapi.yaml'), 'utf8')) as { paths: Record<string, { $ref: string }> };
  const pathFiles = Object.values(root.paths).map((item) => path.join('openapi', item.$ref));
  return { dir, out, pathFiles, snapshot: () => snapshot(out) };
}

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [name, readFileSync(path.join(dir, name), 'base64')]),
  );
}

const lineOf = (file: string, marker: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(marker)) + 1;
const edit = (file: string, change: (text: string) => string) => writeFileSync(file, change(readFileSync(file, 'utf8')));
const bundle = (dir: string) => runTalkContractAsync(['bundle', '--source', 'openapi/openapi.yaml', '--out', 'out'], dir);

interface BrokenCase {
  /** Break the copy; returns the `file:line` the message must name. */
  breakIt: (ws: ReturnType<typeof workspace>) => string;
  /** What else the message must say. */
  says: RegExp;
}

const cases: Array<[string, BrokenCase]> = [
  [
    'YAML syntax error',
    {
      breakIt: ({ dir, pathFiles }) => {
        edit(path.join(dir, pathFiles[1]), (text) => `summary: broken: mapping\n${text}`);
        return `${pathFiles[1]}:1`;
      },
      says: /bad indentation|YAML|parse/i,
    },
  ],
  [
    'dangling $ref',
    {
      breakIt: ({ dir }) => {
        const root = path.join(dir, 'openapi/openapi.yaml');
        edit(root, (text) => text.replace(/^paths:\n/m, 'paths:\n  /does-not-exist:\n    $ref: paths/does-not-exist.yaml\n'));
        return `openapi/openapi.yaml:${lineOf(root, 'paths/does-not-exist.yaml')}`;
      },
      says: /Can't resolve \$ref|does-not-exist/,
    },
  ],
  [
    'unknown version annotation (x-talk-added: v7)',
    {
      breakIt: ({ dir, pathFiles }) => {
        edit(path.join(dir, pathFiles[0]), (text) => `x-talk-added: v7\n${text}`);
        return `${pathFiles[0]}:1`;
      },
      says: /talk\/version-annotations.*v7/,
    },
  ],
  [
    'duplicate operationId',
    {
      breakIt: ({ dir, pathFiles }) => {
        const first = readFileSync(path.join(dir, pathFiles[0]), 'utf8').match(/operationId: (\w+)/)![1];
        const second = path.join(dir, pathFiles[1]);
        const duplicated = readFileSync(second, 'utf8').match(/operationId: (\w+)/)![1];
        edit(second, (text) => text.replace(`operationId: ${duplicated}`, `operationId: ${first}`));
        return `${pathFiles[1]}:${lineOf(second, `operationId: ${first}`)}`;
      },
      says: /operation-operationId-unique/,
    },
  ],
  [
    'field removed before it was added',
    {
      breakIt: ({ dir, pathFiles }) => {
        edit(path.join(dir, pathFiles[0]), (text) => `x-talk-added: v3\nx-talk-removed: v2\n${text}`);
        return `${pathFiles[0]}:2`;
      },
      says: /x-talk-removed: v2.*not later than/,
    },
  ],
  [
    'field removed in the version it was added',
    {
      breakIt: ({ dir, pathFiles }) => {
        edit(path.join(dir, pathFiles[0]), (text) => `x-talk-added: v3\nx-talk-removed: v3\n${text}`);
        return `${pathFiles[0]}:2`;
      },
      says: /x-talk-removed: v3.*not later than/,
    },
  ],
  [
    'two source paths that become one concrete path in a slice',
    {
      breakIt: ({ dir }) => {
        const root = path.join(dir, 'openapi/openapi.yaml');
        const rootDoc = parse(readFileSync(root, 'utf8')) as { paths: Record<string, { $ref: string }> };
        // A path item on a fixed base (x-talk-base-path …/api/v1), copied as `/v1<path>` on the base …/api.
        const [shortPath, item] = Object.entries(rootDoc.paths).find(([, i]) =>
          readFileSync(path.join(dir, 'openapi', i.$ref), 'utf8').includes('x-talk-base-path: /ocs/v2.php/apps/spreed/api/v1\n'),
        )!;
        const copy = readFileSync(path.join(dir, 'openapi', item.$ref), 'utf8')
          .replace('x-talk-base-path: /ocs/v2.php/apps/spreed/api/v1\n', 'x-talk-base-path: /ocs/v2.php/apps/spreed/api\n')
          .replace(/operationId: (\w+)/g, 'operationId: $1Copy');
        writeFileSync(path.join(dir, 'openapi/paths/collision-copy.yaml'), copy);
        edit(root, (text) => text.replace(/^paths:\n/m, `paths:\n  /v1${shortPath}:\n    $ref: paths/collision-copy.yaml\n`));
        // The problem is reported at the later of the two keys in `paths` (the message names both).
        const lines = [lineOf(root, `/v1${shortPath}:`), lineOf(root, `  ${shortPath}:`)];
        return `openapi/openapi.yaml:${Math.max(...lines)}`;
      },
      says: /slice-path-collision.*both become/,
    },
  ],
];

describe('talk-contract bundle refuses a broken spec and writes nothing', () => {
  test.concurrent('control: the unbroken copy bundles (exit 0) and replaces the five documents', { timeout: 120_000 }, async () => {
    const ws = workspace();
    const before = ws.snapshot();
    const result = await bundle(ws.dir);
    expect(result.status, result.stderr).toBe(0);
    const after = ws.snapshot();
    for (const name of DOCUMENTS) {
      expect(after[name]).not.toBe(before[name]);
      expect(JSON.parse(readFileSync(path.join(ws.out, name), 'utf8')).openapi).toMatch(/^3\.1/);
    }
    expect(after['unrelated.md']).toBe(before['unrelated.md']);
    expect(Object.keys(after)).toEqual(Object.keys(before));
  });

  test.concurrent.each(cases)('%s', { timeout: 120_000 }, async (_name, { breakIt, says }) => {
    const ws = workspace();
    const where = breakIt(ws);
    const before = ws.snapshot();
    const result = await bundle(ws.dir);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(where);
    expect(result.stderr).toMatch(says);
    expect(ws.snapshot()).toEqual(before);
  });
});
