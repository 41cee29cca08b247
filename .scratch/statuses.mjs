import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { parseDocument, isMap } from 'yaml';
const opts = { lineWidth: 0, singleQuote: true };
const failure = (description) => ({ description, content: { 'application/json': { schema: { $ref: '../components/schemas/OCSFailure.yaml' } } } });
const ADD = {
  receiveMessages: { '500': { $ref: '../components/responses/MissingParameter.yaml' } },
  sendMessage: { '500': { $ref: '../components/responses/MissingParameter.yaml' } },
  listSharedItems: { '500': { $ref: '../components/responses/MissingParameter.yaml' } },
  verifyDialOutNumber: {
    '500': { $ref: '../components/responses/MissingParameter.yaml' },
    '400': failure('When the attendee is not a phone attendee of the conversation, or the phone number or the `options` do not match (recorded from Talk 19 and 21; the docs list no 400).'),
  },
  resetRejectedDialOut: { '500': { $ref: '../components/responses/MissingParameter.yaml' } },
  setAttendeePermissions: { '500': { $ref: '../components/responses/MissingParameter.yaml' } },
  setAllAttendeesPermissions: { '500': { $ref: '../components/responses/MissingParameter.yaml' } },
  createConversation: { '403': failure('When a one-to-one conversation with oneself is requested (`invite` is the current user); Talk 21 adds `error: invite`. Recorded from Talk 19 and 21; the docs list no 403.') },
  editMessage: { '413': failure('When the new message is longer than 32000 characters (recorded from Talk 19 and 21; the docs list 413 only for sending). Talk 21 adds `error: message`.') },
};
const dir = '/work/main/openapi/paths';
for (const f of readdirSync(dir)) {
  const file = `${dir}/${f}`;
  const doc = parseDocument(readFileSync(file, 'utf8'));
  let changed = false;
  for (const m of ['get', 'put', 'post', 'delete', 'patch']) {
    const op = doc.get(m, true);
    if (!isMap(op)) continue;
    const id = op.get('operationId');
    const responses = op.get('responses', true);
    for (const [status, response] of Object.entries(ADD[id] ?? {})) {
      if (responses.has(status)) throw new Error(`${id} already has ${status}`);
      responses.set(status, doc.createNode(response)); changed = true;
    }
    if (id === 'setConversationPermissions') {
      const content = responses.getIn(['404', 'content'], true);
      content.set('text/xml', doc.createNode({ schema: { type: 'string', description: 'Nextcloud\'s XML 404 when `mode` is neither `default` nor `call` (the route does not match).' } }));
      const r = responses.get('404', true); r.set('description', `${r.get('description').trim()} Also when \`mode\` is neither \`default\` nor \`call\`: the route does not exist, and Nextcloud answers its own 404 in XML.`);
      const d = responses.get('400', true); d.set('description', `${d.get('description').trim()} Talk 21 also answers 400 for \`mode: call\` (call permissions are a no-op since Talk 20) and for a value outside 0–255; Talk 19 stores any integer.`);
      changed = true;
    }
    if (id === 'setRecordingConsent') {
      responses.set('412', doc.createNode({
        description: 'When recording consent is not configured on the server (`recording_consent` is not 2, "optional"); Talk 21 adds `error: config`. Also when the `OCS-APIRequest: true` header is missing: Nextcloud then answers `{"message": "CSRF check failed"}` (not the OCS envelope). Recorded from Talk 19 and 21; the docs list no 412.',
        content: { 'application/json': { schema: { oneOf: [{ $ref: '../components/schemas/OCSFailure.yaml' }, { $ref: '../components/schemas/CSRFCheckFailed.yaml' }] } } },
      }));
      changed = true;
    }
    if (['verifyDialInPin', 'getParticipantByPin', 'resetRejectedDialOut', 'verifyDialOutNumber'].includes(id) && responses.has('501')) {
      const media = responses.getIn(['501', 'content', 'application/json'], true);
      media.set('x-talk-since', '20');
      const r = responses.get('501', true); r.set('description', `${r.get('description').trim()} Talk 19 answers with an empty body; Talk 21 with the OCS envelope (\`data: null\`).`);
      changed = true;
    }
    responses.items.sort((a, b) => String(a.key.value ?? a.key).localeCompare(String(b.key.value ?? b.key)));
  }
  if (changed) writeFileSync(file, doc.toString(opts).replace(/: \[ (.*) \]$/gm, ': [$1]'));
}
