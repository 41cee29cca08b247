// Unit tables for the pure domain model (no HTTP).
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { setAttendeePermissions } from '../src/domain/attendee.js';
import { receiveMessages, sendMessage } from '../src/domain/chat.js';
import { futurePage, historyPage, scanMentions } from '../src/domain/chat-log.js';
import { addUserAttendee, createConversation } from '../src/domain/conversation.js';
import { effectivePermissions } from '../src/domain/participant.js';
import { lastCommonRead, markUnread, setReadMarker, unreadCount } from '../src/domain/read-marker.js';
import type { Actor, AttendeeRecord, ConversationRecord } from '../src/domain/records.js';
import { ChatWaiters, TalkError, TalkStore, releaseProfile } from '../src/index.js';

const alice: Actor = { kind: 'user', userId: 'alice' };
const bob: Actor = { kind: 'user', userId: 'bob' };

function setup() {
  const store = TalkStore.create([
    { id: 'alice', displayName: 'Alice', appPassword: 'a' },
    { id: 'bob', displayName: 'Bob', appPassword: 'b' },
    { id: 'space user', displayName: 'Space User', appPassword: 's' },
  ]);
  const { conversation } = createConversation(store, 'alice', { roomType: 2, roomName: 'Unit' });
  addUserAttendee(store, conversation, 'bob', 3);
  const bobAttendee = store.attendeesOf(conversation.token).find((a) => a.actorId === 'bob') as AttendeeRecord;
  return { store, conversation, token: conversation.token, bobAttendee };
}

describe('effectivePermissions', () => {
  const conv = (defaultPermissions: number, callPermissions: number) => ({ defaultPermissions, callPermissions }) as ConversationRecord;
  const att = (participantType: number, permissions: number) => ({ participantType, permissions }) as AttendeeRecord;
  const table: [string, { conversation: ConversationRecord; attendee: AttendeeRecord }, number][] = [
    ['moderators have every default permission (254, no Custom bit)', { conversation: conv(1 | 128, 0), attendee: att(2, 0) }, 254],
    ['owner ignores custom attendee permissions', { conversation: conv(0, 0), attendee: att(1, 1) }, 254],
    ['user without custom permissions: all but lobby-ignore', { conversation: conv(0, 0), attendee: att(3, 0) }, 246],
    ['custom attendee permissions win', { conversation: conv(1 | 128, 1 | 4), attendee: att(3, 1 | 2) }, 3],
    ['then call permissions', { conversation: conv(1 | 128, 1 | 4), attendee: att(3, 0) }, 5],
    ['then default permissions', { conversation: conv(1 | 128, 0), attendee: att(3, 0) }, 129],
    ['non-zero default permissions apply without the Custom bit', { conversation: conv(128, 0), attendee: att(3, 0) }, 128],
    ['non-zero attendee permissions apply without the Custom bit', { conversation: conv(0, 0), attendee: att(3, 4) }, 4],
  ];
  it.each(table)('%s', (_name, given, want) => {
    expect(effectivePermissions(given.conversation, given.attendee)).toBe(want);
  });
});

describe('setAttendeePermissions methods', () => {
  const table: [string, { method: string; permissions: number; before: number }, number][] = [
    ['set adds the custom bit', { method: 'set', permissions: 128, before: 0 }, 129],
    ['set 0 resets to default', { method: 'set', permissions: 0, before: 129 }, 0],
    ['add starts from the fallback 246 for users', { method: 'add', permissions: 8, before: 0 }, 255],
    ['remove starts from the fallback 246 for users', { method: 'remove', permissions: 128, before: 0 }, 119],
    ['remove from custom permissions', { method: 'remove', permissions: 2, before: 1 | 2 | 4 }, 5],
  ];
  it.each(table)('%s', (_name, given, want) => {
    const { store, token, bobAttendee } = setup();
    bobAttendee.permissions = given.before;
    setAttendeePermissions(store, token, alice, { attendeeId: bobAttendee.id, method: given.method, permissions: given.permissions });
    expect(bobAttendee.permissions).toBe(want);
  });

  it('rejects an unknown method with 400 and non-moderators with 403', () => {
    const { store, token, bobAttendee } = setup();
    expect(() => setAttendeePermissions(store, token, alice, { attendeeId: bobAttendee.id, method: 'toggle', permissions: 2 })).toThrow(
      expect.objectContaining({ status: 400 }),
    );
    expect(() => setAttendeePermissions(store, token, bob, { attendeeId: bobAttendee.id, method: 'set', permissions: 2 })).toThrow(
      expect.objectContaining({ status: 403 }),
    );
  });
});

