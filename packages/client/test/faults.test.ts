// Faults and protocol details, against tiny node:http servers on 127.0.0.1 (and a closed port).
import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createTalkClient,
  describeStatus,
  findOperation,
  isTalkApiError,
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

  it('an operation without input takes the call options right after the path parameters', async () => {
    server = await startTinyServer((_req, res) => ocs(res, 200, { token: 'abc123xy' }));
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth });
    await talk.conversations.get('abc123xy', { headers: { 'X-Probe': 'options-first' } });
    await talk.conversations.get('abc123xy', {}, { headers: { 'X-Probe': 'options-second' } });
    await talk.conversations.noteToSelf({ headers: { 'X-Probe': 'no-path' } });
    expect(server.requests.map((r) => [r.url, r.headers['x-probe']])).toEqual([
      ['/ocs/v2.php/apps/spreed/api/v4/room/abc123xy', 'options-first'],
      ['/ocs/v2.php/apps/spreed/api/v4/room/abc123xy', 'options-second'],
      ['/ocs/v2.php/apps/spreed/api/v4/room/note-to-self', 'no-path'],
    ]);
  });

  it('renamed methods: the deprecated old names call the same operation', async () => {
    server = await startTinyServer((_req, res) => ocs(res, 200, []));
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth });
    expect(talk.conversations.getNoteToSelfConversation).toBe(talk.conversations.noteToSelf);
    await talk.conversations.listOpen();
    await talk.conversations.listOpenConversations();
    expect(server.requests.map((r) => r.url)).toEqual(['/ocs/v2.php/apps/spreed/api/v4/listed-room', '/ocs/v2.php/apps/spreed/api/v4/listed-room']);
  });

  it('isTalkApiError: only errors of that operation with a documented status', async () => {
    server = await startTinyServer((req, res) => (req.url.includes('password') ? ocs(res, 400, { error: 'value', message: 'Too short' }) : ocs(res, 418, [])));
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth });
    const documented = await talk.conversations.setPassword('abc123xy', { password: 'x' }).catch((e: unknown) => e);
    expect(isTalkApiError(documented, 'setConversationPassword')).toBe(true);
    expect(isTalkApiError(documented, 'getConversation')).toBe(false);
    if (isTalkApiError(documented, 'setConversationPassword') && documented.status === 400 && !Array.isArray(documented.data)) {
      expect(documented.data?.message).toBe('Too short');
    } else expect.unreachable('a documented 400 of setConversationPassword');
    const undocumented = await talk.conversations.get('abc123xy').catch((e: unknown) => e);
    expect(undocumented).toBeInstanceOf(TalkApiError);
    expect(isTalkApiError(undocumented, 'getConversation')).toBe(false);
    expect(isTalkApiError(new Error('x'), 'getConversation')).toBe(false);
  });

  it('raw layer: short path, base chosen per operation', async () => {
    server = await startTinyServer((_req, res) => ocs(res, 200, [message(1)]));
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v3', auth });
    const { data } = await talk.raw.GET('/chat/{token}', { params: { path: { token: 'abc123xy' }, query: { lookIntoFuture: 0 } } });
    expect(data?.ocs.data).toEqual([message(1)]);
    await talk.raw.GET('/room');
    expect(server.requests.map((r) => r.url)).toEqual(['/ocs/v2.php/apps/spreed/api/v1/chat/abc123xy?lookIntoFuture=0', '/ocs/v2.php/apps/spreed/api/v3/room']);
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
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth, describeStatus });
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

  it.each([
    ['not given: Talk defaults (nothing sent)', {}, { setReadMarker: null, markNotificationsAsRead: null }],
    [
      'false: setReadMarker=0, markNotificationsAsRead=0',
      { setReadMarker: false, markNotificationsAsRead: false },
      { setReadMarker: '0', markNotificationsAsRead: '0' },
    ],
    [
      'true: setReadMarker=1, markNotificationsAsRead=1',
      { setReadMarker: true, markNotificationsAsRead: true },
      { setReadMarker: '1', markNotificationsAsRead: '1' },
    ],
  ] as const)('watch() read marker and notification options, %s', async (_name, given, want) => {
    server = await startTinyServer((_req, res, i) => ocs(res, 200, [message(10 + i)], { 'X-Chat-Last-Given': String(10 + i) }));
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth });
    for await (const batch of talk.chat.watch('abc123xy', { lastKnownMessageId: 9, ...given })) {
      expect(batch.map((m) => m.id)).toEqual([10]);
      break;
    }
    const q = new URL(server.requests[0]!.url, 'http://x').searchParams;
    expect(q.get('lookIntoFuture')).toBe('1');
    expect({ setReadMarker: q.get('setReadMarker'), markNotificationsAsRead: q.get('markNotificationsAsRead') }).toEqual(want);
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

