// Calls: joining sets the session's inCall flags and the conversation's hasCall/callFlag, leaving clears them,
// call_started / call_ended are written to the chat, and the documented refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevUser } from '../src/index.js';
import { CHAT, V4, groupWith, ocs, startServer } from './support.js';

describe('calls', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let alice: DevUser;
  let bob: DevUser;
  let room: string;
  // Session-bound operations (calls) name the session with the cookie of the join, as Talk's clients do.
  const cookies: Record<string, string | undefined> = {};
  const CALL = '/ocs/v2.php/apps/spreed/api/v4/call';

  beforeAll(async () => {
    server = await startServer();
    [alice, bob] = server.users;
    room = await groupWith(server.url, alice, 'Standup', ['bob']);
  });
  afterAll(async () => {
    await server.close();
  });

  const systemMessages = async () =>
    (((await ocs(server.url, 'GET', `${CHAT}/${room}?lookIntoFuture=0&limit=200`, { user: alice })).body?.ocs.data ?? []) as { systemMessage: string }[]).map(
      (m) => m.systemMessage,
    );

  it('refuses to join a call without a session of the conversation (404)', async () => {
    const res = await ocs(server.url, 'POST', `${CALL}/${room}`, { user: alice, cookie: cookies[alice.id], body: { flags: 3 } });
    expect(res.status).toBe(404);
  });

  it('join shows in hasCall, callFlag and inCall; a second joiner is listed; the last one out ends the call', async () => {
    for (const user of [alice, bob]) {
      const joined = await ocs(server.url, 'POST', `${V4}/room/${room}/participants/active`, { user, body: {} });
      cookies[user.id] = (joined.headers.get('set-cookie') ?? '').split(';')[0] || undefined;
    }
    expect((await ocs(server.url, 'GET', `${V4}/room/${room}`, { user: bob })).body?.ocs.data.hasCall).toBe(false);

    expect((await ocs(server.url, 'POST', `${CALL}/${room}`, { user: alice, cookie: cookies[alice.id], body: { flags: 3 } })).status).toBe(200);
    let view = (await ocs(server.url, 'GET', `${V4}/room/${room}`, { user: bob })).body?.ocs.data;
    expect(view.hasCall).toBe(true);
    expect(view.callFlag).toBe(3);
    expect(view.callStartTime).toBeGreaterThan(0);
    const participants = (await ocs(server.url, 'GET', `${V4}/room/${room}/participants`, { user: bob })).body?.ocs.data as {
      actorId: string;
      inCall: number;
    }[];
    expect(participants.find((p) => p.actorId === 'alice')?.inCall).toBe(3);
    expect(participants.find((p) => p.actorId === 'bob')?.inCall).toBe(0);

    expect((await ocs(server.url, 'POST', `${CALL}/${room}`, { user: bob, cookie: cookies[bob.id], body: { flags: 7 } })).status).toBe(200);
    expect((await ocs(server.url, 'PUT', `${CALL}/${room}`, { user: bob, cookie: cookies[bob.id], body: { flags: 1 } })).status).toBe(200);
    const inCall = (await ocs(server.url, 'GET', `${CALL}/${room}`, { user: alice, cookie: cookies[alice.id] })).body?.ocs.data as { actorId: string }[];
    expect(inCall.map((p) => p.actorId).sort()).toEqual(['alice', 'bob']);
    view = (await ocs(server.url, 'GET', `${V4}/room/${room}`, { user: alice, cookie: cookies[alice.id] })).body?.ocs.data;
    expect(view.callFlag).toBe(3);
    expect(view.participantFlags).toBe(3);

    expect((await ocs(server.url, 'DELETE', `${CALL}/${room}`, { user: alice, cookie: cookies[alice.id] })).status).toBe(200);
    expect((await ocs(server.url, 'GET', `${V4}/room/${room}`, { user: alice })).body?.ocs.data.hasCall).toBe(true);
    expect((await ocs(server.url, 'DELETE', `${CALL}/${room}`, { user: bob, cookie: cookies[bob.id] })).status).toBe(200);
    view = (await ocs(server.url, 'GET', `${V4}/room/${room}`, { user: alice })).body?.ocs.data;
    expect(view.hasCall).toBe(false);
    expect(view.callFlag).toBe(0);
    expect((await ocs(server.url, 'GET', `${CALL}/${room}`, { user: alice, cookie: cookies[alice.id] })).body?.ocs.data).toEqual([]);
    const messages = await systemMessages();
    expect(messages).toContain('call_started');
    expect(messages).toContain('call_joined');
    expect(messages).toContain('call_left');
    expect(messages[0]).toBe('call_ended');
    expect(server.problems).toEqual([]);
  });

  it('updating flags outside the call is 400; ringing needs a running call; SIP dial-out is refused with 501', async () => {
    expect((await ocs(server.url, 'PUT', `${CALL}/${room}`, { user: alice, cookie: cookies[alice.id], body: { flags: 3 } })).status).toBe(400);
    const bobAttendee = server.store.attendeesOf(room).find((a) => a.actorId === 'bob')?.id ?? 0;
    expect((await ocs(server.url, 'POST', `${CALL}/${room}/ring/${bobAttendee}`, { user: alice, cookie: cookies[alice.id] })).status).toBe(400);
    await ocs(server.url, 'POST', `${CALL}/${room}`, { user: alice, cookie: cookies[alice.id], body: {} });
    expect((await ocs(server.url, 'POST', `${CALL}/${room}/ring/${bobAttendee}`, { user: alice, cookie: cookies[alice.id] })).status).toBe(200);
    expect((await ocs(server.url, 'POST', `${CALL}/${room}/ring/999999`, { user: alice, cookie: cookies[alice.id] })).status).toBe(404);
    expect((await ocs(server.url, 'POST', `${CALL}/${room}/dialout/${bobAttendee}`, { user: alice, cookie: cookies[alice.id], body: {} })).status).toBe(501);
    expect((await ocs(server.url, 'DELETE', `${CALL}/${room}?all=1`, { user: bob, cookie: cookies[bob.id] })).status).toBe(403);
    expect((await ocs(server.url, 'DELETE', `${CALL}/${room}?all=1`, { user: alice, cookie: cookies[alice.id] })).status).toBe(200);
    expect((await systemMessages())[0]).toBe('call_ended_everyone');
    expect(server.problems).toEqual([]);
  });
});