describe('scanMentions', () => {
  const table: [string, string, { message: string; users: string[]; all: boolean }][] = [
    ['a plain user', 'hi @bob', { message: 'hi {mention-user1}', users: ['bob'], all: false }],
    ['trailing punctuation', 'thanks @bob.', { message: 'thanks {mention-user1}.', users: ['bob'], all: false }],
    ['a quoted id with a space', 'ping @"space user"', { message: 'ping {mention-user1}', users: ['space user'], all: false }],
    ['@all', '@all standup!', { message: '{mention-call1} standup!', users: [], all: true }],
    ['unknown users stay text', 'hey @nobody', { message: 'hey @nobody', users: [], all: false }],
    ['e-mail addresses are not mentions', 'mail bob@example.com', { message: 'mail bob@example.com', users: [], all: false }],
  ];
  it.each(table)('%s', (_name, text, want) => {
    const { store, conversation } = setup();
    const scan = scanMentions(store, conversation, 'Unit', text);
    expect({ message: scan.message, users: scan.users, all: scan.all }).toEqual(want);
  });
});

describe('chat paging', () => {
  it('history pages go backwards, future pages forwards, both honour includeLastKnown and limit', () => {
    const { store, token } = setup();
    const ids = Array.from({ length: 6 }, (_, i) => sendMessage(store, token, alice, { message: `m${i}` }).message.id);
    expect(historyPage(store, token, { lastKnownMessageId: 0, limit: 2, includeLastKnown: false }).map((m) => m.id)).toEqual([ids[5], ids[4]]);
    expect(historyPage(store, token, { lastKnownMessageId: ids[4], limit: 2, includeLastKnown: false }).map((m) => m.id)).toEqual([ids[3], ids[2]]);
    expect(historyPage(store, token, { lastKnownMessageId: ids[4], limit: 2, includeLastKnown: true }).map((m) => m.id)).toEqual([ids[4], ids[3]]);
    expect(futurePage(store, token, { lastKnownMessageId: ids[1], limit: 3, includeLastKnown: false }).map((m) => m.id)).toEqual([ids[2], ids[3], ids[4]]);
    expect(futurePage(store, token, { lastKnownMessageId: ids[1], limit: 2, includeLastKnown: true }).map((m) => m.id)).toEqual([ids[1], ids[2]]);
    expect(futurePage(store, token, { lastKnownMessageId: ids[5], limit: 2, includeLastKnown: false })).toEqual([]);
  });

  it('limit is capped at 200', async () => {
    const { store, token } = setup();
    for (let i = 0; i < 210; i++) sendMessage(store, token, alice, { message: `m${i}` });
    const result = await receiveMessages(store, token, bob, { lookIntoFuture: false, limit: 500 });
    expect(result.messages).toHaveLength(200);
  });

  it('expired messages are not returned', () => {
    const { store, token, conversation } = setup();
    conversation.messageExpiration = 60;
    const kept = sendMessage(store, token, alice, { message: 'soon gone' }).message;
    store.now = () => kept.timestamp + 61;
    expect(historyPage(store, token, { lastKnownMessageId: 0, limit: 10, includeLastKnown: false }).some((m) => m.id === kept.id)).toBe(false);
  });
});

describe('read markers', () => {
  it('counts unread comments by others, tracks the common read and marks unread', () => {
    const { store, token, conversation, bobAttendee } = setup();
    const aliceAttendee = store.attendeesOf(token).find((a) => a.actorId === 'alice') as AttendeeRecord;
    const m1 = sendMessage(store, token, alice, { message: 'one' }).message;
    const m2 = sendMessage(store, token, alice, { message: 'two' }).message;
    expect(unreadCount(store, bobAttendee)).toBe(2);
    expect(unreadCount(store, aliceAttendee)).toBe(0);
    setReadMarker(store, conversation, bobAttendee, m1.id);
    expect(unreadCount(store, bobAttendee)).toBe(1);
    expect(lastCommonRead(store, token)).toBe(m1.id);
    setReadMarker(store, conversation, bobAttendee, m2.id + 100);
    expect(bobAttendee.lastReadMessage).toBe(m2.id);
    markUnread(store, conversation, bobAttendee);
    expect(bobAttendee.lastReadMessage).toBe(m1.id);
    expect(unreadCount(store, bobAttendee)).toBe(1);
  });
});

