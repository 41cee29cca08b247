// Per-version facts from the Talk docs, checked in the version slices. Every row cites its source:
// reference docs (../shared/reference-docs, Talk 19, API v4: the Added/Removed columns), capabilities.md (the
// Talk release a feature came with: Talk ≤ 11 servers spoke v1–v3, Talk 12+ only v4; see openapi/README.md) and
// the seeds (../shared/seeds: 001 = conversation API v1, 002 = v1+v2 with 🆕/🏴 markers, 003 = chat API of the
// Talk 11 era, 004 = participants around Talk 14).
import { describe, expect, test } from 'vitest';
import { HTTP_METHODS, loadDocument, type ApiVersion, type Doc } from './support.js';

type Fact =
  /** A property of a component schema (through `$ref` and `allOf`). */
  | { kind: 'property'; schema: string; name: string }
  /** An operation, by operationId. */
  | { kind: 'operation'; operationId: string }
  /** A method on a concrete path of the slice. */
  | { kind: 'path'; method: string; path: string }
  /** A query/path/header parameter or a JSON request body field of an operation. */
  | { kind: 'parameter'; operationId: string; name: string }
  /** A response status code of an operation. */
  | { kind: 'response'; operationId: string; status: string }
  /** A response header of an operation (in any of its responses). */
  | { kind: 'header'; operationId: string; name: string }
  /** A value of an enum component (or of one of its properties). */
  | { kind: 'enum'; schema: string; property?: string; value: string | number };

type Row = [version: ApiVersion, fact: Fact, present: boolean, source: string];

const ROOM_TABLE = 'conversation.md "Get user´s conversations" table';
const PARTICIPANT_TABLE = 'participant.md "Get list of participants" table';
const SPREED = '/ocs/v2.php/apps/spreed/api';
const prop = (schema: string, name: string): Fact => ({ kind: 'property', schema, name });
const op = (operationId: string): Fact => ({ kind: 'operation', operationId });
const param = (operationId: string, name: string): Fact => ({ kind: 'parameter', operationId, name });

