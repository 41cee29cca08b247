// Each documented refusal gets its documented status (and an OCS failure envelope where there is a body).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationSettings } from '../src/domain/conversation.js';
import { CHAT, V4, joinAsGuest, ocs, startServer } from './support.js';

describe('security and refusal table', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let group: string;
  let publicRoom: string;
  let lockedRoom: string;
  let lobbyRoom: string;
  let readOnlyRoom: string;

  beforeAll(async () => {
    server = await startServer();
    const [alice] = server.users;
    const create = async (roomType: number, roomName: string) =>
      (await ocs(server.url, 'POST', `${V4}/room`, { user: alice, body: { roomType, roomName } })).body?.ocs.data.token as string;
    group = await create(2, 'Group');
    publicRoom = await create(3, 'Public');
    lockedRoom = await create(3, 'Locked');
    lobbyRoom = await create(2, 'Webinar');
    readOnlyRoom = await create(2, 'Announcements');
    for (const token of [group, lobbyRoom, readOnlyRoom])
      await ocs(server.url, 'POST', `${V4}/room/${token}/participants`, { user: alice, body: { newParticipant: 'bob' } });
    conversationSettings.setPassword(server.store, lockedRoom, { kind: 'user', userId: 'alice' }, 'open sesame');
    server.admin.setLobbyState(lobbyRoom, 1);
    conversationSettings.setReadOnly(server.store, readOnlyRoom, { kind: 'user', userId: 'alice' }, 1);
  });
  afterAll(async () => {
    await server.close();
  });

  const users = () => {
    const [alice, bob, carol] = server.users;
    return { alice, bob, carol };
  };

  // Nextcloud's own refusals, before Talk runs: a wrong login is the login layer's OCS XML (status 997), a missing
  // login an OCS failure with status 997, a missing OCS-APIRequest header the CSRF check's bare JSON.
  it('no auth on an operation that needs a login → 401, OCS status 997 "Current user is not logged in", data []', async () => {
    const res = await ocs(server.url, 'GET', `${V4}/room`);
    expect(res.status).toBe(401);
    expect(res.body?.ocs.meta).toEqual({ status: 'failure', statuscode: 997, message: 'Current user is not logged in' });
    expect(res.body?.ocs.data).toEqual([]);
  });
  it.each([
    ['wrong app password', () => ocs(server.url, 'GET', `${V4}/room`, { user: users().alice, password: 'wrong-password' })],
    ['unknown user', () => ocs(server.url, 'GET', `${V4}/room`, { user: { ...users().alice, id: 'mallory' } })],
    [
      'wrong password on an operation guests may call',
      () => ocs(server.url, 'GET', `${CHAT}/${publicRoom}?lookIntoFuture=0`, { user: users().alice, password: 'nope' }),
    ],
  ])('%s → 401 in OCS XML with a Basic challenge', async (_name, call) => {
    const res = await call();
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
    expect(res.headers.get('www-authenticate')).toBe('Basic realm="Authorisation Required"');
    expect(res.text).toContain('<statuscode>997</statuscode>');
  });
  it('missing OCS-APIRequest header → 412 {"message":"CSRF check failed"}', async () => {
    const res = await ocs(server.url, 'GET', `${V4}/room`, { user: users().alice, ocsHeader: false });
    expect(res.status).toBe(412);
    expect(JSON.parse(res.text)).toEqual({ message: 'CSRF check failed' });
  });

  const table: [string, () => Promise<{ status: number; body: unknown }>, number][] = [
    ['non-member reads the chat', () => ocs(server.url, 'GET', `${CHAT}/${group}?lookIntoFuture=0`, { user: users().carol }), 404],
    ['non-member lists participants', () => ocs(server.url, 'GET', `${V4}/room/${group}/participants`, { user: users().carol }), 404],
    [
      'non-moderator adds a participant',
      () => ocs(server.url, 'POST', `${V4}/room/${group}/participants`, { user: users().bob, body: { newParticipant: 'carol' } }),
      403,
    ],
    ['non-moderator promotes someone', () => ocs(server.url, 'POST', `${V4}/room/${group}/moderators`, { user: users().bob, body: { attendeeId: 1 } }), 403],
    ['non-moderator clears the history', () => ocs(server.url, 'DELETE', `${CHAT}/${group}`, { user: users().bob }), 403],
    ['message over 32000 characters', () => ocs(server.url, 'POST', `${CHAT}/${group}`, { user: users().bob, body: { message: 'x'.repeat(32_001) } }), 413],
    [
      'message of exactly 32000 characters is fine',
      () => ocs(server.url, 'POST', `${CHAT}/${group}`, { user: users().bob, body: { message: 'x'.repeat(32_000) } }),
      201,
    ],
    [
      'oversize message by a non-member is a 404 first',
      () => ocs(server.url, 'POST', `${CHAT}/${group}`, { user: users().carol, body: { message: 'x'.repeat(32_001) } }),
      404,
    ],
    ['guest joins a group (non-public) conversation', () => ocs(server.url, 'POST', `${V4}/room/${group}/participants/active`, { body: {} }), 404],
    ['guest posts to a group conversation', () => ocs(server.url, 'POST', `${CHAT}/${group}`, { body: { message: 'hi' } }), 404],
    [
      'guest with a wrong conversation password',
      () => ocs(server.url, 'POST', `${V4}/room/${lockedRoom}/participants/active`, { body: { password: 'guess' } }),
      403,
    ],
    [
      'guest with the conversation password',
      () => ocs(server.url, 'POST', `${V4}/room/${lockedRoom}/participants/active`, { body: { password: 'open sesame' } }),
      200,
    ],

    ['lobby: non-moderator reads the chat', () => ocs(server.url, 'GET', `${CHAT}/${lobbyRoom}?lookIntoFuture=0`, { user: users().bob }), 412],
    ['lobby: non-moderator posts', () => ocs(server.url, 'POST', `${CHAT}/${lobbyRoom}`, { user: users().bob, body: { message: 'let me in' } }), 412],
    ['lobby: the moderator reads the chat', () => ocs(server.url, 'GET', `${CHAT}/${lobbyRoom}?lookIntoFuture=0`, { user: users().alice }), 200],
    ['read-only: posting', () => ocs(server.url, 'POST', `${CHAT}/${readOnlyRoom}`, { user: users().bob, body: { message: 'hello?' } }), 403],
    ['read-only: mention suggestions', () => ocs(server.url, 'GET', `${CHAT}/${readOnlyRoom}/mentions?search=a`, { user: users().bob }), 403],
    ['unknown conversation token', () => ocs(server.url, 'GET', `${CHAT}/zzzzzzzz?lookIntoFuture=0`, { user: users().alice }), 404],
    [
      'invalid parameter (an unknown notification level)',
      () => ocs(server.url, 'POST', `${V4}/room/${group}/notify`, { user: users().bob, body: { level: 7 } }),
      400,
    ],
    [
      'a limit Talk reads as 0 (PHP int) falls back to the default',
      () => ocs(server.url, 'GET', `${CHAT}/${group}?lookIntoFuture=0&limit=lots`, { user: users().alice }),
      200,
    ],
  ];

  it.each(table)('%s → %i', async (_name, call, status) => {
    const res = await call();
    expect(res.status).toBe(status);
    const body = res.body as { ocs: { meta: { statuscode: number; status: string } } } | null;
    expect(body?.ocs.meta.statuscode).toBe(status);
    expect(body?.ocs.meta.status).toBe(status < 400 ? 'ok' : 'failure');
  });

  it('a guest who joined a public conversation can chat and name themselves, but not list participants', async () => {
    const cookie = await joinAsGuest(server.url, publicRoom);
    expect(cookie).toMatch(/^talk_session=.{100,}/);
    expect(
      (await ocs(server.url, 'POST', `/ocs/v2.php/apps/spreed/api/v1/guest/${publicRoom}/name`, { cookie, body: { displayName: 'Visitor' } })).status,
    ).toBe(200);
    const sent = await ocs(server.url, 'POST', `${CHAT}/${publicRoom}`, { cookie, body: { message: 'hello from a guest' } });
    expect(sent.status).toBe(201);
    expect(sent.body?.ocs.data).toMatchObject({ actorType: 'guests', actorDisplayName: 'Visitor' });
    expect((await ocs(server.url, 'GET', `${V4}/room/${publicRoom}/participants`, { cookie })).status).toBe(403);
    expect(
      (await ocs(server.url, 'POST', `/ocs/v2.php/apps/spreed/api/v1/guest/${publicRoom}/name`, { user: users().alice, body: { displayName: 'x' } })).status,
    ).toBe(403);
    // The guest session is bound to its conversation.
    expect((await ocs(server.url, 'GET', `${CHAT}/${group}?lookIntoFuture=0`, { cookie })).status).toBe(404);
  });

  it('guest adds favorites (logged-in users only) → 401, OCS status 997', async () => {
    const res = await ocs(server.url, 'POST', `${V4}/room/${publicRoom}/favorite`);
    expect(res.status).toBe(401);
    expect(res.body?.ocs.meta.statuscode).toBe(997);
  });

  it('join with force=false: a second session when the first is not in a call, 409 with the session that is', async () => {
    const { alice } = users();
    const first = await ocs(server.url, 'POST', `${V4}/room/${group}/participants/active`, { user: alice, body: {} });
    expect(first.status).toBe(200);
    const second = await ocs(server.url, 'POST', `${V4}/room/${group}/participants/active`, { user: alice, body: { force: false } });
    expect(second.status).toBe(200);
    expect(second.body?.ocs.data.sessionId).not.toBe(first.body?.ocs.data.sessionId);
    const inCall = server.store.sessions.get(first.body?.ocs.data.sessionId);
    if (!inCall) throw new Error('the first session is gone');
    inCall.inCall = 1;
    const third = await ocs(server.url, 'POST', `${V4}/room/${group}/participants/active`, { user: alice, body: { force: false } });
    expect(third.status).toBe(409);
    expect(third.body?.ocs.data.sessionId).toBe(first.body?.ocs.data.sessionId);
  });

  it('nothing was off-contract', () => {
    expect(server.problems).toEqual([]);
  });
});
