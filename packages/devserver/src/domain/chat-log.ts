// The chat log: appending comments and system messages, mentions, replies, history paging.
import { ConversationType } from './constants.js';
import type { ActorType } from './constants.js';
import type { ConversationRecord, MessageRecord, RichObject } from './records.js';
import type { TalkStore } from './store.js';

/** Who wrote a message. */
export interface MessageAuthor {
  actorType: ActorType;
  actorId: string;
  displayName: string;
}

/** Input of `appendMessage`. */
export interface NewMessage {
  author: MessageAuthor;
  message: string;
  messageType?: MessageRecord['messageType'];
  systemMessage?: string;
  messageParameters?: Record<string, RichObject>;
  referenceId?: string;
  parentId?: number;
  silent?: boolean;
  sharedItemType?: string;
}

/** Rich object of a user (`{actor}`, `{user}`, mentions). */
export function userObject(store: TalkStore, userId: string): RichObject {
  return { type: 'user', id: userId, name: store.users.get(userId)?.displayName ?? userId };
}

/** Rich object of the author of an action. */
export function actorObject(author: MessageAuthor): RichObject {
  return author.actorType === 'guests'
    ? { type: 'guest', id: `guest/${author.actorId}`, name: author.displayName || 'Guest' }
    : { type: 'user', id: author.actorId, name: author.displayName };
}

/** Rich object of a conversation (`{mention-call1}`). */
export function callObject(store: TalkStore, conversation: ConversationRecord, displayName: string): RichObject {
  const callType = conversation.type === ConversationType.ONE_TO_ONE ? 'one2one' : conversation.type === ConversationType.PUBLIC ? 'public' : 'group';
  const iconUrl = `${store.baseUrl}/ocs/v2.php/apps/spreed/api/v1/room/${conversation.token}/avatar?v=${conversation.id}`;
  return { type: 'call', id: conversation.token, name: displayName, 'call-type': callType, 'icon-url': iconUrl };
}

/** System messages that only update another message: they never become the conversation's `lastMessage`. */
const NOTICES = new Set(['message_deleted', 'message_edited']);

/** Appends a message to a conversation, updates activity and wakes the long-poll waiters at once. */
export function appendMessage(store: TalkStore, conversation: ConversationRecord, input: NewMessage): MessageRecord {
  const timestamp = store.now();
  const record: MessageRecord = {
    id: store.nextId.message++,
    token: conversation.token,
    actorType: input.author.actorType,
    actorId: input.author.actorId,
    actorDisplayName: input.author.displayName,
    timestamp,
    systemMessage: input.systemMessage ?? '',
    messageType: input.messageType ?? (input.systemMessage ? 'system' : 'comment'),
    message: input.message,
    messageParameters: input.messageParameters ?? {},
    referenceId: input.referenceId ?? '',
    parentId: input.parentId ?? 0,
    silent: input.silent ?? false,
    markdown: !input.systemMessage,
    expirationTimestamp: conversation.messageExpiration > 0 && !input.systemMessage ? timestamp + conversation.messageExpiration : 0,
    sharedItemType: input.sharedItemType ?? '',
  };
  let list = store.messages.get(conversation.token);
  if (!list) {
    list = [];
    store.messages.set(conversation.token, list);
  }
  list.push(record);
  store.messageById.set(record.id, record);
  // Notices about other messages (edited, deleted) are not a conversation's last message, as in Talk.
  if (!NOTICES.has(record.systemMessage)) {
    conversation.lastMessageId = record.id;
    conversation.lastActivity = timestamp;
  }
  store.changed();
  store.waiters.notify(conversation.token);
  return record;
}

/** Appends a system message written by `author` with `{actor}` (and extra) parameters. */
export function appendSystemMessage(
  store: TalkStore,
  conversation: ConversationRecord,
  author: MessageAuthor,
  systemMessage: string,
  message: string,
  parameters: Record<string, RichObject> = {},
  parentId = 0,
): MessageRecord {
  return appendMessage(store, conversation, {
    author,
    systemMessage,
    message,
    messageParameters: { actor: actorObject(author), ...parameters },
    parentId,
  });
}

