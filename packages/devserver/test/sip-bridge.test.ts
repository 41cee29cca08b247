// The SIP bridge operations are refused before their parameters are read, as Talk without a SIP bridge does; the
// requests are recognised by @talk-contract/server's router (the contract's paths and methods), not a path pattern
// of the dev server's own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { V4, groupWith, ocs, startServer } from './support.js';

describe.each([
  ['19', 401, []],
  ['21', 501, null],
] as const)('SIP bridge requests on Talk %s', (talk, status, data) => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let token: string;
  beforeAll(async () => {
    server = await startServer({ talk });
    token = await groupWith(server.url, server.users[0]!, 'Dial-in', []);
  });
  afterAll(() => server.close());

  it.each([
    ['getParticipantByPin', 'GET', 'pin/123456'],
    ['verifyDialInPin', 'POST', 'verify-dialin'],
    ['verifyDialOutNumber', 'POST', 'verify-dialout'],
    ['resetRejectedDialOut', 'DELETE', 'rejected-dialout'],
  ])('%s is refused before its parameters are validated', async (_operationId, method, rest) => {
    // No body and no query: the documented required parameters are missing, yet the refusal comes first.
    const res = await ocs(server.url, method, `${V4}/room/${token}/${rest}`);
    expect(res.status).toBe(status);
    expect(res.body?.ocs.data).toEqual(data);
  });

  it('an unknown conversation is 404, with a percent-encoded token decoded as the router decodes it', async () => {
    const res = await ocs(server.url, 'GET', `${V4}/room/no%20such/pin/123456`);
    expect(res.status).toBe(404);
    expect(res.body?.ocs.data).toEqual([]);
  });

  it('a SIP bridge path with a method the contract does not document is 405, as every route answers it', async () => {
    const res = await ocs(server.url, 'PUT', `${V4}/room/${token}/verify-dialin`);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });

  it('without OCS-APIRequest it gets the CSRF refusal every operation gets, not the SIP one', async () => {
    const res = await ocs(server.url, 'POST', `${V4}/room/${token}/verify-dialin`, { ocsHeader: false });
    expect(res.status).toBe(412);
    expect(res.body).toEqual({ message: 'CSRF check failed' });
    expect(server.problems).toEqual([]);
  });
});
