// Bots (`/bot/...`, API v1): installed bots, enabling them per conversation (moderators), and the API a bot
// calls, authenticated by `X-Nextcloud-Talk-Bot-Signature` = hex HMAC-SHA256 with the bot secret over
// `X-Nextcloud-Talk-Bot-Random` followed by the signed field (`message`, or `reaction`). Kept per store in memory.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { CHAT_MAX_LENGTH } from './constants.js';
import { appendMessage } from './chat-log.js';
import type { Participant } from './participant.js';
import { isModerator, requireConversation, requireMember } from './participant.js';
import type { Actor, ConversationRecord } from './records.js';
import type { TalkStore } from './store.js';
import { TalkError } from './talk-error.js';

/** `BotState` values. */
export const BotState = { DISABLED: 0, ENABLED: 1, NO_SETUP: 2 } as const;

/** A bot installed on the server (`occ talk:bot:install`). */
export interface InstalledBot {
  id: number;
  name: string;
  description: string;
  url: string;
  secret: string;
  state: number;
}

/** The bots of a store (`store.bots`; ids come from `store.nextId.bot`). */
export interface BotsState {
  installed: Map<number, InstalledBot>;
  /** Bot ids enabled per conversation token. */
  enabled: Map<string, Set<number>>;
  /** Reactions of bots: `${messageId}` → reaction → bot actor ids. */
  reactions: Map<number, Map<string, Set<string>>>;
}

const botsOf = (store: TalkStore): BotsState => store.bots;

/**
 * Installs a bot on the dev server (what `occ talk:bot:install` does); returns it with its id.
 *
 * @example
 * const bot = installBot(server.store, { name: 'Echo', url: 'https://bot.example/hook', secret: 'x'.repeat(40) });
 */
export function installBot(store: TalkStore, input: { name: string; url: string; secret: string; description?: string }): InstalledBot {
  if (input.secret.length < 40) throw new TalkError(400, 'secret', 'The bot secret must be at least 40 characters');
  const state = botsOf(store);
  const bot: InstalledBot = {
    id: store.nextId.bot++,
    name: input.name,
    description: input.description ?? '',
    url: input.url,
    secret: input.secret,
    state: BotState.ENABLED,
  };
  state.installed.set(bot.id, bot);
  store.changed();
  return bot;
}

/** The bot's actor id on chat messages (`bot-` + sha1 of its URL, as Talk). */
function botActorId(bot: InstalledBot): string {
  return `bot-${createHash('sha1').update(bot.url).digest('hex')}`;
}

function botView(bot: InstalledBot, state: number): { id: number; name: string; description: string; state: number } {
  return { id: bot.id, name: bot.name, description: bot.description, state };
}

/**
 * "List installed bots" (administrators: members of the `admin` group).
 *
 * @example
 * listInstalledBots(store, { kind: 'user', userId: 'admin' })[0].url_hash; // sha1 of the URL
 */
export function listInstalledBots(store: TalkStore, actor: Actor): Record<string, unknown>[] {
  const user = actor.kind === 'user' ? store.users.get(actor.userId) : undefined;
  if (!user?.groups.includes('admin')) throw new TalkError(403, 'permissions', 'Only administrators can list the installed bots');
  return [...botsOf(store).installed.values()].map((bot) => ({
    ...botView(bot, bot.state),
    url: bot.url,
    url_hash: createHash('sha1').update(bot.url).digest('hex'),
    error_count: 0,
    last_error_date: 0,
    last_error_message: null,
  }));
}

function moderatorOf(store: TalkStore, token: string, actor: Actor): Participant {
  const p = requireMember(store, token, actor);
  if (!isModerator(p)) throw new TalkError(403, 'permissions', 'Only moderators can manage the bots of a conversation');
  return p;
}

/**
 * "List bots" of a conversation (moderators): every installed bot with its state there.
 *
 * @example
 * listConversationBots(store, token, { kind: 'user', userId: 'alice' }); // [{ id: 1, name: 'Echo', description: '', state: 0 }]
 */
export function listConversationBots(store: TalkStore, token: string, actor: Actor): ReturnType<typeof botView>[] {
  moderatorOf(store, token, actor);
  const enabled = botsOf(store).enabled.get(token) ?? new Set();
  return [...botsOf(store).installed.values()]
    .filter((b) => b.state !== BotState.DISABLED)
    .map((b) => botView(b, enabled.has(b.id) ? BotState.ENABLED : BotState.DISABLED));
}

function installedBot(store: TalkStore, botId: number): InstalledBot {
  const bot = botsOf(store).installed.get(botId);
  if (!bot || bot.state === BotState.DISABLED) throw new TalkError(400, 'bot', 'The bot could not be found');
  return bot;
}

/**
 * "Enable a bot" in a conversation (moderators): `created` is false when it was enabled already (200, else 201).
 *
 * @example
 * enableBot(store, token, { kind: 'user', userId: 'alice' }, 1).created; // true
 */
