import { describe, expect, test } from 'vitest';
import { checkAnnotations, type AnnotationProblem } from '../../src/load/annotations.js';

describe('checkAnnotations', () => {
  const table: Array<[string, { given: unknown; want: Array<Pick<AnnotationProblem, 'pointer'>> }]> = [
    ['valid range', { given: { paths: { '/room': { get: { 'x-talk-added': 'v2', 'x-talk-removed': 'v4' } } } }, want: [] }],
    ['unknown added version', { given: { paths: { '/room': { get: { 'x-talk-added': 'v7' } } } }, want: [{ pointer: '/paths/~1room/get/x-talk-added' }] }],
    ['removed v1 is impossible', { given: { a: { 'x-talk-removed': 'v1' } }, want: [{ pointer: '/a/x-talk-removed' }] }],
    ['removed in the version it was added', { given: { a: { 'x-talk-added': 'v3', 'x-talk-removed': 'v3' } }, want: [{ pointer: '/a/x-talk-removed' }] }],
    ['removed before it was added', { given: { a: { 'x-talk-added': 'v4', 'x-talk-removed': 'v2' } }, want: [{ pointer: '/a/x-talk-removed' }] }],
    ['non-string version', { given: { a: { 'x-talk-added': 4 } }, want: [{ pointer: '/a/x-talk-added' }] }],
    ['inside arrays', { given: { parameters: [{}, { 'x-talk-added': 'V2' }] }, want: [{ pointer: '/parameters/1/x-talk-added' }] }],
    [
      'a property named like a keyword is still checked',
      { given: { properties: { example: { 'x-talk-added': 'v9' } } }, want: [{ pointer: '/properties/example/x-talk-added' }] },
    ],
    ['example data is not an annotation', { given: { example: { 'x-talk-added': 'whatever' } }, want: [] }],
    [
      'a version-specific Example object is checked, its value is not',
      { given: { examples: { old: { 'x-talk-removed': 'v0', value: { 'x-talk-added': 'data' } } } }, want: [{ pointer: '/examples/old/x-talk-removed' }] },
    ],
    ['enum versions: valid', { given: { s: { enum: ['a'], 'x-talk-enum-versions': { a: { added: 'v2' } } } }, want: [] }],
    [
      'enum versions: unknown version',
      { given: { s: { enum: ['a'], 'x-talk-enum-versions': { a: { added: 'v5' } } } }, want: [{ pointer: '/s/x-talk-enum-versions/a/added' }] },
    ],
    [
      'enum versions: removed before added',
      {
        given: { s: { enum: ['a'], 'x-talk-enum-versions': { a: { added: 'v3', removed: 'v2' } } } },
        want: [{ pointer: '/s/x-talk-enum-versions/a/removed' }],
      },
    ],
    [
      'enum versions: not a range object',
      { given: { s: { enum: ['a'], 'x-talk-enum-versions': { a: 'v2' } } }, want: [{ pointer: '/s/x-talk-enum-versions/a' }] },
    ],
    ['enum versions: not a map', { given: { s: { enum: ['a'], 'x-talk-enum-versions': ['a'] } }, want: [{ pointer: '/s/x-talk-enum-versions' }] }],
  ];
  test.each(table)('%s', (_name, { given, want }) => {
    const problems = checkAnnotations(given);
    expect(problems.map((p) => ({ pointer: p.pointer }))).toEqual(want);
    for (const problem of problems) expect(problem.message).toMatch(/v1|v2|added|removed|map|object/);
  });
});
