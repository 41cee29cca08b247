import { readFileSync, writeFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
const opts = { lineWidth: 0, singleQuote: true };
const dir = '/work/main/openapi/paths';
const edit = (f, fn) => { const file = `${dir}/${f}`; const doc = parseDocument(readFileSync(file, 'utf8')); fn(doc); const r = doc.get(Object.keys(doc.toJSON()).find((k) => ['get','post','put','delete'].includes(k) && doc.getIn([k,'responses','501'])) ?? 'x', true); writeFileSync(file, doc.toString(opts).replace(/: \[ (.*) \]$/gm, ': [$1]')); };
const sort = (doc, m) => { const rs = doc.getIn([m, 'responses'], true); rs.items.sort((a, b) => String(a.key.value).localeCompare(String(b.key.value))); };
edit('room_{token}_pin_{pin}.yaml', (doc) => {
  doc.setIn(['get', 'responses', '501'], doc.createNode({ description: 'When SIP is not configured on the server. Talk 19 answers with an empty body; Talk 21 with the OCS envelope (`data: null`). Recorded; the docs list no 501.', content: { 'application/json': { schema: { $ref: '../components/schemas/OCSFailure.yaml' }, 'x-talk-since': '20' } } }));
  sort(doc, 'get');
});
edit('room_{token}_participants.yaml', (doc) => {
  doc.setIn(['post', 'responses', '501'], doc.createNode({ description: 'When a phone number is added (`source: phones`) but SIP dial-out is not configured (Talk 21 adds `error: sip`). Recorded from Talk 19 and 21; the docs list no 501.', content: { 'application/json': { schema: { $ref: '../components/schemas/OCSFailure.yaml' } } } }));
  sort(doc, 'post');
});
