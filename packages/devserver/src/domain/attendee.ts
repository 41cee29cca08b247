// Attendee management: add, remove, leave, promote/demote, permissions, guests' display names.
import { createHash } from 'node:crypto';
import { ConversationType, ParticipantType, Permission, isModeratorType } from './constants.js';
import { appendSystemMessage, userObject } from './chat-log.js';
import type { MessageAuthor } from './chat-log.js';
import { addAttendee, addUserAttendee, deleteConversationRecord } from './conversation.js';
import type { Participant } from './participant.js';
import { chatIdentity, isModerator, permissionBase, requireMember, requireModerator, resolveParticipant } from './participant.js';
import type { Actor, AttendeeRecord, RichObject, SessionRecord } from './records.js';
import type { TalkStore } from './store.js';
import type { RefusalStyle } from './release-profile.js';
import { phoneParticipantRefusal } from './sip-bridge.js';
import { TalkError, guardError } from './talk-error.js';

function author(store: TalkStore, p: Participant): MessageAuthor {
  const id = chatIdentity(store, p);
  return { actorType: id.actorType, actorId: id.actorId, displayName: id.displayName };
}

function attendeeObject(store: TalkStore, a: AttendeeRecord): RichObject {
  if (a.actorType === 'users') return userObject(store, a.actorId);
  if (a.actorType === 'guests') return { type: 'guest', id: `guest/${a.actorId}`, name: a.displayName || 'Guest' };
  if (a.actorType === 'emails') return { type: 'email', id: a.actorId, name: a.displayName };
  return { type: 'user-group', id: a.actorId, name: a.displayName };
}

function findAttendee(store: TalkStore, token: string, attendeeId: number, style: RefusalStyle = 'reason'): AttendeeRecord {
  const a = store.attendees.byId(token, attendeeId);
  if (!a) throw new TalkError(404, 'participant', 'The participant could not be found', undefined, style);
  return a;
}

function dropAttendee(store: TalkStore, a: AttendeeRecord): void {
  for (const s of store.sessionsOf(a.id)) store.sessions.delete(s.sessionId);
  store.attendees.remove(a);
  store.changed();
}

/** Input of "Add a participant to a conversation". */
export interface AddParticipantInput {
  newParticipant: string;
  source?: string;
}

/** Adds a user, group or e-mail guest. Returns the new conversation type when it changed (group → public). */
export function addParticipant(store: TalkStore, token: string, actor: Actor, input: AddParticipantInput): { type?: ConversationType } {
  const p = requireMember(store, token, actor);
  const c = p.conversation;
  const source = input.source ?? 'users';
  if (source === 'phones') throw phoneParticipantRefusal();
  if (!['users', 'groups', 'emails'].includes(source)) throw new TalkError(400, 'source', 'Unknown source type');
  if (c.type === ConversationType.ONE_TO_ONE || c.type === ConversationType.NOTE_TO_SELF || c.type === ConversationType.CHANGELOG) {
    throw new TalkError(400, 'type', 'Participants can not be added to this conversation');
  }
  requireModerator(p);
  const me = author(store, p);
  if (source === 'users') {
    if (!store.users.has(input.newParticipant)) throw new TalkError(404, 'participant', 'The user to add could not be found');
    const existing = store.attendees.byActor(token, 'users', input.newParticipant);
    if (existing && existing.participantType !== ParticipantType.USER_SELF_JOINED) return {};
    if (existing) existing.participantType = ParticipantType.USER;
    else addUserAttendee(store, c, input.newParticipant, ParticipantType.USER);
    appendSystemMessage(store, c, me, 'user_added', '{actor} added {user} to the conversation', { user: userObject(store, input.newParticipant) });
    return {};
  }
  if (source === 'groups') {
    const members = [...store.users.values()].filter((u) => u.groups.includes(input.newParticipant));
    if (members.length === 0) throw new TalkError(404, 'participant', 'The group to add could not be found');
    if (!store.attendeesOf(token).some((a) => a.actorType === 'groups' && a.actorId === input.newParticipant)) {
      addAttendee(store, c, { actorType: 'groups', actorId: input.newParticipant, displayName: input.newParticipant, participantType: ParticipantType.USER });
      appendSystemMessage(store, c, me, 'group_added', '{actor} added group {group} to the conversation', {
        group: { type: 'user-group', id: input.newParticipant, name: input.newParticipant },
      });
    }
    for (const u of members) addUserAttendee(store, c, u.id, ParticipantType.USER);
    return {};
  }
  // Talk takes any string as an e-mail invitation (no mail is sent when it is not an address).
  const email = input.newParticipant;
  if (c.type === ConversationType.GROUP) {
    c.type = ConversationType.PUBLIC;
    appendSystemMessage(store, c, me, 'guests_allowed', '{actor} allowed guests in the conversation');
  }
  if (!store.attendeesOf(token).some((a) => a.actorType === 'emails' && a.actorId === email)) {
    addAttendee(store, c, { actorType: 'emails', actorId: email, displayName: email, participantType: ParticipantType.GUEST });
  }
  // Talk answers the (now public) conversation type for every e-mail invitation.
  return { type: c.type };
}