const FACTS: Row[] = [
  // Room (conversation.md Added/Removed columns; seeds 001/002)
  ['v1', prop('Room', 'count'), true, `${ROOM_TABLE}: count Added v1 Removed v2; seed 001 lists count`],
  ['v2', prop('Room', 'count'), false, `${ROOM_TABLE}: count Removed v2; seed 002 marks it 🏴 v1`],
  ['v4', prop('Room', 'count'), false, `${ROOM_TABLE}: count Removed v2`],
  ['v1', prop('Room', 'participantInCall'), true, `${ROOM_TABLE}: participantInCall Added v1 Removed v2; seed 001`],
  ['v2', prop('Room', 'participantInCall'), false, `${ROOM_TABLE}: participantInCall Removed v2; seed 002 🏴 v1`],
  ['v1', prop('Room', 'numGuests'), true, `${ROOM_TABLE}: numGuests Added v1 Removed v2; seed 001`],
  ['v2', prop('Room', 'numGuests'), false, `${ROOM_TABLE}: numGuests Removed v2; seed 002 🏴 v1`],
  ['v1', prop('Room', 'guestList'), true, `${ROOM_TABLE}: guestList Added v1 Removed v2`],
  ['v2', prop('Room', 'guestList'), false, `${ROOM_TABLE}: guestList Removed v2`],
  ['v1', prop('Room', 'canDeleteConversation'), false, `${ROOM_TABLE}: canDeleteConversation Added v2; seed 002 🆕 v2`],
  ['v2', prop('Room', 'canLeaveConversation'), true, `${ROOM_TABLE}: canLeaveConversation Added v2; seed 002 🆕 v2`],
  ['v2', prop('Room', 'description'), false, `${ROOM_TABLE}: description Added v3`],
  ['v3', prop('Room', 'description'), true, `${ROOM_TABLE}: description Added v3`],
  ['v2', prop('Room', 'attendeeId'), false, `${ROOM_TABLE}: attendeeId Added v3`],
  ['v3', prop('Room', 'attendeeId'), true, `${ROOM_TABLE}: attendeeId Added v3`],
  ['v3', prop('Room', 'actorType'), true, `${ROOM_TABLE}: actorType Added v3`],
  ['v2', prop('Room', 'callFlag'), false, `${ROOM_TABLE}: callFlag Added v3`],
  ['v3', prop('Room', 'lastCommonReadMessage'), true, `${ROOM_TABLE}: lastCommonReadMessage Added v3`],
  ['v3', prop('Room', 'permissions'), false, `${ROOM_TABLE}: permissions Added v4`],
  ['v4', prop('Room', 'permissions'), true, `${ROOM_TABLE}: permissions Added v4`],
  ['v3', prop('Room', 'unreadMentionDirect'), false, `${ROOM_TABLE}: unreadMentionDirect Added v4`],
  ['v3', prop('Room', 'breakoutRoomMode'), false, `${ROOM_TABLE}: breakoutRoomMode Added v4`],
  ['v4', prop('Room', 'recordingConsent'), true, `${ROOM_TABLE}: recordingConsent Added v4`],
  ['v1', prop('Room', 'participantFlags'), true, `${ROOM_TABLE}: participantFlags Added v1; seed 001`],
  ['v4', prop('Room', 'participantFlags'), true, `${ROOM_TABLE}: participantFlags not removed`],
  ['v4', prop('Room', 'sessionId'), true, `${ROOM_TABLE}: sessionId Added v1, not removed (unlike the participant's)`],

  // Participant (participant.md Added/Removed columns; seed 004 has the same columns)
  ['v3', prop('Participant', 'sessionId'), true, `${PARTICIPANT_TABLE}: sessionId Added v1 Removed v4; seed 004`],
  ['v4', prop('Participant', 'sessionId'), false, `${PARTICIPANT_TABLE}: sessionId Removed v4; seed 004`],
  ['v3', prop('Participant', 'sessionIds'), false, `${PARTICIPANT_TABLE}: sessionIds Added v4`],
  ['v4', prop('Participant', 'sessionIds'), true, `${PARTICIPANT_TABLE}: sessionIds Added v4; seed 004`],
  ['v2', prop('Participant', 'attendeeId'), false, `${PARTICIPANT_TABLE}: attendeeId Added v3`],
  ['v3', prop('Participant', 'attendeeId'), true, `${PARTICIPANT_TABLE}: attendeeId Added v3; seed 004`],
  ['v1', prop('Participant', 'status'), false, `${PARTICIPANT_TABLE}: status Added v2`],
  ['v2', prop('Participant', 'status'), true, `${PARTICIPANT_TABLE}: status Added v2; seed 004`],
  ['v3', prop('Participant', 'permissions'), false, `${PARTICIPANT_TABLE}: permissions Added v4`],
  ['v4', prop('Participant', 'attendeePermissions'), true, `${PARTICIPANT_TABLE}: attendeePermissions Added v4`],
  ['v3', prop('Participant', 'roomToken'), false, `${PARTICIPANT_TABLE}: roomToken Added v4`],
  ['v1', prop('Participant', 'inCall'), true, `${PARTICIPANT_TABLE}: inCall Added v1`],

  // Conversation operations and parameters
  [
    'v3',
    op('getNoteToSelfConversation'),
    false,
    'conversation.md: "Required capability: note-to-self"; capabilities.md: note-to-self is Talk 18 (API v4 only)',
  ],
  ['v4', op('getNoteToSelfConversation'), true, 'conversation.md "Get Note-to-self conversation"'],
  ['v1', op('setNotificationLevel'), true, 'seed 001: POST /room/{token}/notify'],
  ['v1', op('setConversationReadOnly'), true, 'seed 001: PUT /room/{token}/read-only'],
  ['v1', op('addConversationToFavorites'), true, 'seed 001: POST /room/{token}/favorite'],
  ['v3', op('setConversationPermissions'), false, 'capabilities.md: conversation-permissions is Talk 13 (API v4 only)'],
  ['v3', op('setCallNotificationLevel'), false, 'capabilities.md: notification-calls is Talk 13 (API v4 only)'],
  ['v3', op('setMessageExpiration'), false, 'capabilities.md: message-expiration is Talk 15; Room.messageExpiration Added v4'],
  ['v3', op('setRecordingConsent'), false, 'capabilities.md: recording-consent is Talk 18; Room.recordingConsent Added v4'],
  ['v3', op('listBreakoutRooms'), false, 'capabilities.md: breakout-rooms-v1 is Talk 16; Room.breakoutRoomMode Added v4'],
  ['v4', op('getConversationCapabilities'), true, 'conversation.md "Get conversation capabilities"'],
  ['v1', param('listConversations', 'noStatusUpdate'), true, 'conversation.md: noStatusUpdate (user status, Nextcloud 20; not version-restricted)'],
  ['v1', param('listConversations', 'includeStatus'), false, `${ROOM_TABLE}: the status fields it loads are Added v4`],
  ['v4', param('listConversations', 'modifiedSince'), true, 'conversation.md "Get user´s conversations" data'],
  [
    'v3',
    { kind: 'header', operationId: 'listConversations', name: 'X-Nextcloud-Talk-Modified-Before' },
    false,
    'conversation.md: goes with modifiedSince (Talk 16, API v4 only)',
  ],
  [
    'v4',
    { kind: 'header', operationId: 'listConversations', name: 'X-Nextcloud-Talk-Modified-Before' },
    true,
    'conversation.md "Get user´s conversations" header table',
  ],
  [
    'v3',
    { kind: 'enum', schema: 'ConversationType', value: 6 },
    false,
    'constants.md: 6 = Note to self; capabilities.md: note-to-self is Talk 18 (API v4 only)',
  ],
  ['v4', { kind: 'enum', schema: 'ConversationType', value: 6 }, true, 'constants.md "Conversation types"'],
  ['v1', { kind: 'enum', schema: 'ConversationType', value: 3 }, true, 'constants.md: 3 = Public; seed 001 createConversation roomType'],

  // Participant operations
  ['v4', op('setAllAttendeesPermissions'), true, 'participant.md "Set permissions for all attendees"'],
  ['v3', op('setAttendeePermissions'), false, 'capabilities.md: conversation-permissions is Talk 13 (API v4 only)'],
  ['v3', op('listBreakoutRoomParticipants'), false, 'participant.md: Required capability breakout-rooms-v1 (Talk 16, API v4 only)'],
  ['v3', op('setSessionState'), false, 'capabilities.md: session-state is Talk 18 (API v4 only)'],
  ['v3', op('resetRejectedDialOut'), false, 'capabilities.md: sip-support-dialout is Talk 18 (API v4 only)'],
  ['v4', op('verifyDialInPin'), true, 'participant.md "Verify a dial-in PIN"'],
  ['v3', param('promoteModerator', 'attendeeId'), true, 'participant.md "Promote a user or guest to moderator"; seed 004'],
  ['v1', param('listParticipants', 'includeStatus'), false, `${PARTICIPANT_TABLE}: the status fields it loads are Added v2`],
  ['v2', param('listParticipants', 'includeStatus'), true, `${PARTICIPANT_TABLE}: status Added v2; seed 004 has includeStatus`],

  // Paths: chat and guest name stay on api/v1, conversation paths follow the version
  ...(['v1', 'v2', 'v3', 'v4'] as const).map(
    (v): Row => [
      v,
      { kind: 'path', method: 'post', path: `${SPREED}/v1/guest/{token}/name` },
      true,
      'participant.md "Set display name as a guest": API: Only `v1`',
    ],
  ),
  ['v4', { kind: 'path', method: 'post', path: `${SPREED}/v4/guest/{token}/name` }, false, 'participant.md "Set display name as a guest": API: Only `v1`'],
  ['v4', { kind: 'path', method: 'get', path: `${SPREED}/v1/chat/{token}` }, true, 'chat.md: "Base endpoint is: /ocs/v2.php/apps/spreed/api/v1"'],
  ['v4', { kind: 'path', method: 'post', path: `${SPREED}/v1/chat/{token}` }, true, 'chat.md: base endpoint api/v1 (send a message)'],
  ['v4', { kind: 'path', method: 'get', path: `${SPREED}/v4/chat/{token}` }, false, 'chat.md: the chat API is not versioned with the conversation API'],
  ['v1', { kind: 'path', method: 'get', path: `${SPREED}/v1/chat/{token}` }, true, 'seed 003: GET /chat/{token}; chat.md base api/v1'],
  ['v4', { kind: 'path', method: 'get', path: `${SPREED}/v4/room` }, true, 'conversation.md: API v4 base endpoint /ocs/v2.php/apps/spreed/api/v4'],
  ['v4', { kind: 'path', method: 'get', path: `${SPREED}/v3/room` }, false, 'conversation.md: each slice uses its own version base'],
  ['v2', { kind: 'path', method: 'get', path: `${SPREED}/v2/room` }, true, 'seed 002: "Base endpoint for API v2 is: /ocs/v2.php/apps/spreed/api/v2"'],
  [
    'v4',
    { kind: 'path', method: 'post', path: '/ocs/v2.php/apps/files_sharing/api/v1/shares' },
    true,
    'chat.md "Share a file to the chat": Endpoint ocs/v2.php/apps/files_sharing/api/v1/shares',
  ],

  // Chat (chat.md; seed 003 = the Talk 11 era chat API, i.e. what v1–v3 servers had)
  ['v1', op('receiveMessages'), true, 'seed 003: GET /chat/{token}'],
  ['v1', op('deleteMessage'), true, 'seed 003: DELETE /chat/{token}/{messageId}; capabilities.md delete-messages is Talk 11.1'],
  ['v1', op('shareRichObject'), true, 'seed 003: POST /chat/{token}/share; capabilities.md rich-object-sharing is Talk 11.1'],
  ['v1', op('getMentionSuggestions'), true, 'seed 003: GET /chat/{token}/mentions'],
  ['v1', op('markChatRead'), true, 'seed 003: POST /chat/{token}/read; capabilities.md chat-read-marker'],
  ['v3', op('editMessage'), false, 'capabilities.md: edit-messages is Talk 19 (API v4 only)'],
  ['v4', op('editMessage'), true, 'chat.md "Edit a chat message"'],
  ['v3', op('getMessageContext'), false, 'capabilities.md: chat-get-context is Talk 16 (API v4 only)'],
  ['v3', op('setReminder'), false, 'capabilities.md: remind-me-later is Talk 17.1 (API v4 only)'],
  ['v4', op('getReminder'), true, 'chat.md "Get reminder for a message"'],
  ['v3', op('markChatUnread'), false, 'capabilities.md: chat-unread is Talk 14 (API v4 only)'],
  ['v3', op('clearHistory'), false, 'capabilities.md: clear-history is Talk 12.1 (API v4 only)'],
  ['v3', op('listSharedItems'), false, 'capabilities.md: rich-object-list-media is Talk 14 (API v4 only)'],
  ['v1', param('receiveMessages', 'lastCommonReadId'), true, 'seed 003: receive parameter lastCommonReadId'],
  ['v3', param('receiveMessages', 'markNotificationsAsRead'), false, 'capabilities.md: chat-keep-notifications is Talk 16 (API v4 only)'],
  ['v4', param('receiveMessages', 'markNotificationsAsRead'), true, 'chat.md "Receive chat messages" data'],
  ['v1', param('sendMessage', 'replyTo'), true, 'seed 003: send data replyTo'],
  ['v3', param('sendMessage', 'silent'), false, 'capabilities.md: silent-send is Talk 15 (API v4 only)'],
  ['v4', param('sendMessage', 'silent'), true, 'chat.md "Sending a new chat message" data'],
  ['v1', { kind: 'response', operationId: 'receiveMessages', status: '304' }, true, 'seed 003: 304 Not Modified When there were no older/newer messages'],
  ['v1', { kind: 'header', operationId: 'receiveMessages', name: 'X-Chat-Last-Given' }, true, 'seed 003: X-Chat-Last-Given header'],
  ['v1', prop('ChatMessage', 'referenceId'), true, 'seed 003: message field referenceId (chat-reference-id, Talk 9)'],
  ['v1', prop('ChatMessage', 'isReplyable'), true, 'seed 003: message field isReplyable'],
  ['v1', prop('ChatMessage', 'parent'), true, 'seed 003: message field parent'],
  ['v3', prop('ChatMessage', 'reactions'), false, 'capabilities.md: reactions is Talk 14 (API v4 only)'],
  ['v3', prop('ChatMessage', 'markdown'), false, 'capabilities.md: markdown-messages is Talk 17.1 (API v4 only)'],
  ['v3', prop('ChatMessage', 'expirationTimestamp'), false, 'capabilities.md: message-expiration is Talk 15 (API v4 only)'],
  ['v4', prop('ChatMessage', 'lastEditTimestamp'), true, 'chat.md message fields; capabilities.md edit-messages'],
  ['v3', { kind: 'enum', schema: 'SystemMessage', value: 'history_cleared' }, false, 'capabilities.md: clear-history is Talk 12.1 (API v4 only)'],
  ['v1', { kind: 'enum', schema: 'SystemMessage', value: 'message_deleted' }, true, 'seed 003: system message message_deleted'],
  [
    'v1',
    { kind: 'enum', schema: 'MentionSuggestion', property: 'source', value: 'calls' },
    true,
    'seed 003: mention source "currently only users, guests or calls"',
  ],
  [
    'v3',
    { kind: 'enum', schema: 'MentionSuggestion', property: 'source', value: 'federated_users' },
    false,
    'seed 003: mention source "currently only users, guests or calls"',
  ],
  [
    'v1',
    { kind: 'enum', schema: 'MessageType', value: 'comment' },
    true,
    'seed 003: messageType "Currently known types are comment, comment_deleted, system and command"',
  ],
  ['v1', param('getMentionSuggestions', 'includeStatus'), true, 'seed 003: mentions data includeStatus'],
];

