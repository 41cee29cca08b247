// The `spreed` capabilities the dev server advertises (what it implements), and their hash.
import { createHash } from 'node:crypto';
import { CHAT_MAX_LENGTH } from '../domain/constants.js';

/**
 * The `spreed` capability features the dev server implements.
 *
 * @example
 * DEV_FEATURES.includes('chat-read-marker'); // true
 */
export const DEV_FEATURES: readonly string[] = [
  'audio',
  'video',
  'chat-v2',
  'conversation-v4',
  'guest-signaling',
  'empty-group-room',
  'guest-display-names',
  'multi-room-users',
  'favorites',
  'last-room-activity',
  'no-ping',
  'system-messages',
  'delete-messages',
  'mention-flag',
  'in-call-flags',
  'conversation-call-flags',
  'notification-levels',
  'invite-groups-and-mails',
  'locked-one-to-one-rooms',
  'read-only-rooms',
  'listable-rooms',
  'chat-read-marker',
  'chat-unread',
  'webinary-lobby',
  'start-call-flag',
  'chat-replies',
  'chat-reference-id',
  'chat-read-status',
  'chat-read-last',
  'chat-get-context',
  'phonebook-search',
  'raise-hand',
  'room-description',
  'rich-object-sharing',
  'rich-object-list-media',
  'rich-object-delete',
  'temp-user-avatar-api',
  'conversation-permissions',
  'message-expiration',
  'silent-send',
  'silent-send-state',
  'note-to-self',
  'edit-messages',
  'remind-me-later',
  'clear-history',
  'direct-mention-flag',
  'notification-calls',
  'session-state',
  'recording-consent',
  'markdown-messages',
  'media-caption',
  'federation-v1',
];

/**
 * The `spreed` capabilities object (features + config), as `getConversationCapabilities` returns it.
 *
 * @example
 * devCapabilities().config; // { chat: { 'max-length': 32000, ... }, ... }
 */
export function devCapabilities(): Record<string, unknown> {
  return {
    features: [...DEV_FEATURES],
    'features-local': [],
    config: {
      attachments: { allowed: false },
      chat: { 'max-length': CHAT_MAX_LENGTH, 'read-privacy': 0, 'has-translation-providers': false, 'typing-privacy': 0 },
      conversations: { 'can-create': true, 'force-passwords': false, 'list-style': 'two-lines' },
      call: { enabled: false, 'breakout-rooms': false, recording: false, 'recording-consent': 0, 'sip-enabled': false, 'sip-dialout-enabled': false, 'can-upload-background': false },
      previews: { 'max-gif-size': 3_145_728 },
      signaling: { 'session-ping-limit': 200 },
    },
    version: '19.0.0-dev',
  };
}

/** `X-Nextcloud-Talk-Hash`: sha1 over the capabilities. */
export const TALK_HASH = createHash('sha1').update(JSON.stringify(devCapabilities())).digest('hex');
