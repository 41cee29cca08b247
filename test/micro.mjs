import { Hono } from 'hono';
import { createTalkServer, ocsEnvelope } from '@talk-contract/server';
import { loadSpec } from '@talk-contract/spec';
const doc = loadSpec('v4');
const item = doc.paths['/ocs/v2.php/apps/spreed/api/v1/chat/{token}'];
const data = item.get.responses['200'].content['application/json'].example.ocs.data;
const stub = createTalkServer({ apiVersion: 'v4', authenticate: ({ credentials }) => (credentials ? { type: 'users', id: 'alice' } : null), handlers: { receiveMessages: () => ({ status: 200, data }) } });
const bare = new Hono();
const expected = `Basic ${Buffer.from('alice:secret').toString('base64')}`;
bare.get('/ocs/v2.php/apps/spreed/api/v1/chat/:token', (c) => { if (c.req.header('authorization') !== expected) return c.text('x', 401); return new Response(JSON.stringify(ocsEnvelope(200, data)), { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } }); });
const url = 'http://x/ocs/v2.php/apps/spreed/api/v1/chat/abc123xy?lookIntoFuture=0&limit=100&lastKnownMessageId=0&lastCommonReadId=0&timeout=30&setReadMarker=1&includeLastKnown=0&noStatusUpdate=0&markNotificationsAsRead=1';
const headers = { 'OCS-APIRequest': 'true', authorization: expected };
async function bench(app, n) { const t = performance.now(); for (let i = 0; i < n; i++) { const r = await app.fetch(new Request(url, { headers })); if (r.status !== 200) throw new Error(String(r.status)); await r.text(); } return (performance.now() - t) / n; }
if (process.env.ONLY_STUB) { await bench(stub, 60000); process.exit(0); }
for (let round = 0; round < 3; round++) {
  const b = await bench(bare, 20000); const s = await bench(stub, 20000);
  console.log('bare us', (b * 1000).toFixed(1), 'stub us', (s * 1000).toFixed(1), 'overhead us', ((s - b) * 1000).toFixed(1));
}
