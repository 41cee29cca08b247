// In-memory state with lookup indexes. Domain modules (conversation, attendee, chat-log, ...) operate on it.
import { randomBytes, randomInt } from 'node:crypto';
import { AttendeeTable } from './attendee-table.js';
import { ChatWaiters } from './long-poll.js';
import type { BotsState } from './bots.js';
import { DEFAULT_BOT_FEATURES } from './bots.js';
import type { BreakoutState } from './breakout-rooms.js';
import type { FileRecord } from './files.js';
import type { RoomExtra } from './room-extras.js';
import type { SipConfig } from './settings.js';
import type { ReleaseProfile } from './release-profile.js';
import { releaseProfile } from './release-profile.js';
import type {
  AttendeeRecord,
  ConversationRecord,
  IdCounters,
  MessageRecord,
  PollRecord,
  ReactionRecord,
  ReminderRecord,
  SessionRecord,
  TalkState,
  UserRecord,
} from './records.js';

/** A user to seed: id, display name and optionally a fixed app password and groups. */
export interface SeedUser {
  id: string;
  displayName: string;
  appPassword?: string;
  groups?: string[];
}

/**
 * The users seeded when no `users` option is given (app passwords are generated).
 *
 * @example
 * DEFAULT_USERS.map((u) => u.id); // ['alice', 'bob', 'carol', 'dave']
 */
export const DEFAULT_USERS: readonly SeedUser[] = [
  { id: 'alice', displayName: 'Alice Liddell', groups: ['developers'] },
  { id: 'bob', displayName: 'Bob Builder', groups: ['developers'] },
  { id: 'carol', displayName: 'Carol Danvers', groups: ['designers'] },
  { id: 'dave', displayName: 'Dave Lister', groups: ['designers'] },
];

/**
 * Talk sessions by session id, with an index by attendee id that `set`/`delete` keep up to date, so that
 * `sessionsOf(attendeeId)` does not scan every session (listing 20,000 guests stays linear).
 *
 * @example
 * const sessions = new SessionMap();
 * sessions.set('s1', { sessionId: 's1', attendeeId: 7, token: 'abc', inCall: 0, lastPing: 0, state: 1 });
 * sessions.ofAttendee(7).length; // 1
 */
export class SessionMap extends Map<string, SessionRecord> {
  private readonly byAttendee = new Map<number, Set<SessionRecord>>();

  override set(sessionId: string, session: SessionRecord): this {
    const previous = this.get(sessionId);
    if (previous) this.unindex(previous);
    super.set(sessionId, session);
    let set = this.byAttendee.get(session.attendeeId);
    if (!set) {
      set = new Set();
      this.byAttendee.set(session.attendeeId, set);
    }
    set.add(session);
    return this;
  }

  override delete(sessionId: string): boolean {
    const previous = this.get(sessionId);
    if (previous) this.unindex(previous);
    return super.delete(sessionId);
  }

  override clear(): void {
    this.byAttendee.clear();
    super.clear();
  }

  /** The sessions of one attendee, in creation order. */
  ofAttendee(attendeeId: number): SessionRecord[] {
    const set = this.byAttendee.get(attendeeId);
    return set ? [...set] : [];
  }

  private unindex(session: SessionRecord): void {
    const set = this.byAttendee.get(session.attendeeId);
    if (!set) return;
    set.delete(session);
    if (set.size === 0) this.byAttendee.delete(session.attendeeId);
  }
}

const TOKEN_CHARS = 'abcdefghijkmnopqrstuvwxyz0123456789';

/**
 * Generates a Nextcloud-style app password (`xxxxx-xxxxx-xxxxx-xxxxx-xxxxx`).
 *
 * @example
 * generateAppPassword(); // 'xgSCu-SSv7x-TTKuh-dWny2-5ax3E'
 */
export function generateAppPassword(): string {
  const chars = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  const groups: string[] = [];
  for (let g = 0; g < 5; g++) {
    let s = '';
    for (let i = 0; i < 5; i++) s += chars[randomInt(chars.length)];
    groups.push(s);
  }
  return groups.join('-');
}

/**
 * The dev server's in-memory Talk: users, conversations, attendees, sessions, chat log and long-poll waiters.
 *
 * @example
 * const store = TalkStore.create([{ id: 'alice', displayName: 'Alice' }]);
 * store.conversations.size; // 0
 */
