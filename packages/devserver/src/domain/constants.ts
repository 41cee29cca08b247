/**
 * Conversation types (constants.md, "Conversation types").
 *
 * @example
 * room.type === ConversationType.PUBLIC;
 */
export const ConversationType = {
  ONE_TO_ONE: 1,
  GROUP: 2,
  PUBLIC: 3,
  CHANGELOG: 4,
  ONE_TO_ONE_FORMER: 5,
  NOTE_TO_SELF: 6,
} as const;
export type ConversationType = (typeof ConversationType)[keyof typeof ConversationType];

/**
 * Participant types (constants.md, "Participant types").
 *
 * @example
 * participant.participantType === ParticipantType.MODERATOR;
 */
export const ParticipantType = {
  OWNER: 1,
  MODERATOR: 2,
  USER: 3,
  GUEST: 4,
  USER_SELF_JOINED: 5,
  GUEST_MODERATOR: 6,
} as const;
export type ParticipantType = (typeof ParticipantType)[keyof typeof ParticipantType];

/**
 * Attendee permission bits (constants.md, "Attendee permissions").
 *
 * @example
 * const canChat = (room.permissions & Permission.CHAT) !== 0;
 */
export const Permission = {
  DEFAULT: 0,
  CUSTOM: 1,
  START_CALL: 2,
  JOIN_CALL: 4,
  LOBBY_IGNORE: 8,
  PUBLISH_AUDIO: 16,
  PUBLISH_VIDEO: 32,
  PUBLISH_SCREEN: 64,
  CHAT: 128,
} as const;

/** Every permission except `CUSTOM` (what a participant without custom permissions may do). */
export const PERMISSIONS_MAX_DEFAULT = 254;
/** Every permission including `CUSTOM`: what moderators always have. */
export const PERMISSIONS_MAX_CUSTOM = 255;

/** Attendee types (constants.md, "Attendee types") that the dev server models. */
export type AttendeeType = 'users' | 'groups' | 'guests' | 'emails';

/** Actor types of chat messages (constants.md, "Actor types of chat messages") the dev server writes. */
export type ActorType = 'users' | 'guests' | 'bots' | 'deleted_users';

/** Webinar lobby states. */
export const LobbyState = { NONE: 0, NON_MODERATORS: 1 } as const;

/** Read-only states. */
export const ReadOnlyState = { READ_WRITE: 0, READ_ONLY: 1 } as const;

/** Notification levels (0 = default: 1 for one-to-one, 2 otherwise). */
export const NotificationLevel = { DEFAULT: 0, ALWAYS: 1, MENTION: 2, NEVER: 3 } as const;

/**
 * The maximum length of a chat message (`spreed => config => chat => max-length`); longer ones get 413.
 *
 * @example
 * message.length <= CHAT_MAX_LENGTH;
 */
export const CHAT_MAX_LENGTH = 32_000;
/** Default and maximum `limit` of "Receive chat messages". */
export const CHAT_DEFAULT_LIMIT = 100;
export const CHAT_MAX_LIMIT = 200;
/** Default and maximum long-poll `timeout` in seconds (Talk clamps larger values to 30). */
export const POLL_DEFAULT_TIMEOUT = 30;
export const POLL_MAX_TIMEOUT = 30;

/** Whether a participant type has moderator rights (owner, moderator, guest moderator). */
export function isModeratorType(type: number): boolean {
  return type === ParticipantType.OWNER || type === ParticipantType.MODERATOR || type === ParticipantType.GUEST_MODERATOR;
}
