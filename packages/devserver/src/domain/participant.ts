// Who is asking, in which conversation, with which rights: participant resolution, permissions, lobby.
import { ConversationType, LobbyState, PERMISSIONS_MAX_DEFAULT, Permission, isModeratorType } from './constants.js';
import type { Actor, AttendeeRecord, ConversationRecord, SessionRecord } from './records.js';
import type { TalkStore } from './store.js';
import { guardError } from './talk-error.js';

/** The requesting actor inside one conversation. `attendee` is null for a non-member looking at a public conversation. */
export interface Participant {
  actor: Actor;
  conversation: ConversationRecord;
  attendee: AttendeeRecord | null;
  session: SessionRecord | null;
}

/** Finds the attendee record of a user in a conversation. */
export function findUserAttendee(store: TalkStore, token: string, userId: string): AttendeeRecord | undefined {
  return store.attendees.byActor(token, 'users', userId);
}

/** The conversation or a 404. */
export function requireConversation(store: TalkStore, token: string): ConversationRecord {
  const conversation = store.conversations.get(token);
  if (!conversation) throw guardError(404, 'conversation', 'The conversation could not be found');
  return conversation;
}

/**
 * Resolves the requesting actor in a conversation. Members always resolve; non-members resolve (with
 * `attendee: null`) only for public conversations (and, for users, open "listable" ones) and only when
 * `allowPublicVisitor` is set. Otherwise 404, as Talk hides conversations the actor is not part of.
 */
export function resolveParticipant(store: TalkStore, token: string, actor: Actor, options: { allowPublicVisitor?: boolean } = {}): Participant {
  const conversation = requireConversation(store, token);
  let attendee: AttendeeRecord | undefined;
  let session: SessionRecord | null = null;
  if (actor.kind === 'user') {
    attendee = findUserAttendee(store, token, actor.userId);
    const s = actor.sessionId ? store.sessions.get(actor.sessionId) : undefined;
    if (attendee && s && s.token === token && s.attendeeId === attendee.id) session = s;
  } else if (actor.sessionId) {
    const s = store.sessions.get(actor.sessionId);
    if (s && s.token === token) {
      const owner = store.attendees.byId(token, s.attendeeId);
      if (owner && (owner.actorType === 'guests' || owner.actorType === 'emails')) {
        attendee = owner;
        session = s;
      }
    }
  }
  if (attendee) return { actor, conversation, attendee, session };
  const listedForUser =
    actor.kind === 'user' && conversation.listable >= 1 && (conversation.type === ConversationType.GROUP || conversation.type === ConversationType.PUBLIC);
  if (options.allowPublicVisitor && (conversation.type === ConversationType.PUBLIC || listedForUser)) {
    return { actor, conversation, attendee: null, session: null };
  }
  throw guardError(404, 'conversation', 'The conversation could not be found for the participant');
}

/** Resolves a member (never a visitor) or 404. */
export function requireMember(store: TalkStore, token: string, actor: Actor): Participant & { attendee: AttendeeRecord } {
  return resolveParticipant(store, token, actor) as Participant & { attendee: AttendeeRecord };
}

/** Whether the participant has moderator rights (owner, moderator, guest moderator). */
export function isModerator(p: Participant): boolean {
  return p.attendee !== null && isModeratorType(p.attendee.participantType);
}

/** 403 unless the participant is a moderator. */
export function requireModerator(p: Participant): void {
  if (!isModerator(p)) throw guardError(403, 'permissions', 'The current user is not a moderator or owner');
}

/**
 * Combined final permissions, as Talk's `Participant::getPermissions()`: moderators have every default permission
 * (254, not the `Custom` bit); otherwise the first non-zero one of attendee, call and conversation default
 * permissions applies, falling back to everything except "ignore lobby" (246).
 */
export function effectivePermissions(conversation: ConversationRecord, attendee: AttendeeRecord | null): number {
  if (!attendee) return PERMISSIONS_MAX_DEFAULT & ~Permission.LOBBY_IGNORE;
  if (isModeratorType(attendee.participantType)) return PERMISSIONS_MAX_DEFAULT;
  if (attendee.permissions !== Permission.DEFAULT) return attendee.permissions;
  if (conversation.callPermissions !== Permission.DEFAULT) return conversation.callPermissions;
  if (conversation.defaultPermissions !== Permission.DEFAULT) return conversation.defaultPermissions;
  return PERMISSIONS_MAX_DEFAULT & ~Permission.LOBBY_IGNORE;
}

/** The base the `add`/`remove` permission methods start from when the attendee has default permissions. */
export function permissionBase(conversation: ConversationRecord, attendee: AttendeeRecord): number {
  if (attendee.permissions !== 0) return attendee.permissions;
  if (conversation.callPermissions !== 0) return conversation.callPermissions;
  if (conversation.defaultPermissions !== 0) return conversation.defaultPermissions;
  return isModeratorType(attendee.participantType) ? PERMISSIONS_MAX_DEFAULT : PERMISSIONS_MAX_DEFAULT & ~Permission.LOBBY_IGNORE;
}

/** Whether the lobby lets the participant in: no lobby, or the "ignore lobby" permission (moderators have it). */
export function lobbyAdmits(p: Participant): boolean {
  if (p.conversation.lobbyState !== LobbyState.NON_MODERATORS) return true;
  return (effectivePermissions(p.conversation, p.attendee) & Permission.LOBBY_IGNORE) !== 0;
}

/** 412 when the lobby is active and the participant may not ignore it. */
export function assertLobbyOpen(p: Participant): void {
  if (!lobbyAdmits(p)) throw guardError(412, 'lobby', 'The lobby is active and the user is not a moderator');
}

/** The actor's chat identity: actorType/actorId/displayName as written on messages. */
export function chatIdentity(store: TalkStore, p: Participant): { actorType: 'users' | 'guests'; actorId: string; displayName: string } {
  if (p.actor.kind === 'user') {
    const user = store.users.get(p.actor.userId);
    return { actorType: 'users', actorId: p.actor.userId, displayName: user?.displayName ?? p.actor.userId };
  }
  return { actorType: 'guests', actorId: p.attendee?.actorId ?? 'guest', displayName: p.attendee?.displayName ?? '' };
}