/** "Delete an attendee by id from a conversation". */
export function removeAttendee(store: TalkStore, token: string, actor: Actor, attendeeId: number): void {
  const p = requireMember(store, token, actor);
  requireModerator(p);
  const target = findAttendee(store, token, attendeeId);
  // Removing oneself by attendee id is "Remove yourself" (with its last-moderator rule), as in Talk.
  if (target.id === p.attendee.id) return removeSelf(store, token, actor);
  if (target.participantType === ParticipantType.OWNER) throw new TalkError(403, 'owner', 'The owner can not be removed');
  dropAttendee(store, target);
  if (target.actorType === 'users') {
    appendSystemMessage(store, p.conversation, author(store, p), 'user_removed', '{actor} removed {user} from the conversation', {
      user: attendeeObject(store, target),
    });
  } else if (target.actorType === 'groups') {
    appendSystemMessage(store, p.conversation, author(store, p), 'group_removed', '{actor} removed group {group} from the conversation', {
      group: attendeeObject(store, target),
    });
  }
}

/** "Remove yourself from a conversation". Deletes the conversation when no user is left. */
export function removeSelf(store: TalkStore, token: string, actor: Actor): void {
  if (actor.kind !== 'user') throw guardError(401, 'guest', 'Current user is not logged in');
  const p = requireMember(store, token, actor);
  const c = p.conversation;
  const others = store.attendeesOf(token).filter((a) => a.id !== p.attendee.id && a.actorType === 'users');
  const isGroupLike = c.type === ConversationType.GROUP || c.type === ConversationType.PUBLIC;
  if (isGroupLike && isModeratorType(p.attendee.participantType) && others.length > 0 && !others.some((a) => isModeratorType(a.participantType))) {
    throw new TalkError(400, 'last-moderator', 'You are the last moderator, promote another participant first');
  }
  dropAttendee(store, p.attendee);
  if (others.length === 0 || c.type === ConversationType.NOTE_TO_SELF || c.type === ConversationType.CHANGELOG) {
    if (c.type === ConversationType.ONE_TO_ONE && others.length > 0) return;
    deleteConversationRecord(store, token);
    return;
  }
  if (c.type !== ConversationType.ONE_TO_ONE && p.attendee.actorType === 'users') {
    const me = author(store, p);
    appendSystemMessage(store, c, me, 'user_removed', '{actor} removed {user} from the conversation', { user: attendeeObject(store, p.attendee) });
  }
}

/** Input of "Join a conversation". */
export interface JoinInput {
  password?: string;
  force?: boolean;
}

