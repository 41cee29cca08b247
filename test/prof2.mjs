import { Hono } from 'hono';
import { createTalkServer, ocsEnvelope, serveTalk } from '@talk-contract/server';
import { loadSpec } from '@talk-contract/spec';
const doc = loadSpec('v4');
const data = doc.paths['/ocs/v2.php/apps/spreed/api/v1/chat/{token}'].get.responses['200'].content['application/json'].example.ocs.data;
const expected = `Basic ${Buffer.from('alice:secret').toString('base64')}`;
let app;
if (process.argv[2] === 'bare') {
  app = new Hono();
  app.get('/ocs/v2.php/apps/spreed/api/v1/chat/:token', (c) => { if (c.req.header('authorization') !== expected) return c.text('x', 401); return new Response(JSON.stringify(ocsEnvelope(200, data)), { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } }); });
} else app = createTalkServer({ apiVersion: 'v4', authenticate: ({ credentials }) => (credentials ? { type: 'users', id: 'alice' } : null), handlers: { receiveMessages: () => ({ status: 200, data }) } });
if (process.argv[3] === 'shortcut') globalThis.__data = data;
const s = await serveTalk(app, { port: 4567 });
process.on('message', async () => { const { Session } = await import('node:inspector/promises'); });
setTimeout(() => { const u = process.cpuUsage(); if (globalThis.__T) console.log([...globalThis.__T].slice(0,7).map((x) => (x * 1000 / globalThis.__T[9]).toFixed(2)).join(' ')); console.log(process.argv[2], 'cpu us per req (incl. startup)', ((u.user + u.system) / 40000).toFixed(1)); s.close().then(() => process.exit(0)); }, 7000);
