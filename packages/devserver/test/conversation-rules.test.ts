// Talk rules that span several operations: open conversations, public links, self-joined users, lobby, guests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAT, V4, joinAsGuest, ocs, startServer } from './support.js';

describe('conversation rules', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.close();
  });
  const u = () => {
    const [alice, bob, carol, dave] = server.users;
    return { alice, bob, carol, dave };
  };
  const create = async (roomType: number, roomName: string) =>
    (await ocs(server.url, 'POST', `${V4}/room`, { user: u().alice, body: { roomType, roomName } })).body?.ocs.data.token as string;

  it('a user can see and join an open (listable) group conversation and becomes a member', async () => {
    const { alice, carol } = u();
    const token = await create(2, 'Open group');
    expect((await ocs(server.url, 'GET', `${V4}/room/${token}`, { user: carol })).status).toBe(404);
    expect((await ocs(server.url, 'POST', `${V4}/room/${token}/participants/active`, { user: carol, body: {} })).status).toBe(404);
    expect((await ocs(server.url, 'PUT', `${V4}/room/${token}/listable`, { user: alice, body: { scope: 1 } })).status).toBe(200);
    const open = await ocs(server.url, 'GET', `${V4}/listed-room`, { user: carol });
    expect((open.body?.ocs.data as { token: string }[]).map((r) => r.token)).toContain(token);
    const visitor = await ocs(server.url, 'GET', `${V4}/room/${token}`, { user: carol });
    expect(visitor.status).toBe(200);
    expect(visitor.body?.ocs.data.attendeeId).toBe(0);
    const joined = await ocs(server.url, 'POST', `${V4}/room/${token}/participants/active`, { user: carol, body: {} });
    expect(joined.status).toBe(200);
    expect(joined.body?.ocs.data.participantType).toBe(3);
    const history = await ocs(server.url, 'GET', `${CHAT}/${token}?lookIntoFuture=0&limit=1`, { user: alice });
    expect(history.body?.ocs.data[0]).toMatchObject({ systemMessage: 'user_added', actorId: 'carol', message: '{actor} joined the conversation' });
    // Leaving the session keeps a regular member.
    await ocs(server.url, 'DELETE', `${V4}/room/${token}/participants/active`, { user: carol });
    expect((await ocs(server.url, 'GET', `${V4}/room/${token}`, { user: carol })).body?.ocs.data.attendeeId).toBeGreaterThan(0);
  });

  it('a user following a public link is self-joined and is no attendee any more after leaving', async () => {
    const { dave } = u();
    const token = await create(3, 'Public link');
    const joined = await ocs(server.url, 'POST', `${V4}/room/${token}/participants/active`, { user: dave, body: {} });
    expect(joined.body?.ocs.data.participantType).toBe(5);
    const cookie = (joined.headers.get('set-cookie') ?? '').split(';')[0];
    expect((await ocs(server.url, 'POST', `${CHAT}/${token}`, { user: dave, body: { message: 'hi' } })).status).toBe(201);
    // Leaving without the session cookie ends no session (Talk does not know which one is meant).
    await ocs(server.url, 'DELETE', `${V4}/room/${token}/participants/active`, { user: dave });
    expect((await ocs(server.url, 'GET', `${V4}/room/${token}`, { user: dave })).body?.ocs.data.participantType).toBe(5);
    await ocs(server.url, 'DELETE', `${V4}/room/${token}/participants/active`, { user: dave, cookie });
    expect((await ocs(server.url, 'GET', `${V4}/room/${token}`, { user: dave })).body?.ocs.data.attendeeId).toBe(0);
    expect((await ocs(server.url, 'POST', `${CHAT}/${token}`, { user: dave, body: { message: 'still?' } })).status).toBe(404);
  });

  it('making a conversation private removes its guests', async () => {
    const { alice } = u();
    const token = await create(3, 'Goes private');
    const cookie = await joinAsGuest(server.url, token);
    expect((await ocs(server.url, 'POST', `${CHAT}/${token}`, { cookie, body: { message: 'guest here' } })).status).toBe(201);
    expect((await ocs(server.url, 'DELETE', `${V4}/room/${token}/public`, { user: alice })).status).toBe(200);
    expect((await ocs(server.url, 'POST', `${CHAT}/${token}`, { cookie, body: { message: 'still here?' } })).status).toBe(404);
    const participants = await ocs(server.url, 'GET', `${V4}/room/${token}/participants`, { user: alice });
    expect((participants.body?.ocs.data as { actorType: string }[]).map((p) => p.actorType)).toEqual(['users']);
  });

  it('a guest can be promoted to guest moderator and then moderates', async () => {
    const { alice } = u();
    const token = await create(3, 'Guest moderation');
    const cookie = await joinAsGuest(server.url, token);
    const guest = server.store.attendeesOf(token).find((a) => a.actorType === 'guests');
    expect((await ocs(server.url, 'POST', `${V4}/room/${token}/moderators`, { user: alice, body: { attendeeId: guest?.id } })).status).toBe(200);
    expect(guest?.participantType).toBe(6);
    expect((await ocs(server.url, 'PUT', `${V4}/room/${token}/permissions/default`, { cookie, body: { permissions: 128 } })).status).toBe(200);
    expect((await ocs(server.url, 'GET', `${V4}/room/${token}/participants`, { cookie })).status).toBe(200);
  });

  it('the last moderator cannot leave while others stay', async () => {
    const { alice } = u();
    const token = await create(2, 'Last moderator');
    await ocs(server.url, 'POST', `${V4}/room/${token}/participants`, { user: alice, body: { newParticipant: 'bob' } });
    expect((await ocs(server.url, 'DELETE', `${V4}/room/${token}/participants/self`, { user: alice })).status).toBe(400);
    const room = await ocs(server.url, 'GET', `${V4}/room/${token}`, { user: alice });
    expect(room.body?.ocs.data.canLeaveConversation).toBe(false);
  });

  it('the lobby keeps non-moderators out of the chat until it is lifted', async () => {
    const { alice, bob } = u();
    const token = await create(2, 'Lobby');
    await ocs(server.url, 'POST', `${V4}/room/${token}/participants`, { user: alice, body: { newParticipant: 'bob' } });
    server.admin.setLobbyState(token, 1);
    expect((await ocs(server.url, 'GET', `${CHAT}/${token}?lookIntoFuture=0`, { user: bob })).status).toBe(412);
    expect((await ocs(server.url, 'GET', `${V4}/room/${token}`, { user: bob })).body?.ocs.data.lobbyState).toBe(1);
    const bobAttendee = server.store.attendeesOf(token).find((a) => a.actorId === 'bob');
    await ocs(server.url, 'PUT', `${V4}/room/${token}/attendees/permissions`, {
      user: alice,
      body: { attendeeId: bobAttendee?.id, method: 'add', permissions: 8 },
    });
    expect((await ocs(server.url, 'GET', `${CHAT}/${token}?lookIntoFuture=0`, { user: bob })).status).toBe(200);
    server.admin.setLobbyState(token, 0);
  });

  it('every user gets one read-only changelog conversation; it does not come back after leaving it', async () => {
    const { dave } = u();
    const rooms = async () =>
      (await ocs(server.url, 'GET', `${V4}/room`, { user: dave })).body?.ocs.data as {
        token: string;
        type: number;
        readOnly: number;
        unreadMessages: number;
      }[];
    const changelog = (await rooms()).filter((r) => r.type === 4);
    expect(changelog).toHaveLength(1);
    expect(changelog[0]).toMatchObject({ readOnly: 1, unreadMessages: 1 });
    expect((await ocs(server.url, 'POST', `${CHAT}/${changelog[0].token}`, { user: dave, body: { message: 'hi' } })).status).toBe(403);
    expect((await rooms()).filter((r) => r.type === 4)).toHaveLength(1);
    expect((await ocs(server.url, 'DELETE', `${V4}/room/${changelog[0].token}/participants/self`, { user: dave })).status).toBe(200);
    expect((await rooms()).filter((r) => r.type === 4)).toHaveLength(0);
  });

  it('nothing was off-contract', () => {
    expect(server.problems).toEqual([]);
  });
});
