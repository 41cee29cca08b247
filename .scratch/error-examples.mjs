import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { parseDocument, isMap } from 'yaml';
const opts = { lineWidth: 0, singleQuote: true };
const dir = '/work/main/openapi/paths';
const env = (statuscode, data) => ({ ocs: { meta: { status: 'failure', statuscode, message: '' }, data } });
let n = 0;
for (const f of readdirSync(dir)) {
  const file = `${dir}/${f}`;
  const doc = parseDocument(readFileSync(file, 'utf8'));
  let changed = false;
  for (const m of ['get', 'put', 'post', 'delete', 'patch']) {
    const op = doc.get(m, true);
    if (!isMap(op)) continue;
    for (const pair of op.get('responses', true).items) {
      const status = Number(pair.key.value);
      if (!(status >= 400) || !isMap(pair.value) || pair.value.has('$ref')) continue;
      const media = pair.value.getIn(['content', 'application/json'], true);
      if (!isMap(media) || media.has('example') || media.has('examples')) continue;
      const ref = media.getIn(['schema', '$ref']);
      const oneOf = media.getIn(['schema', 'oneOf'], true);
      const isFailure = ref === '../components/schemas/OCSFailure.yaml' || (oneOf && oneOf.toJSON().some((b) => b.$ref === '../components/schemas/OCSFailure.yaml'));
      if (!isFailure) continue;
      const since20 = media.get('x-talk-since') === '20';
      media.set('examples', doc.createNode(since20
        ? { 'talk-21': { summary: 'Talk 20 and later', value: env(status, null) } }
        : { 'talk-19': { summary: 'Talk 19: data is an empty array', 'x-talk-until': '21', value: env(status, []) }, 'talk-21': { summary: 'Talk 20 and later: data is null (or names the error)', 'x-talk-since': '20', value: env(status, null) } }));
      changed = true; n++;
    }
  }
  if (changed) writeFileSync(file, doc.toString(opts).replace(/: \[ (.*) \]$/gm, ': [$1]'));
}
console.log(n, 'error responses got examples');
