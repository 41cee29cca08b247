// Long polling: many concurrent pollers are all woken by one posted message; aborted pollers leave nothing behind.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAT, V4, basic, ocs, startServer } from './support.js';

interface PollAnswer {
  status: number;
  body: string;
}

function poll(agent: http.Agent, url: string, authorization: string): { done: Promise<PollAnswer>; abort: () => void } {
  let request: http.ClientRequest | undefined;
  const done = new Promise<PollAnswer>((resolve, reject) => {
    request = http.get(url, { agent, headers: { 'OCS-APIRequest': 'true', Accept: 'application/json', Authorization: authorization } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    request.on('error', reject);
  });
  return { done, abort: () => request?.destroy() };
}

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('long polling (lookIntoFuture=1)', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let token: string;
  let agent: http.Agent;

  beforeAll(async () => {
    server = await startServer();
    agent = new http.Agent({ keepAlive: false, maxSockets: 1_000 });
    const [alice] = server.users;
    token = (await ocs(server.url, 'POST', `${V4}/room`, { user: alice, body: { roomType: 2, roomName: 'Fan-out' } })).body?.ocs.data.token;
    await ocs(server.url, 'POST', `${V4}/room/${token}/participants`, { user: alice, body: { newParticipant: 'bob' } });
  });
  afterAll(async () => {
    agent.destroy();
    await server.close();
  });

  const lastMessageId = () => server.store.conversations.get(token)?.lastMessageId ?? 0;

  it('500 concurrent pollers all receive the message the moment it is posted', async () => {
    const [alice, bob] = server.users;
    const known = lastMessageId();
    const url = `${server.url}${CHAT}/${token}?lookIntoFuture=1&timeout=30&setReadMarker=0&lastKnownMessageId=${known}`;
    const pollers = Array.from({ length: 500 }, () => poll(agent, url, basic(bob)));
    await until(() => server.debug.waitingPollers() === 500, '500 waiting pollers');
    expect(server.debug.pendingPollTimers()).toBe(500);
    const sent = await ocs(server.url, 'POST', `${CHAT}/${token}`, { user: alice, body: { message: 'wake up, everyone' } });
    expect(sent.status).toBe(201);
    const answers = await Promise.all(pollers.map((p) => p.done));
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      const messages = JSON.parse(answer.body).ocs.data as { id: number; message: string }[];
      expect(messages.map((m) => m.id)).toEqual([sent.body?.ocs.data.id]);
    }
    expect(server.debug.waitingPollers()).toBe(0);
    expect(server.debug.pendingPollTimers()).toBe(0);
    expect(server.problems).toEqual([]);
  });

  it('aborted pollers leave no waiting pollers, timers or abort listeners behind', async () => {
    const [, bob] = server.users;
    const url = `${server.url}${CHAT}/${token}?lookIntoFuture=1&timeout=60&lastKnownMessageId=${lastMessageId()}`;
    const pollers = Array.from({ length: 50 }, () => poll(agent, url, basic(bob)));
    await until(() => server.debug.waitingPollers() === 50, '50 waiting pollers');
    for (const p of pollers) p.abort();
    await Promise.allSettled(pollers.map((p) => p.done));
    await until(() => server.debug.waitingPollers() === 0 && server.debug.pendingPollTimers() === 0, 'the aborted pollers to be released');
    expect(server.debug.waitingPollers()).toBe(0);
    expect(server.debug.pendingPollTimers()).toBe(0);
  });

  it('a poll without news ends with 304 after its timeout and releases its timer', async () => {
    const [, bob] = server.users;
    const res = await ocs(server.url, 'GET', `${CHAT}/${token}?lookIntoFuture=1&timeout=1&lastKnownMessageId=${lastMessageId()}`, { user: bob });
    expect(res.status).toBe(304);
    expect(res.body).toBeNull();
    expect(server.debug.waitingPollers()).toBe(0);
    expect(server.debug.pendingPollTimers()).toBe(0);
  });

  it('a poll is answered at once when messages newer than lastKnownMessageId exist', async () => {
    const [alice, bob] = server.users;
    const known = lastMessageId();
    await ocs(server.url, 'POST', `${CHAT}/${token}`, { user: alice, body: { message: 'one' } });
    await ocs(server.url, 'POST', `${CHAT}/${token}`, { user: alice, body: { message: 'two' } });
    const res = await ocs(server.url, 'GET', `${CHAT}/${token}?lookIntoFuture=1&timeout=30&lastKnownMessageId=${known}`, { user: bob });
    expect(res.status).toBe(200);
    expect((res.body?.ocs.data as { message: string }[]).map((m) => m.message)).toEqual(['one', 'two']);
    expect(Number(res.headers.get('x-chat-last-given'))).toBe(lastMessageId());
  });

  it('removing the poller from the conversation wakes it with 404', async () => {
    const [alice, bob] = server.users;
    const room = (await ocs(server.url, 'POST', `${V4}/room`, { user: alice, body: { roomType: 2, roomName: 'Short-lived' } })).body?.ocs.data.token as string;
    await ocs(server.url, 'POST', `${V4}/room/${room}/participants`, { user: alice, body: { newParticipant: 'bob' } });
    const known = server.store.conversations.get(room)?.lastMessageId ?? 0;
    const pending = ocs(server.url, 'GET', `${CHAT}/${room}?lookIntoFuture=1&timeout=60&lastKnownMessageId=${known}`, { user: bob });
    await until(() => server.debug.waitingPollers() === 1, 'the poller');
    const bobAttendee = server.store.attendeesOf(room).find((a) => a.actorId === 'bob');
    await ocs(server.url, 'DELETE', `${V4}/room/${room}/attendees?attendeeId=${bobAttendee?.id}`, { user: alice });
    const res = await pending;
    expect(res.status).toBe(404);
    expect(server.debug.waitingPollers()).toBe(0);
  });
});