/** "Join a conversation": creates a session (and a self-joined or guest attendee for public conversations). */
export function joinConversation(
  store: TalkStore,
  token: string,
  actor: Actor,
  input: JoinInput,
): Participant & { attendee: AttendeeRecord; session: SessionRecord; newAttendee: boolean } {
  if (!store.conversations.has(token)) throw new TalkError(404, 'conversation', 'The conversation could not be found', undefined, 'bare');
  const p = resolveParticipant(store, token, actor, { allowPublicVisitor: true });
  const c = p.conversation;
  let attendee = p.attendee;
  // Only newcomers need the password: attendees (self-joined ones included) are in already.
  if (attendee === null && c.password !== '' && input.password !== c.password) {
    throw new TalkError(403, 'password', 'The password is required and did not match');
  }
  const others = attendee ? store.sessionsOf(attendee.id).filter((s) => s.token === token) : [];
  if (attendee && input.force === false) {
    const inCall = others.find((s) => s.inCall !== 0);
    if (inCall) {
      throw new TalkError(409, 'conflict', 'The participant is already in the call with a session', {
        sessionId: inCall.sessionId,
        inCall: inCall.inCall,
        lastPing: inCall.lastPing,
      });
    }
  }
  // Joining again from the same session (its cookie) keeps it, as Talk does.
  if (attendee && p.session) return { ...p, attendee, session: p.session, newAttendee: false };
  const newAttendee = attendee === null;
  const sessionId = store.newSessionId();
  if (!attendee) {
    if (actor.kind === 'user' && c.listable >= 1) {
      // Joining an open (listable) conversation makes the user a regular member, announced in the chat.
      attendee = addUserAttendee(store, c, actor.userId, ParticipantType.USER);
      const user = store.users.get(actor.userId);
      appendSystemMessage(
        store,
        c,
        { actorType: 'users', actorId: actor.userId, displayName: user?.displayName ?? actor.userId },
        'user_added',
        '{actor} joined the conversation',
        {
          user: userObject(store, actor.userId),
        },
      );
    } else if (actor.kind === 'user') {
      attendee = addUserAttendee(store, c, actor.userId, ParticipantType.USER_SELF_JOINED);
    } else {
      const guestId = createHash('sha1').update(sessionId).digest('hex');
      attendee = addAttendee(store, c, { actorType: 'guests', actorId: guestId, displayName: '', participantType: ParticipantType.GUEST });
    }
  } else if (input.force !== false) {
    // force (the default): the other sessions of this attendee in the conversation end.
    for (const s of others) store.sessions.delete(s.sessionId);
  }
  const session: SessionRecord = { sessionId, attendeeId: attendee.id, token, inCall: 0, lastPing: store.now(), state: 1 };
  store.sessions.set(sessionId, session);
  const joined: Actor = actor.kind === 'guest' ? { kind: 'guest', sessionId } : { ...actor, sessionId };
  return { actor: joined, conversation: c, attendee, session, newAttendee };
}

/**
 * "Leave a conversation": ends the request's own session (the one its cookie names; nothing without one, and
 * 200 even for unknown conversations, as Talk does); guests and self-joined users without any other session
 * stop being attendees.
 */
export function leaveConversation(store: TalkStore, token: string, actor: Actor): void {
  const conversation = store.conversations.get(token);
  if (!conversation) return;
  let p: Participant;
  try {
    p = resolveParticipant(store, token, actor);
  } catch {
    return;
  }
  if (!p.attendee || !p.session) return;
  store.sessions.delete(p.session.sessionId);
  const remaining = store.sessionsOf(p.attendee.id).some((s) => s.token === token);
  if (!remaining && (p.attendee.actorType === 'guests' || p.attendee.participantType === ParticipantType.USER_SELF_JOINED)) {
    dropAttendee(store, p.attendee);
  }
}

/** "Set session state" (0 inactive, 1 active) of the request's own session; 404 without one. */
export function setSessionState(
  store: TalkStore,
  token: string,
  actor: Actor,
  state: number,
): Participant & { attendee: AttendeeRecord; session: SessionRecord } {
  const p = requireMember(store, token, actor);
  if (state !== 0 && state !== 1) throw new TalkError(400, 'state', 'Invalid session state', undefined, 'bare');
  if (!p.session) throw new TalkError(404, 'session', 'The participant has no session in the conversation', undefined, 'bare');
  p.session.state = state;
  p.session.lastPing = store.now();
  return { ...p, session: p.session };
}

/** "Promote a user or guest to moderator". */
export function promoteModerator(store: TalkStore, token: string, actor: Actor, attendeeId: number): void {
  const p = requireMember(store, token, actor);
  requireModerator(p);
  const target = findAttendee(store, token, attendeeId, 'bare');
  if (target.participantType === ParticipantType.OWNER) throw new TalkError(403, 'owner', 'The owner can not be promoted', undefined, 'bare');
  if (target.participantType !== ParticipantType.USER && target.participantType !== ParticipantType.GUEST) {
    throw new TalkError(400, 'type', 'Only normal users and guests can be promoted', undefined, 'bare');
  }
  const guest = target.participantType === ParticipantType.GUEST;
  target.participantType = guest ? ParticipantType.GUEST_MODERATOR : ParticipantType.MODERATOR;
  appendSystemMessage(
    store,
    p.conversation,
    author(store, p),
    guest ? 'guest_moderator_promoted' : 'moderator_promoted',
    '{actor} promoted {user} to moderator',
    {
      user: attendeeObject(store, target),
    },
  );
}

