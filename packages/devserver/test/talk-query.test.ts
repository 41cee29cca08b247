// Query values the contract bounds more tightly than Talk reads them (TALK_QUERY_READERS, applied by
// @talk-contract/server's queryReaders): the dev server accepts them as Talk does, over HTTP on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAT, groupWith, ocs, startServer } from './support.js';

describe('Talk reads the chat query values (PHP integers, clamping)', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let token: string;

  beforeAll(async () => {
    server = await startServer();
    const [alice] = server.users;
    token = await groupWith(server.url, alice, 'Query values', ['bob']);
    for (let i = 0; i < 5; i++) await ocs(server.url, 'POST', `${CHAT}/${token}`, { user: alice, body: { message: `message ${i}` } });
  });
  afterAll(() => server.close());

  const history = (query: string) => ocs(server.url, 'GET', `${CHAT}/${token}?${query}`, { user: server.users[1] });

  // The conversation's whole history: 2 system messages (created, bob added) and the 5 posted.
  const ALL = 7;
  it.each([
    ['a limit over 200 (clamped)', 'lookIntoFuture=0&limit=500', ALL],
    ['a limit that is not a number (dropped: the default)', 'lookIntoFuture=0&limit=abc', ALL],
    ['a limit of 0 (dropped)', 'lookIntoFuture=0&limit=0', ALL],
    ['a limit with trailing garbage (PHP reads 2)', 'lookIntoFuture=0&limit=2x', 2],
    ['lookIntoFuture that is not a number (PHP reads 0: history)', 'lookIntoFuture=abc&limit=3', 3],
  ])('%s is answered 200', async (_what, query, count) => {
    const answer = await history(query);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body?.ocs.data).toHaveLength(count);
  });

  it('a long-poll timeout over the contract bound (99 s) is accepted (Talk reads at most 30 s) and the poll answered', async () => {
    const known = server.store.conversations.get(token)?.lastMessageId ?? 0;
    const pending = history(`lookIntoFuture=1&timeout=99&lastKnownMessageId=${known}`);
    const start = Date.now();
    while (server.debug.waitingPollers() === 0) {
      if (Date.now() - start > 10_000) throw new Error('the poll is not waiting');
      await new Promise((r) => setTimeout(r, 10));
    }
    await ocs(server.url, 'POST', `${CHAT}/${token}`, { user: server.users[0], body: { message: 'now' } });
    const answer = await pending;
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body?.ocs.data.map((m: { message: string }) => m.message)).toEqual(['now']);
  });

  it('the context of a message with a limit over 100 is answered, not refused (Talk clamps it to 100)', async () => {
    const id = server.store.conversations.get(token)?.lastMessageId ?? 0;
    const answer = await ocs(server.url, 'GET', `${CHAT}/${token}/${id}/context?limit=500`, { user: server.users[1] });
    expect(answer.status, answer.text).toBe(200);
  });
});
