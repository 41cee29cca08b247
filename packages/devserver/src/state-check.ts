// What a stored record must look like, and what a whole state must satisfy (every reference resolves, no id twice,
// no id at or above its counter), so that a data file that does not is refused instead of losing records.
import type { TalkState } from './domain/records.js';

/** The record kinds of a state, as named in the data file. */
export type RecordKind = 'users' | 'conversations' | 'attendees' | 'messages' | 'reminders';

/** Every record kind in the order they are stored and checked. */
export const RECORD_KINDS: readonly RecordKind[] = ['users', 'conversations', 'attendees', 'messages', 'reminders'];

type FieldType = 'string' | 'integer' | 'boolean' | 'strings' | 'rich-objects' | 'edit';

const FIELDS: Record<RecordKind, Record<string, FieldType>> = {
  users: { id: 'string', displayName: 'string', appPassword: 'string', groups: 'strings' },
  conversations: {
    id: 'integer',
    token: 'string',
    type: 'integer',
    name: 'string',
    description: 'string',
    password: 'string',
    readOnly: 'integer',
    listable: 'integer',
    lobbyState: 'integer',
    lobbyTimer: 'integer',
    defaultPermissions: 'integer',
    callPermissions: 'integer',
    messageExpiration: 'integer',
    recordingConsent: 'integer',
    objectType: 'string',
    objectId: 'string',
    lastActivity: 'integer',
    lastMessageId: 'integer',
  },
  attendees: {
    id: 'integer',
    token: 'string',
    actorType: 'string',
    actorId: 'string',
    displayName: 'string',
    participantType: 'integer',
    permissions: 'integer',
    favorite: 'boolean',
    notificationLevel: 'integer',
    notificationCalls: 'integer',
    lastReadMessage: 'integer',
    lastMentionMessage: 'integer',
    lastMentionDirect: 'integer',
    readPrivacy: 'integer',
    pin: 'string',
  },
  messages: {
    id: 'integer',
    token: 'string',
    actorType: 'string',
    actorId: 'string',
    actorDisplayName: 'string',
    timestamp: 'integer',
    systemMessage: 'string',
    messageType: 'string',
    message: 'string',
    messageParameters: 'rich-objects',
    referenceId: 'string',
    parentId: 'integer',
    silent: 'boolean',
    markdown: 'boolean',
    expirationTimestamp: 'integer',
    sharedItemType: 'string',
  },
  reminders: { userId: 'string', token: 'string', messageId: 'integer', timestamp: 'integer' },
};

