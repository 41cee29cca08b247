// Issue 14: nothing a caller or a handler sends crashes the process, holds a request forever or gets an
// answer outside the OCS envelope. Real servers on 127.0.0.1 (one in a child process for the crash case).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TalkHandlerTimeoutError, TalkResponseError, createTalkServer, serveTalk } from '../src/index.js';
import { concretePath, operationFixtures } from './support/contract-fixtures.js';
import { basic, createClient, type RawResponse } from './support/http-client.js';
import { rawExchange } from './support/raw-socket.js';
import { validRequest } from './support/requests.js';
import { PASSWORD, USER, startStubServer } from './support/stub-server.js';

interface Envelope {
  ocs: { meta: { status: string; statuscode: number; message: string }; data: Record<string, unknown> };
}
const auth = { 'ocs-apirequest': 'true', authorization: basic(USER, PASSWORD) };
const ocsOf = (status: number, text: string): Envelope => {
  const body = JSON.parse(text) as Envelope;
  expect(body.ocs.meta).toMatchObject({ status: 'failure', statuscode: status });
  return body;
};

describe('a handler answering a header that cannot be sent', () => {
  let child: ChildProcessWithoutNullStreams;
  let target: { url: string; path: string };
  let reports = '';
  const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
  beforeAll(async () => {
    child = spawn(tsx, [fileURLToPath(new URL('./support/echo-header-server.ts', import.meta.url))], { stdio: 'pipe' });
    child.stderr.on('data', (chunk: Buffer) => (reports += chunk.toString()));
    const [line] = (await Promise.race([once(child.stdout, 'data'), once(child, 'exit').then(() => [Buffer.from('')])])) as Buffer[];
    target = JSON.parse(line.toString()) as typeof target;
  }, 60_000);
  afterAll(() => {
    child?.kill();
  });

  it.each([
    ['CR/LF in the value (echoed input)', 'X-Echo', 'a\r\nSet-Cookie: session=stolen'],
    ['a character above U+00FF', 'X-Echo', 'snow \u2603'],
    ['an invalid header name', 'Bad Name', 'x'],
    ['a NUL in the value', 'X-Echo', 'a\u0000b'],
  ])('%s: 500 in the OCS envelope, reported, and the process keeps serving', async (_name, name, value) => {
    const client = createClient(target.url);
    try {
      const before = reports.split('\n').filter(Boolean).length;
      const res = await client.send({ method: 'GET', path: `${target.path}${new URLSearchParams({ name, value })}`, headers: auth });
      expect(res.status).toBe(500);
      expect(ocsOf(500, res.text).ocs.data).toEqual({ error: 'internal' });
      expect(res.headers['set-cookie']).toBeUndefined();
      await new Promise((r) => setTimeout(r, 50));
      expect(reports.split('\n').filter(Boolean).slice(before)).toEqual([JSON.stringify({ kind: 'response', code: 'invalid-headers' })]);
      expect(child.exitCode).toBeNull();
      const ok = await client.send({
        method: 'GET',
        path: `${target.path}${new URLSearchParams({ name: 'X-Echo', value: 'plain "text"; ok' })}`,
        headers: auth,
      });
      expect(ok.status).toBeLessThan(300);
      expect(ok.headers['x-echo']).toBe('plain "text"; ok');
    } finally {
      client.close();
    }
  });

  it('every bad header is refused in-process too, with a TalkResponseError naming it', async () => {
    const f = operationFixtures('v4').find((x) => x.method === 'GET')!;
    const answer: { headers: Record<string, unknown> } = { headers: {} };
    const s = await startStubServer('v4', { override: { [f.operationId]: () => ({ ...f.success, headers: answer.headers }) } });
    const c = createClient(s.url);
    const refused: Array<Record<string, unknown>> = [
      { 'X-A': 'x\ny' },
      { 'X-A': '\u0100' },
      { 'X-A': 'caf\u00e9' },
      { 'a:b': '1' },
      { '': '1' },
      { 'Content-Length': '1' },
      { 'Transfer-Encoding': 'chunked' },
    ];
    try {
      for (const headers of refused) {
        s.errors.length = 0;
        answer.headers = headers;
        const res = await c.send(validRequest(f));
        expect({ headers, status: res.status }).toEqual({ headers, status: 500 });
        expect(s.errors).toHaveLength(1);
        const error = s.errors[0].error as TalkResponseError;
        expect(error).toBeInstanceOf(TalkResponseError);
        expect(error.code).toBe('invalid-headers');
        const [name] = Object.keys(headers);
        expect(error.message).toContain(name === '' ? 'header name ""' : `header ${name === 'a:b' ? 'name "a:b"' : name}`);
      }
    } finally {
      c.close();
      await s.close();
    }
  });
});

