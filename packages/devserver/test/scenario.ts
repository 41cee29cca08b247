// The client-driven scenario shared by the direct and the Prism-proxied test: create, invite, chat, poll, read,
// moderate, leave, delete. Every call goes through @talk-contract/client.
import { TalkApiError, createTalkClient } from '@talk-contract/client';
import { expect } from 'vitest';
import type { DevUser } from '../src/index.js';
import { clientFor } from './support.js';

async function statusOf(call: Promise<unknown>): Promise<number> {
  try {
    const result = (await call) as { status: number };
    return result.status;
  } catch (error) {
    if (error instanceof TalkApiError) return error.status;
    throw error;
  }
}

/** Runs the scenario against `baseUrl` (the dev server itself or a proxy in front of it). */
export async function runScenario(baseUrl: string, users: DevUser[], fetchFn?: typeof fetch): Promise<void> {
  const [aliceUser, bobUser, carolUser] = users;
  const alice = clientFor(baseUrl, aliceUser, fetchFn);
  const bob = clientFor(baseUrl, bobUser, fetchFn);
  const carol = clientFor(baseUrl, carolUser, fetchFn);

  // create
  const created = await alice.conversations.create({ roomType: 2, roomName: 'Release planning' });
  expect(created.status).toBe(201);
  const room = created.data;
  expect(room.participantType).toBe(1);
  expect(room.name).toBe('Release planning');
  const token = room.token;
  await alice.conversations.rename(token, { roomName: 'Release planning 2.0' });
  await alice.conversations.setDescription(token, { description: 'Everything about the next release' });
  const fetched = await alice.conversations.get(token);
  expect(fetched.data).toMatchObject({ name: 'Release planning 2.0', description: 'Everything about the next release', canDeleteConversation: true });
  expect(fetched.headers.talkHash).toMatch(/^[0-9a-f]{40}$/);

  // invite
  await alice.participants.add(token, { newParticipant: 'bob' });
  await alice.participants.add(token, { newParticipant: 'carol', source: 'users' });
  const participants = (await alice.participants.list(token)).data;
  expect(participants.map((p) => p.actorId).sort()).toEqual(['alice', 'bob', 'carol']);
  const bobsRooms = (await bob.conversations.list()).data;
  const bobsView = bobsRooms.find((r) => r.token === token);
  expect(bobsView?.participantType).toBe(3);
  expect(bobsView?.displayName).toBe('Release planning 2.0');

  // join: a session; joining again with force=false gives another one (Talk's 409 needs the first in a call)
  const joined = await bob.participants.join(token, {});
  expect(joined.data.sessionId).toHaveLength(512);
  const again = await bob.participants.join(token, { force: false });
  expect(again.data.sessionId).not.toBe(joined.data.sessionId);
  await bob.participants.leave(token);

  // chat + poll: bob waits, alice posts, bob's poll returns the message
  const history = await bob.chat.receive(token, { lookIntoFuture: 0, limit: 200 });
  expect(history.status).toBe(200);
  const lastKnown = Number(history.headers.lastGiven ?? 0) > 0 ? Math.max(...(history.data as { id: number }[]).map((m) => m.id)) : 0;
  expect(lastKnown).toBeGreaterThan(0);
  const poll = bob.chat.receive(token, { lookIntoFuture: 1, lastKnownMessageId: lastKnown, timeout: 20 });
  await new Promise((r) => setTimeout(r, 100));
  const sent = await alice.chat.send(token, { message: 'Hello @bob, ready for the release?' });
  expect(sent.status).toBe(201);
  const polled = await poll;
  expect(polled.status).toBe(200);
  if (polled.notModified) throw new Error('poll returned 304');
  const polledMessages = polled.data;
  expect(polledMessages.map((m) => m.id)).toEqual([sent.data.id]);
  expect(polledMessages[0].message).toBe('Hello {mention-user1}, ready for the release?');
  expect(polledMessages[0].messageParameters).toMatchObject({ 'mention-user1': { type: 'user', id: 'bob' } });
  expect(Number(polled.headers.lastGiven)).toBe(sent.data.id);
  const afterPoll = (await bob.conversations.list()).data.find((r) => r.token === token);
  expect(afterPoll?.unreadMention).toBe(false);
  expect(afterPoll?.lastReadMessage).toBe(sent.data.id);

  // nothing new: the poll ends with 304 after its timeout
  const idle = await bob.chat.receive(token, { lookIntoFuture: 1, lastKnownMessageId: sent.data.id, timeout: 1 });
  expect(idle.status).toBe(304);
  expect(idle.notModified).toBe(true);

  // reply
  const reply = await bob.chat.send(token, { message: 'Yes!', replyTo: sent.data.id });
  expect(reply.data.parent).toMatchObject({ id: sent.data.id, actorId: 'alice' });

  // history paging with X-Chat-Last-Given
  for (let i = 1; i <= 5; i++) await alice.chat.send(token, { message: `note ${i}` });
  const page1 = await carol.chat.receive(token, { lookIntoFuture: 0, limit: 3, setReadMarker: 0 });
  if (page1.notModified) throw new Error('history returned 304');
  expect(page1.data.map((m) => m.message)).toEqual(['note 5', 'note 4', 'note 3']);
  const page2 = await carol.chat.receive(token, { lookIntoFuture: 0, limit: 3, lastKnownMessageId: Number(page1.headers.lastGiven) });
  if (page2.notModified) throw new Error('history returned 304');
  expect(page2.data.map((m) => m.message)).toEqual(['note 2', 'note 1', 'Yes!']);

  // read markers
  const carolBefore = (await carol.conversations.list()).data.find((r) => r.token === token);
  expect(carolBefore?.unreadMessages).toBe(7);
  expect(carolBefore?.unreadMention).toBe(false);
  const newest = page1.data[0].id;
  const read = await carol.chat.markRead(token, { lastReadMessage: newest });
  expect(read.status).toBe(200);
  expect(Number(read.headers.lastCommonRead)).toBeGreaterThan(0);
  const carolAfter = (await carol.conversations.list()).data.find((r) => r.token === token);
  expect(carolAfter?.unreadMessages).toBe(0);
  expect(carolAfter?.lastReadMessage).toBe(newest);

  // moderate: promote bob, bob takes carol's chat permission, carol can no longer post
  const carolAttendee = participants.find((p) => p.actorId === 'carol');
  const bobAttendee = participants.find((p) => p.actorId === 'bob');
  if (!carolAttendee || !bobAttendee) throw new Error('attendees missing');
  expect(await statusOf(bob.participants.setAttendeePermissions(token, { attendeeId: carolAttendee.attendeeId, method: 'remove', permissions: 128 }))).toBe(
    403,
  );
  await alice.participants.promoteModerator(token, { attendeeId: bobAttendee.attendeeId });
  expect((await bob.participants.list(token)).data.find((p) => p.actorId === 'bob')?.participantType).toBe(2);
  await bob.participants.setAttendeePermissions(token, { attendeeId: carolAttendee.attendeeId, method: 'remove', permissions: 128 });
  const carolRow = (await alice.participants.list(token)).data.find((p) => p.actorId === 'carol');
  expect((carolRow?.permissions ?? 0) & 128).toBe(0);
  expect(await statusOf(carol.chat.send(token, { message: 'can I still talk?' }))).toBe(403);
  await bob.participants.setAttendeePermissions(token, { attendeeId: carolAttendee.attendeeId, method: 'add', permissions: 128 });
  expect((await carol.chat.send(token, { message: 'back again' })).status).toBe(201);
  await alice.participants.demoteModerator(token, { attendeeId: bobAttendee.attendeeId });
  expect((await bob.participants.list(token)).data.find((p) => p.actorId === 'bob')?.participantType).toBe(3);

  // read-only: nobody can post until it is unlocked
  await alice.conversations.setReadOnly(token, { state: 1 });
  expect(await statusOf(bob.chat.send(token, { message: 'locked?' }))).toBe(403);
  await alice.conversations.setReadOnly(token, { state: 0 });

  // delete a message: placeholder + message_deleted system message
  const removed = await alice.chat.delete(token, reply.data.id);
  expect(removed.data.systemMessage).toBe('message_deleted');
  expect(removed.data.parent).toMatchObject({ id: reply.data.id, messageType: 'comment_deleted' });
  const afterDelete = await bob.chat.receive(token, { lookIntoFuture: 0, limit: 200, setReadMarker: 0 });
  if (afterDelete.notModified) throw new Error('history returned 304');
  const placeholder = afterDelete.data.find((m) => m.id === reply.data.id);
  expect(placeholder?.messageType).toBe('comment_deleted');
  expect(placeholder?.message).toBe('Message deleted by {actor}');
  expect(afterDelete.data[0].systemMessage).toBe('message_deleted');
  const deletersView = await alice.chat.receive(token, { lookIntoFuture: 0, limit: 200, setReadMarker: 0 });
  if (deletersView.notModified) throw new Error('history returned 304');
  expect(deletersView.data.find((m) => m.id === reply.data.id)?.message).toBe('Message deleted by you');

  // leave: carol removes herself, she no longer sees the conversation
  await carol.participants.removeSelf(token);
  expect((await carol.conversations.list()).data.some((r) => r.token === token)).toBe(false);
  expect(await statusOf(carol.chat.receive(token, { lookIntoFuture: 0 }))).toBe(404);
  expect((await alice.participants.list(token)).data.map((p) => p.actorId).sort()).toEqual(['alice', 'bob']);

  // delete: bob may not delete the conversation, alice (owner) may; then it is gone for everyone
  expect(await statusOf(bob.conversations.delete(token))).toBe(403);
  await alice.conversations.delete(token);
  expect(await statusOf(bob.conversations.get(token))).toBe(404);
  expect((await alice.conversations.list()).data.some((r) => r.token === token)).toBe(false);
  expect(await statusOf(alice.participants.list(token))).toBe(404);

  // one-to-one: creating it twice gives the same conversation (201, then 200); the last member leaving deletes it
  const direct = await alice.conversations.create({ roomType: 1, invite: 'bob' });
  expect(direct.status).toBe(201);
  expect((await bob.conversations.create({ roomType: 1, invite: 'alice' })).status).toBe(200);
  expect(direct.data.displayName).toBe(bobUser.displayName);
  await bob.participants.removeSelf(direct.data.token);
  await alice.participants.removeSelf(direct.data.token);
  expect(await statusOf(alice.conversations.get(direct.data.token))).toBe(404);
}

