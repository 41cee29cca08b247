// The embedder hooks of createTalkServer: `beforeRoute` (own routes, pre-checks with the server's own tools),
// `afterRoute` (rewriting the pipeline's answers) and `operationHandlers` (one table of handlers), served on
// 127.0.0.1 through serveTalk like the dev server does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TalkServerConfigError, createTalkServer, serveTalk } from '../src/index.js';
import type { RunningTalkServer, TalkBeforeRoute, TalkOperationInput } from '../src/index.js';

const LIMIT = 1024;
const ROOM = '/ocs/v2.php/apps/spreed/api/v4/room';
const FAVORITE = `${ROOM}/abcdefgh/favorite`;
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const headers = { 'OCS-APIRequest': 'true', Authorization: basic('alice', 'secret') };

/** A chunked body (no Content-Length) of `size` bytes in 256-byte chunks. */
function chunked(size: number): ReadableStream<Uint8Array> {
  let left = size;
  return new ReadableStream({
    pull(controller) {
      if (left <= 0) return controller.close();
      const n = Math.min(256, left);
      left -= n;
      controller.enqueue(new Uint8Array(n).fill(120));
    },
  });
}

describe('createTalkServer embedder hooks', () => {
  let running: RunningTalkServer;
  const seen: { authenticated: number; operations: TalkOperationInput<'v4', { type: 'users'; id: string }>[]; buffered: number[] } = {
    authenticated: 0,
    operations: [],
    buffered: [],
  };
  const beforeRoute: TalkBeforeRoute = async (request, tools) => {
    const url = new URL(request.url);
    if (url.pathname.startsWith('/remote.php/dav/')) {
      const buffered = await tools.bufferBody(request);
      if (buffered instanceof Response) return buffered;
      seen.buffered.push((await buffered.arrayBuffer()).byteLength);
      return tools.ocsResponse(201, { user: tools.credentialsOf(request)?.user ?? null }, { message: 'stored', headers: { 'x-dav': '1' } });
    }
    if (url.searchParams.get('rewrite') === '1') {
      url.searchParams.delete('rewrite');
      return new Request(url, { method: request.method, headers: request.headers });
    }
    return null;
  };

  beforeAll(async () => {
    const app = createTalkServer<'v4', { type: 'users'; id: string }>({
      apiVersion: 'v4',
      bodyLimit: LIMIT,
      authenticate: ({ credentials }) => {
        seen.authenticated++;
        return credentials?.password === 'secret' ? { type: 'users', id: credentials.user } : null;
      },
      operationHandlers: {
        addConversationToFavorites: (input) => {
          seen.operations.push(input);
          return { status: 200, data: [], headers: { 'x-seen-url': input.request.url } };
        },
      },
      beforeRoute,
      afterRoute: (response, request) => {
        const out = new Response(response.body, response);
        out.headers.set('x-after', new URL(request.url).pathname);
        return out;
      },
    });
    running = await serveTalk(app, { port: 0, hostname: '127.0.0.1' });
  });
  afterAll(async () => {
    await running.close();
  });

  it('beforeRoute answers a non-contract route with the server tools (credentials, buffered body, OCS envelope); afterRoute does not touch it', async () => {
    const res = await fetch(`${running.url}/remote.php/dav/files/alice/a.txt`, { method: 'PUT', headers, body: 'hello' });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-dav')).toBe('1');
    expect(res.headers.get('x-after')).toBeNull();
    expect(await res.json()).toEqual({ ocs: { meta: { status: 'ok', statuscode: 201, message: 'stored' }, data: { user: 'alice' } } });
    expect(seen.buffered.at(-1)).toBe(5);
  });

  it('bufferBody refuses a chunked body over bodyLimit with the OCS 413 while it streams, before authentication', async () => {
    const before = seen.authenticated;
    const res = await fetch(`${running.url}/remote.php/dav/files/alice/big.bin`, {
      method: 'PUT',
      headers,
      body: chunked(LIMIT * 8),
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ ocs: { meta: { status: 'failure', statuscode: 413 }, data: { error: 'body-too-large' } } });
    expect(seen.authenticated).toBe(before);
    // Within the limit, chunked is fine.
    const small = await fetch(`${running.url}/remote.php/dav/files/alice/small.bin`, {
      method: 'PUT',
      headers,
      body: chunked(LIMIT),
      duplex: 'half',
    } as RequestInit);
    expect(small.status).toBe(201);
    expect(seen.buffered.at(-1)).toBe(LIMIT);
  });

  it('contract operations go through the pipeline to operationHandlers; a Request from beforeRoute replaces the original; afterRoute rewrites the answer', async () => {
    const res = await fetch(`${running.url}${FAVORITE}?rewrite=1`, { method: 'POST', headers });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-after')).toBe(FAVORITE);
    expect(res.headers.get('x-seen-url')).toBe(`${running.url}${FAVORITE}`);
    const input = seen.operations.at(-1);
    expect(input).toMatchObject({ operationId: 'addConversationToFavorites', params: { token: 'abcdefgh' }, actor: { type: 'users', id: 'alice' } });
    // The pipeline's own refusals come through afterRoute too (401 without credentials, 501 without a handler).
    const refused = await fetch(`${running.url}${FAVORITE}`, { method: 'POST', headers: { 'OCS-APIRequest': 'true' } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-after')).toBe(FAVORITE);
    const missing = await fetch(`${running.url}${ROOM}`, { headers });
    expect(missing.status).toBe(501);
    expect(missing.headers.get('x-after')).toBe(ROOM);
  });

  it('credentialsOf decodes basic auth as the pipeline does; other schemes and malformed headers are none', async () => {
    const app = createTalkServer({
      apiVersion: 'v4',
      authenticate: () => null,
      beforeRoute: (request, tools) => tools.ocsResponse(200, tools.credentialsOf(request)),
    });
    const credentials = async (authorization: string) =>
      ((await (await app.fetch(new Request('http://127.0.0.1/x', { headers: { authorization } }))).json()) as { ocs: { data: unknown } }).ocs.data;
    expect(await credentials(basic('bob', 'pa:ss'))).toEqual({ user: 'bob', password: 'pa:ss' });
    expect(await credentials('Bearer abc')).toBeNull();
    expect(await credentials('Basic !!!')).toBeNull();
  });

  it.each([
    ['a hook that is not a function', { beforeRoute: 'nope' }, /beforeRoute must be a function/],
    [
      'an operation handled twice',
      {
        handlers: { addConversationToFavorites: () => ({ status: 200, data: [] }) },
        operationHandlers: { addConversationToFavorites: () => ({ status: 200 }) },
      },
      /both/,
    ],
    ['an operation the slice does not have', { operationHandlers: { noSuchOperation: () => ({ status: 200 }) } }, /has no operation noSuchOperation/],
  ])('refuses %s at start-up', (_what, extra, message) => {
    const build = () => createTalkServer({ apiVersion: 'v4', authenticate: () => null, ...(extra as object) });
    expect(build).toThrow(TalkServerConfigError);
    expect(build).toThrow(message);
  });
});
