// Property test: random sequences of operations by random actors (users and a guest) never produce a 500 or an
// off-contract answer (validateResponses: true), and the server's invariants hold afterwards.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isModeratorType } from '../src/domain/constants.js';
import type { DevUser } from '../src/index.js';
import { CHAT, V4, ocs, startServer } from './support.js';

type Who = 0 | 1 | 2 | 3 | 'guest';
type Command =
  | { kind: 'send'; who: Who; text: string; reply: boolean }
  | { kind: 'delete' | 'edit'; who: Who; pick: number }
  | { kind: 'receive'; who: Who; future: boolean; limit: number }
  | { kind: 'read' | 'unread' | 'join' | 'leave' | 'removeSelf' | 'list'; who: Who }
  | { kind: 'add'; who: Who; target: number }
  | { kind: 'promote' | 'demote' | 'remove'; who: Who; pick: number }
  | { kind: 'permissions'; who: Who; pick: number; method: 'set' | 'add' | 'remove'; permissions: number }
  | { kind: 'readOnly'; who: Who; state: 0 | 1 }
  | { kind: 'rename'; who: Who; name: string }
  | { kind: 'lobby'; state: 0 | 1 };

const who = fc.constantFrom<Who>(0, 1, 2, 3, 'guest');
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    kind: fc.constant('send' as const),
    who,
    text: fc.constantFrom('hello', 'hi @bob', '@all standup', 'ping @"guest/x"', 'x'),
    reply: fc.boolean(),
  }),
  fc.record({ kind: fc.constantFrom('delete' as const, 'edit' as const), who, pick: fc.nat(50) }),
  fc.record({ kind: fc.constant('receive' as const), who, future: fc.boolean(), limit: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ kind: fc.constantFrom('read' as const, 'unread' as const, 'join' as const, 'leave' as const, 'removeSelf' as const, 'list' as const), who }),
  fc.record({ kind: fc.constant('add' as const), who, target: fc.nat(3) }),
  fc.record({ kind: fc.constantFrom('promote' as const, 'demote' as const, 'remove' as const), who, pick: fc.nat(10) }),
  fc.record({
    kind: fc.constant('permissions' as const),
    who,
    pick: fc.nat(10),
    method: fc.constantFrom('set' as const, 'add' as const, 'remove' as const),
    permissions: fc.nat(255),
  }),
  fc.record({ kind: fc.constant('readOnly' as const), who, state: fc.constantFrom(0 as const, 1 as const) }),
  fc.record({ kind: fc.constant('rename' as const), who, name: fc.constantFrom('New name', 'Other') }),
  fc.record({ kind: fc.constant('lobby' as const), state: fc.constantFrom(0 as const, 1 as const) }),
);

