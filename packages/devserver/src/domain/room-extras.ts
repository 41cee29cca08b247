// Per-conversation state of the newer areas (SIP dial-in, mention permissions, custom avatar), kept in
// `store.conversationExtras` (persisted), and the `Room` fields it shows (`roomExtras`, spread into the conversation view; breakout room mode
// and status come from breakout-rooms.ts).
import { createHash } from 'node:crypto';
import { breakoutRoomFields } from './breakout-rooms.js';
import type { ConversationRecord } from './records.js';
import type { TalkStore } from './store.js';

/** A custom conversation avatar: the uploaded (or generated emoji) image. */
export interface StoredAvatar {
  bytes: Uint8Array;
  contentType: string;
}

/** What a conversation has beyond its record. */
export interface RoomExtra {
  sipEnabled: number;
  mentionPermissions: number;
  avatar: StoredAvatar | null;
}

const extrasOf = (store: TalkStore): Map<string, RoomExtra> => store.conversationExtras;

/**
 * The extra state of a conversation (created with Talk's defaults on first use).
 *
 * @example
 * roomExtra(store, token).mentionPermissions; // 0 (everyone)
 */
export function roomExtra(store: TalkStore, token: string): RoomExtra {
  const map = extrasOf(store);
  let extra = map.get(token);
  if (!extra) {
    extra = { sipEnabled: 0, mentionPermissions: 0, avatar: null };
    map.set(token, extra);
  }
  return extra;
}

/**
 * The `Room` fields that come from the extra state (`sipEnabled`, `mentionPermissions`, `isCustomAvatar`,
 * `avatarVersion`).
 *
 * @example
 * roomExtras(store, conversation); // { sipEnabled: 0, mentionPermissions: 0, isCustomAvatar: false, avatarVersion: '1' }
 */
export function roomExtras(
  store: TalkStore,
  conversation: ConversationRecord,
): { sipEnabled: 0 | 1 | 2; mentionPermissions: 0 | 1; isCustomAvatar: boolean; avatarVersion: string } & ReturnType<typeof breakoutRoomFields> {
  const extra = extrasOf(store).get(conversation.token);
  const avatar = extra?.avatar ?? null;
  return {
    sipEnabled: (extra?.sipEnabled ?? 0) as 0 | 1 | 2,
    mentionPermissions: (extra?.mentionPermissions ?? 0) as 0 | 1,
    isCustomAvatar: avatar !== null,
    avatarVersion: avatar ? createHash('sha1').update(avatar.bytes).digest('hex').slice(0, 8) : `${conversation.id}`,
    ...breakoutRoomFields(store, conversation),
  };
}
