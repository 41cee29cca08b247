import { readFileSync, writeFileSync, readdirSync, mkdirSync } from 'node:fs';
import { parseDocument, isMap, parse, stringify } from 'yaml';
const dir = '/work/main/openapi';
const opts = { lineWidth: 0, singleQuote: true };
const getRoom = parse(readFileSync(`${dir}/paths/room_{token}.yaml`, 'utf8')).get.responses['200'].content['application/json'].example;
mkdirSync(`${dir}/components/examples`, { recursive: true });
writeFileSync(`${dir}/components/examples/ConversationUpdated.yaml`, stringify({
  summary: 'Talk 20 and later: the updated conversation',
  'x-talk-since': '20',
  value: getRoom,
}, opts));
const SETTERS = new Set(['renameConversation', 'setConversationDescription', 'makeConversationPublic', 'makeConversationPrivate', 'setConversationReadOnly', 'setConversationPassword', 'addConversationToFavorites', 'removeConversationFromFavorites', 'setNotificationLevel', 'setCallNotificationLevel', 'setMessageExpiration', 'setConversationListable']);
const ALWAYS_ROOM = new Set(['setConversationPermissions', 'setRecordingConsent', 'setSessionState', 'setAllAttendeesPermissions']);
const talk19 = (value) => ({ summary: 'Talk 19: no data', 'x-talk-until': '21', value });
for (const f of readdirSync(`${dir}/paths`)) {
  const file = `${dir}/paths/${f}`;
  const doc = parseDocument(readFileSync(file, 'utf8'));
  let changed = false;
  for (const m of ['get', 'put', 'post', 'delete', 'patch']) {
    const op = doc.get(m, true);
    if (!isMap(op)) continue;
    const id = op.get('operationId');
    const responses = op.get('responses', true);
    for (const pair of responses.items) {
      const status = String(pair.key.value);
      if (!/^2/.test(status) || !isMap(pair.value)) continue;
      const media = pair.value.getIn(['content', 'application/json'], true);
      if (!isMap(media)) continue;
      const ref = media.getIn(['schema', '$ref']);
      if (ref !== '../components/schemas/OCSEmpty.yaml') continue;
      const example = media.get('example', true)?.toJSON();
      if (SETTERS.has(id)) {
        media.set('schema', doc.createNode({ $ref: '../components/schemas/OCSConversationSetting.yaml' }));
        media.delete('example');
        media.set('examples', doc.createNode({ 'talk-19': talk19(example), 'talk-21': { $ref: '../components/examples/ConversationUpdated.yaml' } }));
      } else if (ALWAYS_ROOM.has(id)) {
        media.set('schema', doc.createNode({ $ref: '../components/schemas/OCSRoom.yaml' }));
        media.set('example', doc.createNode(getRoom));
      } else if (example) {
        media.delete('example');
        const v21 = structuredClone(example); v21.ocs.data = null;
        media.set('examples', doc.createNode({ 'talk-19': talk19(example), 'talk-21': { summary: 'Talk 20 and later: data is null', 'x-talk-since': '20', value: v21 } }));
      }
      changed = true;
    }
  }
  if (changed) writeFileSync(file, doc.toString(opts).replace(/: \[ (.*) \]$/gm, ': [$1]'));
}
