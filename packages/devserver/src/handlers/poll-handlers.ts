// Handlers of the poll operations (API v1 `/poll/{token}`).
import { closePoll, createPoll, editDraftPoll, getPoll, votePoll } from '../domain/polls.js';
import type { DevHandler } from './handler-types.js';
import { input, int, str, toActor, token } from './handler-types.js';

const pollId = (i: Parameters<DevHandler>[0]) => int(i.params.pollId) ?? 0;

/** Poll operation handlers keyed by operationId. */
export const pollHandlers: Record<string, DevHandler> = {
  createPoll(i, { store }) {
    return {
      status: 201,
      data: createPoll(store, token(i), toActor(i.actor), {
        question: str(input(i, 'question')),
        options: input(i, 'options'),
        resultMode: int(input(i, 'resultMode')),
        maxVotes: int(input(i, 'maxVotes')),
      }),
    };
  },
  editDraftPoll(i, { store }) {
    return editDraftPoll(store, token(i), toActor(i.actor), pollId(i));
  },
  getPoll(i, { store }) {
    return { status: 201, data: getPoll(store, token(i), toActor(i.actor), pollId(i)) };
  },
  votePoll(i, { store }) {
    return { status: 201, data: votePoll(store, token(i), toActor(i.actor), pollId(i), input(i, 'optionIds')) };
  },
  closePoll(i, { store }) {
    return { status: 200, data: closePoll(store, token(i), toActor(i.actor), pollId(i)) };
  },
};
