// Chat operations: send, receive (history and long polling), context, share, edit, delete, clear, mentions,
// shared items, read markers and reminders.
import { messageActivity } from './bot-activities.js';
import { BotFeature, notifyBots } from './bots.js';
import { CHAT_DEFAULT_LIMIT, CHAT_MAX_LENGTH, CHAT_MAX_LIMIT, POLL_DEFAULT_TIMEOUT, POLL_MAX_TIMEOUT, Permission } from './constants.js';
import { actorObject, appendMessage, appendSystemMessage, futurePage, historyPage, isVisible, scanMentions } from './chat-log.js';
import type { MessageAuthor } from './chat-log.js';
import type { Participant } from './participant.js';
import { assertLobbyOpen, chatIdentity, effectivePermissions, isModerator, requireMember, resolveParticipant } from './participant.js';
import { lastCommonRead, markUnread, setReadMarker } from './read-marker.js';
import type { Actor, AttendeeRecord, MessageRecord, ReminderRecord, RichObject } from './records.js';
import { files, normalFilePath } from './files.js';
import type { TalkStore } from './store.js';
import { parseJsonParameter } from './input-limits.js';
import { TalkError, guardError } from './talk-error.js';
import { conversationDisplayName } from './views.js';

const SIX_HOURS = 6 * 3600;
const ONE_DAY = 24 * 3600;

function author(store: TalkStore, p: Participant, guestName?: string): MessageAuthor {
  const id = chatIdentity(store, p);
  if (id.actorType === 'guests' && guestName && p.attendee) {
    p.attendee.displayName = guestName.slice(0, 64);
    store.changed();
    return { actorType: 'guests', actorId: id.actorId, displayName: p.attendee.displayName };
  }
  return { actorType: id.actorType, actorId: id.actorId, displayName: id.displayName };
}

/** A member who may read the chat (membership + lobby). */
export function chatReader(store: TalkStore, token: string, actor: Actor): Participant & { attendee: AttendeeRecord } {
  const p = requireMember(store, token, actor);
  assertLobbyOpen(p);
  return p;
}

/** A member who may write to the chat (membership, lobby, read-only, chat permission). */
export function chatWriter(store: TalkStore, token: string, actor: Actor): Participant & { attendee: AttendeeRecord } {
  const p = chatReader(store, token, actor);
  if (p.conversation.readOnly === 1) throw guardError(403, 'readOnly', 'The conversation is read-only');
  if (!(effectivePermissions(p.conversation, p.attendee) & Permission.CHAT)) throw guardError(403, 'permissions', 'The participant may not post chat messages');
  return p;
}

/** Input of "Sending a new chat message". */
export interface SendMessageInput {
  message: string;
  actorDisplayName?: string;
  replyTo?: number;
  referenceId?: string;
  silent?: boolean;
}

function applyMentions(store: TalkStore, p: Participant, record: MessageRecord, users: string[], guests: string[], all: boolean): void {
  for (const a of store.attendeesOf(p.conversation.token)) {
    const direct = (a.actorType === 'users' && users.includes(a.actorId)) || (a.actorType === 'guests' && guests.includes(a.actorId));
    if (direct) {
      a.lastMentionDirect = record.id;
      a.lastMentionMessage = record.id;
    } else if (all) {
      a.lastMentionMessage = record.id;
    }
  }
}

/**
 * The message a reply may point at: one of *this* conversation's visible, replyable messages, else null. Ids are
 * sequential across conversations, so every reply target from a request goes through here.
 */
export function replyTarget(store: TalkStore, token: string, messageId: number): MessageRecord | null {
  const parent = store.messageById.get(messageId);
  if (!parent || parent.token !== token || !isVisible(parent, store.now())) return null;
  return parent.messageType === 'comment' || parent.messageType === 'voice-message' ? parent : null;
}

