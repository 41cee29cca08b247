// Read markers: per-attendee `lastReadMessage`, unread counters and the conversation's last common read.
import type { AttendeeRecord, ConversationRecord, MessageRecord } from './records.js';
import type { TalkStore } from './store.js';
import { isVisible } from './chat-log.js';

/**
 * The id of the last message read by every user with public read privacy (`X-Chat-Last-Common-Read`,
 * `lastCommonReadMessage`).
 */
export function lastCommonRead(store: TalkStore, token: string): number {
  return store.attendees.lastCommonRead(token);
}

function countsAsUnread(m: MessageRecord, attendee: AttendeeRecord): boolean {
  if (m.messageType === 'system' || m.messageType === 'comment_deleted') return false;
  return !(m.actorType === attendee.actorType && m.actorId === attendee.actorId);
}

/** Number of unread chat messages (comments by others newer than the read marker). */
export function unreadCount(store: TalkStore, attendee: AttendeeRecord): number {
  const list = store.messagesOf(attendee.token);
  const now = store.now();
  let n = 0;
  for (let i = list.length - 1; i >= 0 && list[i].id > attendee.lastReadMessage; i--) {
    if (countsAsUnread(list[i], attendee) && isVisible(list[i], now)) n++;
  }
  return n;
}

/** Sets the read marker (never beyond the newest message). Wakes pollers waiting for common-read updates. */
export function setReadMarker(store: TalkStore, conversation: ConversationRecord, attendee: AttendeeRecord, messageId: number): void {
  const id = Math.max(0, Math.min(messageId, conversation.lastMessageId));
  if (attendee.lastReadMessage === id) return;
  const before = lastCommonRead(store, conversation.token);
  store.attendees.moveReadMarker(attendee, id);
  store.changed();
  if (lastCommonRead(store, conversation.token) !== before) store.waiters.notify(conversation.token);
}

/** "Mark chat as unread": moves the read marker to the message before the newest one by someone else. */
export function markUnread(store: TalkStore, conversation: ConversationRecord, attendee: AttendeeRecord): void {
  const list = store.messagesOf(conversation.token);
  let target = 0;
  for (let i = list.length - 1; i >= 0; i--) {
    if (countsAsUnread(list[i], attendee)) {
      target = i > 0 ? list[i - 1].id : 0;
      break;
    }
  }
  store.attendees.moveReadMarker(attendee, target);
  store.changed();
}
