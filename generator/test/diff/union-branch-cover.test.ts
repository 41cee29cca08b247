// A `oneOf`/`anyOf` branch that has no equal counterpart in the head is removed only when nothing in the head
// (another branch, or the head schema itself) accepts all its values. Branches merged into one wider branch are
// re-expressed, not removed: no narrowing for a request, but a widening for a response. The shapes are those of
// octokit 22 → 23, `POST /repos/{owner}/{repo}/issues/{issue_number}/labels`.
import { describe, expect, it } from 'vitest';
import type { ContractChange } from '../../src/diff/change.js';
import { diffDocuments } from '../../src/diff/compare-contracts.js';
import type { Flow } from '../../src/diff/rule-context.js';
import type { JsonObject } from '../../src/load/slice.js';

const labelsOf = (items: JsonObject): JsonObject => ({
  type: 'object',
  properties: { labels: { type: 'array', minItems: 1, items } },
});
const named = (extra: JsonObject = {}): JsonObject => ({
  type: 'object',
  properties: { name: { type: 'string' }, ...extra },
  required: ['name'],
});
/** `{labels: string[]}` */
const NAMES = labelsOf({ type: 'string' });
/** `{labels: {name}[]}` */
const OBJECTS = labelsOf(named());
/** Both merged: `{labels: (string | {name, rationale?})[]}` */
const MERGED = labelsOf({ oneOf: [{ type: 'string' }, named({ rationale: { type: 'string' } })] });
/** A branch that stays as it is. */
const COUNT = { type: 'integer', title: 'Count' };

/** A one-operation contract: `schema` is the request body (flow `request`) or the 200 response body. */
function contract(flow: Flow, schema: JsonObject): JsonObject {
  const media = { 'application/json': { schema } };
  const op: JsonObject =
    flow === 'request'
      ? { operationId: 'addLabels', requestBody: { content: media }, responses: { '204': { description: 'ok' } } }
      : { operationId: 'addLabels', responses: { '200': { description: 'ok', content: media } } };
  return { openapi: '3.0.3', info: { title: 'labels', version: '1' }, paths: { '/labels': { post: op } } };
}
const diff = (flow: Flow, base: JsonObject, head: JsonObject) => diffDocuments(contract(flow, base), contract(flow, head), 'all');
const BODY = (flow: Flow) =>
  flow === 'request'
    ? '/paths/~1labels/post/requestBody/content/application~1json/schema'
    : '/paths/~1labels/post/responses/200/content/application~1json/schema';
const breaking = (changes: ContractChange[]) =>
  changes.filter((c) => c.severity === 'breaking').map((c) => `${c.id} ${c.pointer.replace(BODY('request'), '').replace(BODY('response'), '')}`);

