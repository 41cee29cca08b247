// What a stored record must look like, and what a whole state must satisfy (every reference resolves, no id twice,
// no id at or above its counter), so that a data file that does not is refused instead of losing records.
import { botUrlProblem } from './domain/bots.js';
import type { TalkState } from './domain/records.js';

/** The record kinds every data file has (since the first version). */
export const CORE_KINDS = ['users', 'conversations', 'attendees', 'messages', 'reminders'] as const;

/** The record kinds of the areas added later: a data file without one of them has none of its records. */
export const AREA_KINDS = [
  'polls',
  'reactions',
  'bots',
  'botConversations',
  'botReactions',
  'conversationExtras',
  'breakoutRooms',
  'sipSettings',
  'userSettings',
  'files',
  'fileShares',
] as const;

/** The record kinds of a state, as named in the data file. */
export type RecordKind = (typeof CORE_KINDS)[number] | (typeof AREA_KINDS)[number];

/** Every record kind in the order they are stored and checked. */
export const RECORD_KINDS: readonly RecordKind[] = [...CORE_KINDS, ...AREA_KINDS];

/** The record type of a kind: `StateRecord<'polls'>` is a `PollRecord`. */
export type StateRecord<K extends RecordKind> = NonNullable<TalkState[K]>[number];

/**
 * The records of one kind of a state (none for an area the state does not have).
 *
 * @example
 * recordsOf(state, 'polls').map((p) => p.question);
 */
export function recordsOf<K extends RecordKind>(state: TalkState, kind: K): readonly StateRecord<K>[] {
  return (state[kind] ?? []) as readonly StateRecord<K>[];
}

/** The id counters a data file may have besides `conversation`, `attendee` and `message` (absent: 1). */
export const AREA_COUNTERS = ['poll', 'bot', 'file'] as const;

type FieldType = 'string' | 'integer' | 'boolean' | 'strings' | 'rich-objects' | 'edit' | 'votes' | 'scalars' | 'avatar';

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
  polls: {
    id: 'integer',
    token: 'string',
    question: 'string',
    options: 'strings',
    actorType: 'string',
    actorId: 'string',
    actorDisplayName: 'string',
    status: 'integer',
    resultMode: 'integer',
    maxVotes: 'integer',
    votes: 'votes',
  },
  reactions: { messageId: 'integer', actorType: 'string', actorId: 'string', actorDisplayName: 'string', reaction: 'string', timestamp: 'integer' },
  bots: { id: 'integer', name: 'string', description: 'string', url: 'string', secret: 'string', state: 'integer' },
  botConversations: { token: 'string', botId: 'integer' },
  botReactions: { messageId: 'integer', reaction: 'string', actorId: 'string' },
  conversationExtras: { token: 'string', sipEnabled: 'integer', mentionPermissions: 'integer', avatar: 'avatar' },
  breakoutRooms: { token: 'string', mode: 'integer', status: 'integer', assistance: 'strings' },
  sipSettings: { sipGroups: 'strings', dialInInfo: 'string', sharedSecret: 'string' },
  userSettings: { userId: 'string', settings: 'scalars' },
  files: { id: 'integer', owner: 'string', path: 'string', size: 'integer', mimetype: 'string', mtime: 'integer', etag: 'string' },
  fileShares: { fileId: 'integer', shareId: 'integer', token: 'string' },
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
    case 'votes':
      if (!Array.isArray(value)) return 'must be an array of votes';
      for (const [i, vote] of value.entries()) {
        if (
          !isObject(vote) ||
          !['actorType', 'actorId', 'actorDisplayName'].every((k) => typeof vote[k] === 'string') ||
          !Number.isSafeInteger(vote.optionId)
        ) {
          return `[${i}] must be a vote with string "actorType", "actorId", "actorDisplayName" and an integer "optionId"`;
        }
      }
      return null;
    case 'scalars':
      if (!isObject(value)) return 'must be an object';
      for (const [key, v] of Object.entries(value)) if (typeof v !== 'string' && typeof v !== 'number') return `"${key}" must be a string or a number`;
      return null;
    case 'avatar':
      if (value === null) return null;
      return isObject(value) && typeof value.contentType === 'string' && typeof value.base64 === 'string'
        ? null
        : 'must be null or an object with string "contentType" and "base64"';
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
 * The key a record is found by in the journal: user id, conversation token, attendee/message/poll/bot/file id (a
 * number), share id, or the fields that make it unique as a JSON array string (reminders, reactions, ...).
 *
 * @example
 * recordKey('messages', { id: 12 }); // 12
 * recordKey('reactions', { messageId: 12, actorType: 'users', actorId: 'bob', reaction: '👍' }); // '[12,"users","bob","👍"]'
 */
