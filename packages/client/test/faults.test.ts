// Faults and protocol details, against tiny node:http servers on 127.0.0.1 (and a closed port).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createTalkClient,
  findOperation,
  TalkApiError,
  TalkNetworkError,
  TalkResponseFormatError,
  TalkTimeoutError,
  retryAfterMs,
} from '../src/index.js';
import { closedPort, ocs, startTinyServer, type TinyServer } from './tiny-server.js';

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
});
afterAll(async () => {
  await new Promise((resolve) => setTimeout(resolve, 50));
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

let server: TinyServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const message = (id: number) => ({ id, token: 'abc123xy', message: `m${id}` });
const auth = { user: 'alice', appPassword: 'pässword' };

describe('requests', () => {
  it('sends OCS-APIRequest, Accept and basic auth, chat on api/v1 and conversations on the client version', async () => {
    server = await startTinyServer((_req, res) => ocs(res, 200, []));
    const talk = createTalkClient({ baseUrl: `${server.url}/`, apiVersion: 'v4', auth });
    await talk.conversations.list();
    await talk.chat.receive('abc123xy', { lookIntoFuture: 0, limit: 5 });
    const [list, receive] = server.requests;
    expect(list!.url).toBe('/ocs/v2.php/apps/spreed/api/v4/room');
    expect(receive!.url).toBe('/ocs/v2.php/apps/spreed/api/v1/chat/abc123xy?lookIntoFuture=0&limit=5');
    expect(list!.headers['ocs-apirequest']).toBe('true');
    expect(list!.headers.accept).toBe('application/json');
    expect(list!.headers.authorization).toBe(`Basic ${Buffer.from('alice:pässword').toString('base64')}`);
  });

  it('sends no credentials for a guest, and POST input as a JSON body', async () => {
    server = await startTinyServer((_req, res) => ocs(res, 201, message(7)));
    const guest = createTalkClient({ baseUrl: server.url, apiVersion: 'v1' });
    const sent = await guest.chat.send('abc123xy', { message: 'hi', actorDisplayName: 'Guest' });
    expect(sent.data).toEqual(message(7));
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
    expect(server.requests[0]!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ message: 'hi', actorDisplayName: 'Guest' });
  });

  it('raw layer: short path, base chosen per operation', async () => {
    server = await startTinyServer((_req, res) => ocs(res, 200, [message(1)]));
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v3', auth });
    const { data } = await talk.raw.GET('/chat/{token}', { params: { path: { token: 'abc123xy' }, query: { lookIntoFuture: 0 } } });
    expect(data?.ocs.data).toEqual([message(1)]);
    await talk.raw.GET('/room');
    expect(server.requests.map((r) => r.url)).toEqual([
      '/ocs/v2.php/apps/spreed/api/v1/chat/abc123xy?lookIntoFuture=0',
      '/ocs/v2.php/apps/spreed/api/v3/room',
    ]);
  });
});

describe('errors', () => {
  it('server down: TalkNetworkError with ECONNREFUSED', async () => {
    const port = await closedPort();
    const talk = createTalkClient({ baseUrl: `http://127.0.0.1:${port}`, apiVersion: 'v4', auth });
    const error = await talk.conversations.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TalkNetworkError);
    expect((error as TalkNetworkError).code).toBe('TALK_NETWORK_ERROR');
    expect((error as TalkNetworkError).systemCode).toBe('ECONNREFUSED');
  });

  it('no answer in time: TalkTimeoutError', async () => {
    server = await startTinyServer(() => {});
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth, timeoutMs: 150 });
    const error = await talk.conversations.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TalkTimeoutError);
    expect((error as TalkTimeoutError).timeoutMs).toBe(150);
  });

  it('raw layer: per-attempt timeout and connection errors are typed too', async () => {
    server = await startTinyServer(() => {});
    const slow = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth, timeoutMs: 100 });
    await expect(slow.raw.GET('/room')).rejects.toBeInstanceOf(TalkTimeoutError);
    const port = await closedPort();
    const down = createTalkClient({ baseUrl: `http://127.0.0.1:${port}`, apiVersion: 'v4', auth });
    await expect(down.raw.GET('/room')).rejects.toMatchObject({ code: 'TALK_NETWORK_ERROR', systemCode: 'ECONNREFUSED' });
  });

  it('a per-call timeoutMs overrides the client default', async () => {
    server = await startTinyServer(() => {});
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth });
    const error = await talk.conversations.list(undefined, { timeoutMs: 80 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'TALK_TIMEOUT', timeoutMs: 80 });
  });

  it('documented error status: TalkApiError with OCS meta and the documented meaning', async () => {
    server = await startTinyServer((_req, res) => ocs(res, 412, [], {}));
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth });
    const error = await talk.chat.receive('abc123xy', { lookIntoFuture: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TalkApiError);
    const apiError = error as TalkApiError;
    expect(apiError.status).toBe(412);
    expect(apiError.operationId).toBe('receiveMessages');
    expect(apiError.meta?.statuscode).toBe(412);
    expect(apiError.meaning).toBe(findOperation('v4', 'receiveMessages')!.statuses['412']);
    expect(apiError.meaning).toMatch(/lobby/i);
    expect(apiError.message).toContain(apiError.meaning!);
  });

  it('HTML 500 page: TalkApiError naming status and content type', async () => {
    server = await startTinyServer((_req, res) => {
      res.writeHead(500, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html><html><body><h1>Internal Server Error</h1></body></html>');
    });
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth });
    const error = (await talk.conversations.list().catch((e: unknown) => e)) as TalkApiError;
    expect(error).toBeInstanceOf(TalkApiError);
    expect(error.status).toBe(500);
    expect(error.meta).toBeUndefined();
    expect(error.contentType).toContain('text/html');
    expect(error.message).toContain('HTTP 500');
    expect(error.message).toContain('text/html');
    expect(error.bodySnippet).toContain('Internal Server Error');
  });

  it('HTML page with 200: TalkResponseFormatError', async () => {
    server = await startTinyServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html>login</html>');
    });
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth });
    const error = (await talk.conversations.list().catch((e: unknown) => e)) as TalkResponseFormatError;
    expect(error).toBeInstanceOf(TalkResponseFormatError);
    expect(error.code).toBe('TALK_RESPONSE_FORMAT');
    expect(error.status).toBe(200);
    expect(error.contentType).toBe('text/html');
  });

  it('invalid JSON: TalkResponseFormatError', async () => {
    server = await startTinyServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"ocs": {"meta": ');
    });
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth });
    const error = (await talk.conversations.list().catch((e: unknown) => e)) as TalkResponseFormatError;
    expect(error).toBeInstanceOf(TalkResponseFormatError);
    expect(error.message).toMatch(/invalid JSON/);
  });

  it('a caller abort rejects with an AbortError', async () => {
    server = await startTinyServer(() => {});
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth });
    const controller = new AbortController();
    const pending = talk.conversations.list(undefined, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('retries', () => {
  it('retries GET on 503 with Retry-After, then succeeds', async () => {
    server = await startTinyServer((_req, res, i) => {
      if (i < 2) {
        res.writeHead(503, { 'Retry-After': '0' });
        res.end();
      } else ocs(res, 200, []);
    });
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth, retry: { retries: 3, minDelayMs: 1 } });
    const result = await talk.conversations.list();
    expect(result.status).toBe(200);
    expect(server.requests).toHaveLength(3);
  });

  it('does not retry by default, nor a POST', async () => {
    server = await startTinyServer((_req, res) => {
      res.writeHead(503, { 'Content-Type': 'application/json' });
      res.end('{}');
    });
    const plain = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth });
    await expect(plain.conversations.list()).rejects.toBeInstanceOf(TalkApiError);
    const retrying = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth, retry: { retries: 3, minDelayMs: 1 } });
    await expect(retrying.chat.send('abc123xy', { message: 'x' })).rejects.toMatchObject({ status: 503 });
    expect(server.requests).toHaveLength(2);
  });

  it('retries connection errors and gives up with TalkNetworkError', async () => {
    const port = await closedPort();
    let calls = 0;
    const talk = createTalkClient({
      baseUrl: `http://127.0.0.1:${port}`,
      apiVersion: 'v4',
      retry: { retries: 2, minDelayMs: 1 },
      fetch: (request, init) => {
        calls++;
        return fetch(request, init);
      },
    });
    await expect(talk.conversations.list()).rejects.toBeInstanceOf(TalkNetworkError);
    expect(calls).toBe(3);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });
});

