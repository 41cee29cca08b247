// Handlers of the poll operations (API v1 `/poll/{token}`).
import { closePoll, createPoll, editDraftPoll, getPoll, votePoll } from '../domain/polls.js';
import type { DevHandlers } from './handler-types.js';
import { toActor } from './handler-types.js';

/** Poll operation handlers keyed by operationId. */
export const pollHandlers = {
  createPoll(i, { store }) {
    return {
      status: 201,
      data: createPoll(store, i.params.token, toActor(i.actor), {
        question: i.body.question,
        options: i.body.options,
        resultMode: i.body.resultMode,
        maxVotes: i.body.maxVotes,
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
    return { status: 201, data: votePoll(store, i.params.token, toActor(i.actor), i.params.pollId, i.body.optionIds) };
  },
  closePoll(i, { store }) {
    return { status: 200, data: closePoll(store, i.params.token, toActor(i.actor), i.params.pollId) };
  },
} satisfies DevHandlers;