/** Posts a chat message (413 over 32000 characters, 403 read-only, 412 lobby, 400 bad reply). */
export function sendMessage(store: TalkStore, token: string, actor: Actor, input: SendMessageInput): { message: MessageRecord; participant: Participant } {
  const p = chatWriter(store, token, actor);
  if ([...input.message].length > CHAT_MAX_LENGTH) throw new TalkError(413, 'message', `The message is longer than ${CHAT_MAX_LENGTH} characters`);
  if (input.message.trim() === '') throw new TalkError(400, 'message', 'The message is empty');
  let parentId = 0;
  if (input.replyTo !== undefined && input.replyTo !== 0) {
    const parent = replyTarget(store, token, input.replyTo);
    if (!parent) throw new TalkError(400, 'reply-to', 'The message to reply to can not be replied to');
    parentId = parent.id;
  }
  const displayName = conversationDisplayName(store, p.conversation, p.actor.kind === 'user' ? p.actor.userId : null);
  const scan = scanMentions(store, p.conversation, displayName, input.message);
  const record = appendMessage(store, p.conversation, {
    author: author(store, p, input.actorDisplayName),
    message: scan.message,
    messageParameters: scan.parameters,
    referenceId: input.referenceId ?? '',
    parentId,
    silent: input.silent ?? false,
  });
  if (!record.silent) applyMentions(store, p, record, scan.users, scan.guests, scan.all);
  setReadMarker(store, p.conversation, p.attendee, record.id);
  notifyBots(store, token, BotFeature.WEBHOOK, () => messageActivity(store, p.conversation, record));
  return { message: record, participant: p };
}

/** Input of "Share a rich object to the chat". */
export interface ShareRichObjectInput {
  objectType: string;
  objectId: string;
  metaData: string;
  actorDisplayName?: string;
  referenceId?: string;
}

const SHARED_TYPES: Record<string, string> = { 'geo-location': 'location', 'deck-card': 'deckcard' };

/** The rich object types Nextcloud defines (OCP\RichObjectStrings\Definitions); others are refused (400 `object`). */
const RICH_OBJECT_TYPES = new Set([
  'addressbook',
  'addressbook-contact',
  'announcement',
  'app',
  'calendar',
  'calendar-event',
  'call',
  'circle',
  'deck-board',
  'deck-card',
  'email',
  'file',
  'forms-form',
  'geo-location',
  'guest',
  'highlight',
  'news-article',
  'news-feed',
  'optional-circle',
  'pending-federated-share',
  'systemtag',
  'talk-attachment',
  'talk-poll',
  'user',
  'user-group',
]);

/** Whether a rich object's `link` points to this server (Talk refuses links to elsewhere: 400 `link`). */
function isLocalLink(store: TalkStore, link: string): boolean {
  try {
    return store.baseUrl !== '' && new URL(link).host === new URL(store.baseUrl).host;
  } catch {
    return false;
  }
}

/** Shares a rich object (`{object}` comment, `object_shared` in Talk's storage). */
export function shareRichObject(
  store: TalkStore,
  token: string,
  actor: Actor,
  input: ShareRichObjectInput,
): { message: MessageRecord; participant: Participant } {
  const p = chatWriter(store, token, actor);
  if (input.metaData.length > CHAT_MAX_LENGTH) throw new TalkError(413, 'message', 'The meta data is too long');
  const meta = parseJsonParameter('metaData', input.metaData);
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta) || typeof (meta as { name?: unknown }).name !== 'string') {
    throw new TalkError(400, 'object', 'The meta data must be a JSON object with at least a "name"');
  }
  if (!RICH_OBJECT_TYPES.has(input.objectType)) throw new TalkError(400, 'object', `Unknown rich object type "${input.objectType}"`);
  const link = (meta as { link?: unknown }).link;
  if (typeof link === 'string' && !isLocalLink(store, link)) throw new TalkError(400, 'link', 'The link does not point to this server');
  const object: RichObject = { type: input.objectType, id: input.objectId, name: '' };
  for (const [k, v] of Object.entries(meta as Record<string, unknown>)) {
    if (typeof v === 'string' || typeof v === 'number') object[k] = v;
  }
  object.type = input.objectType;
  object.id = input.objectId;
  object['icon-url'] = `${store.baseUrl}/ocs/v2.php/apps/spreed/api/v1/room/${p.conversation.token}/avatar?v=${p.conversation.id}`;
  const record = appendMessage(store, p.conversation, {
    author: author(store, p, input.actorDisplayName),
    message: '{object}',
    messageParameters: { object },
    referenceId: input.referenceId ?? '',
    sharedItemType: SHARED_TYPES[input.objectType] ?? 'other',
  });
  setReadMarker(store, p.conversation, p.attendee, record.id);
  return { message: record, participant: p };
}