describe('random operation sequences', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('never answer 500 or off-contract, and keep the conversation consistent', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 20 }), async (commands) => {
        const users = server.users;
        const alice = users[0];
        const token = (await ocs(server.url, 'POST', `${V4}/room`, { user: alice, body: { roomType: 3, roomName: 'Random' } })).body?.ocs.data.token as string;
        await ocs(server.url, 'POST', `${V4}/room/${token}/participants`, { user: alice, body: { newParticipant: 'bob' } });
        const guestJoin = await ocs(server.url, 'POST', `${V4}/room/${token}/participants/active`, { body: {} });
        let cookie = (guestJoin.headers.get('set-cookie') ?? '').split(';')[0];
        const as = (w: Who): { user?: DevUser; cookie?: string } => (w === 'guest' ? { cookie } : { user: users[w] });
        const messageId = (pick: number) => {
          const list = server.store.messagesOf(token);
          return list.length === 0 ? 1 : list[pick % list.length].id;
        };
        const attendeeId = (pick: number) => {
          const list = server.store.attendeesOf(token);
          return list.length === 0 ? 1 : list[pick % list.length].id;
        };
        for (const c of commands) {
          if (!server.store.conversations.has(token)) break;
          let res: Awaited<ReturnType<typeof ocs>>;
          switch (c.kind) {
            case 'send':
              res = await ocs(server.url, 'POST', `${CHAT}/${token}`, {
                ...as(c.who),
                body: { message: c.text, ...(c.reply ? { replyTo: messageId(7) } : {}) },
              });
              break;
            case 'delete':
              res = await ocs(server.url, 'DELETE', `${CHAT}/${token}/${messageId(c.pick)}`, as(c.who));
              break;
            case 'edit':
              res = await ocs(server.url, 'PUT', `${CHAT}/${token}/${messageId(c.pick)}`, { ...as(c.who), body: { message: 'edited' } });
              break;
            case 'receive':
              res = await ocs(
                server.url,
                'GET',
                `${CHAT}/${token}?lookIntoFuture=${c.future ? 1 : 0}&limit=${c.limit}&timeout=0&lastCommonReadId=1`,
                as(c.who),
              );
              break;
            case 'read':
              res = await ocs(server.url, 'POST', `${CHAT}/${token}/read`, { ...as(c.who), body: {} });
              break;
            case 'unread':
              res = await ocs(server.url, 'DELETE', `${CHAT}/${token}/read`, as(c.who));
              break;
            case 'join':
              res = await ocs(server.url, 'POST', `${V4}/room/${token}/participants/active`, { ...as(c.who), body: {} });
              if (c.who === 'guest' && res.status === 200) cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
              break;
            case 'leave':
              res = await ocs(server.url, 'DELETE', `${V4}/room/${token}/participants/active`, as(c.who));
              break;
            case 'removeSelf':
              res = await ocs(server.url, 'DELETE', `${V4}/room/${token}/participants/self`, as(c.who));
              break;
            case 'list':
              res = await ocs(server.url, 'GET', `${V4}/room/${token}/participants`, as(c.who));
              break;
            case 'add':
              res = await ocs(server.url, 'POST', `${V4}/room/${token}/participants`, { ...as(c.who), body: { newParticipant: users[c.target].id } });
              break;
            case 'promote':
              res = await ocs(server.url, 'POST', `${V4}/room/${token}/moderators`, { ...as(c.who), body: { attendeeId: attendeeId(c.pick) } });
              break;
            case 'demote':
              res = await ocs(server.url, 'DELETE', `${V4}/room/${token}/moderators?attendeeId=${attendeeId(c.pick)}`, as(c.who));
              break;
            case 'remove':
              res = await ocs(server.url, 'DELETE', `${V4}/room/${token}/attendees?attendeeId=${attendeeId(c.pick)}`, as(c.who));
              break;
            case 'permissions':
              res = await ocs(server.url, 'PUT', `${V4}/room/${token}/attendees/permissions`, {
                ...as(c.who),
                body: { attendeeId: attendeeId(c.pick), method: c.method, permissions: c.permissions },
              });
              break;
            case 'readOnly':
              res = await ocs(server.url, 'PUT', `${V4}/room/${token}/read-only`, { ...as(c.who), body: { state: c.state } });
              break;
            case 'rename':
              res = await ocs(server.url, 'PUT', `${V4}/room/${token}`, { ...as(c.who), body: { roomName: c.name } });
              break;
            case 'lobby':
              server.admin.setLobbyState(token, c.state);
              continue;
          }
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          expect(res.status, `${JSON.stringify(c)} → ${JSON.stringify(res.body)}`).toBeLessThan(500);
          expect(server.problems).toEqual([]);
        }
        const attendees = server.store.attendeesOf(token);
        const conversation = server.store.conversations.get(token);
        if (conversation) {
          // Invariants: an owner or moderator remains while users remain; read markers never pass the newest message.
          const usersLeft = attendees.filter((a) => a.actorType === 'users');
          if (usersLeft.length > 0) expect(usersLeft.some((a) => isModeratorType(a.participantType))).toBe(true);
          for (const a of attendees) expect(a.lastReadMessage).toBeLessThanOrEqual(conversation.lastMessageId);
          const ids = server.store.messagesOf(token).map((m) => m.id);
          expect(ids).toEqual([...ids].sort((x, y) => x - y));
        }
      }),
      { numRuns: 25, seed: 20261122 },
    );
    // The sequences reached both successes and refusals.
    expect([...statuses.keys()].some((s) => s < 300)).toBe(true);
    expect([...statuses.keys()].some((s) => s >= 400)).toBe(true);
  });
});
