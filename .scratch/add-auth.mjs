import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { parseDocument, isMap, YAMLMap } from 'yaml';
const dir = '/work/main/openapi/paths';
for (const f of readdirSync(dir)) {
  const file = `${dir}/${f}`;
  const doc = parseDocument(readFileSync(file, 'utf8'));
  let changed = false;
  for (const m of ['get', 'put', 'post', 'delete', 'patch']) {
    const op = doc.get(m, true);
    if (!isMap(op)) continue;
    const responses = op.get('responses', true);
    const has = (s) => responses.has(s);
    if (!has('401')) { responses.set('401', doc.createNode({ $ref: '../components/responses/Unauthorized.yaml' })); changed = true; }
    else {
      const r = responses.get('401', true);
      const content = r.get('content', true);
      if (isMap(content) && !content.has('text/xml')) { content.set('text/xml', doc.createNode({ schema: { type: 'string', description: 'The OCS envelope in XML: Nextcloud answers a wrong password so (OCS status 997 "Unauthorised"), whatever the `Accept` header says.' } })); changed = true; }
    }
    if (!has('412')) { responses.set('412', doc.createNode({ $ref: '../components/responses/CSRFCheckFailed.yaml' })); changed = true; }
    else {
      const r = responses.get('412', true);
      const media = r.getIn(['content', 'application/json'], true);
      const schema = media.get('schema', true);
      media.set('schema', doc.createNode({ oneOf: [schema.toJSON(), { $ref: '../components/schemas/CSRFCheckFailed.yaml' }] }));
      r.set('description', `${r.get('description').trim()} Also when the \`OCS-APIRequest: true\` header is missing: Nextcloud then answers \`{"message": "CSRF check failed"}\` (not the OCS envelope).`);
      changed = true;
    }
    // keep statuses in order
    responses.items.sort((a, b) => String(a.key.value ?? a.key).localeCompare(String(b.key.value ?? b.key)));
  }
  if (changed) writeFileSync(file, doc.toString({ lineWidth: 0, singleQuote: true }));
}
