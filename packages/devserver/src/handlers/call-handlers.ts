// Handlers of the call operations (API v4 `/call/{token}`).
import { callParticipants, joinCall, leaveCall, ringAttendee, updateCallFlags } from '../domain/calls.js';
import { requireMember } from '../domain/participant.js';
import { TalkError } from '../domain/talk-error.js';
import type { DevHandler } from './handler-types.js';
import { EMPTY, bool, input, int, toActor, token } from './handler-types.js';

/** Call operation handlers keyed by operationId. */
export const callHandlers: Record<string, DevHandler> = {
  listCallParticipants(i, { store }) {
    return { status: 200, data: callParticipants(store, token(i), toActor(i.actor)) };
  },
  joinCall(i, { store }) {
    joinCall(store, token(i), toActor(i.actor), {
      flags: int(input(i, 'flags')),
      silent: bool(input(i, 'silent')),
      recordingConsent: bool(input(i, 'recordingConsent')),
    });
    return EMPTY;
  },
  updateCallFlags(i, { store }) {
    updateCallFlags(store, token(i), toActor(i.actor), int(input(i, 'flags')) ?? 0);
    return EMPTY;
  },
  leaveCall(i, { store }) {
    leaveCall(store, token(i), toActor(i.actor), bool(i.query.all) ?? false);
    return EMPTY;
  },
  ringAttendee(i, { store }) {
    ringAttendee(store, token(i), toActor(i.actor), int(i.params.attendeeId) ?? 0);
    return EMPTY;
  },
  dialOutAttendee(i, { store }) {
    requireMember(store, token(i), toActor(i.actor));
    throw new TalkError(501, 'sip', 'SIP dial-out is not configured on the dev server');
  },
};
