// Breakout rooms: configuring creates the rooms with the participants assigned, starting opens their lobby,
// free mode lets participants switch, and the documented refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevUser } from '../src/index.js';
import { CHAT, V4, ocs, startServer } from './support.js';

const BREAKOUT = '/ocs/v2.php/apps/spreed/api/v1/breakout-rooms';

describe('breakout rooms', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let alice: DevUser;
  let bob: DevUser;
  let room: string;

  beforeAll(async () => {
    server = await startServer();
    [alice, bob] = server.users;
    room = (await ocs(server.url, 'POST', `${V4}/room`, { user: alice, body: { roomType: 2, roomName: 'Workshop' } })).body?.ocs.data.token;
    for (const user of ['bob', 'carol', 'dave'])
      await ocs(server.url, 'POST', `${V4}/room/${room}/participants`, { user: alice, body: { newParticipant: user } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('automatic mode spreads the participants; start opens the lobby; broadcast reaches every room; remove deletes them', async () => {
    expect((await ocs(server.url, 'POST', `${BREAKOUT}/${room}`, { user: bob, body: { mode: 1, amount: 2 } })).status).toBe(403);
    expect((await ocs(server.url, 'POST', `${BREAKOUT}/${room}`, { user: alice, body: { mode: 1, amount: 21 } })).status).toBe(400);
    expect((await ocs(server.url, 'POST', `${BREAKOUT}/${room}/rooms`, { user: alice })).status).toBe(400);
    const configured = await ocs(server.url, 'POST', `${BREAKOUT}/${room}`, { user: alice, body: { mode: 1, amount: 2 } });
    expect(configured.status).toBe(200);
    const rooms = ((configured.body?.ocs.data ?? []) as { token: string; objectType: string; objectId: string; lobbyState: number }[]).filter(
      (r) => r.objectType === 'room',
    );
    expect(rooms.map((r) => r.objectId)).toEqual([room, room]);
    expect(rooms.every((r) => r.lobbyState === 1)).toBe(true);
    const members = rooms.map((r) =>
      server.store
        .attendeesOf(r.token)
        .map((a) => a.actorId)
        .sort(),
    );
    expect(members.every((m) => m.includes('alice'))).toBe(true);
    expect(
      members
        .flat()
        .filter((id) => id !== 'alice')
        .sort(),
    ).toEqual(['bob', 'carol', 'dave']);
    expect((await ocs(server.url, 'POST', `${BREAKOUT}/${room}`, { user: alice, body: { mode: 1, amount: 2 } })).status).toBe(400);
    expect((await ocs(server.url, 'GET', `${V4}/room/${room}`, { user: bob })).body?.ocs.data.breakoutRoomMode).toBe(1);

    const started = (await ocs(server.url, 'POST', `${BREAKOUT}/${room}/rooms`, { user: alice })).body?.ocs.data as {
      lobbyState: number;
      breakoutRoomStatus: number;
    }[];
    expect(started.every((r) => r.breakoutRoomStatus === 1)).toBe(true);
    expect(server.store.conversations.get(rooms[0].token)?.lobbyState).toBe(0);
    expect((await ocs(server.url, 'GET', `${CHAT}/${room}?lookIntoFuture=0&limit=1`, { user: bob })).body?.ocs.data[0].systemMessage).toBe(
      'breakout_rooms_started',
    );
    expect((await ocs(server.url, 'POST', `${BREAKOUT}/${room}/switch`, { user: bob, body: { target: rooms[1].token } })).status).toBe(400);

    expect((await ocs(server.url, 'POST', `${BREAKOUT}/${room}/broadcast`, { user: alice, body: { message: 'Five minutes left' } })).status).toBe(201);
    for (const r of rooms) expect(server.store.messagesOf(r.token).at(-1)?.message).toBe('Five minutes left');

    expect((await ocs(server.url, 'DELETE', `${BREAKOUT}/${room}/rooms`, { user: alice })).status).toBe(200);
    expect(server.store.conversations.get(rooms[0].token)?.lobbyState).toBe(1);
    expect((await ocs(server.url, 'DELETE', `${BREAKOUT}/${room}`, { user: alice })).body?.ocs.data.breakoutRoomMode).toBe(0);
    expect(rooms.every((r) => !server.store.conversations.has(r.token))).toBe(true);
    expect(server.problems).toEqual([]);
  });

  it('in free mode a participant switches rooms once they are started; manual mode follows the attendee map', async () => {
    const free = (await ocs(server.url, 'POST', `${BREAKOUT}/${room}`, { user: alice, body: { mode: 3, amount: 2 } })).body?.ocs.data as {
      token: string;
      objectType: string;
    }[];
    const [first, second] = free.filter((r) => r.objectType === 'room').map((r) => r.token);
    expect((await ocs(server.url, 'POST', `${BREAKOUT}/${room}/switch`, { user: bob, body: { target: first } })).status).toBe(400);
    await ocs(server.url, 'POST', `${BREAKOUT}/${room}/rooms`, { user: alice });
    expect((await ocs(server.url, 'POST', `${BREAKOUT}/${room}/switch`, { user: alice, body: { target: first } })).status).toBe(400);
    expect((await ocs(server.url, 'POST', `${BREAKOUT}/${room}/switch`, { user: bob, body: { target: first } })).body?.ocs.data.token).toBe(first);
    expect((await ocs(server.url, 'POST', `${BREAKOUT}/${room}/switch`, { user: bob, body: { target: second } })).status).toBe(200);
    expect(server.store.attendeesOf(first).some((a) => a.actorId === 'bob')).toBe(false);
    expect(server.store.attendeesOf(second).some((a) => a.actorId === 'bob')).toBe(true);
    expect((await ocs(server.url, 'POST', `${BREAKOUT}/${second}/request-assistance`, { user: bob })).status).toBe(200);
    expect((await ocs(server.url, 'POST', `${BREAKOUT}/${room}/request-assistance`, { user: bob })).status).toBe(400);
    await ocs(server.url, 'DELETE', `${BREAKOUT}/${room}`, { user: alice });

    const bobAttendee = server.store.attendeesOf(room).find((a) => a.actorId === 'bob')?.id ?? 0;
    const manual = await ocs(server.url, 'POST', `${BREAKOUT}/${room}`, {
      user: alice,
      body: { mode: 2, amount: 2, attendeeMap: JSON.stringify({ [bobAttendee]: 1 }) },
    });
    const [, target] = ((manual.body?.ocs.data ?? []) as { token: string; objectType: string }[]).filter((r) => r.objectType === 'room').map((r) => r.token);
    expect(server.store.attendeesOf(target).some((a) => a.actorId === 'bob')).toBe(true);
    expect(
      (await ocs(server.url, 'POST', `${BREAKOUT}/${room}/attendees`, { user: alice, body: { attendeeMap: JSON.stringify({ [bobAttendee]: 5 }) } })).status,
    ).toBe(400);
    expect(server.problems).toEqual([]);
  });
});
