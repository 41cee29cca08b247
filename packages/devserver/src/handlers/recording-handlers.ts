// Handlers of the user-facing recording operations (API v1 `/recording/{token}`): the dev server has no
// recording server, so starting and stopping answer Talk's `config` refusal; notices are moderator-only.
import { assertLobbyOpen, requireMember, requireModerator } from '../domain/participant.js';
import { TalkError } from '../domain/talk-error.js';
import type { DevHandlerInput, DevHandlers } from './handler-types.js';
import { EMPTY, toActor } from './handler-types.js';
import type { TalkStore } from '../domain/store.js';

function recordingModerator(i: { params: { token: string }; actor: DevHandlerInput['actor'] }, store: TalkStore): void {
  const actor = toActor(i.actor);
  if (actor.kind === 'guest') throw new TalkError(401, 'guest', 'Guests cannot record calls');
  const p = requireMember(store, i.params.token, actor);
  requireModerator(p);
  assertLobbyOpen(p);
}

/** Recording operation handlers keyed by operationId. */
export const recordingHandlers = {
  startCallRecording(i, { store }) {
    recordingModerator(i, store);
    const status = i.body.status;
    if (status !== 1 && status !== 2) throw new TalkError(400, 'status', 'The recording status must be 1 (video) or 2 (audio)');
    throw new TalkError(400, 'config', 'Recording is not enabled on the dev server (no recording server)');
  },
  stopCallRecording(i, { store }) {
    recordingModerator(i, store);
    throw new TalkError(400, 'config', 'Recording is not enabled on the dev server (no recording server)');
  },
  dismissRecordingNotification(i, { store }) {
    const p = requireMember(store, i.params.token, toActor(i.actor));
    requireModerator(p);
    return EMPTY;
  },
  shareRecordingToChat(i, { store }) {
    const p = requireMember(store, i.params.token, toActor(i.actor));
    requireModerator(p);
    throw new TalkError(400, 'file', `The recording file ${String(i.body.fileId)} is not valid (the dev server stores no recordings)`);
  },
} satisfies DevHandlers;