/** Input of the files_sharing "Share a file to the chat" (`shareType` 10). */
export interface ShareFileInput {
  shareType: number;
  shareWith: string;
  path: string;
  referenceId?: string;
  talkMetaData?: string;
  permissions?: number;
}

/** The fields of `talkMetaData` the dev server stores, type- and size-checked (400/413 naming the field). */
function talkMetaData(text: string): { messageType?: string; caption?: string; replyTo?: number; silent?: boolean } {
  const meta = parseJsonParameter('talkMetaData', text, { notJson: 'ignore' });
  if (meta === undefined) return {};
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) throw new TalkError(400, 'talkMetaData', 'talkMetaData must be a JSON object');
  const { messageType, caption, replyTo, silent } = meta as Record<string, unknown>;
  const wrong = (field: string, type: string) => new TalkError(400, 'talkMetaData', `talkMetaData.${field} must be ${type}`);
  if (messageType !== undefined && typeof messageType !== 'string') throw wrong('messageType', 'a string');
  if (caption !== undefined && typeof caption !== 'string') throw wrong('caption', 'a string');
  if (typeof caption === 'string' && [...caption].length > CHAT_MAX_LENGTH)
    throw new TalkError(400, 'talkMetaData', `talkMetaData.caption is longer than ${CHAT_MAX_LENGTH} characters`);
  if (replyTo !== undefined && !Number.isSafeInteger(replyTo)) throw wrong('replyTo', 'an integer');
  if (silent !== undefined && typeof silent !== 'boolean') throw wrong('silent', 'a boolean');
  return { messageType, caption, replyTo, silent } as { messageType?: string; caption?: string; replyTo?: number; silent?: boolean };
}

/** A refusal of Nextcloud's files_sharing API: `[]` data with the reason in `meta.message`. */
function shareRefusal(status: number, message: string): TalkError {
  return guardError(status, 'share', message);
}

/**
 * Shares an uploaded file (WebDAV `PUT /remote.php/dav/files/{user}/{path}`) into a conversation, as files_sharing
 * with share type 10 does: the file must exist (404), not be the root (403), the conversation must exist (403) and
 * have the user as a member who may chat (404, 403), and the file may be shared there once (403).
 */