export class TalkStore {
  readonly users = new Map<string, UserRecord>();
  readonly conversations = new Map<string, ConversationRecord>();
  /** Attendees per conversation token, with their indexes and the last common read. */
  readonly attendees = new AttendeeTable();
  /** Messages per conversation token, ascending by id. */
  readonly messages = new Map<string, MessageRecord[]>();
  readonly messageById = new Map<number, MessageRecord>();
  readonly sessions = new SessionMap();
  reminders: ReminderRecord[] = [];
  /** Uploaded files per user and path (WebDAV: names, sizes, types), and which conversations each file is shared with. */
  readonly files = new Map<string, Map<string, FileRecord>>();
  readonly fileShares = new Map<number, { shareId: number; token: string }[]>();
  /** Reactions per message id, oldest first. */
  readonly reactions = new Map<number, ReactionRecord[]>();
  /** Polls by id, with their votes. */
  readonly polls = new Map<number, PollRecord>();
  /** Installed bots, the conversations they are enabled in, and their reactions. */
  readonly bots: BotsState = { installed: new Map(), enabled: new Map(), reactions: new Map() };
  /** Per conversation token: SIP dial-in, mention permissions, custom avatar (created on first use). */
  readonly conversationExtras = new Map<string, RoomExtra>();
  /** Breakout room configuration per parent conversation token. */
  readonly breakoutRooms = new Map<string, BreakoutState>();
  /** The SIP bridge configuration of the server. */
  sip: SipConfig = { sipGroups: [], dialInInfo: '', sharedSecret: '' };
  /** Talk user settings per user id. */
  readonly userSettings = new Map<string, Record<string, string | number>>();
  readonly waiters = new ChatWaiters();
  nextId: IdCounters = { conversation: 1, attendee: 1, message: 1, poll: 1, bot: 1, file: 1 };
  /** Called after every change (persistence hooks in here). */
  onChange: () => void = () => {};
  /** The clock, in Unix seconds (replaceable in tests). */
  now: () => number = () => Math.floor(Date.now() / 1000);
  /** The server's base URL once it listens (`http://127.0.0.1:8080`), for absolute links such as `icon-url`. */
  baseUrl = '';
  /** The Talk release whose answers the dev server reproduces (default: the newest). */
  profile: ReleaseProfile = releaseProfile();

  /** A fresh store with the given users (app passwords generated where missing). */
  static create(users: readonly SeedUser[] = DEFAULT_USERS): TalkStore {
    const store = new TalkStore();
    for (const u of users) {
      store.users.set(u.id, {
        id: u.id,
        displayName: u.displayName,
        appPassword: u.appPassword ?? generateAppPassword(),
        groups: [...(u.groups ?? [])],
      });
    }
    return store;
  }

  /** Rebuilds a store from persisted state (areas a state does not have start empty). */
  static fromState(state: TalkState): TalkStore {
    const store = new TalkStore();
    store.nextId = { ...store.nextId, ...state.nextId };
    for (const u of state.users) store.users.set(u.id, { ...u, groups: [...u.groups] });
    for (const c of state.conversations) {
      store.conversations.set(c.token, { ...c });
      store.attendees.create(c.token);
      store.messages.set(c.token, []);
    }
    for (const a of state.attendees) store.attendees.add({ ...a });
    for (const m of [...state.messages].sort((x, y) => x.id - y.id)) {
      const list = store.messages.get(m.token);
      if (!list) continue;
      const copy = { ...m, messageParameters: { ...m.messageParameters } };
      list.push(copy);
      store.messageById.set(copy.id, copy);
    }
    store.reminders = state.reminders.map((r) => ({ ...r }));
    restoreAreas(store, state);
    return store;
  }

  /** The persistable state (sessions with their in-call flags, running calls and waiters are not persisted). */
  toState(): TalkState {
    return {
      version: 1,
      nextId: { ...this.nextId },
      users: [...this.users.values()],
      conversations: [...this.conversations.values()],
      attendees: [...this.attendees.values()].flat(),
      messages: [...this.messages.values()].flat(),
      reminders: this.reminders,
      ...areaRecords(this),
    };
  }

  /** Forgets what other areas keep about messages that no longer exist (their reactions). */
  forgetMessages(messageIds: Iterable<number>): void {
    for (const id of messageIds) {
      this.reactions.delete(id);
      this.bots.reactions.delete(id);
    }
  }

  /** Forgets what other areas keep about a conversation that no longer exists (its messages must be gone already). */
  forgetConversation(token: string): void {
    for (const [id, poll] of this.polls) if (poll.token === token) this.polls.delete(id);
    this.bots.enabled.delete(token);
    this.conversationExtras.delete(token);
    this.breakoutRooms.delete(token);
    for (const state of this.breakoutRooms.values()) state.assistance.delete(token);
    for (const [fileId, shares] of this.fileShares) {
      const kept = shares.filter((s) => s.token !== token);
      if (kept.length === shares.length) continue;
      if (kept.length === 0) this.fileShares.delete(fileId);
      else this.fileShares.set(fileId, kept);
    }
  }

  /** Marks the state as changed. */
  changed(): void {
    this.onChange();
  }

  /** A new unused conversation token (8 lowercase letters and digits, like Talk). */
  newToken(): string {
    for (;;) {
      let token = '';
      for (let i = 0; i < 8; i++) token += TOKEN_CHARS[randomInt(TOKEN_CHARS.length)];
      if (!this.conversations.has(token) && token !== 'note-to-self') return token;
    }
  }

  /** A new Talk session id (512 characters, as the docs describe). */
  newSessionId(): string {
    return randomBytes(384).toString('base64url').slice(0, 512);
  }

  attendeesOf(token: string): readonly AttendeeRecord[] {
    return this.attendees.get(token) ?? [];
  }

  reactionsOf(messageId: number): ReactionRecord[] {
    return this.reactions.get(messageId) ?? [];
  }

