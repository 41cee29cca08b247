// The stored state of the dev server: plain JSON-serialisable records (what `--data FILE` persists).
import type { ActorType, AttendeeType, ConversationType } from './constants.js';
import type { InstalledBot } from './bots.js';
import type { FileRecord } from './files.js';
import type { PollMode, PollStatus } from './polls.js';

/** A seeded Nextcloud user account. */
export interface UserRecord {
  id: string;
  displayName: string;
  /** App password accepted by HTTP basic auth (`xxxxx-xxxxx-xxxxx-xxxxx-xxxxx`). */
  appPassword: string;
  groups: string[];
  /** Whether the user's changelog conversation was created (it is not created again after the user left it). */
  changelogCreated?: boolean;
}

/** A conversation ("room"). */
export interface ConversationRecord {
  id: number;
  token: string;
  type: ConversationType;
  name: string;
  description: string;
  /** Empty when the conversation has no password. */
  password: string;
  readOnly: number;
  listable: number;
  lobbyState: number;
  lobbyTimer: number;
  defaultPermissions: number;
  callPermissions: number;
  messageExpiration: number;
  recordingConsent: number;
  objectType: string;
  objectId: string;
  /** Unix seconds. */
  lastActivity: number;
  /** Id of the newest message, 0 when none. */
  lastMessageId: number;
}

/** An attendee: a member of a conversation (user, group, guest or e-mail invitee). */
export interface AttendeeRecord {
  id: number;
  token: string;
  actorType: AttendeeType;
  actorId: string;
  displayName: string;
  participantType: number;
  /** The dedicated attendee permissions (`attendeePermissions`). */
  permissions: number;
  favorite: boolean;
  notificationLevel: number;
  notificationCalls: number;
  /** Written only by `AttendeeTable.moveReadMarker` (the last common read is kept from it). */
  readonly lastReadMessage: number;
  /** Newest message that mentioned this attendee (directly or with @all), 0 when none. */
  lastMentionMessage: number;
  /** Newest message that mentioned this attendee directly, 0 when none. */
  lastMentionDirect: number;
  /** Written only by `AttendeeTable.setReadPrivacy`. */
  readonly readPrivacy: number;
  /** Dial-in PIN. */
  pin: string;
}

/** A Talk session of an attendee (created by "Join a conversation"). Not persisted. */
export interface SessionRecord {
  sessionId: string;
  attendeeId: number;
  token: string;
  inCall: number;
  lastPing: number;
  state: number;
}

/** A stored chat message (user comment or system message). */
export interface MessageRecord {
  id: number;
  token: string;
  actorType: ActorType;
  actorId: string;
  actorDisplayName: string;
  timestamp: number;
  systemMessage: string;
  messageType: 'comment' | 'comment_deleted' | 'system' | 'command' | 'voice-message';
  message: string;
  messageParameters: Record<string, RichObject>;
  referenceId: string;
  parentId: number;
  silent: boolean;
  markdown: boolean;
  expirationTimestamp: number;
  /** Shared item type for `object_shared` / `file_shared` messages (`location`, `deckcard`, `other`, ...). */
  sharedItemType: string;
  lastEdit?: { actorType: ActorType; actorId: string; actorDisplayName: string; timestamp: number };
}

/** A rich object of a Rich Object String (`messageParameters` value). */
export interface RichObject {
  type: string;
  id: string;
  name: string;
  [key: string]: string | number;
}

/** An emoji reaction of an actor to a chat message. */
export interface ReactionRecord {
  messageId: number;
  actorType: string;
  actorId: string;
  actorDisplayName: string;
  reaction: string;
  timestamp: number;
}

/** A "remind me later" reminder. */
export interface ReminderRecord {
  userId: string;
  token: string;
  messageId: number;
  timestamp: number;
}

/** A vote of a participant for one option of a poll. */
export interface PollVote {
  actorType: 'users' | 'guests';
  actorId: string;
  actorDisplayName: string;
  optionId: number;
}

/** A poll (`/poll/{token}`) with its votes, oldest first. */
export interface PollRecord {
  id: number;
  token: string;
  question: string;
  options: string[];
  actorType: 'users' | 'guests';
  actorId: string;
  actorDisplayName: string;
  status: PollStatus;
  resultMode: PollMode;
  maxVotes: number;
  votes: PollVote[];
}

/** A bot enabled in a conversation. */
export interface BotConversationRecord {
  token: string;
  botId: number;
}

/** A reaction a bot gave to a message (`actorId` = the bot's actor id, `bot-<sha1(url)>`). */
export interface BotReactionRecord {
  messageId: number;
  reaction: string;
  actorId: string;
}

/** What a conversation has beyond its record: SIP dial-in, mention permissions, a custom avatar (bytes in base64). */
export interface ConversationExtraRecord {
  token: string;
  sipEnabled: number;
  mentionPermissions: number;
  avatar: { contentType: string; base64: string } | null;
}

/** The breakout room configuration of a parent conversation; `assistance` = breakout rooms that asked for help. */
export interface BreakoutConfigRecord {
  token: string;
  mode: number;
  status: number;
  assistance: string[];
}

/** The SIP bridge configuration of the server (`POST /settings/sip`). */
export interface SipSettingsRecord {
  sipGroups: string[];
  dialInInfo: string;
  sharedSecret: string;
}

/** The Talk user settings one user set (`attachment_folder`, `read_status_privacy`, ...). */
export interface UserSettingsRecord {
  userId: string;
  settings: Record<string, string | number>;
}

/** A share of an uploaded file into a conversation (files_sharing, `shareType` 10). */
export interface FileShareRecord {
  fileId: number;
  shareId: number;
  token: string;
}

/** The id counters: the next id of each kind (ids are never handed out twice). */
export interface IdCounters {
  conversation: number;
  attendee: number;
  message: number;
  poll: number;
  bot: number;
  /** Uploaded files and file shares share one counter (as Nextcloud's file ids and share ids never collide here). */
  file: number;
}

/**
 * The whole persisted state. The areas added after version 1 was first written (polls, reactions, bots, extras,
 * breakout rooms, settings, files) and their counters are optional: data files written before them load as empty.
 */
export interface TalkState {
  version: 1;
  nextId: Pick<IdCounters, 'conversation' | 'attendee' | 'message'> & Partial<IdCounters>;
  users: UserRecord[];
  conversations: ConversationRecord[];
  attendees: AttendeeRecord[];
  messages: MessageRecord[];
  reminders: ReminderRecord[];
  polls?: PollRecord[];
  reactions?: ReactionRecord[];
  bots?: InstalledBot[];
  botConversations?: BotConversationRecord[];
  botReactions?: BotReactionRecord[];
  conversationExtras?: ConversationExtraRecord[];
  breakoutRooms?: BreakoutConfigRecord[];
  sipSettings?: SipSettingsRecord[];
  userSettings?: UserSettingsRecord[];
  files?: FileRecord[];
  fileShares?: FileShareRecord[];
}

/**
 * Who is making a request: a logged-in user (with the Talk session their cookie names, if any), or a guest
 * identified by their own Talk session (if any). A session id never identifies anyone by itself: a user's
 * `sessionId` counts only when it is a session of that user, a guest's only when it is a guest's session.
 */
export type Actor = { kind: 'user'; userId: string; sessionId?: string | null } | { kind: 'guest'; sessionId: string | null };
