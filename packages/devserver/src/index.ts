// @talk-contract/devserver: a stateful in-memory Nextcloud Talk (API v4) for client developers.
export { createDevServer, devHandlers } from './dev-server.js';
export type { DevServer, DevServerOptions, DevServerDebug, DevUser } from './dev-server.js';
export { DataFileError, loadState, writeStateAtomic, journalFileOf } from './persistence.js';
export { DEFAULT_GUEST_LIMIT } from './guest-limit.js';
export { MAX_PARAMETER_DEPTH, MAX_PARAMETER_ITEMS, MAX_PARAMETER_STRING } from './domain/input-limits.js';
export { UsersFileError, loadUsersFile } from './users-file.js';
export { NEWEST_RELEASE, TALK_RELEASES, releaseProfile } from './domain/release-profile.js';
export type { TalkRelease, ReleaseProfile, RefusalStyle, SuccessAnswer } from './domain/release-profile.js';
export { TalkStore, DEFAULT_USERS, generateAppPassword } from './domain/store.js';
export type { SeedUser } from './domain/store.js';
export type { TalkState, ConversationRecord, AttendeeRecord, MessageRecord, SessionRecord, UserRecord, RichObject, Actor } from './domain/records.js';
export { ChatWaiters } from './domain/long-poll.js';
export type { WakeReason } from './domain/long-poll.js';
export { TalkError } from './domain/talk-error.js';
export { ConversationType, ParticipantType, Permission, CHAT_MAX_LENGTH } from './domain/constants.js';
export { GUEST_SESSION_COOKIE } from './handlers/participant-handlers.js';
export { DEV_FEATURES, cloudCapabilities, devCapabilities } from './handlers/capabilities.js';