/** "Demote a moderator to user or guest". */
export function demoteModerator(store: TalkStore, token: string, actor: Actor, attendeeId: number): void {
  const p = requireMember(store, token, actor);
  requireModerator(p);
  const target = findAttendee(store, token, attendeeId, 'bare');
  if (target.id === p.attendee.id) throw new TalkError(403, 'self', 'You can not demote yourself', undefined, 'bare');
  if (target.participantType !== ParticipantType.MODERATOR && target.participantType !== ParticipantType.GUEST_MODERATOR) {
    throw new TalkError(400, 'type', 'The participant is not a moderator', undefined, 'bare');
  }
  const guest = target.participantType === ParticipantType.GUEST_MODERATOR;
  target.participantType = guest ? ParticipantType.GUEST : ParticipantType.USER;
  appendSystemMessage(
    store,
    p.conversation,
    author(store, p),
    guest ? 'guest_moderator_demoted' : 'moderator_demoted',
    '{actor} demoted {user} from moderator',
    {
      user: attendeeObject(store, target),
    },
  );
}

function applyPermissionMethod(base: number, method: string, permissions: number): number {
  let value: number;
  if (method === 'set') value = permissions;
  else if (method === 'add') value = base | permissions;
  else value = base & ~permissions;
  return value === 0 && method === 'set' ? 0 : value | Permission.CUSTOM;
}

function assertPermissionTarget(p: Participant, method: string): void {
  const c = p.conversation;
  if (c.type === ConversationType.ONE_TO_ONE || c.type === ConversationType.NOTE_TO_SELF || c.type === ConversationType.CHANGELOG) {
    throw new TalkError(400, 'type', 'The conversation type does not support permissions');
  }
  if (!['set', 'add', 'remove'].includes(method)) throw new TalkError(400, 'method', 'Invalid permission method');
  requireModerator(p);
}

/** "Set permissions for an attendee" (`set`, `add`, `remove`). */
export function setAttendeePermissions(
  store: TalkStore,
  token: string,
  actor: Actor,
  input: { attendeeId: number; method: string; permissions: number },
): void {
  const p = requireMember(store, token, actor);
  assertPermissionTarget(p, input.method);
  const target = findAttendee(store, token, input.attendeeId);
  if (isModeratorType(target.participantType)) throw new TalkError(403, 'moderator', 'Moderators have all permissions');
  if (target.actorType === 'groups') throw new TalkError(400, 'type', 'Groups can not have permissions');
  target.permissions = applyPermissionMethod(permissionBase(p.conversation, target), input.method, input.permissions);
  if (target.participantType === ParticipantType.USER_SELF_JOINED) target.participantType = ParticipantType.USER;
  store.changed();
}

/** "Set permissions for all attendees" (removed in Talk 21, which answers 400 `null` to members). */
export function setAllAttendeesPermissions(store: TalkStore, token: string, actor: Actor, input: { method: string; permissions: number }): void {
  const p = requireMember(store, token, actor);
  if (!store.profile.allAttendeesPermissions) {
    requireModerator(p);
    throw new TalkError(400, 'method', 'Talk 21 no longer sets the permissions of all attendees: set the conversation permissions', undefined, 'bare');
  }
  assertPermissionTarget(p, input.method);
  for (const a of store.attendeesOf(token)) {
    if (a.actorType === 'groups') continue;
    a.permissions = applyPermissionMethod(permissionBase(p.conversation, a), input.method, input.permissions);
  }
  store.changed();
}

/** "Resend participant emails": no e-mails are sent by the dev server; validates like Talk. */
export function resendInvitations(store: TalkStore, token: string, actor: Actor, attendeeId: number | null | undefined): void {
  const p = requireMember(store, token, actor);
  requireModerator(p);
  if (attendeeId !== null && attendeeId !== undefined) findAttendee(store, token, attendeeId, 'bare');
}

/** "Set display name as a guest". */
export function setGuestDisplayName(store: TalkStore, token: string, actor: Actor, displayName: string): void {
  if (actor.kind !== 'guest') {
    requireMember(store, token, actor);
    throw new TalkError(403, 'guest', 'The current user is not a guest', undefined, 'bare');
  }
  const p = requireMember(store, token, actor);
  if (p.attendee.actorType !== 'guests') throw new TalkError(403, 'guest', 'The current user is not a guest', undefined, 'bare');
  p.attendee.displayName = displayName.slice(0, 64);
  store.changed();
}

/** The attendees of a conversation, for "Get list of participants" (guests get 403, lobby 412 checked by caller). */
export function listAttendees(store: TalkStore, p: Participant): readonly AttendeeRecord[] {
  if (!isModerator(p) && p.attendee?.actorType === 'guests') throw new TalkError(403, 'guest', 'Guests can not list participants', undefined, 'bare');
  return store.attendeesOf(p.conversation.token);
}
