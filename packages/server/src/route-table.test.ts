import { describe, expect, it } from 'vitest';
import type { OperationDescriptor } from './contract-descriptor.js';
import { contracts } from './generated/index.js';
import { buildRouteTable, createRouteMatcher, toHonoPath } from './route-table.js';

const op = (operationId: string, method: OperationDescriptor['method'], path: string): OperationDescriptor => ({
  operationId,
  method,
  path,
  anonymous: false,
  parameters: [],
  requestBody: null,
  responses: [],
});

describe('route table', () => {
  it('converts contract paths to Hono paths', () => {
    expect(toHonoPath('/ocs/v2.php/apps/spreed/api/v1/chat/{token}/{messageId}')).toBe('/ocs/v2.php/apps/spreed/api/v1/chat/:token/:messageId');
  });

  it.each([
    ['note-to-self before {token}', { given: ['/room/{token}', '/room/note-to-self'], want: ['/room/note-to-self', '/room/{token}'] }],
    ['read before {messageId}', { given: ['/chat/{token}/{messageId}', '/chat/{token}/read'], want: ['/chat/{token}/read', '/chat/{token}/{messageId}'] }],
    [
      'deeper concrete first',
      {
        given: ['/chat/{token}/{messageId}/context', '/chat/{token}/share/overview'],
        want: ['/chat/{token}/share/overview', '/chat/{token}/{messageId}/context'],
      },
    ],
  ])('%s', (_name, { given, want }) => {
    expect(buildRouteTable(given.map((p, i) => op(`op${i}`, 'get', p))).map((r) => r.path)).toEqual(want);
  });

  it('groups the methods of one path and lists them for Allow', () => {
    const [route] = buildRouteTable([op('a', 'post', '/chat/{token}'), op('b', 'get', '/chat/{token}')]);
    expect([...route.operations.keys()]).toEqual(['POST', 'GET']);
    expect(route.allow).toBe('GET, HEAD, POST');
  });
});

describe('createRouteMatcher', () => {
  const match = createRouteMatcher(
    buildRouteTable([
      op('receiveMessages', 'get', '/chat/{token}'),
      op('deleteMessage', 'delete', '/chat/{token}/{messageId}'),
      op('editMessage', 'put', '/chat/{token}/{messageId}'),
      op('markChatUnread', 'delete', '/chat/{token}/read'),
      op('markChatRead', 'post', '/chat/{token}/read'),
    ]),
  );
  const id = (m: ReturnType<typeof match>) => (m.kind === 'operation' ? [m.operation.operationId, m.params] : m);

  it.each([
    ['parameter route', { given: ['GET', '/chat/abc'], want: ['receiveMessages', { token: 'abc' }] }],
    ['concrete segment wins', { given: ['DELETE', '/chat/abc/read'], want: ['markChatUnread', { token: 'abc' }] }],
    ['falls back to the parameter route for its method', { given: ['PUT', '/chat/abc/read'], want: ['editMessage', { token: 'abc', messageId: 'read' }] }],
    ['decodes parameters once', { given: ['GET', '/chat/a%2541%2Fb'], want: ['receiveMessages', { token: 'a%41/b' }] }],
    ['malformed escapes stay', { given: ['GET', '/chat/%E0%A4'], want: ['receiveMessages', { token: '%E0%A4' }] }],
    ['empty segment is no parameter', { given: ['GET', '/chat/'], want: { kind: 'not-found' } }],
    ['unknown path', { given: ['GET', '/nope'], want: { kind: 'not-found' } }],
    ['wrong method', { given: ['PATCH', '/chat/abc/read'], want: { kind: 'method-not-allowed', allow: 'DELETE, POST, PUT' } }],
    ['HEAD matches like GET', { given: ['HEAD', '/chat/abc'], want: ['receiveMessages', { token: 'abc' }] }],
    ['Allow lists HEAD with GET', { given: ['PATCH', '/chat/abc'], want: { kind: 'method-not-allowed', allow: 'GET, HEAD' } }],
  ])('%s', (_name, { given, want }) => {
    expect(id(match(given[0], given[1]))).toEqual(want);
  });
});

describe('createRouteMatcher backtracking', () => {
  const match = createRouteMatcher(buildRouteTable([op('deep', 'get', '/a/b/c/d'), op('param', 'get', '/a/{x}/c/e'), op('tail', 'get', '/a/b/{y}')]));
  it.each([
    ['a concrete edge that fails deeper gives way to the parameter', { given: '/a/b/c/e', want: ['param', { x: 'b' }] }],
    ['the merged edge still matches whole', { given: '/a/b/c/d', want: ['deep', {}] }],
    ['a merged edge never matches half a segment', { given: '/a/b/cc/d', want: null }],
    ['parameter after a literal', { given: '/a/b/zz', want: ['tail', { y: 'zz' }] }],
  ])('%s', (_name, { given, want }) => {
    const found = match('GET', given);
    expect(found.kind === 'operation' ? [found.operation.operationId, found.params] : null).toEqual(want);
  });
});

describe('createRouteMatcher on the contract slices', () => {
  // Paths without `%` take the packed-tree walk, escaped ones the segment tree: both must route alike.
  it.each(Object.keys(contracts) as Array<keyof typeof contracts>)('%s: every operation is found by both walks', (version) => {
    const { operations } = contracts[version];
    const match = createRouteMatcher(buildRouteTable(operations));
    for (const op of operations) {
      const names = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const plain = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => `v-${name}`);
      const escaped = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => `v%2D${name}`);
      const want = { kind: 'operation', operationId: op.operationId, params: Object.fromEntries(names.map((n) => [n, `v-${n}`])) };
      for (const path of [plain, escaped]) {
        const found = match(op.method.toUpperCase(), path);
        expect(found.kind === 'operation' ? { kind: found.kind, operationId: found.operation.operationId, params: found.params } : found, path).toEqual(want);
      }
      expect(match('TRACE', plain)).toMatchObject({ kind: 'method-not-allowed' });
      expect(match(op.method.toUpperCase(), `${plain}/`).kind).not.toBe('operation');
    }
  });
});