describe('chat polling', () => {
  it('304 is "no new messages", not an error', async () => {
    server = await startTinyServer((_req, res) => {
      res.writeHead(304);
      res.end();
    });
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth });
    const result = await talk.chat.receive('abc123xy', { lookIntoFuture: 1, lastKnownMessageId: 5 });
    expect(result).toMatchObject({ notModified: true, status: 304, data: [] });
  });

  it('history() pages backwards with X-Chat-Last-Given until 304', async () => {
    server = await startTinyServer((req, res) => {
      const last = new URL(req.url, 'http://x').searchParams.get('lastKnownMessageId');
      if (last === null) ocs(res, 200, [message(9), message(8)], { 'X-Chat-Last-Given': '8' });
      else if (last === '8') ocs(res, 200, [message(7)], { 'X-Chat-Last-Given': '7' });
      else {
        res.writeHead(304);
        res.end();
      }
    });
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth });
    const pages: number[][] = [];
    for await (const page of talk.chat.history('abc123xy', { limit: 2 })) pages.push(page.map((m) => m.id));
    expect(pages).toEqual([[9, 8], [7]]);
    expect(server.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('lookIntoFuture'))).toEqual(['0', '0', '0']);
  });

  it('watch() long-polls with lookIntoFuture=1, follows X-Chat-Last-Given, backs off on errors', async () => {
    server = await startTinyServer((req, res, i) => {
      const q = new URL(req.url, 'http://x').searchParams;
      if (i === 0) ocs(res, 200, [message(10), message(11)], { 'X-Chat-Last-Given': '11' });
      else if (i === 1) {
        res.writeHead(503);
        res.end();
      } else if (i === 2) {
        res.writeHead(304);
        res.end();
      } else ocs(res, 200, [message(Number(q.get('lastKnownMessageId')) + 1)], { 'X-Chat-Last-Given': String(Number(q.get('lastKnownMessageId')) + 1) });
    });
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth });
    const controller = new AbortController();
    const seen: number[] = [];
    for await (const batch of talk.chat.watch('abc123xy', { signal: controller.signal, lastKnownMessageId: 9, timeout: 90, backoffMs: 5 })) {
      seen.push(...batch.map((m) => m.id));
      if (seen.length >= 3) controller.abort();
    }
    expect(seen).toEqual([10, 11, 12]);
    const queries = server.requests.map((r) => Object.fromEntries(new URL(r.url, 'http://x').searchParams));
    expect(queries[0]).toMatchObject({ lookIntoFuture: '1', lastKnownMessageId: '9', timeout: '60' });
    expect(queries[3]).toMatchObject({ lookIntoFuture: '1', lastKnownMessageId: '11' });
  });

  it('an aborted long poll ends the iterator quietly', async () => {
    server = await startTinyServer(() => {});
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const batches: unknown[] = [];
    for await (const batch of talk.chat.watch('abc123xy', { signal: controller.signal, lastKnownMessageId: 1 })) batches.push(batch);
    expect(batches).toEqual([]);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(server.requests).toHaveLength(1);
  });

  it('watch() throws a 4xx at once (conversation gone)', async () => {
    server = await startTinyServer((_req, res) => ocs(res, 404, []));
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth });
    const iterator = talk.chat.watch('abc123xy', { lastKnownMessageId: 1 });
    await expect(iterator.next()).rejects.toMatchObject({ status: 404, operationId: 'receiveMessages' });
  });
});
