// Child process of server.bench.ts: serves one operation either through @talk-contract/server (full request
// validation) or on bare Hono (same answer, no validation), on 127.0.0.1, and reports its URL over IPC.
import { Hono } from 'hono';
import { createTalkServer, ocsEnvelope, serveTalk, type TalkActor } from '@talk-contract/server';

export interface BenchTarget {
  operationId: string;
  /** Contract path: `/ocs/v2.php/apps/spreed/api/v1/chat/{token}`. */
  path: string;
  status: number;
  data: unknown;
}

const mode = process.argv[2] as 'stub' | 'bare';
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
  bare.get(honoPath, (c) => {
    // The same work a handler does, without auth parsing, the OCS header check or validation.
    if (c.req.header('authorization') !== expected) return c.text('unauthorized', 401);
    return new Response(JSON.stringify(ocsEnvelope(target.status, target.data)), {
      status: target.status,
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
  });
  app = bare;
}
const server = await serveTalk(app, { port: 0 });
process.send?.({ url: server.url });
// CPU time this server has used so far (µs), for a load-independent cost per request.
process.on('message', (message) => {
  if (message === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send?.({ cpu: user + system });
  }
});
process.on('disconnect', () => void server.close().then(() => process.exit(0)));