export function shareFile(store: TalkStore, actor: Actor, input: ShareFileInput): { message: MessageRecord; participant: Participant; share: FileShare } {
  if (input.shareType !== 10) throw shareRefusal(400, 'Unknown share type');
  // Every stored field is type- and size-checked (400 naming talkMetaData) before anything else is looked at.
  // Talk ignores talkMetaData that is not JSON (the file is shared without caption or reply); JSON that is, is type-
  // and size-checked (400 naming talkMetaData) before anything else is looked at.
  const meta: { messageType?: string; caption?: string; replyTo?: unknown; silent?: boolean } = input.talkMetaData ? talkMetaData(input.talkMetaData) : {};
  if (actor.kind !== 'user') throw guardError(401, 'guest', 'Current user is not logged in');
  const path = normalFilePath(input.path);
  if (path === '/') throw shareRefusal(403, 'You cannot share your root folder');
  const file = path === null ? undefined : files.get(store, actor.userId, path);
  if (!file) throw shareRefusal(404, 'Wrong path, file/folder does not exist');
  if (input.permissions !== undefined && !(Number.isInteger(input.permissions) && input.permissions >= 1 && input.permissions <= 31)) {
    throw shareRefusal(store.profile.invalidSharePermissionsStatus, 'Invalid permissions');
  }
  if (!store.conversations.has(input.shareWith)) throw shareRefusal(403, 'Failed to create share.');
  let p: Participant & { attendee: AttendeeRecord };
  try {
    p = chatWriter(store, input.shareWith, actor);
  } catch (error) {
    if (error instanceof TalkError && error.status === 404) throw shareRefusal(404, 'Conversation not found');
    throw error;
  }
  const shares = store.fileShares.get(file.id) ?? [];
  if (shares.some((s) => s.token === p.conversation.token)) throw shareRefusal(403, 'Path is already shared with this conversation');
  const share: FileShare = { shareId: store.nextId.file++, token: p.conversation.token };
  store.fileShares.set(file.id, [...shares, share]);
  const name = file.path.split('/').pop() ?? file.path;
  // A reply target outside this conversation is dropped (Talk posts the file without a parent).
  const replyTo = typeof meta.replyTo === 'number' || typeof meta.replyTo === 'string' ? replyTarget(store, p.conversation.token, Number(meta.replyTo)) : null;
  const mimetype = file.mimetype;
  const fileId = String(file.id);
  const voice = meta.messageType === 'voice-message';
  // Real Talk 19 and 21 list shared voice messages with the audio items (their `voice` list stays empty).
  const sharedItemType = mimetype.startsWith('image/') || mimetype.startsWith('video/') ? 'media' : mimetype.startsWith('audio/') ? 'audio' : 'file';
  const preview = mimetype.startsWith('text/') || (mimetype.startsWith('image/') && mimetype !== 'image/svg+xml') || mimetype === 'audio/mpeg';
  const record = appendMessage(store, p.conversation, {
    author: author(store, p),
    message: typeof meta.caption === 'string' && meta.caption !== '' ? meta.caption : '{file}',
    messageType: voice ? 'voice-message' : 'comment',
    messageParameters: {
      file: {
        type: 'file',
        id: fileId,
        name,
        size: String(file.size),
        path: file.path.slice(1),
        link: `${store.baseUrl}/index.php/f/${fileId}`,
        etag: file.etag,
        permissions: '19',
        mimetype,
        'preview-available': preview ? 'yes' : 'no',
        ...store.profile.fileObjectExtras,
      },
    },
    referenceId: input.referenceId ?? '',
    parentId: replyTo?.id ?? 0,
    silent: meta.silent === true,
    sharedItemType,
  });
  setReadMarker(store, p.conversation, p.attendee, record.id);
  return { message: record, participant: p, share };
}

/** A file shared into a conversation. */
export interface FileShare {
  shareId: number;
  token: string;
}

/** Options of "Receive chat messages of a conversation". */
export interface ReceiveOptions {
  lookIntoFuture: boolean;
  limit?: number;
  lastKnownMessageId?: number;
  lastCommonReadId?: number;
  timeout?: number;
  setReadMarker?: boolean;
  includeLastKnown?: boolean;
  signal?: AbortSignal;
}

/** Result of receiving messages: `messages` empty means 304 (unless `commonReadChanged`). */
export interface ReceiveResult {
  participant: Participant & { attendee: AttendeeRecord };
  messages: MessageRecord[];
  lastGiven: number;
  lastCommonRead: number;
  /** The poll ended because the common read marker moved past `lastCommonReadId` (200 with no messages). */
  commonReadChanged: boolean;
}

/**
 * Receives messages. History (`lookIntoFuture=false`) answers at once; long polling waits until a message is
 * posted (woken by the chat log at once), the common read marker moves, the timeout passes or the client aborts.
 */
