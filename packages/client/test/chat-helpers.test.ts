// chat.watch() and chat.history() against servers that ignore the cursor: a tiny node:http server on 127.0.0.1
// that answers a long poll at once, and the real Prism mock (the documented example whatever the query).
import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '@talk-contract/mock';
import { createTalkClient, type FetchFunction } from '../src/index.js';
import { ocs, startTinyServer, type TinyServer } from './tiny-server.js';

let server: TinyServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const auth = { user: 'alice', appPassword: 'app-password' };
const message = (id: number) => ({ id, token: 'abc123xy', message: `m${id}` });
const notModified = (_req: unknown, res: ServerResponse) => {
  res.writeHead(304);
  res.end();
};
const cursorOf = (url: string) => new URL(url, 'http://x').searchParams.get('lastKnownMessageId');

/** Every message id `watch()` yields within `ms` (then it is stopped). */
async function watchFor(
  talk: ReturnType<typeof createTalkClient<'v4'>>,
  ms: number,
  options: { lastKnownMessageId?: number; backoffMs?: number; maxBackoffMs?: number },
): Promise<number[]> {
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), ms);
  const ids: number[] = [];
  try {
    for await (const batch of talk.chat.watch('abc123xy', { ...options, signal: stop.signal })) ids.push(...batch.map((m) => m.id));
  } finally {
    clearTimeout(timer);
  }
  return ids;
}

describe('watch() against a server that answers at once', () => {
  it('the same messages again and again: each yielded once, requests bounded by the backoff', async () => {
    // Like the Prism mock: the same page whatever the cursor, with an X-Chat-Last-Given below it.
    server = await startTinyServer((_req, res) => ocs(res, 200, [message(3), message(2), message(1)], { 'X-Chat-Last-Given': '1' }));
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth });
    const ids = await watchFor(talk, 2_000, { lastKnownMessageId: 0, backoffMs: 50, maxBackoffMs: 400 });
    expect(ids).toEqual([3, 2, 1]);
    // 50 + 100 + 200 + 400 + 400 … ms: about 7 polls in 2 s; none of them may move the cursor back.
    expect(server.requests.length).toBeGreaterThanOrEqual(3);
    expect(server.requests.length).toBeLessThanOrEqual(12);
    expect(server.requests.slice(1).every((r) => cursorOf(r.url) === '3')).toBe(true);
  });

  it('pages overlapping what was seen, a duplicate within a page: only the new messages, each once', async () => {
    server = await startTinyServer((_req, res, i) => {
      if (i < 3) ocs(res, 200, [message(1), message(2)]);
      else ocs(res, 200, [message(1), message(2), message(3), message(3)]);
    });
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth });
    const ids = await watchFor(talk, 1_500, { lastKnownMessageId: 0, backoffMs: 20, maxBackoffMs: 200 });
    expect(ids).toEqual([1, 2, 3]);
    expect(server.requests.length).toBeLessThanOrEqual(14);
  });

  it('an immediate 304 every time: backs off instead of polling in a loop', async () => {
    server = await startTinyServer(notModified);
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth });
    const ids = await watchFor(talk, 1_000, { lastKnownMessageId: 5, backoffMs: 100 });
    expect(ids).toEqual([]);
    // 100 + 200 + 400 ms, then 800 ms: 4 polls in 1 s.
    expect(server.requests.length).toBeGreaterThanOrEqual(2);
    expect(server.requests.length).toBeLessThanOrEqual(6);
  });

  it('maxBackoffMs caps the delay: polling goes on at that pace', async () => {
    server = await startTinyServer(notModified);
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth });
    await watchFor(talk, 2_000, { lastKnownMessageId: 5, backoffMs: 50, maxBackoffMs: 100 });
    // 50 + 100 + 100 … ms: about 20 polls in 2 s (uncapped doubling would give 6).
    expect(server.requests.length).toBeGreaterThanOrEqual(8);
    expect(server.requests.length).toBeLessThanOrEqual(24);
  });
});

describe('watch() and history() against the Prism mock', () => {
  let mock: RunningMock;
  let requests = 0;
  let talk: ReturnType<typeof createTalkClient<'v4'>>;
  let example: number[];
  beforeAll(async () => {
    mock = await startMock({ apiVersion: 'v4' });
    const counting: FetchFunction = (request, init) => {
      requests++;
      return fetch(request, init);
    };
    talk = createTalkClient({ baseUrl: mock.url, apiVersion: 'v4', auth, fetch: counting });
    example = (await talk.chat.receive('abc123xy', { lookIntoFuture: 0 })).data.map((m) => m.id);
  });
  afterAll(async () => {
    await mock?.close();
  });

  it('watch() yields each documented message once and makes a bounded number of requests', async () => {
    expect(example.length).toBeGreaterThan(0);
    requests = 0;
    const ids = await watchFor(talk, 2_000, { lastKnownMessageId: 0, backoffMs: 50, maxBackoffMs: 400 });
    expect(ids).toEqual(example);
    expect(requests).toBeGreaterThanOrEqual(3);
    expect(requests).toBeLessThanOrEqual(12);
  });

  it('history() yields each documented message once, then ends', async () => {
    requests = 0;
    const ids: number[] = [];
    for await (const page of talk.chat.history('abc123xy', { limit: 50 })) {
      ids.push(...page.map((m) => m.id));
      if (requests > 10) break;
    }
    expect(ids).toEqual(example);
    expect(requests).toBeLessThanOrEqual(2);
  });
});