describe('HEAD', () => {
  it('answers a GET operation like GET: same status and headers (Content-Length included), no body', async () => {
    const s = await startStubServer('v4');
    const c = createClient(s.url);
    try {
      const f = s.fixtures.find((x) => x.method === 'GET' && x.success.data !== undefined)!;
      const req = validRequest(f);
      const get = await c.send(req);
      const head = await c.send({ ...req, method: 'HEAD' });
      const comparable = (r: RawResponse) => {
        const { date: _date, ...rest } = r.headers;
        return { status: r.status, headers: rest };
      };
      expect(get.status).toBe(f.success.status);
      expect(get.text.length).toBeGreaterThan(0);
      expect(comparable(head)).toEqual(comparable(get));
      expect(head.headers['content-length']).toBe(String(Buffer.byteLength(get.text)));
      expect(head.text).toBe('');
      const post = s.fixtures.find((x) => x.method === 'POST' && !s.fixtures.some((o) => o.path === x.path && o.method === 'GET'))!;
      const refused = await c.send({ method: 'HEAD', path: concretePath(post), headers: auth });
      expect(refused.status).toBe(405);
      expect(String(refused.headers.allow).split(', ')).not.toContain('HEAD');
    } finally {
      c.close();
      await s.close();
    }
  });
});