export async function receiveMessages(store: TalkStore, token: string, actor: Actor, options: ReceiveOptions): Promise<ReceiveResult> {
  const limit = Math.max(1, Math.min(options.limit ?? CHAT_DEFAULT_LIMIT, CHAT_MAX_LIMIT));
  const lastKnown = Math.max(0, options.lastKnownMessageId ?? 0);
  const includeLastKnown = options.includeLastKnown ?? false;
  const p = chatReader(store, token, actor);
  if (!options.lookIntoFuture) {
    const messages = historyPage(store, token, { lastKnownMessageId: lastKnown, limit, includeLastKnown });
    return { participant: p, messages, lastGiven: messages.at(-1)?.id ?? 0, lastCommonRead: lastCommonRead(store, token), commonReadChanged: false };
  }
  const timeoutSeconds = Math.max(0, Math.min(options.timeout ?? POLL_DEFAULT_TIMEOUT, POLL_MAX_TIMEOUT));
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    const current = chatReader(store, token, actor);
    const messages = futurePage(store, token, { lastKnownMessageId: lastKnown, limit, includeLastKnown });
    const common = lastCommonRead(store, token);
    const commonReadChanged = options.lastCommonReadId !== undefined && options.lastCommonReadId > 0 && common > options.lastCommonReadId;
    if (messages.length > 0 || commonReadChanged) {
      const newest = messages.at(-1);
      if (newest && (options.setReadMarker ?? true) && newest.id > current.attendee.lastReadMessage) {
        setReadMarker(store, current.conversation, current.attendee, newest.id);
      }
      return { participant: current, messages, lastGiven: newest?.id ?? 0, lastCommonRead: lastCommonRead(store, token), commonReadChanged };
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0 || options.signal?.aborted) {
      return { participant: current, messages, lastGiven: 0, lastCommonRead: common, commonReadChanged: false };
    }
    const reason = await store.waiters.wait(token, remaining, options.signal);
    if (reason !== 'message') return { participant: current, messages: [], lastGiven: 0, lastCommonRead: common, commonReadChanged: false };
  }
}

/** "Get context of a message": up to `limit` messages on each side of `messageId`, newest first. */
export function messageContext(store: TalkStore, token: string, actor: Actor, messageId: number, limitInput?: number): ReceiveResult {
  const p = chatReader(store, token, actor);
  const limit = Math.max(1, Math.min(limitInput ?? 50, 100));
  // Talk answers the messages around the id, whether or not it is one of this conversation's: the id is a bound only.
  const newer = futurePage(store, token, { lastKnownMessageId: messageId, limit, includeLastKnown: false }).reverse();
  const older = historyPage(store, token, { lastKnownMessageId: messageId, limit: limit + 1, includeLastKnown: true });
  const messages = [...newer, ...older];
  return { participant: p, messages, lastGiven: messages.at(-1)?.id ?? 0, lastCommonRead: lastCommonRead(store, token), commonReadChanged: false };
}

function editableMessage(store: TalkStore, p: Participant & { attendee: AttendeeRecord }, messageId: number, maxAge: number, what: string): MessageRecord {
  const m = store.messageById.get(messageId);
  if (!m || m.token !== p.conversation.token || !isVisible(m, store.now())) throw new TalkError(404, 'message', 'The chat message could not be found');
  if (m.messageType !== 'comment' && m.messageType !== 'voice-message') throw new TalkError(405, 'message', 'The message is not a normal chat message');
  const own = m.actorType === (p.attendee.actorType === 'emails' ? 'guests' : p.attendee.actorType) && m.actorId === p.attendee.actorId;
  if (!own && !isModerator(p)) throw new TalkError(403, 'permission', `The message is not from the current user and the user is not a moderator`);
  if (store.now() - m.timestamp > maxAge) throw new TalkError(400, 'age', `The message is too old to be ${what}`);
  return m;
}

/** "Deleting a chat message": replaces the text and adds the `message_deleted` system message (returned). */
export function deleteMessage(store: TalkStore, token: string, actor: Actor, messageId: number): { notice: MessageRecord; participant: Participant } {
  const p = chatReader(store, token, actor);
  if (p.conversation.readOnly === 1) throw guardError(403, 'readOnly', 'The conversation is read-only');
  const m = editableMessage(store, p, messageId, SIX_HOURS, 'deleted');
  const me = author(store, p);
  m.messageType = 'comment_deleted';
  m.message = 'Message deleted by {actor}';
  m.messageParameters = { actor: actorObject(me) };
  m.lastEdit = { actorType: me.actorType, actorId: me.actorId, actorDisplayName: me.displayName, timestamp: store.now() };
  m.sharedItemType = '';
  const notice = appendSystemMessage(store, p.conversation, me, 'message_deleted', 'Message deleted by {actor}', {}, m.id);
  return { notice, participant: p };
}

