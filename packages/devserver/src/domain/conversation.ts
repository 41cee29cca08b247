// Conversation operations: create, list, rename, delete, settings, favorites, notification levels.
import { ConversationType, NotificationLevel, ParticipantType, Permission } from './constants.js';
import { appendMessage, appendSystemMessage } from './chat-log.js';
import type { MessageAuthor } from './chat-log.js';
import type { Participant } from './participant.js';
import { chatIdentity, findUserAttendee, requireMember, requireModerator, resolveParticipant } from './participant.js';
import type { Actor, AttendeeRecord, ConversationRecord } from './records.js';
import type { TalkStore } from './store.js';
import { TalkError, guardError } from './talk-error.js';

/** Display name limits. */
export const NAME_MAX_LENGTH = 255;
export const DESCRIPTION_MAX_LENGTH = 2000;

function author(store: TalkStore, p: Participant): MessageAuthor {
  const id = chatIdentity(store, p);
  return { actorType: id.actorType, actorId: id.actorId, displayName: id.displayName };
}

/** Creates the conversation record (no attendees). */
export function newConversation(store: TalkStore, type: ConversationType, name: string, extra: Partial<ConversationRecord> = {}): ConversationRecord {
  const conversation: ConversationRecord = {
    id: store.nextId.conversation++,
    token: store.newToken(),
    type,
    name,
    description: '',
    password: '',
    readOnly: 0,
    listable: 0,
    lobbyState: 0,
    lobbyTimer: 0,
    defaultPermissions: 0,
    callPermissions: 0,
    messageExpiration: 0,
    recordingConsent: 0,
    objectType: '',
    objectId: '',
    lastActivity: store.now(),
    lastMessageId: 0,
    ...extra,
  };
  store.conversations.set(conversation.token, conversation);
  store.attendees.create(conversation.token);
  store.messages.set(conversation.token, []);
  store.changed();
  return conversation;
}

/** Adds an attendee record to a conversation. */
export function addAttendee(
  store: TalkStore,
  conversation: ConversationRecord,
  fields: Pick<AttendeeRecord, 'actorType' | 'actorId' | 'displayName' | 'participantType'>,
): AttendeeRecord {
  const attendee: AttendeeRecord = {
    id: store.nextId.attendee++,
    token: conversation.token,
    ...fields,
    permissions: 0,
    favorite: false,
    notificationLevel: NotificationLevel.DEFAULT,
    notificationCalls: 1,
    lastReadMessage: conversation.lastMessageId,
    lastMentionMessage: 0,
    lastMentionDirect: 0,
    readPrivacy: 0,
    pin: String(100000000 + store.nextId.attendee * 7919).slice(0, 10),
  };
  store.attendees.add(attendee);
  store.changed();
  return attendee;
}

/** Adds a user as attendee (no-op when already a member); returns the attendee. */
export function addUserAttendee(store: TalkStore, conversation: ConversationRecord, userId: string, participantType: number): AttendeeRecord {
  const existing = findUserAttendee(store, conversation.token, userId);
  if (existing) return existing;
  const user = store.users.get(userId);
  return addAttendee(store, conversation, { actorType: 'users', actorId: userId, displayName: user?.displayName ?? userId, participantType });
}

/** Input of "Creating a new conversation". */
export interface CreateConversationInput {
  roomType: number;
  invite?: string;
  source?: string;
  roomName?: string;
  objectType?: string;
  objectId?: string;
}

