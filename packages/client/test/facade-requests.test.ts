// A facade call without middleware builds its request itself (no openapi-fetch per-call work); with middleware
// (`talk.raw.use()`) it goes through openapi-fetch. Both must send the same request: recorded by a node:http
// server on 127.0.0.1 for a set of calls covering path, query, JSON, multipart, binary and per-call headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTalkClient, type TalkClient } from '../src/index.js';
import { type RecordedRequest, startTinyServer, type TinyServer } from './tiny-server.js';

const auth = { user: 'alice', appPassword: 'app-password' };
let server: TinyServer;
beforeAll(async () => {
  server = await startTinyServer((req, res) => {
    const image = req.method === 'GET' && req.url.endsWith('/avatar');
    res.writeHead(200, { 'Content-Type': image ? 'image/png' : 'application/json' });
    res.end(image ? 'png' : JSON.stringify({ ocs: { meta: { status: 'ok', statuscode: 200 }, data: [] } }));
  });
});
afterAll(() => server.close());

const calls: [string, (talk: TalkClient<'v4'>) => Promise<unknown>][] = [
  ['GET without input', (talk) => talk.conversations.list()],
  ['GET with path and query', (talk) => talk.chat.receive('abc123xy', { lookIntoFuture: 0, limit: 5, setReadMarker: 0 })],
  ['POST with a JSON body', (talk) => talk.chat.send('abc123xy', { message: 'Hello @bob', silent: false })],
  [
    'PUT with a JSON body and per-call headers (case-insensitive override)',
    (talk) => talk.conversations.rename('abc123xy', { roomName: 'Marketing' }, { headers: { accept: 'application/json;q=0.5', 'X-Extra': 'yes' } }),
  ],
  ['DELETE without input', (talk) => talk.conversations.delete('abc123xy')],
  ['a binary answer (Accept of its media types)', (talk) => talk.conversations.getAvatar('abc123xy')],
  ['a multipart body', (talk) => talk.conversations.setAvatar('abc123xy', { file: new File([new Uint8Array([1, 2, 3])], 'a.png', { type: 'image/png' }) })],
];

/** What a request is made of, without what differs between two identical requests (connection, boundary). */
function comparable(req: RecordedRequest) {
  const { connection: _c, 'content-length': _l, ...headers } = req.headers;
  const boundary = /boundary=(.+)$/.exec(String(headers['content-type'] ?? ''))?.[1];
  const strip = (text: string) => (boundary ? text.split(boundary).join('BOUNDARY') : text);
  const normalized: Record<string, unknown> = { ...headers, 'content-type': headers['content-type'] && strip(String(headers['content-type'])) };
  return { method: req.method, url: req.url, headers: normalized, body: strip(req.body) };
}

describe('facade requests with and without middleware', () => {
  it.each(calls)('%s: the same request either way', async (_name, call) => {
    const direct = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth });
    const viaOpenapiFetch = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth });
    viaOpenapiFetch.raw.use({ onRequest: () => undefined });
    const first = server.requests.length;
    const [a, b] = [await call(direct), await call(viaOpenapiFetch)];
    expect(a).toEqual(b);
    const [sentDirect, sentVia] = server.requests.slice(first).map(comparable);
    expect(sentDirect).toEqual(sentVia);
    expect(sentDirect!.headers['ocs-apirequest']).toBe('true');
  });

  it('middleware registered on talk.raw runs for facade calls, and no longer after eject', async () => {
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth });
    const seen: string[] = [];
    const tag = {
      onRequest: ({ request }: { request: Request }) => {
        seen.push(request.url);
        request.headers.set('X-Tag', 'from-middleware');
        return request;
      },
    };
    talk.raw.use(tag);
    const first = server.requests.length;
    await talk.conversations.list();
    talk.raw.eject(tag);
    await talk.conversations.list();
    expect(seen).toEqual([`${server.url}/ocs/v2.php/apps/spreed/api/v4/room`]);
    expect(server.requests.slice(first).map((r) => r.headers['x-tag'])).toEqual(['from-middleware', undefined]);
  });
});