const OPTIONAL: Partial<Record<RecordKind, Record<string, FieldType>>> = {
  users: { changelogCreated: 'boolean' },
  messages: { lastEdit: 'edit' },
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function fieldProblem(type: FieldType, value: unknown): string | null {
  switch (type) {
    case 'string':
      return typeof value === 'string' ? null : 'must be a string';
    case 'integer':
      return Number.isSafeInteger(value) ? null : 'must be an integer';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'strings':
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? null : 'must be an array of strings';
    case 'rich-objects':
      if (!isObject(value)) return 'must be an object of rich objects';
      for (const [key, object] of Object.entries(value)) {
        if (!isObject(object) || !Object.values(object).every((v) => typeof v === 'string' || typeof v === 'number')) {
          return `"${key}" must be a rich object (string and number values only)`;
        }
      }
      return null;
    case 'edit':
      if (!isObject(value)) return 'must be an object';
      return ['actorType', 'actorId', 'actorDisplayName'].every((k) => typeof value[k] === 'string') && Number.isSafeInteger(value.timestamp)
        ? null
        : 'needs string "actorType", "actorId", "actorDisplayName" and an integer "timestamp"';
  }
}

/**
 * What is wrong with one stored record of `kind` (field by field), or null when it is well-formed.
 *
 * @example
 * recordProblem('reminders', { userId: 'alice', token: 'abc', messageId: '7', timestamp: 0 }); // 'field "messageId" must be an integer'
 */
export function recordProblem(kind: RecordKind, record: unknown): string | null {
  if (!isObject(record)) return 'is not an object';
  for (const [field, type] of Object.entries(FIELDS[kind])) {
    if (!(field in record)) return `field "${field}" is missing`;
    const problem = fieldProblem(type, record[field]);
    if (problem) return `field "${field}" ${problem}`;
  }
  for (const [field, type] of Object.entries(OPTIONAL[kind] ?? {})) {
    if (record[field] === undefined) continue;
    const problem = fieldProblem(type, record[field]);
    if (problem) return `field "${field}" ${problem}`;
  }
  return null;
}

/**
 * The key a record is found by in the journal: user id, conversation token, attendee/message id (a number), or
 * `[userId, messageId]` for a reminder (as a JSON string).
 *
 * @example
 * recordKey('messages', { id: 12 }); // 12
 */
export function recordKey(kind: RecordKind, record: Record<string, unknown>): string | number {
  switch (kind) {
    case 'users':
      return record.id as string;
    case 'conversations':
      return record.token as string;
    case 'reminders':
      return JSON.stringify([record.userId, record.messageId]);
    default:
      return record.id as number;
  }
}

/** Where a record came from, for error messages (`talk.json: attendees[3]`, `talk.json.journal line 12`). */
export type RecordOrigin = (kind: RecordKind, key: string) => string;

/**
 * The first inconsistency of a whole state: duplicate ids, an attendee/message/reminder whose conversation, user
 * or message is missing, an id at or above its `nextId` counter (it would be handed out again). Null when consistent.
 *
 * @example
 * stateInconsistency(state, (kind, key) => `${kind} ${key}`); // 'attendees 7: its conversation "abc" is not in the state' | null
 */
export function stateInconsistency(state: TalkState, origin: RecordOrigin): string | null {
  const tokens = new Set<string>();
  const conversationIds = new Set<number>();
  for (const c of state.conversations) {
    if (conversationIds.has(c.id)) return `${origin('conversations', c.token)}: conversation id ${c.id} is used twice`;
    if (c.id >= state.nextId.conversation)
      return `${origin('conversations', c.token)}: conversation id ${c.id} is not below nextId.conversation ${state.nextId.conversation}`;
    conversationIds.add(c.id);
    tokens.add(c.token);
  }
  const users = new Set(state.users.map((u) => u.id));
  const attendeeIds = new Set<number>();
  for (const a of state.attendees) {
    const where = origin('attendees', String(a.id));
    if (attendeeIds.has(a.id)) return `${where}: attendee id ${a.id} is used twice`;
    if (a.id >= state.nextId.attendee) return `${where}: attendee id ${a.id} is not below nextId.attendee ${state.nextId.attendee}`;
    if (!tokens.has(a.token)) return `${where}: its conversation "${a.token}" is not in the state`;
    if (a.actorType === 'users' && !users.has(a.actorId)) return `${where}: its user "${a.actorId}" is not in the state`;
    attendeeIds.add(a.id);
  }
  const messageIds = new Set<number>();
  for (const m of state.messages) {
    const where = origin('messages', String(m.id));
    if (messageIds.has(m.id)) return `${where}: message id ${m.id} is used twice`;
    if (m.id >= state.nextId.message) return `${where}: message id ${m.id} is not below nextId.message ${state.nextId.message}`;
    if (!tokens.has(m.token)) return `${where}: its conversation "${m.token}" is not in the state`;
    messageIds.add(m.id);
  }
  for (const r of state.reminders) {
    const where = origin('reminders', JSON.stringify([r.userId, r.messageId]));
    if (!users.has(r.userId)) return `${where}: its user "${r.userId}" is not in the state`;
    if (!tokens.has(r.token)) return `${where}: its conversation "${r.token}" is not in the state`;
  }
  return null;
}
