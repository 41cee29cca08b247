// Child process of server.bench.ts: serves one operation through @talk-contract/server (full request
// validation), on bare Hono (same answer, no validation), or on bare Hono with the plumbing a hand-written
// handler needs (basic auth, CSRF header, query), on 127.0.0.1, and reports its URL over IPC (bench-child.ts).
import { Hono } from 'hono';
import { createTalkServer, ocsEnvelope, serveTalk, type TalkActor } from '@talk-contract/server';
import { serveBenchChild } from './bench-child.js';

export interface BenchTarget {
  operationId: string;
  /** Contract path: `/ocs/v2.php/apps/spreed/api/v1/chat/{token}`. */
  path: string;
  status: number;
  data: unknown;
}

const mode = process.argv[2] as 'stub' | 'bare' | 'bare-plumbed';
const target = JSON.parse(process.argv[3]) as BenchTarget;
const actor: TalkActor = { type: 'users', id: 'alice' };
const expected = `Basic ${Buffer.from('alice:secret').toString('base64')}`;

let app: { fetch: (request: Request) => Response | Promise<Response> };
if (mode === 'stub') {
  app = createTalkServer({
    apiVersion: 'v4',
    authenticate: ({ credentials }) => (credentials?.user === 'alice' && credentials.password === 'secret' ? actor : null),
    handlers: { [target.operationId]: () => ({ status: target.status, data: target.data }) } as never,
  });
} else {
  const bare = new Hono();
  const honoPath = target.path.replace(/\{([^}]+)\}/g, ':$1');
  const answer = () =>
    new Response(JSON.stringify(ocsEnvelope(target.status, target.data)), {
      status: target.status,
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
  if (mode === 'bare') {
    // The same answer with no plumbing at all: one header comparison.
    bare.get(honoPath, (c) => (c.req.header('authorization') === expected ? answer() : c.text('unauthorized', 401)));
  } else {
    // The plumbing a hand-written handler needs anyway (decode basic auth, CSRF header, read the query), no validation.
    bare.get(honoPath, (c) => {
      const header = c.req.header('authorization') ?? '';
      const [user, password] = Buffer.from(header.replace(/^Basic /i, ''), 'base64')
        .toString('utf8')
        .split(':');
      if (user !== 'alice' || password !== 'secret') return c.text('unauthorized', 401);
      if (c.req.header('ocs-apirequest') !== 'true') return c.text('precondition failed', 412);
      const input = { params: c.req.param(), query: c.req.query() };
      return Object.keys(input.params).length + Object.keys(input.query).length > 0 ? answer() : c.text('bad request', 400);
    });
  }
  app = bare;
}
const server = await serveTalk(app, { port: 0 });
serveBenchChild(
  { url: server.url },
  () => undefined,
  () => server.close(),
);