// The server sends the headers and part of the body, then resets the connection (RST) or closes it.
const halfBody =
  (end: 'reset' | 'close', contentLength = true) =>
  (_req: unknown, res: ServerResponse) => {
    res.writeHead(200, { 'Content-Type': 'application/json', ...(contentLength ? { 'Content-Length': '1000' } : {}) });
    res.write('{"ocs": {"meta": {"status": "ok"');
    setTimeout(() => (end === 'reset' ? res.socket?.resetAndDestroy() : res.socket?.destroy()), 20);
  };
// Headers and the start of a body that never ends.
const endlessBody = (_req: unknown, res: ServerResponse) => {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.write('{"ocs": {"meta": {"status": "ok"');
};
/** Settles with what `promise` settles with, or with 'still pending' after `ms`. */
const within = (promise: Promise<unknown>, ms: number) =>
  Promise.race([
    promise.then(
      (v) => v,
      (e: unknown) => e,
    ),
    new Promise((resolve) => setTimeout(() => resolve('still pending'), ms)),
  ]);

describe('failures while reading the body', () => {
  it('facade: a reset mid-body is a TalkNetworkError with ECONNRESET, the cause and the real URL', async () => {
    server = await startTinyServer(halfBody('reset'));
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth });
    const error = await talk.chat.receive('abc123xy', { lookIntoFuture: 0, limit: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TalkNetworkError);
    expect(error).toMatchObject({
      code: 'TALK_NETWORK_ERROR',
      systemCode: 'ECONNRESET',
      url: `${server.url}/ocs/v2.php/apps/spreed/api/v1/chat/abc123xy?lookIntoFuture=0&limit=5`,
    });
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it('facade: a connection closed mid-body is a TalkNetworkError with UND_ERR_SOCKET', async () => {
    server = await startTinyServer(halfBody('close', false));
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth, timeoutMs: 5_000 });
    await expect(talk.conversations.list()).rejects.toMatchObject({ code: 'TALK_NETWORK_ERROR', systemCode: 'UND_ERR_SOCKET' });
  });

  it('raw: a reset mid-body is a TalkNetworkError (json() with Content-Length, text() without)', async () => {
    server = await startTinyServer((req, res) => halfBody('reset', req.url.endsWith('/room'))(req, res));
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth });
    await expect(talk.raw.GET('/room')).rejects.toMatchObject({ code: 'TALK_NETWORK_ERROR', systemCode: 'ECONNRESET' });
    await expect(talk.raw.GET('/room/{token}', { params: { path: { token: 'abc123xy' } }, parseAs: 'text' })).rejects.toMatchObject({
      code: 'TALK_NETWORK_ERROR',
      systemCode: 'ECONNRESET',
      url: `${server.url}/ocs/v2.php/apps/spreed/api/v4/room/abc123xy`,
    });
  });

  it('watch(): a reset mid-body counts as a failed poll and ends as a TalkNetworkError', async () => {
    server = await startTinyServer(halfBody('reset'));
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth });
    const iterator = talk.chat.watch('abc123xy', { lastKnownMessageId: 1, maxFailures: 2, backoffMs: 5 });
    const error = await iterator.next().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TalkNetworkError);
    expect(error).toMatchObject({ systemCode: 'ECONNRESET' });
    expect(server.requests).toHaveLength(2);
  });

  it('a fetch whose body stream fails (not undici) gives a TalkNetworkError keeping the cause', async () => {
    const broken = new Error('stream broke');
    const talk = createTalkClient({
      baseUrl: 'http://127.0.0.1:9',
      apiVersion: 'v4',
      fetch: async () =>
        new Response(new ReadableStream({ pull: (controller) => controller.error(broken) }), { headers: { 'Content-Type': 'application/json' } }),
    });
    const error = await talk.conversations.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TalkNetworkError);
    expect((error as Error).cause).toBe(broken);
    const rawError = await talk.raw.GET('/room').catch((e: unknown) => e);
    expect(rawError).toBeInstanceOf(TalkNetworkError);
    expect((rawError as Error).cause).toBe(broken);
  });

  it('facade: timeoutMs covers an endless body', async () => {
    server = await startTinyServer(endlessBody);
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth, timeoutMs: 200 });
    const started = Date.now();
    const error = await within(talk.chat.receive('abc123xy', { lookIntoFuture: 0 }), 5_000);
    expect(error).toBeInstanceOf(TalkTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 200, url: `${server.url}/ocs/v2.php/apps/spreed/api/v1/chat/abc123xy?lookIntoFuture=0` });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('raw: timeoutMs covers an endless body (json and text)', async () => {
    server = await startTinyServer(endlessBody);
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth, timeoutMs: 200 });
    const started = Date.now();
    const error = await within(talk.raw.GET('/room'), 5_000);
    expect(error).toBeInstanceOf(TalkTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 200, url: `${server.url}/ocs/v2.php/apps/spreed/api/v4/room` });
    const text = await within(talk.raw.GET('/room/{token}', { params: { path: { token: 'abc123xy' } }, parseAs: 'text' }), 5_000);
    expect(text).toMatchObject({ code: 'TALK_TIMEOUT', url: `${server.url}/ocs/v2.php/apps/spreed/api/v4/room/abc123xy` });
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('timeoutMs settles the call even when the fetch underneath ignores its signal', async () => {
    server = await startTinyServer(endlessBody);
    const deaf = (request: Request) => fetch(request.url, { headers: request.headers });
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth, timeoutMs: 200, fetch: deaf });
    await expect(within(talk.conversations.list(), 5_000)).resolves.toMatchObject({ code: 'TALK_TIMEOUT' });
    await expect(within(talk.raw.GET('/room'), 5_000)).resolves.toMatchObject({ code: 'TALK_TIMEOUT' });
  });

  it('a caller abort while the body is read rejects with the AbortError', async () => {
    server = await startTinyServer(endlessBody);
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth, timeoutMs: 5_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(within(talk.conversations.list(undefined, { signal: controller.signal }), 3_000)).resolves.toMatchObject({ name: 'AbortError' });
    const rawController = new AbortController();
    setTimeout(() => rawController.abort(), 100);
    await expect(within(talk.raw.GET('/room', { signal: rawController.signal }), 3_000)).resolves.toMatchObject({ name: 'AbortError' });
  });
});