/** Whether a message is visible (not expired). */
export function isVisible(message: MessageRecord, now: number): boolean {
  return message.expirationTimestamp === 0 || message.expirationTimestamp > now;
}

/** The result of a mention scan. */
export interface MentionScan {
  message: string;
  parameters: Record<string, RichObject>;
  /** User ids mentioned directly. */
  users: string[];
  /** Guest actor ids mentioned directly. */
  guests: string[];
  /** Whether `@all` was used. */
  all: boolean;
}

const MENTION = /(^|\s)@(?:"([^"]+)"|([A-Za-z0-9_.@\-']+))/g;

/**
 * Replaces `@user`, `@"user id"`, `@"guest/<id>"` and `@all` by `{mention-user1}`-style placeholders with rich
 * objects, as Talk stores them.
 */
export function scanMentions(store: TalkStore, conversation: ConversationRecord, displayName: string, text: string): MentionScan {
  const parameters: Record<string, RichObject> = {};
  const users: string[] = [];
  const guests: string[] = [];
  let all = false;
  let userN = 0;
  let guestN = 0;
  let callN = 0;
  const message = text.replace(MENTION, (whole, lead: string, quoted: string | undefined, bare: string | undefined) => {
    let id = quoted ?? bare ?? '';
    let trailing = '';
    if (!quoted) {
      while (id.length > 0 && !store.users.has(id) && /[.\-']$/.test(id)) {
        trailing = id.slice(-1) + trailing;
        id = id.slice(0, -1);
      }
    }
    if (id === 'all') {
      all = true;
      const key = `mention-call${++callN}`;
      parameters[key] = callObject(store, conversation, displayName);
      return `${lead}{${key}}${trailing}`;
    }
    if (store.users.has(id)) {
      users.push(id);
      const key = `mention-user${++userN}`;
      parameters[key] = userObject(store, id);
      return `${lead}{${key}}${trailing}`;
    }
    if (id.startsWith('guest/')) {
      const guestId = id.slice('guest/'.length);
      const guest = store.attendees.byActor(conversation.token, 'guests', guestId);
      if (guest) {
        guests.push(guestId);
        const key = `mention-guest${++guestN}`;
        parameters[key] = { type: 'guest', id: `guest/${guestId}`, name: guest.displayName || 'Guest' };
        return `${lead}{${key}}${trailing}`;
      }
    }
    return whole;
  });
  return { message, parameters, users, guests, all };
}

/** A page of chat history (`lookIntoFuture=0`): messages older than `lastKnownMessageId`, newest first. */
export function historyPage(
  store: TalkStore,
  token: string,
  options: { lastKnownMessageId: number; limit: number; includeLastKnown: boolean; filter?: (m: MessageRecord) => boolean },
): MessageRecord[] {
  const list = store.messagesOf(token);
  const now = store.now();
  const out: MessageRecord[] = [];
  const bound = options.lastKnownMessageId;
  for (let i = list.length - 1; i >= 0 && out.length < options.limit; i--) {
    const m = list[i];
    if (bound > 0 && (options.includeLastKnown ? m.id > bound : m.id >= bound)) continue;
    if (!isVisible(m, now)) continue;
    if (options.filter && !options.filter(m)) continue;
    out.push(m);
  }
  return out;
}

/** New messages (`lookIntoFuture=1`): newer than `lastKnownMessageId`, oldest first. */
export function futurePage(
  store: TalkStore,
  token: string,
  options: { lastKnownMessageId: number; limit: number; includeLastKnown: boolean },
): MessageRecord[] {
  const list = store.messagesOf(token);
  const now = store.now();
  const bound = options.lastKnownMessageId;
  // Binary search for the first message newer than the bound: pollers at the head of the log cost O(log n).
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (options.includeLastKnown ? list[mid].id < bound : list[mid].id <= bound) lo = mid + 1;
    else hi = mid;
  }
  const out: MessageRecord[] = [];
  for (let i = lo; i < list.length && out.length < options.limit; i++) {
    if (isVisible(list[i], now)) out.push(list[i]);
  }
  return out;
}