describe('request: a branch is removed only when no head branch, nor the head schema, accepts all its values', () => {
  it.each(['oneOf', 'anyOf'] as const)('%s branches merged into the head schema itself are not breaking', (keyword) => {
    const changes = diff('request', { [keyword]: [NAMES, OBJECTS] }, MERGED);
    expect(breaking(changes)).toEqual([]);
    const word = keyword === 'oneOf' ? 'one-of' : 'any-of';
    const removed = changes.find((c) => c.id === `request-${word}-branch-removed`);
    expect(removed?.severity).toBe('non-breaking');
    expect(removed?.pointer).toBe(`${BODY('request')}/${keyword}`);
    expect(removed?.message).toBe(
      `request body (application/json): the value is no longer a ${keyword} of 2 branches (#1, #2); their values are still accepted by the schema`,
    );
    // each old branch is compared with what replaced it: the new item shapes and the new property, all compatible
    expect(changes.filter((c) => c.id === `request-one-of-branch-added`).map((c) => c.severity)).toEqual(['non-breaking', 'non-breaking']);
    expect(changes.find((c) => c.id === 'request-property-added' && c.message.includes('labels[].rationale'))?.severity).toBe('non-breaking');
  });

  it('branches merged into one new head branch are not breaking; the branch they became is not "added"', () => {
    const changes = diff('request', { oneOf: [NAMES, OBJECTS, COUNT] }, { oneOf: [MERGED, COUNT] });
    expect(breaking(changes)).toEqual([]);
    expect(changes.filter((c) => c.id.startsWith('request-one-of-branch-')).map((c) => [c.id, c.severity, c.pointer.replace(BODY('request'), '')])).toEqual([
      ['request-one-of-branch-removed', 'non-breaking', '/oneOf'],
      // inside the merged branch: `labels[]` gained the string shape (from #2's view) and the object shape (from #1's)
      ['request-one-of-branch-added', 'non-breaking', '/oneOf/0/properties/labels/items/oneOf/1'],
      ['request-one-of-branch-added', 'non-breaking', '/oneOf/0/properties/labels/items/oneOf/0'],
    ]);
    expect(changes[0].message).toContain('2 oneOf branches removed from the value: #1, #2; their values are still accepted by branch #1');
  });

  it.each([
    ['a branch that stays', { base: { oneOf: [OBJECTS, MERGED, COUNT] }, head: { oneOf: [MERGED, COUNT] }, by: 'branch #1' }],
    ['the head schema (a union that became its other branch)', { base: { oneOf: [OBJECTS, MERGED] }, head: MERGED, by: 'the schema' }],
  ])('a branch whose values %s accepts is not breaking', (_name, { base, head, by }) => {
    const changes = diff('request', base, head);
    expect(changes.map((c) => [c.id, c.severity, c.pointer.replace(BODY('request'), ''), c.message])).toEqual([
      [
        'request-one-of-branch-removed',
        'non-breaking',
        '/oneOf/0',
        `request body (application/json): oneOf branch #1 removed from the value; its values are still accepted by ${by}`,
      ],
    ]);
  });

  it('an object that becomes a union with a wider version of itself as one branch: the other branch added', () => {
    const changes = diff('request', OBJECTS, MERGED);
    expect(changes.map((c) => [c.id, c.severity, c.pointer.replace(BODY('request'), '')])).toEqual([
      ['request-one-of-branch-added', 'non-breaking', '/properties/labels/items/oneOf/0'],
      ['request-property-added', 'non-breaking', '/properties/labels/items/oneOf/1/properties/rationale'],
    ]);
  });

  it.each([
    ['a branch removed outright', { head: NAMES, want: ['request-one-of-branch-removed /oneOf/1'] }],
    [
      'branches merged into a schema that refuses some of their values (a new maxLength)',
      {
        head: labelsOf({ oneOf: [{ type: 'string' }, named({ name: { type: 'string', maxLength: 5 } })] }),
        want: ['request-one-of-branch-removed /oneOf/1'],
      },
    ],
    ['branches replaced by an unrelated shape', { head: labelsOf({ type: 'integer' }), want: ['request-one-of-branch-removed /oneOf'] }],
  ])('%s stays breaking', (_name, { head, want }) => {
    expect(breaking(diff('request', { oneOf: [NAMES, OBJECTS] }, head))).toEqual(want);
  });
});

describe('response: the same changes with widening and narrowing flipped', () => {
  it('branches merged into a wider head schema are breaking: clients meet mixed label lists they never got before', () => {
    const changes = diff('response', { oneOf: [NAMES, OBJECTS] }, MERGED);
    // lists of names may now hold objects (#2 of `labels[]`), lists of objects names (#1)
    expect(breaking(changes)).toEqual([
      'response-one-of-branch-added /properties/labels/items/oneOf/1',
      'response-one-of-branch-added /properties/labels/items/oneOf/0',
    ]);
    // the union's own branches are gone (a narrowing, not breaking for a response)
    expect(changes.find((c) => c.id === 'response-one-of-branch-removed')?.severity).toBe('non-breaking');
  });

  it.each([
    ['a branch removed outright', NAMES],
    ['a branch removed while the other narrowed', labelsOf({ type: 'string', maxLength: 5 })],
  ])('%s is not breaking', (_name, head) => {
    const changes = diff('response', { oneOf: [NAMES, OBJECTS] }, head);
    expect(breaking(changes)).toEqual([]);
    expect(changes.find((c) => c.id === 'response-one-of-branch-removed')?.severity).toBe('non-breaking');
  });

  it('an object that becomes a union with a wider version of itself as one branch: the new branch is breaking', () => {
    expect(breaking(diff('response', OBJECTS, MERGED))).toEqual(['response-one-of-branch-added /properties/labels/items/oneOf/0']);
  });
});
