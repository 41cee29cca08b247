// Handlers of the call operations (API v4 `/call/{token}`).
import { callParticipants, joinCall, leaveCall, ringAttendee, updateCallFlags } from '../domain/calls.js';
import { requireMember } from '../domain/participant.js';
import { TalkError } from '../domain/talk-error.js';
import type { DevHandlers } from './handler-types.js';
import { EMPTY, toActor } from './handler-types.js';

/** Call operation handlers keyed by operationId. */
export const callHandlers = {
  listCallParticipants(i, { store }) {
    return { status: 200, data: callParticipants(store, i.params.token, toActor(i.actor)) };
  },
  joinCall(i, { store }) {
    joinCall(store, i.params.token, toActor(i.actor), {
      flags: i.body.flags,
      silent: i.body.silent,
      recordingConsent: i.body.recordingConsent,
    });
    return EMPTY;
  },
  updateCallFlags(i, { store }) {
    updateCallFlags(store, i.params.token, toActor(i.actor), i.body.flags ?? 0);
    return EMPTY;
  },
  leaveCall(i, { store }) {
    leaveCall(store, i.params.token, toActor(i.actor), i.query.all ?? false);
    return EMPTY;
  },
  ringAttendee(i, { store }) {
    ringAttendee(store, i.params.token, toActor(i.actor), i.params.attendeeId);
    return EMPTY;
  },
  dialOutAttendee(i, { store }) {
    requireMember(store, i.params.token, toActor(i.actor));
    throw new TalkError(501, 'sip', 'SIP dial-out is not configured on the dev server');
  },
} satisfies DevHandlers;
