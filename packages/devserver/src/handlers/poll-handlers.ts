// Handlers of the poll operations (API v1 `/poll/{token}`).
import { closePoll, createPoll, editDraftPoll, getPoll, votePoll } from '../domain/polls.js';
import type { DevHandlers } from './handler-types.js';
import { input, int, str, toActor } from './handler-types.js';

/** Poll operation handlers keyed by operationId. */
export const pollHandlers = {
  createPoll(i, { store }) {
    return {
      status: 201,
      data: createPoll(store, i.params.token, toActor(i.actor), {
        question: str(input(i, 'question')),
        options: input(i, 'options'),
        resultMode: int(input(i, 'resultMode')),
        maxVotes: int(input(i, 'maxVotes')),
      }),
    };
  },
  editDraftPoll(i, { store }) {
    return editDraftPoll(store, i.params.token, toActor(i.actor), i.params.pollId);
  },
  getPoll(i, { store }) {
    return { status: 201, data: getPoll(store, i.params.token, toActor(i.actor), i.params.pollId) };
  },
  votePoll(i, { store }) {
    return { status: 201, data: votePoll(store, i.params.token, toActor(i.actor), i.params.pollId, input(i, 'optionIds')) };
  },
  closePoll(i, { store }) {
    return { status: 200, data: closePoll(store, i.params.token, toActor(i.actor), i.params.pollId) };
  },
} satisfies DevHandlers;
