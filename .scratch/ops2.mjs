import { readFileSync, writeFileSync } from 'node:fs';
import { parseDocument, parse } from 'yaml';
const opts = { lineWidth: 0, singleQuote: true };
const dir = '/work/main/openapi/paths';
const emptyArray = { type: 'object', required: ['ocs'], properties: { ocs: { type: 'object', required: ['meta', 'data'], properties: { meta: { $ref: '../components/schemas/OCSMeta.yaml' }, data: { type: 'array', maxItems: 0, items: {}, description: 'Always an empty array, also in Talk 21 (recorded).' } } } } };
{
  const file = `${dir}/chat_{token}_{messageId}_reminder.yaml`;
  const doc = parseDocument(readFileSync(file, 'utf8'));
  const media = doc.getIn(['delete', 'responses', '200', 'content', 'application/json'], true);
  const example = media.getIn(['examples', 'talk-19', 'value']).toJSON();
  media.set('schema', doc.createNode(emptyArray));
  media.delete('examples');
  media.set('example', doc.createNode(example));
  writeFileSync(file, doc.toString(opts).replace(/: \[ (.*) \]$/gm, ': [$1]'));
}
{
  const participant = parse(readFileSync(`${dir}/room_{token}_participants.yaml`, 'utf8')).get.responses['200'].content['application/json'].example.ocs.data[0];
  const file = `${dir}/room_{token}_attendees_permissions.yaml`;
  const doc = parseDocument(readFileSync(file, 'utf8'));
  const media = doc.getIn(['put', 'responses', '200', 'content', 'application/json'], true);
  media.set('schema', doc.createNode({ type: 'object', required: ['ocs'], properties: { ocs: { type: 'object', required: ['meta', 'data'], properties: { meta: { $ref: '../components/schemas/OCSMeta.yaml' }, data: {
    description: 'Talk 19: an empty array. Talk 21: the participants of the conversation after the change (as `GET /room/{token}/participants` answers). Recorded; Talk 20 is unverified and may send either.',
    oneOf: [{ type: 'array', maxItems: 0, items: {}, 'x-talk-until': '21' }, { type: 'array', items: { $ref: '../components/schemas/Participant.yaml' }, minItems: 1, 'x-talk-since': '20' }] } } } } }));
  const v21 = media.getIn(['examples', 'talk-21', 'value']).toJSON();
  v21.ocs.data = [participant];
  media.setIn(['examples', 'talk-21', 'value'], doc.createNode(v21));
  media.setIn(['examples', 'talk-21', 'summary'], 'Talk 20 and later: the participants');
  writeFileSync(file, doc.toString(opts).replace(/: \[ (.*) \]$/gm, ': [$1]'));
}
