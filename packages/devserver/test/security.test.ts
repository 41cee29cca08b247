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
    const create = async (roomType: number, roomName: string) => (await ocs(server.url, 'POST', `${V4}/room`, { user: alice, body: { roomType, roomName } })).body?.ocs.data.token as string;
    group = await create(2, 'Group');
    publicRoom = await create(3, 'Public');
    lockedRoom = await create(3, 'Locked');
    lobbyRoom = await create(2, 'Webinar');
    readOnlyRoom = await create(2, 'Announcements');
    for (const token of [group, lobbyRoom, readOnlyRoom]) await ocs(server.url, 'POST', `${V4}/room/${token}/participants`, { user: alice, body: { newParticipant: 'bob' } });
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

  const table: [string, () => Promise<{ status: number; body: unknown }>, number][] = [
    ['no auth on an operation that needs a login', () => ocs(server.url, 'GET', `${V4}/room`), 401],
    ['wrong app password', () => ocs(server.url, 'GET', `${V4}/room`, { user: users().alice, password: 'wrong-password' }), 401],
    ['unknown user', () => ocs(server.url, 'GET', `${V4}/room`, { user: { ...users().alice, id: 'mallory' } }), 401],
    ['missing OCS-APIRequest header', () => ocs(server.url, 'GET', `${V4}/room`, { user: users().alice, ocsHeader: false }), 412],
    ['non-member reads the chat', () => ocs(server.url, 'GET', `${CHAT}/${group}?lookIntoFuture=0`, { user: users().carol }), 404],
    ['non-member lists participants', () => ocs(server.url, 'GET', `${V4}/room/${group}/participants`, { user: users().carol }), 404],
    ['non-moderator adds a participant', () => ocs(server.url, 'POST', `${V4}/room/${group}/participants`, { user: users().bob, body: { newParticipant: 'carol' } }), 403],
    ['non-moderator promotes someone', () => ocs(server.url, 'POST', `${V4}/room/${group}/moderators`, { user: users().bob, body: { attendeeId: 1 } }), 403],
    ['non-moderator clears the history', () => ocs(server.url, 'DELETE', `${CHAT}/${group}`, { user: users().bob }), 403],
    ['message over 32000 characters', () => ocs(server.url, 'POST', `${CHAT}/${group}`, { user: users().bob, body: { message: 'x'.repeat(32_001) } }), 413],
    ['message of exactly 32000 characters is fine', () => ocs(server.url, 'POST', `${CHAT}/${group}`, { user: users().bob, body: { message: 'x'.repeat(32_000) } }), 201],
    ['oversize message by a non-member is a 404 first', () => ocs(server.url, 'POST', `${CHAT}/${group}`, { user: users().carol, body: { message: 'x'.repeat(32_001) } }), 404],
    ['guest joins a group (non-public) conversation', () => ocs(server.url, 'POST', `${V4}/room/${group}/participants/active`, { body: {} }), 404],
    ['guest posts to a group conversation', () => ocs(server.url, 'POST', `${CHAT}/${group}`, { body: { message: 'hi' } }), 404],
    ['guest with a wrong conversation password', () => ocs(server.url, 'POST', `${V4}/room/${lockedRoom}/participants/active`, { body: { password: 'guess' } }), 403],
    ['guest with the conversation password', () => ocs(server.url, 'POST', `${V4}/room/${lockedRoom}/participants/active`, { body: { password: 'open sesame' } }), 200],
    ['guest adds favorites (logged-in users only)', () => ocs(server.url, 'POST', `${V4}/room/${publicRoom}/favorite`), 401],
    ['lobby: non-moderator reads the chat', () => ocs(server.url, 'GET', `${CHAT}/${lobbyRoom}?lookIntoFuture=0`, { user: users().bob }), 412],
    ['lobby: non-moderator posts', () => ocs(server.url, 'POST', `${CHAT}/${lobbyRoom}`, { user: users().bob, body: { message: 'let me in' } }), 412],
    ['lobby: the moderator reads the chat', () => ocs(server.url, 'GET', `${CHAT}/${lobbyRoom}?lookIntoFuture=0`, { user: users().alice }), 200],
    ['read-only: posting', () => ocs(server.url, 'POST', `${CHAT}/${readOnlyRoom}`, { user: users().bob, body: { message: 'hello?' } }), 403],
    ['read-only: mention suggestions', () => ocs(server.url, 'GET', `${CHAT}/${readOnlyRoom}/mentions?search=a`, { user: users().bob }), 403],
    ['unknown conversation token', () => ocs(server.url, 'GET', `${CHAT}/zzzzzzzz?lookIntoFuture=0`, { user: users().alice }), 404],
    ['invalid parameter (limit is not a number)', () => ocs(server.url, 'GET', `${CHAT}/${group}?lookIntoFuture=0&limit=lots`, { user: users().alice }), 400],
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
    expect((await ocs(server.url, 'POST', `/ocs/v2.php/apps/spreed/api/v1/guest/${publicRoom}/name`, { cookie, body: { displayName: 'Visitor' } })).status).toBe(200);
    const sent = await ocs(server.url, 'POST', `${CHAT}/${publicRoom}`, { cookie, body: { message: 'hello from a guest' } });
    expect(sent.status).toBe(201);
    expect(sent.body?.ocs.data).toMatchObject({ actorType: 'guests', actorDisplayName: 'Visitor' });
    expect((await ocs(server.url, 'GET', `${V4}/room/${publicRoom}/participants`, { cookie })).status).toBe(403);
    expect((await ocs(server.url, 'POST', `/ocs/v2.php/apps/spreed/api/v1/guest/${publicRoom}/name`, { user: users().alice, body: { displayName: 'x' } })).status).toBe(403);
    // The guest session is bound to its conversation.
    expect((await ocs(server.url, 'GET', `${CHAT}/${group}?lookIntoFuture=0`, { cookie })).status).toBe(404);
  });

  it('join with force=false while a session exists is a 409 with the conflicting session', async () => {
    const { alice } = users();
    const first = await ocs(server.url, 'POST', `${V4}/room/${group}/participants/active`, { user: alice, body: {} });
    expect(first.status).toBe(200);
    const second = await ocs(server.url, 'POST', `${V4}/room/${group}/participants/active`, { user: alice, body: { force: false } });
    expect(second.status).toBe(409);
    expect(second.body?.ocs.data.sessionId).toBe(first.body?.ocs.data.sessionId);
  });

  it('nothing was off-contract', () => {
    expect(server.problems).toEqual([]);
  });
});
