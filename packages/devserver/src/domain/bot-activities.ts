// What Talk tells a bot (bots.md, the contract's `webhooks`): Activity Streams 2.0 payloads for a chat message
// (`Create`), a reaction added (`Like`) or removed (`Undo`) (Talk 21, bots with the `reaction` feature), and the bot
// being added to (`Join`) or removed from (`Leave`) a conversation. Built as Talk's BotService builds them.
import type { AttendeeRecord, ConversationRecord, MessageRecord } from './records.js';
import type { TalkStore } from './store.js';
import { messageBaseView } from './views.js';

/** `actor` of an activity: an attendee (`Person`) or a bot (`Application`). */
export interface BotActivityActor {
  type: 'Person' | 'Application';
  id: string;
  name: string;
  /** The attendee's participant type (Talk 21, not for bots). */
  talkParticipantType?: number;
}

/** A chat message in an activity. */
export interface BotActivityNote {
  type: 'Note';
  id: string;
  name: string;
  content: string;
  mediaType: 'text/markdown' | 'text/plain';
  inReplyTo?: { actor: BotActivityActor; object: Omit<BotActivityNote, 'inReplyTo'> };
}

/** A conversation in an activity. */
export interface BotActivityConversation {
  type: 'Collection';
  id: string;
  name: string;
}

/** `Like`: a reaction was added. */
export interface BotReactionActivity {
  type: 'Like';
  actor: BotActivityActor;
  object: BotActivityNote;
  target: BotActivityConversation;
  content: string;
}

/** One webhook payload. */
export type BotActivity =
  | { type: 'Create'; actor: BotActivityActor; object: BotActivityNote; target: BotActivityConversation }
  | BotReactionActivity
  | { type: 'Undo'; actor: BotActivityActor; object: BotReactionActivity; target: BotActivityConversation }
  | { type: 'Join' | 'Leave'; actor: BotActivityActor; object: BotActivityConversation };

const isTalk21 = (store: TalkStore) => store.profile.release !== '19';

function conversationObject(conversation: ConversationRecord): BotActivityConversation {
  return { type: 'Collection', id: conversation.token, name: conversation.name };
}

/** The author of a message or reaction; Talk 21 adds the attendee's participant type. */
function personActor(store: TalkStore, actor: { actorType: string; actorId: string; displayName: string }, attendee: AttendeeRecord | null) {
  const out: BotActivityActor = { type: 'Person', id: `${actor.actorType}/${actor.actorId}`, name: actor.displayName };
  if (isTalk21(store) && attendee) out.talkParticipantType = attendee.participantType;
  return out;
}

function attendeeOf(store: TalkStore, token: string, actorType: string, actorId: string): AttendeeRecord | null {
  return store.attendees.byActor(token, actorType, actorId) ?? null;
}

function note(store: TalkStore, message: MessageRecord): Omit<BotActivityNote, 'inReplyTo'> {
  const view = messageBaseView(store, message, null);
  return {
    type: 'Note',
    id: String(message.id),
    name: message.systemMessage || 'message',
    content: JSON.stringify({ message: view.message, parameters: view.messageParameters }),
    mediaType: 'text/markdown',
  };
}

/** The message as a `Note`; in Talk 21 a reply carries its parent as `inReplyTo`. */
function messageNote(store: TalkStore, message: MessageRecord): BotActivityNote {
  const object: BotActivityNote = note(store, message);
  const parent = message.parentId > 0 ? store.messageById.get(message.parentId) : undefined;
  if (isTalk21(store) && parent) {
    const author = { actorType: parent.actorType, actorId: parent.actorId, displayName: parent.actorDisplayName };
    object.inReplyTo = { actor: personActor(store, author, attendeeOf(store, parent.token, parent.actorType, parent.actorId)), object: note(store, parent) };
  }
  return object;
}

/**
 * `Create`: a user or guest posted `message`.
 *
 * @example
 * messageActivity(store, conversation, message).object.id; // "42"
 */
export function messageActivity(store: TalkStore, conversation: ConversationRecord, message: MessageRecord): BotActivity {
  const author = { actorType: message.actorType, actorId: message.actorId, displayName: message.actorDisplayName };
  return {
    type: 'Create',
    actor: personActor(store, author, attendeeOf(store, conversation.token, message.actorType, message.actorId)),
    object: messageNote(store, message),
    target: conversationObject(conversation),
  };
}

/**
 * `Like` (added) or `Undo` of the `Like` (removed): `reactor` reacted to `message` with `reaction`.
 *
 * @example
 * reactionActivity(store, conversation, message, { actorType: 'users', actorId: 'bob', displayName: 'Bob' }, '👍', 'added');
 */
export function reactionActivity(
  store: TalkStore,
  conversation: ConversationRecord,
  message: MessageRecord,
  reactor: { actorType: string; actorId: string; displayName: string },
  reaction: string,
  change: 'added' | 'removed',
): BotActivity {
  const actor = personActor(store, reactor, attendeeOf(store, conversation.token, reactor.actorType, reactor.actorId));
  const like: BotReactionActivity = { type: 'Like', actor, object: messageNote(store, message), target: conversationObject(conversation), content: reaction };
  return change === 'added' ? like : { type: 'Undo', actor, object: like, target: conversationObject(conversation) };
}

/**
 * `Join` / `Leave`: the bot was enabled in / disabled for the conversation.
 *
 * @example
 * botMembershipActivity('Join', { name: 'Echo', actorId: 'bot-<sha1 of its URL>' }, conversation).actor.id; // "bots/bot-<sha1 of its URL>"
 */
export function botMembershipActivity(type: 'Join' | 'Leave', bot: { name: string; actorId: string }, conversation: ConversationRecord): BotActivity {
  return { type, actor: { type: 'Application', id: `bots/${bot.actorId}`, name: bot.name }, object: conversationObject(conversation) };
}

/** Whether the imitated release sends reaction webhooks (Talk 21). */
export function sendsReactionWebhooks(store: TalkStore): boolean {
  return isTalk21(store);
}