  messagesOf(token: string): MessageRecord[] {
    return this.messages.get(token) ?? [];
  }

  sessionsOf(attendeeId: number): SessionRecord[] {
    return this.sessions.ofAttendee(attendeeId);
  }
}

type AreaRecords = Required<Pick<TalkState, AreaKind>>;
type AreaKind =
  | 'polls'
  | 'reactions'
  | 'bots'
  | 'botConversations'
  | 'botReactions'
  | 'conversationExtras'
  | 'breakoutRooms'
  | 'sipSettings'
  | 'userSettings'
  | 'files'
  | 'fileShares';

const NO_SIP: SipConfig = { sipGroups: [], dialInInfo: '', sharedSecret: '' };

/** The records of the areas beyond conversations and chat, as the data file keeps them. */
function areaRecords(store: TalkStore): AreaRecords {
  const sipSet = store.sip.sharedSecret !== '' || store.sip.dialInInfo !== '' || store.sip.sipGroups.length > 0;
  return {
    polls: [...store.polls.values()],
    reactions: [...store.reactions.values()].flat(),
    bots: [...store.bots.installed.values()],
    botConversations: [...store.bots.enabled].flatMap(([token, ids]) => [...ids].map((botId) => ({ token, botId }))),
    botReactions: [...store.bots.reactions].flatMap(([messageId, byReaction]) =>
      [...byReaction].flatMap(([reaction, actors]) => [...actors].map((actorId) => ({ messageId, reaction, actorId }))),
    ),
    conversationExtras: [...store.conversationExtras].map(([token, extra]) => ({
      token,
      sipEnabled: extra.sipEnabled,
      mentionPermissions: extra.mentionPermissions,
      avatar: extra.avatar ? { contentType: extra.avatar.contentType, base64: Buffer.from(extra.avatar.bytes).toString('base64') } : null,
    })),
    breakoutRooms: [...store.breakoutRooms].map(([token, b]) => ({ token, mode: b.mode, status: b.status, assistance: [...b.assistance] })),
    sipSettings: sipSet ? [store.sip] : [],
    userSettings: [...store.userSettings].map(([userId, settings]) => ({ userId, settings })),
    files: [...store.files.values()].flatMap((byPath) => [...byPath.values()]),
    fileShares: [...store.fileShares].flatMap(([fileId, shares]) => shares.map((s) => ({ fileId, shareId: s.shareId, token: s.token }))),
  };
}

/** Rebuilds the areas' in-memory structures from their records (copies: the store never shares a record with the state). */
function restoreAreas(store: TalkStore, state: TalkState): void {
  const copy = <T>(value: T): T => structuredClone(value);
  for (const poll of state.polls ?? []) store.polls.set(poll.id, copy(poll));
  for (const r of state.reactions ?? []) {
    const list = store.reactions.get(r.messageId) ?? [];
    list.push({ ...r });
    store.reactions.set(r.messageId, list);
  }
  // Data files written before webhook delivery have no features or error counters: Talk's defaults.
  for (const bot of state.bots ?? [])
    store.bots.installed.set(bot.id, {
      ...copy(bot),
      features: bot.features ?? DEFAULT_BOT_FEATURES,
      errorCount: bot.errorCount ?? 0,
      lastErrorDate: bot.lastErrorDate ?? 0,
      lastErrorMessage: bot.lastErrorMessage ?? null,
    });
  for (const { token, botId } of state.botConversations ?? []) {
    const set = store.bots.enabled.get(token) ?? new Set<number>();
    set.add(botId);
    store.bots.enabled.set(token, set);
  }
  for (const { messageId, reaction, actorId } of state.botReactions ?? []) {
    const byReaction = store.bots.reactions.get(messageId) ?? new Map<string, Set<string>>();
    const actors = byReaction.get(reaction) ?? new Set<string>();
    actors.add(actorId);
    byReaction.set(reaction, actors);
    store.bots.reactions.set(messageId, byReaction);
  }
  for (const e of state.conversationExtras ?? []) {
    store.conversationExtras.set(e.token, {
      sipEnabled: e.sipEnabled,
      mentionPermissions: e.mentionPermissions,
      avatar: e.avatar ? { contentType: e.avatar.contentType, bytes: new Uint8Array(Buffer.from(e.avatar.base64, 'base64')) } : null,
    });
  }
  for (const b of state.breakoutRooms ?? []) store.breakoutRooms.set(b.token, { mode: b.mode, status: b.status, assistance: new Set(b.assistance) });
  store.sip = copy(state.sipSettings?.[0] ?? NO_SIP);
  for (const u of state.userSettings ?? []) store.userSettings.set(u.userId, { ...u.settings });
  for (const f of state.files ?? []) {
    const mine = store.files.get(f.owner) ?? new Map<string, FileRecord>();
    mine.set(f.path, { ...f });
    store.files.set(f.owner, mine);
  }
  for (const s of state.fileShares ?? []) store.fileShares.set(s.fileId, [...(store.fileShares.get(s.fileId) ?? []), { shareId: s.shareId, token: s.token }]);
}