/** Creates a conversation; returns it and whether it was created (false: existing one-to-one, 200). */
export function createConversation(store: TalkStore, userId: string, input: CreateConversationInput): { conversation: ConversationRecord; created: boolean } {
  const creator = store.users.get(userId);
  if (!creator) throw guardError(401, 'user', 'Current user is not logged in');
  const me: MessageAuthor = { actorType: 'users', actorId: userId, displayName: creator.displayName };
  if (input.roomType === ConversationType.ONE_TO_ONE) {
    const other = input.invite ?? '';
    if (!store.users.has(other)) throw new TalkError(404, 'invite', 'The user to invite does not exist');
    if (other === userId) throw new TalkError(403, 'invite', 'Can not create a one-to-one conversation with yourself');
    for (const c of store.conversations.values()) {
      if (c.type !== ConversationType.ONE_TO_ONE) continue;
      if (c.name === JSON.stringify([userId, other].sort())) {
        addUserAttendee(store, c, userId, ParticipantType.OWNER);
        return { conversation: c, created: false };
      }
    }
    const conversation = newConversation(store, ConversationType.ONE_TO_ONE, JSON.stringify([userId, other].sort()));
    addUserAttendee(store, conversation, userId, ParticipantType.OWNER);
    addUserAttendee(store, conversation, other, ParticipantType.OWNER);
    appendSystemMessage(store, conversation, me, 'conversation_created', '{actor} created the conversation');
    return { conversation, created: true };
  }
  if (input.roomType !== ConversationType.GROUP && input.roomType !== ConversationType.PUBLIC) {
    throw new TalkError(400, 'type', 'Invalid conversation type');
  }
  let groupMembers: string[] = [];
  if (input.invite) {
    const source = input.source ?? 'groups';
    if (source !== 'groups') throw new TalkError(400, 'source', 'Only groups can be invited when creating a conversation');
    groupMembers = [...store.users.values()].filter((u) => u.groups.includes(input.invite ?? '')).map((u) => u.id);
    if (groupMembers.length === 0) throw new TalkError(404, 'invite', 'The group to invite does not exist');
  }
  // Without a name, a conversation with a group is named after it; Talk 21 names others "---" (Talk 19: 400).
  let name = (input.roomName ?? '').trim();
  if (name === '' && input.invite) name = input.invite;
  if (name === '' && store.profile.unnamedGroupConversations) name = '---';
  if (name === '' || name.length > NAME_MAX_LENGTH) throw new TalkError(400, 'name', 'The conversation name is empty or too long');
  let extra: Partial<ConversationRecord> = {};
  if (input.objectType) {
    if (input.objectType === 'room') {
      const parent = store.conversations.get(input.objectId ?? '');
      const parentAttendee = parent ? findUserAttendee(store, parent.token, userId) : undefined;
      if (!parent || !parentAttendee) throw new TalkError(400, 'object', 'The parent conversation does not exist');
      extra = { objectType: 'room', objectId: parent.token, type: parent.type };
    } else if (input.objectType === 'phone') {
      extra = { objectType: 'phone', objectId: 'phone' };
    } else {
      throw new TalkError(400, 'object', 'Invalid object type');
    }
  }
  const conversation = newConversation(store, extra.type ?? input.roomType, name, extra);
  addUserAttendee(store, conversation, userId, ParticipantType.OWNER);
  appendSystemMessage(store, conversation, me, 'conversation_created', '{actor} created the conversation');
  if (input.invite) {
    addAttendee(store, conversation, { actorType: 'groups', actorId: input.invite, displayName: input.invite, participantType: ParticipantType.USER });
    appendSystemMessage(store, conversation, me, 'group_added', '{actor} added group {group} to the conversation', {
      group: { type: 'user-group', id: input.invite, name: input.invite },
    });
    for (const member of groupMembers) addUserAttendee(store, conversation, member, ParticipantType.USER);
  }
  if (conversation.type === ConversationType.PUBLIC) {
    appendSystemMessage(store, conversation, me, 'guests_allowed', '{actor} allowed guests in the conversation');
  }
  return { conversation, created: true };
}

/** "Get note-to-self conversation": the user's note-to-self conversation, created on first use. */
export function noteToSelf(store: TalkStore, userId: string): ConversationRecord {
  for (const c of store.conversations.values()) {
    if (c.type === ConversationType.NOTE_TO_SELF && findUserAttendee(store, c.token, userId)) return c;
  }
  const conversation = newConversation(store, ConversationType.NOTE_TO_SELF, 'Note to self');
  conversation.description = 'A place for your private notes, thoughts and ideas';
  addUserAttendee(store, conversation, userId, ParticipantType.OWNER);
  const user = store.users.get(userId);
  appendSystemMessage(
    store,
    conversation,
    { actorType: 'users', actorId: userId, displayName: user?.displayName ?? userId },
    'conversation_created',
    '{actor} created the conversation',
  );
  return conversation;
}

/** The changelog conversation ("Talk updates ✅") that Talk creates once for every user, on their first visit. */
export function ensureChangelog(store: TalkStore, userId: string): ConversationRecord | null {
  const user = store.users.get(userId);
  if (!user || user.changelogCreated) return null;
  user.changelogCreated = true;
  const conversation = newConversation(store, ConversationType.CHANGELOG, 'Talk updates ✅', { readOnly: 1 });
  addUserAttendee(store, conversation, userId, ParticipantType.USER);
  appendMessage(store, conversation, {
    author: { actorType: 'bots', actorId: 'changelog', displayName: 'Talk updates ✅' },
    message: 'Welcome to the Talk dev server. This in-memory Talk speaks API v4 for client development.',
  });
  const attendee = findUserAttendee(store, conversation.token, userId);
  if (attendee) store.attendees.moveReadMarker(attendee, 0);
  return conversation;
}

