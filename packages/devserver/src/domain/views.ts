import { createHash } from 'node:crypto';
import type { TalkSchemas } from '@talk-contract/server';
// JSON views of the records as the Talk API returns them (`Room`, `ChatMessage`, `Participant`).
import { callState } from './calls.js';
import { roomExtras } from './room-extras.js';
import { ConversationType, NotificationLevel, ParticipantType, Permission, isModeratorType } from './constants.js';
import type { Participant } from './participant.js';
import { effectivePermissions, isModerator, lobbyAdmits } from './participant.js';
import { lastCommonRead, unreadCount } from './read-marker.js';
import type { AttendeeRecord, ConversationRecord, MessageRecord, RichObject } from './records.js';
import type { TalkStore } from './store.js';

// The views are type-checked against the contract's schemas; fields real Talk sends that the contract does not
// declare (yet) are added as optional extras (the contract's objects are open).
/** The contract's `Room` (v4) plus what Talk sends beyond it. */
export type RoomView = TalkSchemas<'v4'>['Room'] & { [extra: string]: unknown };
/** The contract's `Participant` (v4) plus what Talk sends beyond it. */
export type ParticipantView = TalkSchemas<'v4'>['Participant'] & { roomToken?: string; phoneNumber?: string; callId?: string; invitedActorId?: string };

/** The contract's `ChatMessageBase` and `ChatMessage` (v4) plus what Talk sends beyond them. */
export type MessageBaseView = Omit<TalkSchemas<'v4'>['ChatMessageBase'], 'reactions'> & {
  reactions: Record<string, number>;
  reactionsSelf?: string[];
  deleted?: true;
};
export type MessageView = MessageBaseView & { parent?: MessageBaseView | { id: number; deleted: true } };

/** A JSON object as sent on the wire. */
export type Json = Record<string, unknown>;

/** `name` of a conversation as seen by the viewer (one-to-one: the other user's id). */
export function conversationName(store: TalkStore, conversation: ConversationRecord, viewerUserId: string | null): string {
  if (conversation.type === ConversationType.ONE_TO_ONE) {
    const other = store.attendeesOf(conversation.token).find((a) => a.actorType === 'users' && a.actorId !== viewerUserId);
    return other?.actorId ?? conversation.name;
  }
  return conversation.name;
}

/** `displayName` of a conversation: the name, the other user's display name, or a list of participants. */
export function conversationDisplayName(store: TalkStore, conversation: ConversationRecord, viewerUserId: string | null): string {
  if (conversation.type === ConversationType.ONE_TO_ONE) {
    const other = store.attendeesOf(conversation.token).find((a) => a.actorType === 'users' && a.actorId !== viewerUserId);
    return other?.displayName ?? conversation.name;
  }
  if (conversation.name !== '') return conversation.name;
  return store
    .attendeesOf(conversation.token)
    .filter((a) => a.actorType === 'users')
    .map((a) => a.displayName)
    .join(', ');
}

function isSameActor(m: { actorType: string; actorId: string }, viewer: AttendeeRecord | null): boolean {
  return viewer !== null && m.actorType === (viewer.actorType === 'emails' ? 'guests' : viewer.actorType) && m.actorId === viewer.actorId;
}

function parametersJson(store: TalkStore, parameters: Record<string, RichObject>): Json | [] {
  const names = Object.keys(parameters);
  if (names.length === 0) return [];
  if (!store.profile.mentionIds) return { ...parameters };
  const out: Json = {};
  for (const name of names) {
    const o = parameters[name];
    // Shared objects (`{object}`) are not mentions.
    out[name] = name !== 'object' && MENTION_ID[o.type] ? { ...o, 'mention-id': MENTION_ID[o.type](o) } : o;
  }
  return out;
}

/** Talk 21's `mention-id` of the mentionable rich objects (what a client writes after `@`). */
const MENTION_ID: Record<string, (o: RichObject) => string> = {
  user: (o) => o.id,
  guest: (o) => o.id,
  'user-group': (o) => `group/${o.id}`,
  email: (o) => `email/${o.id}`,
  call: () => 'all',
};