describe('handlerTimeoutMs', () => {
  it('answers 504 in the OCS envelope when a handler does not settle, aborts its signal and reports it', async () => {
    let signal: AbortSignal | undefined;
    const f = operationFixtures('v4')[0];
    const s = await startStubServer('v4', {
      handlerTimeoutMs: 150,
      override: {
        [f.operationId]: (input) => {
          signal = (input as unknown as { signal: AbortSignal }).signal;
          return new Promise(() => undefined);
        },
      },
    });
    const c = createClient(s.url);
    try {
      const started = Date.now();
      const res = await c.send(validRequest(f));
      expect(res.status).toBe(504);
      expect(ocsOf(504, res.text).ocs.data).toEqual({ error: 'handler-timeout' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      expect(signal?.aborted).toBe(true);
      expect(signal?.reason).toBeInstanceOf(TalkHandlerTimeoutError);
      expect(s.errors.map((e) => [e.info.kind, (e.error as TalkHandlerTimeoutError).code, (e.error as TalkHandlerTimeoutError).timeoutMs])).toEqual([
        ['handler', 'handler-timeout', 150],
      ]);
    } finally {
      c.close();
      await s.close();
    }
  });

  it('leaves handlers that settle in time alone, and is refused when not a positive integer', async () => {
    const f = operationFixtures('v4')[0];
    const s = await startStubServer('v4', {
      handlerTimeoutMs: 5_000,
      override: { [f.operationId]: async () => ({ status: f.success.status, data: f.success.data }) },
    });
    const c = createClient(s.url);
    try {
      expect((await c.send(validRequest(f))).status).toBe(f.success.status);
      expect(s.errors).toEqual([]);
    } finally {
      c.close();
      await s.close();
    }
    for (const handlerTimeoutMs of [0, -1, 1.5, Number.NaN]) {
      expect(() => createTalkServer({ apiVersion: 'v4', authenticate: () => null, handlers: {}, handlerTimeoutMs })).toThrow(/handlerTimeoutMs/);
    }
  });
});

describe('413 for a body over the limit, to a client that reads only after uploading', () => {
  let s: Awaited<ReturnType<typeof startStubServer>>;
  beforeAll(async () => {
    s = await startStubServer('v4', { bodyLimit: 1024 });
  });
  afterAll(() => s?.close());
  const upload = (chunked: boolean, chunks: number) => {
    const f = s.fixtures.find((x) => x.method !== 'GET' && x.body)!;
    const piece = 'x'.repeat(4096);
    const head = [
      `${f.method} ${concretePath(f)} HTTP/1.1`,
      `host: 127.0.0.1`,
      'ocs-apirequest: true',
      `authorization: ${auth.authorization}`,
      'content-type: application/json',
      chunked ? 'transfer-encoding: chunked' : `content-length: ${chunks * piece.length}`,
      '',
      '',
    ].join('\r\n');
    const body = Array.from({ length: chunks }, () => (chunked ? `1000\r\n${piece}\r\n` : piece));
    return rawExchange(s.url, [head, ...body, ...(chunked ? ['0\r\n\r\n'] : [])], { gapMs: 10 });
  };

  it.each([
    ['a slow chunked upload (no Content-Length)', true],
    ['a slow upload with a declared Content-Length', false],
  ])('%s gets the 413 answer, not a reset', async (_name, chunked) => {
    const answer = await upload(chunked, 60);
    expect({ status: answer.status, error: answer.error }).toEqual({ status: 413, error: null });
    expect(ocsOf(413, answer.body).ocs.data).toEqual({ error: 'body-too-large' });
  });

  it('a large body (4 MiB, written as fast as the connection takes it) gets the 413 answer too', async () => {
    const f = s.fixtures.find((x) => x.method !== 'GET' && x.body)!;
    const part = Buffer.alloc(64 * 1024, 'x');
    const parts = Array.from({ length: 64 }, () => part);
    const head = `${f.method} ${concretePath(f)} HTTP/1.1\r\nhost: 127.0.0.1\r\nocs-apirequest: true\r\nauthorization: ${auth.authorization}\r\ncontent-type: application/json\r\ncontent-length: ${64 * part.length}\r\n\r\n`;
    const answer = await rawExchange(s.url, [head, ...parts], { gapMs: 1 });
    expect({ status: answer.status, error: answer.error }).toEqual({ status: 413, error: null });
  });
});

describe("Node's own refusals, in the OCS envelope", () => {
  let server: Awaited<ReturnType<typeof serveTalk>>;
  beforeAll(async () => {
    server = await serveTalk(createTalkServer({ apiVersion: 'v4', authenticate: () => null, handlers: {} }));
  });
  afterAll(() => server?.close());

  it.each([
    ['400 for a malformed request line', 'NOT HTTP AT ALL\r\n\r\n', 400, 'malformed-request'],
    ['400 for a malformed header line', 'GET / HTTP/1.1\r\nhost: 127.0.0.1\r\nno colon here\r\n\r\n', 400, 'malformed-request'],
    ['431 for headers over 16 KiB', `GET / HTTP/1.1\r\nhost: 127.0.0.1\r\nx-big: ${'a'.repeat(20 * 1024)}\r\n\r\n`, 431, 'headers-too-large'],
    ['400 for a Host the adapter cannot use', 'GET /ocs/v2.php/apps/spreed/api/v4/room HTTP/1.1\r\nhost: exa mple\r\n\r\n', 400, 'malformed-request'],
  ] as const)('%s', async (_name, request, status, error) => {
    const answer = await rawExchange(server.url, [request]);
    expect(answer.status).toBe(status);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(ocsOf(status, answer.body).ocs.data).toEqual({ error });
  });
});

describe('fallback', () => {
  it('answers requests that match no operation; null gives the 404 envelope, a throw a reported 500', async () => {
    const kinds: string[] = [];
    const app = createTalkServer({
      apiVersion: 'v4',
      authenticate: () => null,
      handlers: {},
      onError: (_e, info) => kinds.push(info.kind),
      fallback: (request) => {
        const path = new URL(request.url).pathname;
        if (path === '/status.php') return new Response('{"installed":true}');
        if (path === '/boom') throw new Error('fallback broke');
        return null;
      },
    });
    expect(await (await app.request('/status.php')).json()).toEqual({ installed: true });
    const missing = await app.request('/ocs/v2.php/apps/spreed/api/v4/nothing-here');
    expect(missing.status).toBe(404);
    ocsOf(404, await missing.text());
    const broken = await app.request('/boom');
    expect(broken.status).toBe(500);
    expect(kinds).toEqual(['internal']);
    // A contract path with another method is still the contract's 405, not the fallback's.
    expect((await app.request('/ocs/v2.php/apps/spreed/api/v4/room', { method: 'PATCH' })).status).toBe(405);
  });
});
