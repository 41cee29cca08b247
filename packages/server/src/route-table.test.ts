import { describe, expect, it } from 'vitest';
import type { OperationDescriptor } from './contract-descriptor.js';
import { buildRouteTable, toHonoPath } from './route-table.js';

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