/** The reactions of a message (`{"👍": 2}`, `{}` when none) and the viewer's own ones. */
function reactionsOf(store: TalkStore, message: MessageRecord, viewer: AttendeeRecord | null): { reactions: Record<string, number>; self: string[] } {
  const reactions: Record<string, number> = {};
  const self: string[] = [];
  for (const r of store.reactionsOf(message.id)) {
    reactions[r.reaction] = (reactions[r.reaction] ?? 0) + 1;
    if (viewer && r.actorType === viewer.actorType && r.actorId === viewer.actorId && !self.includes(r.reaction)) self.push(r.reaction);
  }
  return { reactions, self };
}

/** The fields of a message without `parent` (`ChatMessageBase`). */
export function messageBaseView(store: TalkStore, message: MessageRecord, viewer: AttendeeRecord | null): MessageBaseView {
  let text = message.message;
  if (message.messageType === 'comment_deleted' && message.lastEdit && isSameActor(message.lastEdit, viewer)) {
    text = 'Message deleted by you';
  }
  const view: MessageBaseView = {
    id: message.id,
    token: message.token,
    actorType: message.actorType,
    actorId: message.actorId,
    actorDisplayName: message.actorDisplayName,
    timestamp: message.timestamp,
    systemMessage: message.systemMessage as MessageBaseView['systemMessage'],
    messageType: message.messageType,
    isReplyable: message.messageType === 'comment' || message.messageType === 'voice-message',
    referenceId: message.referenceId,
    message: text,
    messageParameters: parametersJson(store, message.messageParameters) as MessageBaseView['messageParameters'],
    expirationTimestamp: message.expirationTimestamp,
    reactions: {},
    markdown: message.markdown,
  };
  const { reactions, self } = reactionsOf(store, message, viewer);
  // A deleted message shows no reactions any more; the viewer's own ones stay listed (as in Talk).
  view.reactions = message.messageType === 'comment_deleted' ? {} : reactions;
  if (self.length > 0) view.reactionsSelf = self;
  if (message.messageType === 'comment_deleted') view.deleted = true;
  if (message.silent) view.silent = true;
  if (message.lastEdit && message.messageType !== 'comment_deleted') {
    view.lastEditActorType = message.lastEdit.actorType;
    view.lastEditActorId = message.lastEdit.actorId;
    view.lastEditActorDisplayName = message.lastEdit.actorDisplayName;
    view.lastEditTimestamp = message.lastEdit.timestamp;
  }
  return view;
}

/** A full `ChatMessage`: the base fields plus `parent` for replies and for deletion/edit notices. */
export function messageView(store: TalkStore, message: MessageRecord, viewer: AttendeeRecord | null): MessageView {
  const view: MessageView = messageBaseView(store, message, viewer);
  if (message.parentId > 0) {
    const parent = store.messageById.get(message.parentId);
    const isNotice = message.systemMessage === 'message_deleted' || message.systemMessage === 'message_edited';
    if (parent && (isNotice || parent.messageType !== 'comment_deleted')) view.parent = messageBaseView(store, parent, viewer);
    else view.parent = { id: message.parentId, deleted: true };
  }
  return view;
}

/** The `Room` of a conversation as seen by a participant (or a visitor of a public conversation). */
export function conversationView(store: TalkStore, p: Participant): RoomView {
  if (!p.attendee) return visitorView(store, p);
  const room = memberView(store, p);
  // Talk tells lobby-held members nothing about the chat (RoomFormatter returns before `lastMessage`).
  if (!lobbyAdmits(p)) {
    if (store.profile.emptyLastMessageForOutsiders) room.lastMessage = [];
    else delete (room as Partial<RoomView>).lastMessage;
    room.unreadMessages = 0;
    room.unreadMention = false;
    room.unreadMentionDirect = false;
  }
  return room;
}

/**
 * What a visitor (not a participant: a guest before joining, a user looking at a public or open conversation,
 * a password-protected one included) sees: Talk's bare room, without names, activity or the last message.
 */