/** The conversations a user is a member of (`GET /room`), optionally only those active after `modifiedSince`. */
export function listConversationsOf(store: TalkStore, userId: string, modifiedSince = 0): Participant[] {
  const out: Participant[] = [];
  const actor: Actor = { kind: 'user', userId };
  for (const c of store.conversations.values()) {
    if (modifiedSince > 0 && c.lastActivity <= modifiedSince) continue;
    const attendee = findUserAttendee(store, c.token, userId);
    if (attendee) out.push({ actor, conversation: c, attendee, session: null });
  }
  return out;
}

/** Listable conversations the user is not a member of (`GET /listed-room`). */
export function listOpenConversations(store: TalkStore, userId: string, searchTerm = ''): Participant[] {
  const term = searchTerm.toLowerCase();
  const out: Participant[] = [];
  for (const c of store.conversations.values()) {
    if (c.listable === 0) continue;
    if (findUserAttendee(store, c.token, userId)) continue;
    if (term && !c.name.toLowerCase().includes(term)) continue;
    out.push({ actor: { kind: 'user', userId }, conversation: c, attendee: null, session: null });
  }
  return out;
}

/** Deletes a conversation and everything in it; waiting pollers are woken (and then get 404). */
export function deleteConversationRecord(store: TalkStore, token: string): void {
  for (const a of store.attendeesOf(token)) for (const s of store.sessionsOf(a.id)) store.sessions.delete(s.sessionId);
  for (const m of store.messagesOf(token)) store.messageById.delete(m.id);
  store.forgetMessages(store.messagesOf(token).map((m) => m.id));
  store.forgetConversation(token);
  store.conversations.delete(token);
  store.attendees.delete(token);
  store.messages.delete(token);
  store.reminders = store.reminders.filter((r) => r.token !== token);
  store.changed();
  store.waiters.notify(token);
}

function requireGroupOrPublic(c: ConversationRecord, what: string): void {
  if (c.type !== ConversationType.GROUP && c.type !== ConversationType.PUBLIC) {
    throw new TalkError(400, 'type', `The conversation type does not support ${what}`);
  }
}

