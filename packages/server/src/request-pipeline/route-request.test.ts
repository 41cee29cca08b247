import { describe, expect, it } from 'vitest';
import { concretePath, operationFixtures } from '../../test/support/contract-fixtures.js';
import { createTalkRouter, queryStringOf, requestPathOf } from './route-request.js';

describe('request URL parts', () => {
  it.each([
    ['path and query', { given: 'http://127.0.0.1:8080/ocs/v2.php/a?b=1&c', path: '/ocs/v2.php/a', query: 'b=1&c' }],
    ['no query', { given: 'https://host/x/y', path: '/x/y', query: '' }],
    ['empty query', { given: 'http://host/x?', path: '/x', query: '' }],
    ['escapes stay raw', { given: 'http://host/chat/a%2Fb?x=%20', path: '/chat/a%2Fb', query: 'x=%20' }],
  ])('%s', (_name, { given, path, query }) => {
    expect(requestPathOf(given)).toBe(path);
    expect(queryStringOf(given)).toBe(query);
  });
});

describe('createTalkRouter', () => {
  const route = createTalkRouter('v4');
  const fixtures = operationFixtures('v4');

  it('routes every operation of the slice to itself (HEAD like GET)', () => {
    for (const f of fixtures) {
      const url = `http://127.0.0.1${concretePath(f)}?x=1`;
      expect(route(f.method, url)).toMatchObject({ kind: 'operation', operationId: f.operationId });
      if (f.method === 'GET') expect(route('HEAD', url)).toMatchObject({ kind: 'operation', operationId: f.operationId });
    }
  });

  it('gives 405 data with Allow (HEAD wherever GET is) and not-found', () => {
    const f = fixtures.find((x) => x.method === 'GET')!;
    const found = route('PATCH', `http://127.0.0.1${concretePath(f)}`);
    expect(found.kind).toBe('method-not-allowed');
    expect((found as { allow: string }).allow.split(', ')).toEqual(expect.arrayContaining(['GET', 'HEAD']));
    expect(route('GET', 'http://127.0.0.1/ocs/v2.php/apps/spreed/api/v4/nothing')).toEqual({ kind: 'not-found' });
  });
});