// ---- lookups in a slice -------------------------------------------------------------------------------

function deref(doc: Doc, node: unknown): Doc | undefined {
  let current = node as Doc | undefined;
  for (let hops = 0; current && typeof current.$ref === 'string' && hops < 20; hops++) {
    current = current.$ref
      .slice(2)
      .split('/')
      .map((t: string) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((n: Doc | undefined, t: string) => n?.[t], doc);
  }
  return current;
}

/** Property names of a schema, through `$ref` and `allOf` (and `anyOf`/`oneOf` when `branches`). */
function propertyNames(doc: Doc, schema: unknown, branches = false, depth = 0): Set<string> {
  const names = new Set<string>();
  const node = deref(doc, schema);
  if (!node || depth > 10) return names;
  for (const name of Object.keys(node.properties ?? {})) names.add(name);
  const combinators = branches ? ['allOf', 'anyOf', 'oneOf'] : ['allOf'];
  for (const key of combinators) for (const branch of node[key] ?? []) for (const name of propertyNames(doc, branch, branches, depth + 1)) names.add(name);
  return names;
}

function operations(doc: Doc): Array<{ id: string; item: Doc; operation: Doc }> {
  return Object.values(doc.paths as Record<string, Doc>).flatMap((item) =>
    HTTP_METHODS.filter((m) => item[m]).map((m) => ({ id: item[m].operationId as string, item, operation: item[m] as Doc })),
  );
}

function holds(doc: Doc, fact: Fact): boolean {
  const schemas = (doc.components?.schemas ?? {}) as Record<string, Doc>;
  const findOperation = (id: string) => operations(doc).find((o) => o.id === id);
  switch (fact.kind) {
    case 'property':
      return fact.schema in schemas && propertyNames(doc, schemas[fact.schema]).has(fact.name);
    case 'operation':
      return findOperation(fact.operationId) !== undefined;
    case 'path':
      return Boolean((doc.paths as Record<string, Doc>)[fact.path]?.[fact.method]);
    case 'parameter': {
      const found = findOperation(fact.operationId);
      if (!found) return false;
      const parameters = [...(found.item.parameters ?? []), ...(found.operation.parameters ?? [])].map((p: unknown) => deref(doc, p)?.name);
      const body = deref(doc, found.operation.requestBody)?.content?.['application/json']?.schema;
      return parameters.includes(fact.name) || propertyNames(doc, body, true).has(fact.name);
    }
    case 'response':
      return Boolean(findOperation(fact.operationId)?.operation.responses?.[fact.status]);
    case 'header': {
      const responses = Object.values((findOperation(fact.operationId)?.operation.responses ?? {}) as Record<string, unknown>);
      return responses.some((r) => fact.name in (deref(doc, r)?.headers ?? {}));
    }
    case 'enum': {
      const schema = deref(doc, schemas[fact.schema]);
      const target = fact.property ? deref(doc, schema?.properties?.[fact.property]) : schema;
      return Array.isArray(target?.enum) && target.enum.includes(fact.value);
    }
  }
}

/** An absent fact only means something if what it is looked up in exists in the slice. */
function containerExists(doc: Doc, fact: Fact): boolean {
  const schemas = (doc.components?.schemas ?? {}) as Record<string, Doc>;
  switch (fact.kind) {
    case 'property':
    case 'enum':
      return fact.schema in schemas;
    case 'parameter':
    case 'response':
    case 'header':
      return operations(doc).some((o) => o.id === fact.operationId);
    default:
      return true;
  }
}

const describeFact = (fact: Fact): string => {
  switch (fact.kind) {
    case 'property':
      return `${fact.schema}.${fact.name}`;
    case 'operation':
      return `operation ${fact.operationId}`;
    case 'path':
      return `${fact.method.toUpperCase()} ${fact.path}`;
    case 'parameter':
      return `${fact.operationId}(${fact.name})`;
    case 'response':
      return `${fact.operationId} → ${fact.status}`;
    case 'header':
      return `${fact.operationId} header ${fact.name}`;
    case 'enum':
      return `${fact.schema}${fact.property ? `.${fact.property}` : ''} enum value ${JSON.stringify(fact.value)}`;
  }
};

const slices = new Map<ApiVersion, Doc>();
const slice = (version: ApiVersion) => {
  if (!slices.has(version)) slices.set(version, loadDocument(`openapi.${version}.json`));
  return slices.get(version)!;
};

describe('per-version facts from the Talk docs hold in the slices', () => {
  test('the table is big enough and every row cites a source', () => {
    expect(FACTS.length).toBeGreaterThanOrEqual(20);
    for (const [, , , source] of FACTS) expect(source.length).toBeGreaterThan(10);
  });

  test.each(
    FACTS.map(
      ([version, fact, present, source]) =>
        [`${version}: ${describeFact(fact)} is ${present ? 'present' : 'absent'} — ${source}`, version, fact, present] as const,
    ),
  )('%s', (_name, version, fact, present) => {
    if (!present) expect(containerExists(slice(version), fact), `${describeFact(fact)}: its schema/operation is not in the ${version} slice`).toBe(true);
    expect(holds(slice(version), fact)).toBe(present);
  });
});

// Per-release facts: what the release slices (openapi.v4.talk-19.json, openapi.v4.talk-21.json) say, each traced to a
// recording of ../shared/real-talk (HAR file / step) or the Talk docs of that release. `accepts` rows check the
// shape itself: the release slice's schema of that answer accepts (or refuses) the recorded body.
type Release = '19' | '20' | '21';
type ReleaseFact = Fact | { kind: 'accepts'; operationId: string; status: string; body: unknown };
type ReleaseRow = [release: Release, fact: ReleaseFact, holds: boolean, source: string];
const ok = (data: unknown, statuscode = 200) => ({ ocs: { meta: { status: 'ok', statuscode, message: 'OK' }, data } });
const fail = (data: unknown, statuscode: number) => ({ ocs: { meta: { status: 'failure', statuscode, message: '' }, data } });
const accepts = (operationId: string, status: string, body: unknown): ReleaseFact => ({ kind: 'accepts', operationId, status, body });
const CAPS = 'capabilities.md (21.1.0)';
const RELEASE_FACTS: ReleaseRow[] = [
  ['19', prop('Room', 'mentionPermissions'), false, 'talk-19 auth-headers/list-ok: no mentionPermissions; capabilities.md: mention-permissions is Talk 20'],
  ['21', prop('Room', 'mentionPermissions'), true, 'talk-21 auth-headers/list-ok sends mentionPermissions'],
  ['19', prop('Room', 'isArchived'), false, `talk-19 recordings: no isArchived; ${CAPS}: archived-conversations-v2 is 20.1`],
  ['21', prop('Room', 'isArchived'), true, 'talk-21 auth-headers/list-ok sends isArchived'],
  ['19', prop('Room', 'isImportant'), false, `${CAPS}: important-conversations is 21.1`],
  ['21', prop('Room', 'isSensitive'), true, 'talk-21 auth-headers/list-ok sends isSensitive'],
  ['19', prop('Room', 'notificationCalls'), true, 'talk-19 auth-headers/list-ok sends notificationCalls (not in the docs table)'],
  ['21', prop('Participant', 'invitedActorId'), true, 'talk-21 participants/list: emails attendees carry invitedActorId'],
  ['19', prop('Participant', 'invitedActorId'), false, 'talk-19 participants/list: no invitedActorId'],
  ['20', prop('Room', 'mentionPermissions'), true, `${CAPS}: mention-permissions is Talk 20 (unverified release)`],
  ['21', { kind: 'enum', schema: 'ObjectType', value: 'event' }, true, 'talk-docs 21.1.0 constants.md object types list event'],
  ['19', { kind: 'enum', schema: 'ObjectType', value: 'event' }, false, 'talk-docs 19.0.1 constants.md object types: no event'],
  ['19', { kind: 'enum', schema: 'ObjectType', value: 'note_to_self' }, true, 'talk-19 conversation-types/owner-note-to-self: objectType note_to_self'],
  ['19', accepts('renameConversation', '200', ok([])), true, 'talk-19 conversation-settings/rename: data []'],
  ['21', accepts('renameConversation', '200', ok([])), false, 'talk-21 conversation-settings/rename answers the full Room'],
  ['19', accepts('deleteConversation', '200', ok(null)), false, 'talk-19 auth-headers/delete-room: data []'],
  ['21', accepts('deleteConversation', '200', ok(null)), true, 'talk-21 auth-headers/delete-room: data null'],
  ['21', accepts('deleteConversation', '200', ok([])), false, 'talk-21 auth-headers/delete-room: data null, never []'],
  ['21', accepts('deleteReminder', '200', ok([])), true, 'talk-21 read-reminders-context/reminder-delete-bob: data [] even in 21'],
  ['21', accepts('createConversation', '400', fail({ error: 'name' }, 400)), true, 'talk-21 conversation-types: 400 with error name'],
  ['19', accepts('receiveMessages', '412', { message: 'CSRF check failed' }), true, 'talk-19 auth-headers/chat-no-ocs-header: the CSRF 412'],
  ['19', { kind: 'response', operationId: 'getConversation', status: '401' }, true, 'talk-19 auth-headers/get-wrong-password: 401 in XML'],
  ['19', { kind: 'response', operationId: 'sendMessage', status: '500' }, true, 'talk-19 chat-messages/send-missing-message: 500 for a missing parameter'],
];

describe('per-release facts hold in the release slices', () => {
  const releaseSlices = new Map<Release, Doc>();
  const releaseSlice = (release: Release) => {
    if (!releaseSlices.has(release)) releaseSlices.set(release, loadDocument(`openapi.v4.talk-${release}.json`));
    return releaseSlices.get(release)!;
  };
  test('the table has at least 15 facts and every row cites a source', () => {
    expect(RELEASE_FACTS.length).toBeGreaterThanOrEqual(15);
    for (const [, , , source] of RELEASE_FACTS) expect(source.length).toBeGreaterThan(10);
  });
  test.each(
    RELEASE_FACTS.map(
      ([release, fact, want, source]) =>
        [
          `Talk ${release}: ${fact.kind === 'accepts' ? `${fact.operationId} ${fact.status} accepts ${JSON.stringify(fact.body).slice(0, 60)}` : describeFact(fact)} is ${want} — ${source}`,
          release,
          fact,
          want,
        ] as const,
    ),
  )('%s', async (_name, release, fact, want) => {
    const doc = releaseSlice(release);
    expect(doc['x-talk-release']).toBe(release);
    if (fact.kind !== 'accepts') {
      if (!want) expect(containerExists(doc, fact)).toBe(true);
      expect(holds(doc, fact)).toBe(want);
      return;
    }
    const found = operations(doc).find((o) => o.id === fact.operationId);
    expect(found, fact.operationId).toBeDefined();
    const ajvModule = (await import('ajv/dist/2020.js')) as unknown as { default: { default?: unknown } };
    const Ajv2020 = (ajvModule.default.default ?? ajvModule.default) as typeof import('ajv/dist/2020.js').default;
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema(doc, 'doc');
    const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
    const [template, item] = Object.entries(doc.paths as Record<string, Doc>).find(([, i]) => Object.values(i).includes(found!.operation))!;
    const method = Object.keys(item).find((m) => item[m] === found!.operation)!;
    let pointer = `#/paths/${esc(template)}/${method}/responses/${fact.status}`;
    const response = deref(doc, found!.operation.responses[fact.status]);
    if (typeof found!.operation.responses[fact.status]?.$ref === 'string') pointer = found!.operation.responses[fact.status].$ref;
    expect(response?.content?.['application/json'], `${fact.operationId} ${fact.status} has no JSON body`).toBeDefined();
    const validate = ajv.compile({ $ref: `doc${pointer}/content/${esc('application/json')}/schema` });
    expect(validate(fact.body), JSON.stringify(validate.errors?.slice(0, 2))).toBe(want);
  });
});