export function recordKey(kind: RecordKind, stored: object): string | number {
  const record = stored as Record<string, unknown>;
  switch (kind) {
    case 'users':
      return record.id as string;
    case 'conversations':
    case 'conversationExtras':
    case 'breakoutRooms':
      return record.token as string;
    case 'userSettings':
      return record.userId as string;
    case 'sipSettings':
      return 'sip';
    case 'fileShares':
      return record.shareId as number;
    case 'reminders':
      return JSON.stringify([record.userId, record.messageId]);
    case 'reactions':
      return JSON.stringify([record.messageId, record.actorType, record.actorId, record.reaction]);
    case 'botConversations':
      return JSON.stringify([record.token, record.botId]);
    case 'botReactions':
      return JSON.stringify([record.messageId, record.reaction, record.actorId]);
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
  return areaInconsistency(state, origin, { tokens, users, messageIds });
}

/** The first inconsistency of the areas' records (polls, reactions, bots, extras, breakout rooms, settings, files). */
function areaInconsistency(state: TalkState, origin: RecordOrigin, known: { tokens: Set<string>; users: Set<string>; messageIds: Set<number> }): string | null {
  const { tokens, users, messageIds } = known;
  const counter = (name: 'poll' | 'bot' | 'file') => state.nextId[name] ?? 1;
  const conversation = (where: string, token: string) => (tokens.has(token) ? null : `${where}: its conversation "${token}" is not in the state`);
  const message = (where: string, id: number) => (messageIds.has(id) ? null : `${where}: its message ${id} is not in the state`);
  for (const p of state.polls ?? []) {
    const where = origin('polls', String(p.id));
    if (p.id >= counter('poll')) return `${where}: poll id ${p.id} is not below nextId.poll ${counter('poll')}`;
    const problem = conversation(where, p.token);
    if (problem) return problem;
    const vote = p.votes.find((v) => v.optionId < 0 || v.optionId >= p.options.length);
    if (vote) return `${where}: a vote of ${vote.actorType}/${vote.actorId} is for option ${vote.optionId}, which the poll does not have`;
  }
  for (const r of state.reactions ?? []) {
    const problem = message(origin('reactions', recordKey('reactions', r) as string), r.messageId);
    if (problem) return problem;
  }
  const botIds = new Set<number>();
  for (const b of state.bots ?? []) {
    if (b.id >= counter('bot')) return `${origin('bots', String(b.id))}: bot id ${b.id} is not below nextId.bot ${counter('bot')}`;
    const urlProblem = botUrlProblem(b.url);
    if (urlProblem) return `${origin('bots', String(b.id))}: ${urlProblem}`;
    botIds.add(b.id);
  }
  for (const e of state.botConversations ?? []) {
    const where = origin('botConversations', JSON.stringify([e.token, e.botId]));
    if (!botIds.has(e.botId)) return `${where}: its bot ${e.botId} is not in the state`;
    const problem = conversation(where, e.token);
    if (problem) return problem;
  }
  for (const r of state.botReactions ?? []) {
    const problem = message(origin('botReactions', JSON.stringify([r.messageId, r.reaction, r.actorId])), r.messageId);
    if (problem) return problem;
  }
  for (const e of [...(state.conversationExtras ?? []), ...(state.breakoutRooms ?? [])]) {
    const kind = 'avatar' in e ? 'conversationExtras' : 'breakoutRooms';
    const problem = conversation(origin(kind, e.token), e.token);
    if (problem) return problem;
  }
  for (const b of state.breakoutRooms ?? []) {
    const missing = b.assistance.find((t) => !tokens.has(t));
    if (missing !== undefined) return `${origin('breakoutRooms', b.token)}: its breakout room "${missing}" (assistance) is not in the state`;
  }
  for (const u of state.userSettings ?? []) {
    if (!users.has(u.userId)) return `${origin('userSettings', u.userId)}: its user "${u.userId}" is not in the state`;
  }
  const fileIds = new Set<number>();
  for (const f of state.files ?? []) {
    const where = origin('files', String(f.id));
    if (f.id >= counter('file')) return `${where}: file id ${f.id} is not below nextId.file ${counter('file')}`;
    if (!users.has(f.owner)) return `${where}: its owner "${f.owner}" is not in the state`;
    fileIds.add(f.id);
  }
  for (const s of state.fileShares ?? []) {
    const where = origin('fileShares', String(s.shareId));
    if (s.shareId >= counter('file')) return `${where}: share id ${s.shareId} is not below nextId.file ${counter('file')}`;
    if (!fileIds.has(s.fileId)) return `${where}: its file ${s.fileId} is not in the state`;
    const problem = conversation(where, s.token);
    if (problem) return problem;
  }
  return null;
}
