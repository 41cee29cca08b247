import { Hono } from 'hono';
import { execFileSync, spawnSync } from 'node:child_process';
import { createTalkServer, ocsEnvelope, serveTalk } from '@talk-contract/server';
import { loadSpec } from '@talk-contract/spec';
const doc = loadSpec('v4');
const data = doc.paths['/ocs/v2.php/apps/spreed/api/v1/chat/{token}'].get.responses['200'].content['application/json'].example.ocs.data;
const expected = `Basic ${Buffer.from('alice:secret').toString('base64')}`;
const mode = process.argv[2];
let app;
if (mode === 'bare') {
  app = new Hono();
  app.get('/ocs/v2.php/apps/spreed/api/v1/chat/:token', (c) => { if (c.req.header('authorization') !== expected) return c.text('x', 401); return new Response(JSON.stringify(ocsEnvelope(200, data)), { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } }); });
} else {
  app = createTalkServer({ apiVersion: 'v4', authenticate: ({ credentials }) => (credentials ? { type: 'users', id: 'alice' } : null), handlers: { receiveMessages: () => ({ status: 200, data }) } });
}
const s = await serveTalk(app, { port: 0 });
const url = s.url + '/ocs/v2.php/apps/spreed/api/v1/chat/abc123xy?lookIntoFuture=0&limit=100&lastKnownMessageId=0&lastCommonReadId=0&timeout=30&setReadMarker=1&includeLastKnown=0&noStatusUpdate=0&markNotificationsAsRead=1';
const { spawn } = await import('node:child_process');
const run = (d) => new Promise((res) => { const p = spawn('npx', ['autocannon', '-j', '-c', '10', '-d', String(d), '-H', 'OCS-APIRequest: true', '-H', `Authorization: ${expected}`, url]); let out = ''; p.stdout.on('data', (c) => (out += c)); p.on('close', () => res(JSON.parse(out))); });
await run(1);
const c0 = process.cpuUsage();
const r = await run(4);
const c1 = process.cpuUsage(c0);
console.log(mode, 'req/s', Math.round(r.requests.average), 'non2xx', r.non2xx, 'cpu us/req', ((c1.user + c1.system) / r.requests.total).toFixed(1), 'bytes/req', Math.round(r.throughput.total / r.requests.total));
await s.close();
