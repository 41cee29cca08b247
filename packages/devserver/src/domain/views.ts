import type { TalkSchemas } from '@talk-contract/server';
// JSON views of the records as the Talk API returns them (`Room`, `ChatMessage`, `Participant`).
import { callState } from './calls.js';
import { roomExtras } from './room-extras.js';
import { ConversationType, NotificationLevel, ParticipantType, isModeratorType } from './constants.js';
import type { Participant } from './participant.js';
import { effectivePermissions, isModerator } from './participant.js';
import { lastCommonRead, unreadCount } from './read-marker.js';
import type { AttendeeRecord, ConversationRecord, MessageRecord, RichObject } from './records.js';
import type { TalkStore } from './store.js';

/** The contract's `Room` (v4): the conversation view is type-checked against it. */
export type RoomView = TalkSchemas<'v4'>['Room'];
/** The contract's `Participant` (v4). */
export type ParticipantView = TalkSchemas<'v4'>['Participant'];

/** The contract's `ChatMessageBase` and `ChatMessage` (v4). */
export type MessageBaseView = TalkSchemas<'v4'>['ChatMessageBase'];
export type MessageView = TalkSchemas<'v4'>['ChatMessage'];

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

function parametersJson(parameters: Record<string, RichObject>): Json | [] {
  return Object.keys(parameters).length === 0 ? [] : { ...parameters };
}

/** The fields of a message without `parent` (`ChatMessageBase`). */
export function messageBaseView(message: MessageRecord, viewer: AttendeeRecord | null): MessageBaseView {
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
    messageParameters: parametersJson(message.messageParameters) as MessageBaseView['messageParameters'],
    expirationTimestamp: message.expirationTimestamp,
    reactions: [],
    markdown: message.markdown,
  };
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
  const view: MessageView = messageBaseView(message, viewer);
  if (message.parentId > 0) {
    const parent = store.messageById.get(message.parentId);
    const isNotice = message.systemMessage === 'message_deleted' || message.systemMessage === 'message_edited';
    if (parent && (isNotice || parent.messageType !== 'comment_deleted')) view.parent = messageBaseView(parent, viewer);
    else view.parent = { id: message.parentId, deleted: true };
  }
  return view;
}

/** The `Room` of a conversation as seen by a participant (or a visitor of a public conversation). */
export function conversationView(store: TalkStore, p: Participant): RoomView {
  const c = p.conversation;
  const a = p.attendee;
  const viewerUserId = p.actor.kind === 'user' ? p.actor.userId : null;
  const moderator = isModerator(p);
  const lastMessage = c.lastMessageId > 0 ? store.messageById.get(c.lastMessageId) : undefined;
  const sessions = a ? store.sessionsOf(a.id).filter((s) => s.token === c.token) : [];
  const session = p.session ?? sessions[0] ?? null;
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
    notificationLevel: (level === NotificationLevel.DEFAULT ? (isOneToOne ? NotificationLevel.ALWAYS : NotificationLevel.MENTION) : level) as RoomView['notificationLevel'],
    notificationCalls: (a?.notificationCalls ?? 1) as RoomView['notificationCalls'],
    lobbyState: c.lobbyState as RoomView['lobbyState'],
    lobbyTimer: c.lobbyTimer,
    canEnableSIP: false,
    unreadMessages: a ? unreadCount(store, a) : 0,
    unreadMention: a ? a.lastMentionMessage > a.lastReadMessage : false,
    unreadMentionDirect: a ? a.lastMentionDirect > a.lastReadMessage : false,
    lastReadMessage: a?.lastReadMessage ?? 0,
    lastCommonReadMessage: a && a.readPrivacy !== 0 ? 0 : lastCommonRead(store, c.token),
    lastMessage: lastMessage ? messageBaseView(lastMessage, a) : [],
    objectType: c.objectType as RoomView['objectType'],
    objectId: c.objectId,
    callStartTime: call.callStartTime,
    callRecording: 0,
    recordingConsent: c.recordingConsent as RoomView['recordingConsent'],
    ...roomExtras(store, c),
  };
}

/** A `Participant` of the participant list. */
export function participantView(store: TalkStore, conversation: ConversationRecord, a: AttendeeRecord): ParticipantView {
  const sessions = store.sessionsOf(a.id).filter((s) => s.token === conversation.token);
  return {
    attendeeId: a.id,
    actorType: a.actorType,
    actorId: a.actorId,
    displayName: a.displayName,
    participantType: a.participantType as ParticipantView['participantType'],
    lastPing: sessions.reduce((max, s) => Math.max(max, s.lastPing), 0),
    inCall: sessions.reduce((flags, s) => flags | s.inCall, 0),
    permissions: effectivePermissions(conversation, a),
    attendeePermissions: a.permissions,
    attendeePin: '',
    sessionIds: sessions.map((s) => s.sessionId),
  };
}