/** A fetch that keeps cookies like a browser does (for guests, whose session is the `talk_session` cookie). */
export function cookieFetch(inner: typeof fetch = fetch): typeof fetch {
  const jar = new Map<string, string>();
  return async (input, init) => {
    const request = new Request(input, init);
    if (jar.size > 0) request.headers.set('Cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await inner(request);
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const i = pair.indexOf('=');
      if (i > 0) jar.set(pair.slice(0, i).trim(), pair.slice(i + 1).trim());
    }
    return response;
  };
}

/** A guest follows a public link: joins, names themselves, chats with a user, polls and leaves. */
export async function runGuestScenario(baseUrl: string, users: DevUser[], fetchFn: typeof fetch = fetch): Promise<void> {
  const [aliceUser] = users;
  const alice = clientFor(baseUrl, aliceUser, fetchFn);
  const guest = createTalkClient({ baseUrl, apiVersion: 'v4', fetch: cookieFetch(fetchFn) });

  const token = (await alice.conversations.create({ roomType: 3, roomName: 'Open office hours' })).data.token;
  await alice.conversations.setPassword(token, { password: 'visitor' });
  expect(await statusOf(guest.participants.join(token, { password: 'wrong' }))).toBe(403);
  const joined = await guest.participants.join(token, { password: 'visitor' });
  expect(joined.data).toMatchObject({ participantType: 4, actorType: 'guests' });
  await guest.participants.setGuestDisplayName(token, { displayName: 'Visiting Vera' });

  const sent = await guest.chat.send(token, { message: 'Hello @alice, a question' });
  expect(sent.data).toMatchObject({ actorType: 'guests', actorDisplayName: 'Visiting Vera', message: 'Hello {mention-user1}, a question' });
  const aliceRoom = (await alice.conversations.get(token)).data;
  expect(aliceRoom.unreadMention).toBe(true);

  const poll = guest.chat.receive(token, { lookIntoFuture: 1, lastKnownMessageId: sent.data.id, timeout: 20 });
  await new Promise((r) => setTimeout(r, 100));
  const answer = await alice.chat.send(token, { message: `Sure, @"guest/${sent.data.actorId}"!` });
  const polled = await poll;
  if (polled.notModified) throw new Error('poll returned 304');
  expect(polled.data.map((m) => m.id)).toEqual([answer.data.id]);
  expect(polled.data[0].messageParameters).toMatchObject({ 'mention-guest1': { type: 'guest', name: 'Visiting Vera' } });

  expect(await statusOf(guest.participants.list(token))).toBe(403);
  await guest.participants.leave(token);
  expect(await statusOf(guest.chat.send(token, { message: 'still here?' }))).toBe(404);
  await alice.conversations.delete(token);
}
