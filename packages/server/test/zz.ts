import { startStubServer } from './support/stub-server.js';
import { createClient } from './support/http-client.js';
import { validRequest } from './support/requests.js';
const s = await startStubServer('v4');
const c = createClient(s.url);
const f = s.fixtures.find((x) => x.operationId === 'receiveMessages')!;
const g = s.fixtures.find((x) => x.operationId === 'verifyDialInPin')!;
const t = setTimeout(() => { console.log('HANG', s.calls.length, s.errors); process.exit(1); }, 3000);
for (let i = 0; i < 10; i++) {
  const r = validRequest(g, 'json');
  const { authorization, ...h } = r.headers!;
  console.log((await c.send({ ...r, headers: h })).status);
}
console.log((await c.send(validRequest(f))).status);
clearTimeout(t);
c.close(); await s.close();
