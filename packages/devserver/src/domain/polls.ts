// Polls (`/poll/{token}`, API v1): create, show, vote, close. A poll is posted as a chat message whose `{object}`
// is the `talk-poll` rich object; votes and closing write `poll_voted` / `poll_closed`. Kept per store in memory
// (not in the data file).
import { ConversationType } from './constants.js';
import { actorObject, appendMessage, appendSystemMessage } from './chat-log.js';
import { chatReader, chatWriter } from './chat.js';
import type { Participant } from './participant.js';
import { chatIdentity, isModerator } from './participant.js';
import type { Actor, PollRecord, RichObject } from './records.js';
import type { TalkSchemas } from '@talk-contract/server';
import type { TalkStore } from './store.js';
import { TalkError } from './talk-error.js';

/** `PollStatus` and `PollMode` values. */
export const PollStatus = { OPEN: 0, CLOSED: 1 } as const;
export type PollStatus = (typeof PollStatus)[keyof typeof PollStatus];
export const PollMode = { PUBLIC: 0, HIDDEN: 1 } as const;
export type PollMode = (typeof PollMode)[keyof typeof PollMode];

/** A poll as the contract types it (`Poll`). */
export type PollView = TalkSchemas<'v4'>['Poll'];

function pollObject(poll: PollRecord): RichObject {
  return { type: 'talk-poll', id: String(poll.id), name: poll.question };
}

/** Input of "Create a poll". */
export interface NewPollInput {
  question: string;
  options: unknown;
  resultMode?: number;
  maxVotes?: number;
}

/** The `Poll` as `p` sees it: summary only after voting in a public poll, or once closed; details when closed and public. */
export function pollView(poll: PollRecord, p: Participant): PollView {
  const me = p.attendee ? { actorType: p.attendee.actorType, actorId: p.attendee.actorId } : null;
  const mine = me ? poll.votes.filter((v) => v.actorType === me.actorType && v.actorId === me.actorId) : [];
  const voters = new Set(poll.votes.map((v) => `${v.actorType}/${v.actorId}`));
  const closed = poll.status === PollStatus.CLOSED;
  const summary = closed || (mine.length > 0 && poll.resultMode === PollMode.PUBLIC);
  const votes: Record<string, number> = {};
  for (const v of poll.votes) votes[`option-${v.optionId}`] = (votes[`option-${v.optionId}`] ?? 0) + 1;
  const isAuthor = me !== null && me.actorType === poll.actorType && me.actorId === poll.actorId;
  const view: PollView = {
    id: poll.id,
    question: poll.question,
    options: poll.options,
    votes: summary ? votes : [],
    actorType: poll.actorType,
    actorId: poll.actorId,
    actorDisplayName: poll.actorDisplayName,
    status: poll.status,
    resultMode: poll.resultMode,
    maxVotes: poll.maxVotes,
    votedSelf: mine.map((v) => v.optionId),
    numVoters: summary || isAuthor || isModerator(p) ? voters.size : 0,
  };
  if (closed && poll.resultMode === PollMode.PUBLIC) view.details = poll.votes.map((v) => ({ ...v }));
  return view;
}

/**
 * "Create a poll" in a group or public conversation: posts the poll message (`{object}` = `talk-poll`).
 *
 * @example
 * createPoll(store, token, { kind: 'user', userId: 'alice' }, { question: 'Lunch?', options: ['Pizza', 'Sushi'] });
 */
export function createPoll(store: TalkStore, token: string, actor: Actor, input: NewPollInput): PollView {
  const p = chatWriter(store, token, actor);
  const c = p.conversation;
  if (c.type !== ConversationType.GROUP && c.type !== ConversationType.PUBLIC)
    throw new TalkError(400, 'room', 'Polls are only possible in group and public conversations');
  const question = input.question.trim();
  if (question === '') throw new TalkError(400, 'question', 'The question must not be empty');
  if (!Array.isArray(input.options) || input.options.length < 2 || input.options.some((o) => typeof o !== 'string' || o.trim() === '')) {
    throw new TalkError(400, 'options', 'A poll needs at least two non-empty options (options[])');
  }
  const resultMode = input.resultMode ?? PollMode.PUBLIC;
  if (resultMode !== PollMode.PUBLIC && resultMode !== PollMode.HIDDEN) throw new TalkError(400, 'resultMode', 'resultMode must be 0 (public) or 1 (hidden)');
  const maxVotes = input.maxVotes ?? 0;
  if (maxVotes < 0) throw new TalkError(400, 'maxVotes', 'maxVotes must be 0 (unlimited) or more');
  const author = chatIdentity(store, p);
  const poll: PollRecord = {
    id: store.nextId.poll++,
    token,
    question,
    options: (input.options as string[]).map((o) => o.trim()),
    actorType: author.actorType,
    actorId: author.actorId,
    actorDisplayName: author.displayName,
    status: PollStatus.OPEN,
    resultMode,
    maxVotes,
    votes: [],
  };
  store.polls.set(poll.id, poll);
  appendMessage(store, c, { author, message: '{object}', messageParameters: { actor: actorObject(author), object: pollObject(poll) } });
  return pollView(poll, p);
}

