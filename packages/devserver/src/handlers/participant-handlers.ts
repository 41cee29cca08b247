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
import { sipBridgeRefusal } from '../domain/sip-bridge.js';
import { conversationView, participantView } from '../domain/views.js';
import type { DevHandlers } from './handler-types.js';
import { EMPTY, conversationAnswer, input, int, toActor } from './handler-types.js';

/**
 * Name of the cookie that carries a guest's Talk session id (set by "Join a conversation").
 *
 * @example
 * fetch(url, { headers: { Cookie: `${GUEST_SESSION_COOKIE}=${sessionId}`, 'OCS-APIRequest': 'true' } });
 */
export const GUEST_SESSION_COOKIE = 'talk_session';

/** Participant operation handlers keyed by operationId. */
export const participantHandlers = {
  listParticipants(i, { store }) {
    const p = resolveParticipant(store, i.params.token, toActor(i.actor));
    assertLobbyOpen(p);
    const includeStatus = i.query.includeStatus === true;
    const options = { includeStatus, viewerIsModerator: isModerator(p) };
    const data = listAttendees(store, p).map((a) => participantView(store, p.conversation, a, options));
    const headers: Record<string, string> = includeStatus ? { 'X-Nextcloud-Has-User-Statuses': '1' } : {};
    return { status: 200, data, headers };
  },
  listBreakoutRoomParticipants(i, { store }) {
    const p = resolveParticipant(store, i.params.token, toActor(i.actor));
    assertLobbyOpen(p);
    return { status: 200, data: listAttendees(store, p).map((a) => participantView(store, p.conversation, a)) };
  },
  addParticipant(i, { store }) {
    const result = addParticipant(store, i.params.token, toActor(i.actor), {
      newParticipant: i.body.newParticipant,
      source: i.body.source,
    });
    return { status: 200, data: result.type === undefined ? [] : { type: result.type } };
  },
  removeAttendee(i, { store }) {
    removeAttendee(store, i.params.token, toActor(i.actor), i.query.attendeeId ?? 0);
    return EMPTY;
  },
  removeSelf(i, { store }) {
    removeSelf(store, i.params.token, toActor(i.actor));
    return EMPTY;
  },
  joinConversation(i, { store }) {
    const p = joinConversation(store, i.params.token, toActor(i.actor), {
      password: i.body.password,
      force: i.body.force,
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
    leaveConversation(store, i.params.token, toActor(i.actor));
    return EMPTY;
  },
  resendInvitations(i, { store }) {
    const raw = input(i, 'attendeeId');
    resendInvitations(store, i.params.token, toActor(i.actor), raw === null ? null : int(raw));
    return EMPTY;
  },
  setSessionState(i, { store }) {
    setSessionState(store, i.params.token, toActor(i.actor), i.body.state ?? -1);
    // Every release answers the conversation.
    return conversationAnswer(store, i.params.token, i.actor);
  },
  promoteModerator(i, { store }) {
    promoteModerator(store, i.params.token, toActor(i.actor), i.body.attendeeId ?? 0);
    return EMPTY;
  },
  demoteModerator(i, { store }) {
    demoteModerator(store, i.params.token, toActor(i.actor), i.query.attendeeId ?? 0);
    return EMPTY;
  },
  setAttendeePermissions(i, { store }) {
    setAttendeePermissions(store, i.params.token, toActor(i.actor), {
      attendeeId: i.body.attendeeId ?? 0,
      method: i.body.method,
      permissions: i.body.permissions ?? 0,
    });
    return EMPTY;
  },
  setAllAttendeesPermissions(i, { store }) {
    setAllAttendeesPermissions(store, i.params.token, toActor(i.actor), { method: i.body.method, permissions: i.body.permissions ?? 0 });
    // Talk 19 answers the conversation; Talk 21 refuses the operation.
    return conversationAnswer(store, i.params.token, i.actor);
  },
  getParticipantByPin(i, { store }) {
    throw sipBridgeRefusal(store, i.params.token);
  },
  verifyDialInPin(i, { store }) {
    throw sipBridgeRefusal(store, i.params.token);
  },
  verifyDialOutNumber(i, { store }) {
    throw sipBridgeRefusal(store, i.params.token);
  },
  resetRejectedDialOut(i, { store }) {
    throw sipBridgeRefusal(store, i.params.token);
  },
  setGuestDisplayName(i, { store }) {
    setGuestDisplayName(store, i.params.token, toActor(i.actor), i.body.displayName);
    return EMPTY;
  },
} satisfies DevHandlers;