function visitorView(store: TalkStore, p: Participant): RoomView {
  const c = p.conversation;
  const room: RoomView = {
    id: c.id,
    token: c.token,
    type: c.type as RoomView['type'],
    name: '',
    displayName: '',
    objectType: c.objectType as RoomView['objectType'],
    objectId: c.objectId,
    participantType: ParticipantType.GUEST,
    participantFlags: 0,
    readOnly: c.readOnly as RoomView['readOnly'],
    hasPassword: c.password !== '',
    hasCall: false,
    callStartTime: 0,
    callRecording: 0,
    canStartCall: false,
    lastActivity: 0,
    lastReadMessage: 0,
    unreadMessages: 0,
    unreadMention: false,
    unreadMentionDirect: false,
    isFavorite: false,
    canLeaveConversation: false,
    canDeleteConversation: false,
    notificationLevel: NotificationLevel.NEVER,
    notificationCalls: 0,
    lobbyState: c.lobbyState as RoomView['lobbyState'],
    lobbyTimer: c.lobbyTimer,
    lastPing: 0,
    sessionId: '0',
    sipEnabled: 0,
    actorType: '',
    actorId: '',
    attendeeId: 0,
    permissions: Permission.CUSTOM,
    attendeePermissions: Permission.CUSTOM,
    callPermissions: Permission.CUSTOM,
    defaultPermissions: Permission.CUSTOM,
    canEnableSIP: false,
    attendeePin: '',
    description: '',
    lastCommonReadMessage: 0,
    listable: c.listable as RoomView['listable'],
    callFlag: 0,
    messageExpiration: 0,
    avatarVersion: `${c.id}`,
    isCustomAvatar: false,
    breakoutRoomMode: 0,
    breakoutRoomStatus: 0,
    recordingConsent: c.recordingConsent as RoomView['recordingConsent'],
    ...store.profile.roomExtras({ mentionPermissions: 0 }),
  };
  if (store.profile.emptyLastMessageForOutsiders) room.lastMessage = [];
  return room;
}

function memberView(store: TalkStore, p: Participant): RoomView {
  const c = p.conversation;
  const a = p.attendee;
  const viewerUserId = p.actor.kind === 'user' ? p.actor.userId : null;
  const moderator = isModerator(p);
  const lastMessage = c.lastMessageId > 0 ? store.messageById.get(c.lastMessageId) : undefined;
  // Only the request's own session (named by its cookie) is shown: a session id is a secret of its holder.
  const session = p.session;
  const isOneToOne = c.type === ConversationType.ONE_TO_ONE;
  const isGroupLike = c.type === ConversationType.GROUP || c.type === ConversationType.PUBLIC;
  const otherModerators = a ? store.attendeesOf(c.token).filter((x) => x.id !== a.id && isModeratorType(x.participantType) && x.actorType === 'users') : [];
  const otherUsers = a ? store.attendeesOf(c.token).filter((x) => x.id !== a.id && x.actorType === 'users') : [];
  const level = a?.notificationLevel ?? 0;
  const call = callState(store, c.token);
  return {
    id: c.id,
    token: c.token,
    type: c.type as RoomView['type'],
    name: conversationName(store, c, viewerUserId),
    displayName: conversationDisplayName(store, c, viewerUserId),
    description: c.description,
    participantType: (a?.participantType ?? ParticipantType.GUEST) as RoomView['participantType'],
    attendeeId: a?.id ?? 0,
    attendeePin: '',
    actorType: a ? a.actorType : p.actor.kind === 'user' ? 'users' : 'guests',
    actorId: a ? a.actorId : (viewerUserId ?? ''),
    permissions: effectivePermissions(c, a),
    attendeePermissions: a?.permissions ?? 0,
    callPermissions: c.callPermissions,
    defaultPermissions: c.defaultPermissions,
    participantFlags: session?.inCall ?? 0,
    readOnly: c.readOnly as RoomView['readOnly'],
    listable: c.listable as RoomView['listable'],
    messageExpiration: c.messageExpiration,
    lastPing: session?.lastPing ?? 0,
    sessionId: session?.sessionId ?? '0',
    hasPassword: c.password !== '',
    hasCall: call.hasCall,
    callFlag: call.callFlag,
    canStartCall: a !== null && c.type !== ConversationType.CHANGELOG && c.type !== ConversationType.NOTE_TO_SELF,
    canDeleteConversation: moderator && !isOneToOne && c.type !== ConversationType.NOTE_TO_SELF,
    canLeaveConversation: a !== null && (!moderator || otherModerators.length > 0 || otherUsers.length === 0 || !isGroupLike),
    lastActivity: c.lastActivity,
    isFavorite: a?.favorite ?? false,
    notificationLevel: (level === NotificationLevel.DEFAULT
      ? isOneToOne
        ? NotificationLevel.ALWAYS
        : NotificationLevel.MENTION
      : level) as RoomView['notificationLevel'],
    notificationCalls: (a?.notificationCalls ?? 1) as RoomView['notificationCalls'],
    lobbyState: c.lobbyState as RoomView['lobbyState'],
    lobbyTimer: c.lobbyTimer,
    canEnableSIP: false,
    unreadMessages: a ? unreadCount(store, a) : 0,
    unreadMention: a ? a.lastMentionMessage > a.lastReadMessage : false,
    unreadMentionDirect: a ? a.lastMentionDirect > a.lastReadMessage : false,
    lastReadMessage: a?.lastReadMessage ?? 0,
    lastCommonReadMessage: a && a.readPrivacy !== 0 ? 0 : lastCommonRead(store, c.token),
    lastMessage: lastMessage ? messageBaseView(store, lastMessage, a) : [],
    objectType: c.objectType as RoomView['objectType'],
    objectId: c.objectId,
    callStartTime: call.callStartTime,
    callRecording: 0,
    recordingConsent: c.recordingConsent as RoomView['recordingConsent'],
    ...releaseRoomFields(store, c),
  };
}

