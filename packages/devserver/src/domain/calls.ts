// Calls: joining, flags, leaving, the participants in the call, ringing; `hasCall`/`callFlag` come from the
// `inCall` flags of the conversation's sessions (as Talk derives them), the start time is kept per store.
import { ConversationType, Permission } from './constants.js';
import { appendSystemMessage } from './chat-log.js';
import type { Participant } from './participant.js';
import { assertLobbyOpen, chatIdentity, effectivePermissions, isModerator, requireMember } from './participant.js';
import type { Actor, AttendeeRecord, ConversationRecord, RichObject, SessionRecord } from './records.js';
import { perStore } from './per-store.js';
import type { TalkStore } from './store.js';
import { TalkError } from './talk-error.js';

/** `InCallFlags` bits (constants.md "Participant in-call flag"). */
export const InCallFlag = { DISCONNECTED: 0, IN_CALL: 1, WITH_AUDIO: 2, WITH_VIDEO: 4, WITH_PHONE: 8 } as const;

/** What a running call remembers besides the session flags. */
interface CallRecord {
  startedAt: number;
  /** Display names of everybody who was in the call (for the `call_ended` summary). */
  joined: Map<string, RichObject>;
}

const callsOf = perStore(() => new Map<string, CallRecord>());

/** The sessions of a conversation that are in its call, with their attendee. */
export function sessionsInCall(store: TalkStore, token: string): { session: SessionRecord; attendee: AttendeeRecord }[] {
  const found: { session: SessionRecord; attendee: AttendeeRecord }[] = [];
  for (const attendee of store.attendeesOf(token)) {
    for (const session of store.sessionsOf(attendee.id)) {
      if (session.token === token && session.inCall & InCallFlag.IN_CALL) found.push({ session, attendee });
    }
  }
  return found;
}

/**
 * The call state of a conversation as the `Room` shows it: `hasCall`, `callFlag` (OR of every in-call flag),
 * `callStartTime` (Unix seconds, 0 without a call).
 *
 * @example
 * callState(store, 'abc123de'); // { hasCall: false, callFlag: 0, callStartTime: 0 }
 */
export function callState(store: TalkStore, token: string): { hasCall: boolean; callFlag: number; callStartTime: number } {
  const inCall = sessionsInCall(store, token);
  const callFlag = inCall.reduce((flags, s) => flags | s.session.inCall, 0);
  const hasCall = inCall.length > 0;
  return { hasCall, callFlag, callStartTime: hasCall ? (callsOf(store).get(token)?.startedAt ?? 0) : 0 };
}

function inCallParticipant(store: TalkStore, token: string, actor: Actor): Participant & { attendee: AttendeeRecord } {
  const p = requireMember(store, token, actor);
  assertLobbyOpen(p);
  return p;
}

function requireSession(p: Participant): SessionRecord {
  if (!p.session) throw new TalkError(404, 'session', 'The participant did not join the conversation before (no session)');
  return p.session;
}

function richActor(store: TalkStore, p: Participant): RichObject {
  const id = chatIdentity(store, p);
  return id.actorType === 'guests'
    ? { type: 'guest', id: `guest/${id.actorId}`, name: id.displayName || 'Guest' }
    : { type: 'user', id: id.actorId, name: id.displayName };
}

/** Input of "Join a call". */
export interface JoinCallInput {
  flags?: number;
  silent?: boolean;
  recordingConsent?: boolean;
}

/**
 * "Join a call" with the session of the conversation: sets the session's `inCall` flags; the first one in
 * starts the call (`call_started`), later ones write `call_joined`.
 *
 * @example
 * joinCall(store, token, { kind: 'user', userId: 'alice' }, { flags: 3 });
 */
export function joinCall(store: TalkStore, token: string, actor: Actor, input: JoinCallInput = {}): void {
  const p = inCallParticipant(store, token, actor);
  const c = p.conversation;
  const session = requireSession(p);
  if (c.type === ConversationType.CHANGELOG || c.type === ConversationType.NOTE_TO_SELF || c.readOnly === 1) {
    throw new TalkError(403, 'readOnly', 'Calls are not possible in this conversation');
  }
  if (c.recordingConsent === 1 && input.recordingConsent !== true) {
    throw new TalkError(400, 'consent', 'Recording consent is required to join the call');
  }
  const running = sessionsInCall(store, token).filter((s) => s.session !== session);
  const permissions = effectivePermissions(c, p.attendee);
  if (running.length === 0 && !(permissions & Permission.START_CALL)) throw new TalkError(403, 'permissions', 'The participant may not start a call');
  if (running.length > 0 && !(permissions & Permission.JOIN_CALL) && !(permissions & Permission.START_CALL)) {
    throw new TalkError(403, 'permissions', 'The participant may not join the call');
  }
  const wasInCall = (session.inCall & InCallFlag.IN_CALL) !== 0;
  let flags = (input.flags ?? InCallFlag.IN_CALL | InCallFlag.WITH_AUDIO | InCallFlag.WITH_VIDEO) | InCallFlag.IN_CALL;
  if (!(permissions & Permission.PUBLISH_AUDIO)) flags &= ~InCallFlag.WITH_AUDIO;
  if (!(permissions & Permission.PUBLISH_VIDEO)) flags &= ~InCallFlag.WITH_VIDEO;
  session.inCall = flags;
  session.lastPing = store.now();
  const author = chatIdentity(store, p);
  const me = richActor(store, p);
  if (running.length === 0) {
    callsOf(store).set(token, { startedAt: store.now(), joined: new Map([[me.id, me]]) });
    appendSystemMessage(store, c, author, 'call_started', '{actor} started a call');
  } else if (!wasInCall) {
    callsOf(store).get(token)?.joined.set(me.id, me);
    appendSystemMessage(store, c, author, 'call_joined', '{actor} joined the call');
  }
  store.changed();
}

