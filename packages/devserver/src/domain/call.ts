// Joining and leaving a call with a Talk session (call.md). There is no media or signaling: the session's
// in-call flags are what other participants see (`inCall`, `participantFlags`) and what a second join conflicts with.
import { ConversationType } from './constants.js';
import type { Participant } from './participant.js';
import { appendSystemMessage } from './chat-log.js';
import { assertLobbyOpen, chatIdentity, requireMember } from './participant.js';
import type { Actor, SessionRecord } from './records.js';
import type { TalkStore } from './store.js';
import { TalkError, guardError } from './talk-error.js';

/** In-call flags (constants.md): in call, with audio, with video, on the phone. */
export const InCall = { DISCONNECTED: 0, IN_CALL: 1, WITH_AUDIO: 2, WITH_VIDEO: 4, WITH_PHONE: 8 } as const;

function callSession(store: TalkStore, token: string, actor: Actor): Participant & { session: SessionRecord } {
  const p = requireMember(store, token, actor);
  assertLobbyOpen(p);
  const c = p.conversation;
  if (c.readOnly === 1 || c.type === ConversationType.CHANGELOG || c.type === ConversationType.NOTE_TO_SELF) {
    throw guardError(403, 'readOnly', 'Calls are not possible in this conversation');
  }
  if (!p.session) throw new TalkError(404, 'session', 'The request has no session in the conversation: join it first', undefined, 'bare');
  return { ...p, session: p.session };
}

/** The call operations. */
export const calls = {
  /** "Join a call": the request's session is in the call with `flags` (default audio and video). */
  join(store: TalkStore, token: string, actor: Actor, flags?: number): void {
    const p = callSession(store, token, actor);
    const started = ![...store.sessions.values()].some((s) => s.token === token && s.inCall !== InCall.DISCONNECTED);
    if (started) {
      const { actorType, actorId, displayName } = chatIdentity(store, p);
      appendSystemMessage(store, p.conversation, { actorType, actorId, displayName }, 'call_started', '{actor} started a call');
    }
    const streams = flags ?? InCall.IN_CALL | InCall.WITH_AUDIO | InCall.WITH_VIDEO;
    p.session.inCall = streams | InCall.IN_CALL;
    p.session.lastPing = store.now();
  },
  /** "Leave a call": the request's session stays in the conversation. */
  leave(store: TalkStore, token: string, actor: Actor): void {
    const p = callSession(store, token, actor);
    p.session.inCall = InCall.DISCONNECTED;
  },
};