describe('ChatWaiters', () => {
  it('notify wakes every waiter of the conversation, and only those', async () => {
    const waiters = new ChatWaiters();
    const a = waiters.wait('aaaa', 10_000);
    const b = waiters.wait('aaaa', 10_000);
    const other = waiters.wait('bbbb', 50);
    expect(waiters.waiting).toBe(3);
    waiters.notify('aaaa');
    expect(await Promise.all([a, b])).toEqual(['message', 'message']);
    expect(await other).toBe('timeout');
    expect(waiters.waiting).toBe(0);
    expect(waiters.timers).toBe(0);
  });

  it('closeAll releases every waiter as aborted and refuses new ones', async () => {
    const waiters = new ChatWaiters();
    const a = waiters.wait('aaaa', 10_000);
    const b = waiters.wait('bbbb', 10_000);
    waiters.closeAll();
    expect(await Promise.all([a, b])).toEqual(['aborted', 'aborted']);
    expect(await waiters.wait('aaaa', 10_000)).toBe('aborted');
    expect(waiters.timers).toBe(0);
  });

  it('a woken waiter removes its abort listener from the request signal', async () => {
    const waiters = new ChatWaiters();
    const controller = new AbortController();
    const waiting = waiters.wait('aaaa', 10_000, controller.signal);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    waiters.notify('aaaa');
    expect(await waiting).toBe('message');
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('abort releases the waiter, its timer and its listener', async () => {
    const waiters = new ChatWaiters();
    const controller = new AbortController();
    const waiting = waiters.wait('aaaa', 10_000, controller.signal);
    controller.abort();
    expect(await waiting).toBe('aborted');
    expect(waiters.waiting).toBe(0);
    expect(waiters.timers).toBe(0);
    expect(await waiters.wait('aaaa', 10_000, controller.signal)).toBe('aborted');
  });
});

describe('conversations', () => {
  it('one-to-one: both are owners, creating it again returns the existing one', () => {
    const store = TalkStore.create([
      { id: 'alice', displayName: 'Alice' },
      { id: 'bob', displayName: 'Bob' },
    ]);
    const first = createConversation(store, 'alice', { roomType: 1, invite: 'bob' });
    const again = createConversation(store, 'bob', { roomType: 1, invite: 'alice' });
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.conversation.token).toBe(first.conversation.token);
    expect(store.attendeesOf(first.conversation.token).map((a) => a.participantType)).toEqual([1, 1]);
  });

  it.each([
    ['an unknown type', { roomType: 9, roomName: 'x' }, 400],
    ['a name over 255 characters', { roomType: 3, roomName: 'x'.repeat(256) }, 400],
    ['a one-to-one with an unknown user', { roomType: 1, invite: 'nobody' }, 404],
    ['an unknown group', { roomType: 2, roomName: 'x', invite: 'nogroup' }, 404],
  ])('creating with %s is refused', (_name, input, status) => {
    const store = TalkStore.create();
    expect(() => createConversation(store, 'alice', input)).toThrow(TalkError);
    expect(() => createConversation(store, 'alice', input)).toThrow(expect.objectContaining({ status }));
  });

  it('an empty name: Talk 19 refuses it (400), Talk 21 names the conversation "---", a group invite names it after the group', () => {
    const talk19 = TalkStore.create();
    talk19.profile = releaseProfile('19');
    expect(() => createConversation(talk19, 'alice', { roomType: 2, roomName: '  ' })).toThrow(expect.objectContaining({ status: 400 }));
    const talk21 = TalkStore.create();
    talk21.profile = releaseProfile('21');
    expect(createConversation(talk21, 'alice', { roomType: 2, roomName: '  ' }).conversation.name).toBe('---');
    expect(createConversation(talk19, 'alice', { roomType: 2, invite: 'developers', source: 'groups' }).conversation.name).toBe('developers');
  });
});