/**
 * "Update call flags": only for a session in the call; `flags` must keep `IN_CALL`.
 *
 * @example
 * updateCallFlags(store, token, { kind: 'user', userId: 'alice' }, 1); // muted, no video
 */
export function updateCallFlags(store: TalkStore, token: string, actor: Actor, flags: number): void {
  const p = inCallParticipant(store, token, actor);
  const session = requireSession(p);
  if (!(session.inCall & InCallFlag.IN_CALL)) throw new TalkError(400, 'call', 'The participant is not in the call');
  if (!(flags & InCallFlag.IN_CALL)) throw new TalkError(400, 'flags', 'The flags must contain IN_CALL (1); leave the call instead');
  session.inCall = flags;
  store.changed();
}

function endCall(
  store: TalkStore,
  c: ConversationRecord,
  author: { actorType: 'users' | 'guests'; actorId: string; displayName: string },
  everyone: boolean,
): void {
  const record = callsOf(store).get(c.token);
  callsOf(store).delete(c.token);
  const seconds = record ? Math.max(0, store.now() - record.startedAt) : 0;
  const duration = `${Math.floor(seconds / 3600)}:${String(Math.floor(seconds / 60) % 60).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
  const people = [...(record?.joined.values() ?? [])];
  const parameters: Record<string, RichObject> = {};
  people.forEach((person, i) => {
    parameters[`user${i}`] = person;
  });
  const names = people.map((_, i) => `{user${i}}`).join(', ');
  if (everyone) appendSystemMessage(store, c, author, 'call_ended_everyone', `{actor} ended the call with ${names} (Duration ${duration})`, parameters);
  else appendSystemMessage(store, c, author, 'call_ended', `Call with ${names} (Duration ${duration})`, parameters);
}

/**
 * "Leave a call": clears the session's flags; the last one out ends the call (`call_ended`). With `all`, a
 * moderator ends the call for everybody (`call_ended_everyone`).
 *
 * @example
 * leaveCall(store, token, { kind: 'user', userId: 'alice' });
 */
export function leaveCall(store: TalkStore, token: string, actor: Actor, all = false): void {
  const p = inCallParticipant(store, token, actor);
  const session = requireSession(p);
  const author = chatIdentity(store, p);
  if (all) {
    if (!isModerator(p)) throw new TalkError(403, 'permissions', 'Only moderators can end the call for everyone');
    const inCall = sessionsInCall(store, token);
    if (inCall.length === 0) return;
    for (const s of inCall) s.session.inCall = InCallFlag.DISCONNECTED;
    endCall(store, p.conversation, author, true);
    store.changed();
    return;
  }
  if (!(session.inCall & InCallFlag.IN_CALL)) return;
  session.inCall = InCallFlag.DISCONNECTED;
  if (sessionsInCall(store, token).length === 0) endCall(store, p.conversation, author, false);
  else appendSystemMessage(store, p.conversation, author, 'call_left', '{actor} left the call');
  store.changed();
}

/** A `CallParticipant` row. */
export type CallParticipantView = {
  actorType: string;
  actorId: string;
  displayName: string;
  lastPing: number;
  sessionId: string;
  inCall: number;
  participantType: number;
};

/**
 * "Get list of connected participants": every session in the call.
 *
 * @example
 * callParticipants(store, token, { kind: 'user', userId: 'bob' }).map((p) => p.actorId); // ['alice']
 */
export function callParticipants(store: TalkStore, token: string, actor: Actor): CallParticipantView[] {
  const p = inCallParticipant(store, token, actor);
  if (p.conversation.readOnly === 1) throw new TalkError(403, 'readOnly', 'The conversation is read-only');
  return sessionsInCall(store, token).map(({ session, attendee }) => ({
    actorType: attendee.actorType,
    actorId: attendee.actorId,
    displayName: attendee.displayName,
    lastPing: session.lastPing,
    sessionId: session.sessionId,
    inCall: session.inCall,
    participantType: attendee.participantType,
  }));
}

/**
 * "Ring an attendee": a participant in the call who may start calls rings an attendee who is not in it.
 *
 * @example
 * ringAttendee(store, token, { kind: 'user', userId: 'alice' }, bobAttendeeId);
 */
export function ringAttendee(store: TalkStore, token: string, actor: Actor, attendeeId: number): void {
  const p = inCallParticipant(store, token, actor);
  if (!(effectivePermissions(p.conversation, p.attendee) & Permission.START_CALL))
    throw new TalkError(403, 'permissions', 'The participant may not start a call');
  if (!p.session || !(p.session.inCall & InCallFlag.IN_CALL)) throw new TalkError(400, 'call', 'The participant is not in the call');
  const target = store.attendees.byId(token, attendeeId);
  if (!target) throw new TalkError(404, 'attendee', 'The attendee could not be found');
  if (store.sessionsOf(target.id).some((s) => s.token === token && s.inCall & InCallFlag.IN_CALL)) {
    throw new TalkError(400, 'call', 'The attendee is already in the call');
  }
}
