import { describe, expect, it } from 'vitest';
import { compactRowSource, compactTable, statusMeanings } from './compact-table.js';
import type { OperationRow } from './operation-table.js';

const row = (over: Partial<OperationRow> = {}): OperationRow => ({
  operationId: 'receiveMessages',
  method: 'GET',
  path: '/chat/{token}',
  basePath: '/ocs/v2.php/apps/spreed/api/v1',
  versions: ['v1', 'v2'],
  area: 'chat',
  name: 'receive',
  pathParams: ['token'],
  queryParams: ['lookIntoFuture', 'limit'],
  body: false,
  statuses: { '200': 'The messages', '304': 'Nothing new' },
  headers: { 'X-Chat-Last-Given': { key: 'lastGiven', type: 'integer' } },
  capabilities: [],
  anonymous: true,
  notModified: 'array',
  ...over,
});

describe('compactTable', () => {
  it.each([
    [
      'a row with a fixed base, query, headers and a 304',
      row(),
      {
        id: 'receiveMessages',
        route: 'GET /chat/{token}',
        versions: 'v1 v2',
        area: 'chat',
        name: 'receive',
        query: 'lookIntoFuture limit',
        statuses: '200 304',
        headers: 'X-Chat-Last-Given',
        anonymous: true,
        notModified: 'array',
        base: 1,
      },
    ],
    [
      'defaults left out: the versioned base, no query, no headers, not anonymous',
      row({
        operationId: 'getRoom',
        basePath: '/ocs/v2.php/apps/spreed/api/{apiVersion}',
        queryParams: [],
        headers: {},
        anonymous: false,
        notModified: undefined,
      }),
      { id: 'getRoom', route: 'GET /chat/{token}', versions: 'v1 v2', area: 'chat', name: 'receive', statuses: '200 304' },
    ],
    [
      'a multipart body, a binary answer, capabilities and a deprecated name',
      row({
        body: true,
        multipart: true,
        binary: ['image/*'],
        capabilities: ['avatar', 'chat-v2'],
        deprecatedName: 'old',
        headers: {},
        notModified: undefined,
        anonymous: false,
      }),
      { body: 'multipart', binary: 'image/*', caps: 'avatar chat-v2', old: 'old', base: 1 },
    ],
  ])('%s', (_name, given, want) => {
    expect(compactTable([given]).rows[0]).toMatchObject(want);
    if (!('base' in want)) expect(compactTable([given]).rows[0]!.base).toBeUndefined();
  });

  it('leaves out the facade name when it is the operationId (and only then)', () => {
    const [same, other] = compactTable([row({ operationId: 'addReaction', name: 'addReaction' }), row()]).rows;
    expect(same!.name).toBeUndefined();
    expect(compactRowSource(same!)).not.toContain('name:');
    expect(other!.name).toBe('receive');
  });

  it('shares the base paths (the versioned default first) and the response headers', () => {
    const table = compactTable([row(), row({ operationId: 'other', basePath: '/ocs/v2.php/apps/spreed/api/{apiVersion}' })]);
    expect(table.basePaths).toEqual(['/ocs/v2.php/apps/spreed/api/{apiVersion}', '/ocs/v2.php/apps/spreed/api/v1']);
    expect(table.responseHeaders).toEqual({ 'X-Chat-Last-Given': { key: 'lastGiven', type: 'integer' } });
    expect(table.rows.map((r) => r.base)).toEqual([1, undefined]);
  });

  it.each([
    ['path parameters that are not the {names} of the path', [row({ pathParams: ['roomToken'] })], /receiveMessages \(v1, v2\): path parameters \[roomToken\]/],
    ['a list item with a space', [row({ capabilities: ['two words'] })], /"two words" cannot be written in a space-separated list/],
    [
      'one response header with two shapes',
      [row(), row({ operationId: 'other', headers: { 'X-Chat-Last-Given': { key: 'lastGiven', type: 'string' } } })],
      /operation other \(v1, v2\): response header X-Chat-Last-Given is string here but integer in operation receiveMessages/,
    ],
  ])('refuses %s', (_name, rows, message) => {
    expect(() => compactTable(rows)).toThrow(message);
  });

  it('writes one row per line, strings quoted', () => {
    expect(compactRowSource(compactTable([row({ name: "it's" })]).rows[0]!)).toBe(
      "  { id: 'receiveMessages', route: 'GET /chat/{token}', versions: 'v1 v2', area: 'chat', name: 'it\\'s', query: 'lookIntoFuture limit', statuses: '200 304', headers: 'X-Chat-Last-Given', anonymous: true, notModified: 'array', base: 1 },",
    );
  });
});

describe('statusMeanings', () => {
  it('merges the statuses of the rows of one operation', () => {
    const meanings = statusMeanings([row(), row({ versions: ['v3'], statuses: { '200': 'The messages', '429': 'Too many' } })]);
    expect(meanings).toEqual({ receiveMessages: { '200': 'The messages', '304': 'Nothing new', '429': 'Too many' } });
  });

  it('refuses a status that means something else in another version', () => {
    expect(() => statusMeanings([row(), row({ versions: ['v3'], statuses: { '200': 'Other' } })])).toThrow(
      /operation receiveMessages: status 200 means something else in v3/,
    );
  });
});