function findPoll(store: TalkStore, token: string, pollId: number): PollRecord {
  const poll = store.polls.get(pollId);
  if (!poll || poll.token !== token) throw new TalkError(404, 'poll', 'The poll could not be found in the conversation');
  return poll;
}

/**
 * "Get state or result of a poll".
 *
 * @example
 * getPoll(store, token, { kind: 'user', userId: 'bob' }, 1).status; // 0
 */
export function getPoll(store: TalkStore, token: string, actor: Actor, pollId: number): PollView {
  const p = chatReader(store, token, actor);
  return pollView(findPoll(store, token, pollId), p);
}

/**
 * "Vote on a poll": replaces the participant's earlier votes; `[]` withdraws them. Writes `poll_voted`.
 *
 * @example
 * votePoll(store, token, { kind: 'user', userId: 'bob' }, 1, [0]);
 */
export function votePoll(store: TalkStore, token: string, actor: Actor, pollId: number, optionIds: unknown): PollView {
  const p = chatWriter(store, token, actor);
  const poll = findPoll(store, token, pollId);
  if (poll.status === PollStatus.CLOSED) throw new TalkError(400, 'poll', 'The poll is closed');
  if (!Array.isArray(optionIds) || optionIds.some((o) => !Number.isInteger(Number(o)) || Number(o) < 0 || Number(o) >= poll.options.length)) {
    throw new TalkError(400, 'options', `optionIds must be option indexes between 0 and ${poll.options.length - 1}`);
  }
  const ids = [...new Set(optionIds.map(Number))];
  if (poll.maxVotes > 0 && ids.length > poll.maxVotes) throw new TalkError(400, 'options', `At most ${poll.maxVotes} option(s) can be voted`);
  const voter = chatIdentity(store, p);
  poll.votes = poll.votes.filter((v) => !(v.actorType === voter.actorType && v.actorId === voter.actorId));
  for (const optionId of ids) poll.votes.push({ actorType: voter.actorType, actorId: voter.actorId, actorDisplayName: voter.displayName, optionId });
  appendSystemMessage(store, p.conversation, voter, 'poll_voted', 'Someone voted on the poll {poll}', { poll: pollObject(poll) });
  return pollView(poll, p);
}

/**
 * "Close a poll": the author or a moderator; writes `poll_closed`.
 *
 * @example
 * closePoll(store, token, { kind: 'user', userId: 'alice' }, 1).status; // 1
 */
export function closePoll(store: TalkStore, token: string, actor: Actor, pollId: number): PollView {
  const p = chatWriter(store, token, actor);
  const poll = findPoll(store, token, pollId);
  const me = chatIdentity(store, p);
  if (!(me.actorType === poll.actorType && me.actorId === poll.actorId) && !isModerator(p)) {
    throw new TalkError(403, 'permissions', 'Only the author of the poll or a moderator can close it');
  }
  if (poll.status === PollStatus.CLOSED) throw new TalkError(400, 'poll', 'The poll is already closed');
  poll.status = PollStatus.CLOSED;
  appendSystemMessage(store, p.conversation, me, 'poll_closed', '{actor} ended the poll {poll}', { poll: pollObject(poll) });
  return pollView(poll, p);
}

/**
 * "Edit a draft poll": drafts cannot be created through the v4 contract, so only a poll that is one could be
 * edited; an existing non-draft poll is a 400, an unknown one a 404.
 *
 * @example
 * editDraftPoll(store, token, { kind: 'user', userId: 'alice' }, 1); // throws TalkError 400 (not a draft)
 */
export function editDraftPoll(store: TalkStore, token: string, actor: Actor, pollId: number): never {
  const p = chatWriter(store, token, actor);
  if (!isModerator(p)) throw new TalkError(403, 'permissions', 'Only moderators can edit draft polls');
  findPoll(store, token, pollId);
  throw new TalkError(400, 'draft', 'The poll is not a draft');
}