describe('real URLs in errors', () => {
  it('TalkTimeoutError.url has the path parameters and the query', async () => {
    server = await startTinyServer(() => {});
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth, timeoutMs: 100 });
    const error = await talk.chat.receive('abc123xy', { lookIntoFuture: 1, timeout: 30 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TalkTimeoutError);
    const url = `${server.url}/ocs/v2.php/apps/spreed/api/v1/chat/abc123xy?lookIntoFuture=1&timeout=30`;
    expect((error as TalkTimeoutError).url).toBe(url);
    expect((error as Error).message).toContain(url);
  });

  it('TalkApiError and TalkResponseFormatError carry the URL, also in their message', async () => {
    server = await startTinyServer((req, res) => {
      if (req.url.includes('/participants')) ocs(res, 404, []);
      else {
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end('<html>login</html>');
      }
    });
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth });
    const api = (await talk.participants.list('room one', { includeStatus: true }).catch((e: unknown) => e)) as TalkApiError;
    const apiUrl = `${server.url}/ocs/v2.php/apps/spreed/api/v4/room/room%20one/participants?includeStatus=true`;
    expect(api).toBeInstanceOf(TalkApiError);
    expect(api.url).toBe(apiUrl);
    expect(api.message).toContain(apiUrl);
    const format = (await talk.conversations.get('abc123xy').catch((e: unknown) => e)) as TalkResponseFormatError;
    expect(format).toBeInstanceOf(TalkResponseFormatError);
    expect(format.url).toBe(`${server.url}/ocs/v2.php/apps/spreed/api/v4/room/abc123xy`);
    expect(format.message).toContain(format.url);
  });

  it('the URL is right when no request went out (a middleware is slower than the deadline)', async () => {
    const talk = createTalkClient({ baseUrl: 'http://127.0.0.1:9', apiVersion: 'v4', auth, timeoutMs: 50 });
    talk.raw.use({ onRequest: () => new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 200)) });
    const error = await talk.chat.receive('abc123xy', { lookIntoFuture: 0, limit: 3 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'TALK_TIMEOUT', url: 'http://127.0.0.1:9/ocs/v2.php/apps/spreed/api/v1/chat/abc123xy?lookIntoFuture=0&limit=3' });
  });
});

describe('raw streams', () => {
  it("parseAs: 'stream' with timeoutMs: the caller's signal still aborts the body after the call resolved", async () => {
    server = await startTinyServer(endlessBody);
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth, timeoutMs: 5_000 });
    const controller = new AbortController();
    const { data } = await talk.raw.GET('/room', { parseAs: 'stream', signal: controller.signal });
    const reader = (data as ReadableStream<Uint8Array>).getReader();
    expect((await reader.read()).done).toBe(false);
    setTimeout(() => controller.abort(), 50);
    await expect(within(reader.read(), 3_000)).resolves.toMatchObject({ name: 'AbortError' });
  });
});