/** What a participant list shows beyond the attendee: user statuses (`includeStatus`), invitee addresses (moderators). */
export interface ParticipantViewOptions {
  includeStatus?: boolean;
  viewerIsModerator?: boolean;
}

/** A `Participant` of the participant list. */
export function participantView(store: TalkStore, conversation: ConversationRecord, a: AttendeeRecord, options: ParticipantViewOptions = {}): ParticipantView {
  const sessions = store.sessionsOf(a.id).filter((s) => s.token === conversation.token);
  const hashed = a.actorType === 'emails' && store.profile.invitedActorId;
  const invited = hashed && options.viewerIsModerator === true;
  // The dev server has no user status app: every user is "offline" without a message.
  const status = options.includeStatus && a.actorType === 'users' ? { status: 'offline', statusIcon: null, statusMessage: null, statusClearAt: null } : {};
  return {
    roomToken: conversation.token,
    attendeeId: a.id,
    actorType: a.actorType,
    actorId: hashed ? createHash('sha256').update(`${conversation.token}/${a.actorId}`).digest('hex') : a.actorId,
    displayName: a.actorType === 'emails' ? '' : a.displayName,
    participantType: a.participantType as ParticipantView['participantType'],
    lastPing: sessions.reduce((max, s) => Math.max(max, s.lastPing), 0),
    inCall: sessions.reduce((flags, s) => flags | s.inCall, 0),
    permissions: effectivePermissions(conversation, a),
    attendeePermissions: a.permissions,
    attendeePin: '',
    sessionIds: sessions.map((s) => s.sessionId),
    phoneNumber: '',
    callId: '',
    ...(invited ? { invitedActorId: a.actorId } : {}),
    ...status,
  };
}

/** The newer areas' Room fields, with what the imitated release shows of them (Talk 19 has no mentionPermissions). */
function releaseRoomFields(store: TalkStore, c: ConversationRecord): Omit<ReturnType<typeof roomExtras>, 'mentionPermissions'> & Record<string, unknown> {
  const { mentionPermissions, ...fields } = roomExtras(store, c);
  return { ...fields, ...store.profile.roomExtras({ mentionPermissions }) };
}
