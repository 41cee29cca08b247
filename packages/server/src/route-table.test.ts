import { describe, expect, it } from 'vitest';
import type { OperationDescriptor } from './contract-descriptor.js';
import { buildRouteTable, createRouteMatcher, toHonoPath } from './route-table.js';

const op = (operationId: string, method: OperationDescriptor['method'], path: string): OperationDescriptor => ({
  operationId, method, path, anonymous: false, parameters: [], requestBody: null, responses: [],
});

describe('route table', () => {
  it('converts contract paths to Hono paths', () => {
    expect(toHonoPath('/ocs/v2.php/apps/spreed/api/v1/chat/{token}/{messageId}')).toBe('/ocs/v2.php/apps/spreed/api/v1/chat/:token/:messageId');
  });

  it.each([
    ['note-to-self before {token}', { given: ['/room/{token}', '/room/note-to-self'], want: ['/room/note-to-self', '/room/{token}'] }],
    ['read before {messageId}', { given: ['/chat/{token}/{messageId}', '/chat/{token}/read'], want: ['/chat/{token}/read', '/chat/{token}/{messageId}'] }],
    ['deeper concrete first', { given: ['/chat/{token}/{messageId}/context', '/chat/{token}/share/overview'], want: ['/chat/{token}/share/overview', '/chat/{token}/{messageId}/context'] }],
  ])('%s', (_name, { given, want }) => {
    expect(buildRouteTable(given.map((p, i) => op(`op${i}`, 'get', p))).map((r) => r.path)).toEqual(want);
  });

  it('groups the methods of one path and lists them for Allow', () => {
    const [route] = buildRouteTable([op('a', 'post', '/chat/{token}'), op('b', 'get', '/chat/{token}')]);
    expect([...route.operations.keys()]).toEqual(['POST', 'GET']);
    expect(route.allow).toBe('GET, POST');
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
  ])('%s', (_name, { given, want }) => {
    expect(id(match(given[0], given[1]))).toEqual(want);
  });
});