/** "Editing a chat message": updates the text and adds the `message_edited` system message (returned). */
export function editMessage(
  store: TalkStore,
  token: string,
  actor: Actor,
  messageId: number,
  text: string,
): { notice: MessageRecord; participant: Participant } {
  const p = chatReader(store, token, actor);
  if (p.conversation.readOnly === 1) throw guardError(403, 'readOnly', 'The conversation is read-only');
  if ([...text].length > CHAT_MAX_LENGTH) throw new TalkError(413, 'message', `The message is longer than ${CHAT_MAX_LENGTH} characters`);
  if (text.trim() === '') throw new TalkError(400, 'message', 'The message is empty', undefined, 'reason-always');
  const m = editableMessage(store, p, messageId, ONE_DAY, 'edited');
  if (m.messageParameters.file) throw new TalkError(400, 'file', 'Shared files can not be edited');
  const me = author(store, p);
  const displayName = conversationDisplayName(store, p.conversation, p.actor.kind === 'user' ? p.actor.userId : null);
  const scan = scanMentions(store, p.conversation, displayName, text);
  m.message = scan.message;
  m.messageParameters = scan.parameters;
  m.lastEdit = { actorType: me.actorType, actorId: me.actorId, actorDisplayName: me.displayName, timestamp: store.now() };
  const notice = appendSystemMessage(store, p.conversation, me, 'message_edited', 'Message edited by {actor}', {}, m.id);
  return { notice, participant: p };
}

/** "Clear chat history" (moderators): removes every message and adds `history_cleared` (returned). */
export function clearHistory(store: TalkStore, token: string, actor: Actor): { notice: MessageRecord; participant: Participant } {
  const p = requireMember(store, token, actor);
  if (!isModerator(p)) throw guardError(403, 'permissions', 'The user is not a moderator');
  for (const m of store.messagesOf(token)) store.messageById.delete(m.id);
  store.forgetMessages(store.messagesOf(token).map((m) => m.id));
  store.messages.set(token, []);
  store.reminders = store.reminders.filter((r) => r.token !== token);
  const notice = appendSystemMessage(store, p.conversation, author(store, p), 'history_cleared', '{actor} cleared the history of the conversation');
  for (const a of store.attendeesOf(token)) {
    store.attendees.moveReadMarker(a, Math.min(a.lastReadMessage, notice.id));
    a.lastMentionMessage = 0;
    a.lastMentionDirect = 0;
  }
  return { notice, participant: p };
}

/** "List items of type shared in a chat". */
export function listSharedItems(
  store: TalkStore,
  token: string,
  actor: Actor,
  input: { objectType: string; lastKnownMessageId?: number; limit?: number },
): ReceiveResult {
  const p = chatReader(store, token, actor);
  const limit = Math.max(1, Math.min(input.limit ?? 100, 200));
  const messages = historyPage(store, token, {
    lastKnownMessageId: input.lastKnownMessageId ?? 0,
    limit,
    includeLastKnown: false,
    filter: (m) => m.sharedItemType === input.objectType,
  });
  return { participant: p, messages, lastGiven: messages.at(-1)?.id ?? 0, lastCommonRead: lastCommonRead(store, token), commonReadChanged: false };
}

/** "List overview of items shared into a chat": per shared item type, the newest `limit` messages. */
export function sharedItemsOverview(
  store: TalkStore,
  token: string,
  actor: Actor,
  limitInput?: number,
): { participant: Participant; items: Map<string, MessageRecord[]> } {
  const p = chatReader(store, token, actor);
  const limit = Math.max(1, Math.min(limitInput ?? 7, 20));
  const items = new Map<string, MessageRecord[]>();
  const now = store.now();
  const list = store.messagesOf(token);
  for (let i = list.length - 1; i >= 0; i--) {
    const m = list[i];
    if (!m.sharedItemType || !isVisible(m, now)) continue;
    const bucket = items.get(m.sharedItemType) ?? [];
    if (bucket.length < limit) bucket.push(m);
    items.set(m.sharedItemType, bucket);
  }
  return { participant: p, items };
}

