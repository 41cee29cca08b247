// The preflight in-process: strict UTF-8 positions, the OpenAPI root checks, and $ref chains (each problem once).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SpecLoadError, type SpecProblem } from '../../src/load/load-source.js';
import { decodeUtf8 } from '../../src/load/read-spec-file.js';
import { checkOpenApiRoot, preflightSpec } from '../../src/load/spec-preflight.js';

const temp = mkdtempSync(path.join(os.tmpdir(), 'talk-contract-preflight-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function problemsOf(run: () => unknown): SpecProblem[] {
  try {
    run();
  } catch (error) {
    if (error instanceof SpecLoadError) return error.problems;
    throw error;
  }
  return [];
}

describe('decodeUtf8', () => {
  it.each([
    ['a lone continuation byte on line 2', { bytes: [0x61, 0x0a, 0x62, 0x80], want: { line: 2, column: 2 } }],
    ['an overlong encoding (0xc0 0xaf)', { bytes: [0x61, 0x62, 0xc0, 0xaf], want: { line: 1, column: 3 } }],
    ['a UTF-16 surrogate (0xed 0xa0 0x80)', { bytes: [0xed, 0xa0, 0x80], want: { line: 1, column: 1 } }],
    ['a sequence cut off at the end', { bytes: [0x61, 0xe2, 0x82], want: { line: 1, column: 2 } }],
    ['after multi-byte characters: the column counts characters', { bytes: [0xc3, 0xa9, 0xc3, 0xa9, 0xff], want: { line: 1, column: 3 } }],
  ])('%s', (_name, { bytes, want }) => {
    const [problem] = problemsOf(() => decodeUtf8(Uint8Array.from(bytes), 'x.yaml'));
    expect(problem).toMatchObject({ file: 'x.yaml', ruleId: 'utf-8', ...want });
  });

  it('decodes valid UTF-8 and drops a BOM', () => {
    expect(decodeUtf8(Uint8Array.from([0xef, 0xbb, 0xbf, 0x63, 0x61, 0x66, 0xc3, 0xa9]), 'x.yaml')).toBe('café');
  });
});

describe('checkOpenApiRoot', () => {
  it.each([
    ['a list', { given: [], want: [['', /the root is a list/]] }],
    ['Swagger 2.0', { given: { swagger: '2.0' }, want: [['/swagger', /Swagger 2\.0/]] }],
    ['no openapi field', { given: { info: {} }, want: [['', /no `openapi` field/]] }],
    ['openapi: 2.0 (a number)', { given: { openapi: 2 }, want: [['/openapi', /not the number 2/]] }],
    ['OpenAPI 4', { given: { openapi: '4.0.0' }, want: [['/openapi', /OpenAPI 4\.0\.0 is not supported/]] }],
    [
      'paths: null, servers: {}',
      {
        given: { openapi: '3.1.0', paths: null, servers: {} },
        want: [
          ['/paths', /`paths` is null/],
          ['/servers', /not a list/],
        ],
      },
    ],
    [
      'a null path item and operation',
      {
        given: { openapi: '3.0.3', paths: { '/a': null, '/b': { get: null } } },
        want: [
          ['/paths/~1a', /is null/],
          ['/paths/~1b/get', /is null/],
        ],
      },
    ],
    ['components: {schemas: null}', { given: { openapi: '3.1.0', components: { schemas: null } }, want: [['/components/schemas', /is null/]] }],
  ])('%s', (_name, { given, want }) => {
    const problems = checkOpenApiRoot(given);
    expect(problems.map((p) => p.pointer)).toEqual(want.map(([pointer]) => pointer));
    problems.forEach((p, i) => expect(p.message).toMatch(want[i][1] as RegExp));
  });

  it.each([
    ['OpenAPI 3.0 and 3.1 with the usual sections', { openapi: '3.0.3', info: {}, paths: {}, servers: [], tags: [], components: { schemas: {} } }],
    ['boolean schemas of OpenAPI 3.1', { openapi: '3.1.0', components: { schemas: { Anything: true, Nothing: false } } }],
    ['no paths at all (OpenAPI 3.1 allows webhooks only)', { openapi: '3.1.0', webhooks: {} }],
  ])('accepts %s', (_name, given) => {
    expect(checkOpenApiRoot(given)).toEqual([]);
  });
});

describe('preflightSpec: $ref chains', () => {
  const header = 'openapi: 3.1.0\ninfo:\n  title: t\n  version: 1.0.0\npaths: {}\n';
  const write = (name: string, text: string) => {
    writeFileSync(path.join(temp, name), text);
    return path.join(temp, name);
  };

  it('a chain that ends nowhere is reported once, where the dangling $ref is written', () => {
    const file = write(
      'chain.yaml',
      `${header}components:\n  schemas:\n    A:\n      $ref: '#/components/schemas/B'\n    B:\n      $ref: '#/components/schemas/C'\n    D:\n      $ref: '#/components/schemas/A'\n`,
    );
    const problems = problemsOf(() => preflightSpec(file));
    expect(problems.map((p) => [p.ruleId, p.line, p.pointer])).toEqual([['no-unresolved-refs', 11, '#/components/schemas/B']]);
  });

  it('follows $refs into other files, and reports a missing pointer in them with the referring file and line', () => {
    write('other.yaml', 'Thing:\n  type: string\n');
    const file = write('cross.yaml', `${header}components:\n  schemas:\n    A:\n      $ref: 'other.yaml#/Thing'\n    B:\n      $ref: 'other.yaml#/Nothing'\n`);
    const problems = problemsOf(() => preflightSpec(file));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file, line: 11, ruleId: 'no-unresolved-refs', message: expect.stringContaining('there is no /Nothing in other.yaml') });
  });

  it('a cycle through other files is a ref-cycle', () => {
    write('loop-a.yaml', "$ref: 'loop-b.yaml'\n");
    write('loop-b.yaml', "$ref: 'loop-a.yaml'\n");
    const file = write('loop.yaml', `${header}components:\n  schemas:\n    A:\n      $ref: 'loop-a.yaml'\n`);
    expect(problemsOf(() => preflightSpec(file)).map((p) => p.ruleId)).toEqual(['ref-cycle']);
  });

  it('recursion (a property that $refs its own schema) and a $ref shared by many nodes are legal', () => {
    const file = write(
      'recursion.yaml',
      `${header}components:\n  schemas:\n    Tree:\n      type: object\n      properties:\n        children:\n          type: array\n          items:\n            $ref: '#/components/schemas/Tree'\n        parent:\n          $ref: '#/components/schemas/Tree'\n`,
    );
    expect(preflightSpec(file).files.size).toBe(1);
  });
});