export function enableBot(store: TalkStore, token: string, actor: Actor, botId: number): { bot: ReturnType<typeof botView>; created: boolean } {
  moderatorOf(store, token, actor);
  const bot = installedBot(store, botId);
  const state = botsOf(store);
  let set = state.enabled.get(token);
  if (!set) {
    set = new Set();
    state.enabled.set(token, set);
  }
  const created = !set.has(bot.id);
  set.add(bot.id);
  store.changed();
  return { bot: botView(bot, BotState.ENABLED), created };
}

/**
 * "Disable a bot" in a conversation (moderators).
 *
 * @example
 * disableBot(store, token, { kind: 'user', userId: 'alice' }, 1).state; // 0
 */
export function disableBot(store: TalkStore, token: string, actor: Actor, botId: number): ReturnType<typeof botView> {
  moderatorOf(store, token, actor);
  const bot = installedBot(store, botId);
  botsOf(store).enabled.get(token)?.delete(bot.id);
  store.changed();
  return botView(bot, BotState.DISABLED);
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a.toLowerCase());
  const y = Buffer.from(b.toLowerCase());
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The signature headers of a bot request. */
export interface BotSignature {
  random: string;
  signature: string;
}

/**
 * The enabled bot of the conversation whose secret signs `random + signed`, or 401 (wrong signature, or the
 * bot is not enabled there).
 */
function verifiedBot(store: TalkStore, conversation: ConversationRecord, headers: BotSignature, signed: string): InstalledBot {
  const state = botsOf(store);
  for (const id of state.enabled.get(conversation.token) ?? []) {
    const bot = state.installed.get(id);
    if (!bot || bot.state === BotState.DISABLED || !headers.random || !headers.signature) continue;
    const expected = createHmac('sha256', bot.secret)
      .update(headers.random + signed)
      .digest('hex');
    if (sameHex(expected, headers.signature)) return bot;
  }
  throw new TalkError(401, 'bot', 'The bot could not be verified for the conversation (wrong signature, or the bot is not enabled there)');
}

/**
 * "Sends a new chat message" as a bot (actorType `bots`).
 *
 * @example
 * sendBotMessage(store, token, { random, signature }, { message: 'Hello' });
 */
export function sendBotMessage(
  store: TalkStore,
  token: string,
  headers: BotSignature,
  input: { message: string; replyTo?: number; referenceId?: string; silent?: boolean },
): void {
  const conversation = requireConversation(store, token);
  const bot = verifiedBot(store, conversation, headers, input.message);
  if ([...input.message].length > CHAT_MAX_LENGTH) throw new TalkError(413, 'message', `The message is longer than ${CHAT_MAX_LENGTH} characters`);
  if (input.message.trim() === '') throw new TalkError(400, 'message', 'The message is empty');
  let parentId = 0;
  if (input.replyTo) {
    const parent = store.messageById.get(input.replyTo);
    if (!parent || parent.token !== token || parent.messageType !== 'comment')
      throw new TalkError(400, 'reply-to', 'The message to reply to can not be replied to');
    parentId = parent.id;
  }
  appendMessage(store, conversation, {
    author: { actorType: 'bots', actorId: botActorId(bot), displayName: bot.name },
    message: input.message,
    referenceId: input.referenceId ?? '',
    parentId,
    silent: input.silent ?? false,
  });
}

function reactionTarget(store: TalkStore, token: string, messageId: number, reaction: string): void {
  const message = store.messageById.get(messageId);
  if (!message || message.token !== token) throw new TalkError(404, 'message', 'The message could not be found in the conversation');
  if (reaction.trim() === '') throw new TalkError(400, 'reaction', 'The reaction is empty');
}

/**
 * "Adds a reaction" as a bot; `created` is false when the bot had reacted so already.
 *
 * @example
 * reactAsBot(store, token, { random, signature }, messageId, '👍');
 */
export function reactAsBot(store: TalkStore, token: string, headers: BotSignature, messageId: number, reaction: string): { created: boolean } {
  const conversation = requireConversation(store, token);
  const bot = verifiedBot(store, conversation, headers, reaction);
  reactionTarget(store, token, messageId, reaction);
  const state = botsOf(store);
  let byReaction = state.reactions.get(messageId);
  if (!byReaction) {
    byReaction = new Map();
    state.reactions.set(messageId, byReaction);
  }
  const actors = byReaction.get(reaction) ?? new Set<string>();
  byReaction.set(reaction, actors);
  const created = !actors.has(botActorId(bot));
  actors.add(botActorId(bot));
  store.changed();
  return { created };
}

/**
 * "Deletes a reaction" of a bot (404 when the bot had not reacted so).
 *
 * @example
 * deleteBotReaction(store, token, { random, signature }, messageId, '👍');
 */
export function deleteBotReaction(store: TalkStore, token: string, headers: BotSignature, messageId: number, reaction: string): void {
  const conversation = requireConversation(store, token);
  const bot = verifiedBot(store, conversation, headers, reaction);
  reactionTarget(store, token, messageId, reaction);
  const actors = botsOf(store).reactions.get(messageId)?.get(reaction);
  if (!actors?.delete(botActorId(bot))) throw new TalkError(404, 'reaction', 'The bot has not reacted with this reaction');
  store.changed();
}