/** A mention suggestion. */
export interface MentionSuggestion {
  id: string;
  label: string;
  source: 'users' | 'guests' | 'calls';
  mentionId: string;
  /** `@all` only, Talk 21: "All 3 participants". */
  details?: string;
}

/** "Get mention autocomplete suggestions" (403 read-only, 412 lobby). */
export function mentionSuggestions(store: TalkStore, token: string, actor: Actor, search: string, limitInput?: number): MentionSuggestion[] {
  const p = chatWriter(store, token, actor);
  const limit = Math.max(1, limitInput ?? 20);
  const term = search.toLowerCase();
  const out: MentionSuggestion[] = [];
  const matches = (...values: string[]) => term === '' || values.some((v) => v.toLowerCase().includes(term));
  const displayName = conversationDisplayName(store, p.conversation, p.actor.kind === 'user' ? p.actor.userId : null);
  if (matches('all', displayName)) {
    const all: MentionSuggestion = { id: 'all', label: displayName, source: 'calls', mentionId: 'all' };
    if (store.profile.mentionAllDetails) all.details = `All ${store.attendeesOf(token).filter((a) => a.actorType !== 'groups').length} participants`;
    out.push(all);
  }
  for (const a of store.attendeesOf(token)) {
    if (a.id === p.attendee.id) continue;
    if (a.actorType === 'users' && matches(a.actorId, a.displayName)) out.push({ id: a.actorId, label: a.displayName, source: 'users', mentionId: a.actorId });
    if (a.actorType === 'guests' && matches(a.displayName || 'Guest'))
      out.push({ id: `guest/${a.actorId}`, label: a.displayName || 'Guest', source: 'guests', mentionId: `guest/${a.actorId}` });
  }
  return out.slice(0, limit);
}

/** "Mark chat as read" (defaults to the newest message). */
export function markRead(store: TalkStore, token: string, actor: Actor, lastReadMessage?: number | null): Participant & { attendee: AttendeeRecord } {
  const p = requireMember(store, token, actor);
  if (p.attendee.actorType !== 'users') throw new TalkError(404, 'guest', 'Guests have no read marker');
  setReadMarker(store, p.conversation, p.attendee, lastReadMessage ?? p.conversation.lastMessageId);
  return p;
}

/** "Mark chat as unread". */
export function markChatUnread(store: TalkStore, token: string, actor: Actor): Participant & { attendee: AttendeeRecord } {
  const p = requireMember(store, token, actor);
  if (p.attendee.actorType !== 'users') throw new TalkError(404, 'guest', 'Guests have no read marker');
  markUnread(store, p.conversation, p.attendee);
  return p;
}

function reminderTarget(store: TalkStore, token: string, actor: Actor, messageId: number): { userId: string } {
  if (actor.kind !== 'user') throw new TalkError(404, 'guest', 'Guests can not set reminders');
  resolveParticipant(store, token, actor);
  const m = store.messageById.get(messageId);
  if (!m || m.token !== token) throw new TalkError(404, 'message', 'The message could not be found in the room', undefined, 'reason-always');
  return { userId: actor.userId };
}

/** Reminders ("remind me later"). */
export const reminders = {
  set(store: TalkStore, token: string, actor: Actor, messageId: number, timestamp: number): ReminderRecord {
    const { userId } = reminderTarget(store, token, actor, messageId);
    store.reminders = store.reminders.filter((r) => !(r.userId === userId && r.messageId === messageId));
    const reminder: ReminderRecord = { userId, token, messageId, timestamp };
    store.reminders.push(reminder);
    store.changed();
    return reminder;
  },
  get(store: TalkStore, token: string, actor: Actor, messageId: number): ReminderRecord {
    const { userId } = reminderTarget(store, token, actor, messageId);
    const r = store.reminders.find((x) => x.userId === userId && x.messageId === messageId);
    if (!r) throw new TalkError(404, 'reminder', 'No reminder for this message', undefined, 'reason-always');
    return r;
  },
  remove(store: TalkStore, token: string, actor: Actor, messageId: number): void {
    const { userId } = reminderTarget(store, token, actor, messageId);
    store.reminders = store.reminders.filter((x) => !(x.userId === userId && x.messageId === messageId));
    store.changed();
  },
};