/** Conversation settings operations (each checks membership and moderator rights). */
export const conversationSettings = {
  rename(store: TalkStore, token: string, actor: Actor, roomName: string): void {
    const p = requireMember(store, token, actor);
    const name = roomName.trim();
    if (name === '' || name.length > NAME_MAX_LENGTH) throw new TalkError(400, 'name', 'The name is too long or empty');
    if (p.conversation.type === ConversationType.ONE_TO_ONE || p.conversation.type === ConversationType.NOTE_TO_SELF) {
      throw new TalkError(400, 'type', 'One-to-one conversations can not be renamed');
    }
    requireModerator(p);
    if (p.conversation.name === name) return;
    const old = p.conversation.name;
    p.conversation.name = name;
    appendSystemMessage(store, p.conversation, author(store, p), 'conversation_renamed', `{actor} renamed the conversation from "${old}" to "${name}"`);
  },

  remove(store: TalkStore, token: string, actor: Actor): void {
    const p = requireMember(store, token, actor);
    if (p.conversation.type === ConversationType.ONE_TO_ONE)
      throw new TalkError(400, 'type', 'Use "Remove yourself" for one-to-one conversations', undefined, 'bare');
    requireModerator(p);
    deleteConversationRecord(store, token);
  },

  setDescription(store: TalkStore, token: string, actor: Actor, description: string): void {
    const p = requireMember(store, token, actor);
    if (description.length > DESCRIPTION_MAX_LENGTH) throw new TalkError(400, 'description', 'The description is too long');
    if (p.conversation.type === ConversationType.ONE_TO_ONE) throw new TalkError(400, 'type', 'One-to-one conversations have no description');
    requireModerator(p);
    if (p.conversation.description === description) return;
    p.conversation.description = description;
    if (description === '') appendSystemMessage(store, p.conversation, author(store, p), 'description_removed', '{actor} removed the description');
    else appendSystemMessage(store, p.conversation, author(store, p), 'description_set', '{actor} set the description');
  },

  makePublic(store: TalkStore, token: string, actor: Actor): void {
    const p = requireMember(store, token, actor);
    requireModerator(p);
    if (p.conversation.type === ConversationType.PUBLIC) return;
    if (p.conversation.type !== ConversationType.GROUP) throw new TalkError(400, 'type', 'The conversation is not a group conversation');
    p.conversation.type = ConversationType.PUBLIC;
    appendSystemMessage(store, p.conversation, author(store, p), 'guests_allowed', '{actor} allowed guests in the conversation');
  },

  makePrivate(store: TalkStore, token: string, actor: Actor): void {
    const p = requireMember(store, token, actor);
    requireModerator(p);
    if (p.conversation.type === ConversationType.GROUP) return;
    if (p.conversation.type !== ConversationType.PUBLIC) throw new TalkError(400, 'type', 'The conversation is not a public conversation');
    p.conversation.type = ConversationType.GROUP;
    p.conversation.password = '';
    const leaving = (a: AttendeeRecord) => a.actorType === 'guests' || a.participantType === ParticipantType.USER_SELF_JOINED;
    for (const guest of store.attendeesOf(token).filter(leaving)) for (const s of store.sessionsOf(guest.id)) store.sessions.delete(s.sessionId);
    store.attendees.removeWhere(token, leaving);
    appendSystemMessage(store, p.conversation, author(store, p), 'guests_disallowed', '{actor} disallowed guests in the conversation');
  },

  setReadOnly(store: TalkStore, token: string, actor: Actor, state: number): void {
    const p = requireMember(store, token, actor);
    requireGroupOrPublic(p.conversation, 'read-only');
    if (state !== 0 && state !== 1) throw new TalkError(400, 'state', 'Invalid read-only state');
    requireModerator(p);
    if (p.conversation.readOnly === state) return;
    p.conversation.readOnly = state;
    if (state === 1) appendSystemMessage(store, p.conversation, author(store, p), 'read_only', '{actor} locked the conversation');
    else appendSystemMessage(store, p.conversation, author(store, p), 'read_only_off', '{actor} unlocked the conversation');
  },

  setPassword(store: TalkStore, token: string, actor: Actor, password: string): void {
    const p = requireMember(store, token, actor);
    if (p.conversation.objectType === 'room') throw new TalkError(400, 'breakout-room', 'Breakout rooms can not have a password');
    requireModerator(p);
    if (p.conversation.type !== ConversationType.PUBLIC) {
      const { status, style } = store.profile.passwordOnPrivate;
      throw new TalkError(status, 'type', 'Only public conversations can have a password', undefined, style);
    }
    if (password !== '' && password.length < 4) {
      throw new TalkError(400, 'value', 'Password needs to be at least 4 characters long', { message: 'Password needs to be at least 4 characters long.' });
    }
    const had = p.conversation.password !== '';
    p.conversation.password = password;
    if (password !== '') appendSystemMessage(store, p.conversation, author(store, p), 'password_set', '{actor} set a password for the conversation');
    else if (had) appendSystemMessage(store, p.conversation, author(store, p), 'password_removed', '{actor} removed the password for the conversation');
  },

  setPermissions(store: TalkStore, token: string, actor: Actor, mode: string, permissions: number): void {
    const p = requireMember(store, token, actor);
    const c = p.conversation;
    if (c.type === ConversationType.ONE_TO_ONE || c.type === ConversationType.NOTE_TO_SELF || c.type === ConversationType.CHANGELOG) {
      throw new TalkError(400, 'type', 'The conversation type does not support permissions');
    }
    if (mode !== 'default' && !(mode === 'call' && store.profile.callPermissions)) throw new TalkError(400, 'mode', `Invalid permission mode "${mode}"`);
    if (c.objectType === 'room') throw new TalkError(400, 'breakout-room', 'Breakout rooms inherit the permissions');
    requireModerator(p);
    const value = permissions === 0 ? 0 : permissions | Permission.CUSTOM;
    if (mode === 'default') c.defaultPermissions = value;
    else c.callPermissions = value;
    for (const a of store.attendeesOf(token)) a.permissions = 0;
    c.lastActivity = store.now();
    store.changed();
  },

  setFavorite(store: TalkStore, token: string, actor: Actor, favorite: boolean): void {
    if (actor.kind !== 'user') throw guardError(401, 'guest', 'Current user is not logged in');
    const p = requireMember(store, token, actor);
    p.attendee.favorite = favorite;
    store.changed();
  },

  setNotificationLevel(store: TalkStore, token: string, actor: Actor, level: number): void {
    if (actor.kind !== 'user') throw guardError(401, 'guest', 'Current user is not logged in');
    const p = requireMember(store, token, actor);
    if (![1, 2, 3].includes(level)) throw new TalkError(400, 'level', 'Invalid notification level (1 always, 2 mentions, 3 never)');
    p.attendee.notificationLevel = level;
    store.changed();
  },

  setCallNotificationLevel(store: TalkStore, token: string, actor: Actor, level: number): void {
    if (actor.kind !== 'user') throw guardError(401, 'guest', 'Current user is not logged in');
    const p = requireMember(store, token, actor);
    if (level !== 0 && level !== 1) throw new TalkError(400, 'level', 'Invalid call notification level');
    p.attendee.notificationCalls = level;
    store.changed();
  },

  setMessageExpiration(store: TalkStore, token: string, actor: Actor, seconds: number): void {
    const p = requireMember(store, token, actor);
    if (!Number.isInteger(seconds) || seconds < 0) throw new TalkError(400, 'seconds', 'Invalid expiration', undefined, 'reason-always');
    if (p.conversation.objectType === 'room') throw new TalkError(400, 'breakout-room', 'Breakout rooms inherit the expiration');
    requireModerator(p);
    if (p.conversation.messageExpiration === seconds) return;
    p.conversation.messageExpiration = seconds;
    if (seconds > 0)
      appendSystemMessage(store, p.conversation, author(store, p), 'message_expiration_enabled', `{actor} set the message expiration to ${seconds} seconds`);
    else appendSystemMessage(store, p.conversation, author(store, p), 'message_expiration_disabled', '{actor} disabled message expiration');
  },

  /**
   * "Set recording consent": Talk only lets moderators choose it when the server's `recording_consent` setting is
   * "optional" (2); the dev server has no recording (capability `recording-consent` 0), so it answers 412 `config`.
   */
  setRecordingConsent(store: TalkStore, token: string, actor: Actor, consent: number): never {
    const p = requireMember(store, token, actor);
    requireModerator(p);
    throw new TalkError(412, 'config', `Recording consent can not be configured on this server (asked for ${consent})`);
  },

  setListable(store: TalkStore, token: string, actor: Actor, scope: number): void {
    const p = requireMember(store, token, actor);
    requireGroupOrPublic(p.conversation, 'listing');
    if (p.conversation.objectType === 'room') throw new TalkError(400, 'breakout-room', 'Breakout rooms can not be listed');
    if (![0, 1, 2].includes(scope)) throw new TalkError(400, 'scope', 'Invalid listable scope');
    requireModerator(p);
    if (p.conversation.listable === scope) return;
    p.conversation.listable = scope;
    const kind =
      scope === 0
        ? ['listable_none', '{actor} limited the conversation to the current participants']
        : scope === 1
          ? ['listable_users', '{actor} opened the conversation accessible to registered users']
          : ['listable_all', '{actor} opened the conversation accessible to registered users and users created with the Guests app'];
    appendSystemMessage(store, p.conversation, author(store, p), kind[0], kind[1]);
  },

  /** Dev-only: set the webinar lobby (Talk's `/room/{token}/webinar/lobby`, not part of the contract yet). */
  /**
   * "Set lobby for a conversation" (webinar.md): moderators of group and public conversations; `timer` (Unix
   * seconds, 0/null for none) is kept and shown as `lobbyTimer`. Without an actor (the dev-only admin control),
   * the owner is named in the system message.
   */
  setLobby(store: TalkStore, token: string, state: number, actor?: Actor, timer: number | null = null): void {
    const p = actor ? requireMember(store, token, actor) : null;
    if (p) requireModerator(p);
    const conversation = store.conversations.get(token);
    if (!conversation) throw guardError(404, 'conversation', 'Conversation not found');
    requireGroupOrPublic(conversation, 'a lobby');
    if (state !== 0 && state !== 1) throw new TalkError(400, 'state', 'Invalid lobby state');
    if (timer !== null && (!Number.isInteger(timer) || timer < 0)) throw new TalkError(400, 'timer', 'Invalid lobby timer');
    conversation.lobbyTimer = state === 1 ? (timer ?? 0) : 0;
    if (conversation.lobbyState === state) return;
    conversation.lobbyState = state;
    const owner = store.attendeesOf(token).find((a) => a.participantType === ParticipantType.OWNER && a.actorType === 'users');
    const who: MessageAuthor = p
      ? author(store, p)
      : owner
        ? { actorType: 'users', actorId: owner.actorId, displayName: owner.displayName }
        : { actorType: 'bots', actorId: 'devserver', displayName: 'Dev server' };
    if (state === 1) appendSystemMessage(store, conversation, who, 'lobby_non_moderators', '{actor} restricted the conversation to moderators');
    else appendSystemMessage(store, conversation, who, 'lobby_none', '{actor} opened the conversation to everyone');
  },
};

/** Resolves a participant for "Get single conversation" (members, and visitors of public conversations). */
export function getConversationFor(store: TalkStore, token: string, actor: Actor): Participant {
  return resolveParticipant(store, token, actor, { allowPublicVisitor: true });
}
