// Handlers of the participant operations.
import {
  addParticipant,
  demoteModerator,
  joinConversation,
  leaveConversation,
  listAttendees,
  promoteModerator,
  removeAttendee,
  removeSelf,
  resendInvitations,
  setAllAttendeesPermissions,
  setAttendeePermissions,
  setGuestDisplayName,
  setSessionState,
} from '../domain/attendee.js';
import { assertLobbyOpen, isModerator, resolveParticipant } from '../domain/participant.js';
import { calls } from '../domain/call.js';
import { sipBridgeRefusal } from '../domain/sip-bridge.js';
import { conversationView, participantView } from '../domain/views.js';
import type { DevHandler } from './handler-types.js';
import { EMPTY, bool, input, int, str, toActor, token } from './handler-types.js';

/**
 * Name of the cookie that carries a guest's Talk session id (set by "Join a conversation").
 *
 * @example
 * fetch(url, { headers: { Cookie: `${GUEST_SESSION_COOKIE}=${sessionId}`, 'OCS-APIRequest': 'true' } });
 */
export const GUEST_SESSION_COOKIE = 'talk_session';

/** Participant operation handlers keyed by operationId. */
export const participantHandlers: Record<string, DevHandler> = {
  listParticipants(i, { store }) {
    const p = resolveParticipant(store, token(i), toActor(i.actor));
    assertLobbyOpen(p);
    const includeStatus = bool(i.query.includeStatus) === true;
    const options = { includeStatus, viewerIsModerator: isModerator(p) };
    const data = listAttendees(store, p).map((a) => participantView(store, p.conversation, a, options));
    const headers: Record<string, string> = includeStatus ? { 'X-Nextcloud-Has-User-Statuses': '1' } : {};
    return { status: 200, data, headers };
  },
  listBreakoutRoomParticipants(i, { store }) {
    const p = resolveParticipant(store, token(i), toActor(i.actor));
    assertLobbyOpen(p);
    return { status: 200, data: listAttendees(store, p).map((a) => participantView(store, p.conversation, a)) };
  },
  addParticipant(i, { store }) {
    const result = addParticipant(store, token(i), toActor(i.actor), {
      newParticipant: str(input(i, 'newParticipant')),
      source: i.body?.source === undefined ? undefined : str(i.body.source),
    });
    return { status: 200, data: result.type === undefined ? [] : { type: result.type } };
  },
  removeAttendee(i, { store }) {
    removeAttendee(store, token(i), toActor(i.actor), int(input(i, 'attendeeId')) ?? 0);
    return EMPTY;
  },
  removeSelf(i, { store }) {
    removeSelf(store, token(i), toActor(i.actor));
    return EMPTY;
  },
  joinConversation(i, { store }) {
    const p = joinConversation(store, token(i), toActor(i.actor), {
      password: i.body?.password === undefined ? undefined : str(i.body.password),
      force: bool(i.body?.force),
    });
    // Users and guests alike: the cookie names the session (as Nextcloud's PHP session does); it is not a login.
    const headers: Record<string, string> = { 'Set-Cookie': `${GUEST_SESSION_COOKIE}=${p.session.sessionId}; Path=/; HttpOnly; SameSite=Lax` };
    const room = conversationView(store, p);
    // Talk 19 answers a new guest's join with `null` for the user-only settings (later reads show the defaults).
    if (p.actor.kind === 'guest' && p.newAttendee && store.profile.guestSettingsNull)
      Object.assign(room, { isFavorite: null, notificationLevel: null, notificationCalls: null });
    return { status: 200, data: room, headers };
  },
  leaveConversation(i, { store }) {
    leaveConversation(store, token(i), toActor(i.actor));
    return EMPTY;
  },
  resendInvitations(i, { store }) {
    const raw = input(i, 'attendeeId');
    resendInvitations(store, token(i), toActor(i.actor), raw === null ? null : int(raw));
    return EMPTY;
  },
  setSessionState(i, { store }) {
    setSessionState(store, token(i), toActor(i.actor), int(input(i, 'state')) ?? -1);
    return EMPTY;
  },
  promoteModerator(i, { store }) {
    promoteModerator(store, token(i), toActor(i.actor), int(input(i, 'attendeeId')) ?? 0);
    return EMPTY;
  },
  demoteModerator(i, { store }) {
    demoteModerator(store, token(i), toActor(i.actor), int(input(i, 'attendeeId')) ?? 0);
    return EMPTY;
  },
  setAttendeePermissions(i, { store }) {
    setAttendeePermissions(store, token(i), toActor(i.actor), {
      attendeeId: int(input(i, 'attendeeId')) ?? 0,
      method: str(input(i, 'method')),
      permissions: int(input(i, 'permissions')) ?? 0,
    });
    return EMPTY;
  },
  setAllAttendeesPermissions(i, { store }) {
    setAllAttendeesPermissions(store, token(i), toActor(i.actor), { method: str(input(i, 'method')), permissions: int(input(i, 'permissions')) ?? 0 });
    return EMPTY;
  },
  getParticipantByPin(i, { store }) {
    throw sipBridgeRefusal(store, token(i));
  },
  verifyDialInPin(i, { store }) {
    throw sipBridgeRefusal(store, token(i));
  },
  verifyDialOutNumber(i, { store }) {
    throw sipBridgeRefusal(store, token(i));
  },
  resetRejectedDialOut(i, { store }) {
    throw sipBridgeRefusal(store, token(i));
  },
  joinCall(i, { store }) {
    calls.join(store, token(i), toActor(i.actor), int(input(i, 'flags')));
    return EMPTY;
  },
  leaveCall(i, { store }) {
    calls.leave(store, token(i), toActor(i.actor));
    return EMPTY;
  },
  setGuestDisplayName(i, { store }) {
    setGuestDisplayName(store, token(i), toActor(i.actor), str(input(i, 'displayName')));
    return EMPTY;
  },
};
