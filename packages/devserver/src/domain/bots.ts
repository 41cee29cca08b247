// Bots (`/bot/...`, API v1): installed bots, enabling them per conversation (moderators), and the API a bot
// calls, authenticated by `X-Nextcloud-Talk-Bot-Signature` = hex HMAC-SHA256 with the bot secret over
// `X-Nextcloud-Talk-Bot-Random` followed by the signed field (`message`, or `reaction`). Kept per store in memory.
// What Talk tells a bot (webhooks) is built in bot-activities.ts and sent by ../bot-webhook-delivery.ts.
import { createHash } from 'node:crypto';
import { MIN_BOT_RANDOM_LENGTH, isBotSignature } from './bot-signature.js';
import type { BotActivity } from './bot-activities.js';
import { botMembershipActivity } from './bot-activities.js';
import { CHAT_MAX_LENGTH } from './constants.js';
import { appendMessage } from './chat-log.js';
import type { Participant } from './participant.js';
import { isModerator, requireConversation, requireMember } from './participant.js';
import type { Actor, ConversationRecord } from './records.js';
import type { TalkSchemas } from '@talk-contract/server';
import type { TalkStore } from './store.js';
import { TalkError } from './talk-error.js';

/** `BotState` values. */
export const BotState = { DISABLED: 0, ENABLED: 1, NO_SETUP: 2 } as const;
export type BotState = (typeof BotState)[keyof typeof BotState];

/** Bot feature bits (constants.md "Bot features"): what Talk sends to a bot and accepts from it. */
export const BotFeature = { WEBHOOK: 1, RESPONSE: 2, EVENT: 4, REACTION: 8 } as const;

/** The features of a bot installed without `features`: webhooks (with reactions in Talk 21) and responses. */
export const DEFAULT_BOT_FEATURES = BotFeature.WEBHOOK | BotFeature.RESPONSE | BotFeature.REACTION;

/** A bot installed on the server (`occ talk:bot:install`). */
export interface InstalledBot {
  id: number;
  name: string;
  description: string;
  url: string;
  secret: string;
  state: BotState;
  /** {@link BotFeature} bits. */
  features: number;
  /** Failed webhook deliveries (Talk's `error_count`; Talk does not reset it on success either), the time and text of the last one. */
  errorCount: number;
  lastErrorDate: number;
  lastErrorMessage: string | null;
}

/** What {@link installBot} takes (`occ talk:bot:install [--feature …] <name> <secret> <url> [<description>]`). */
export interface BotInstall {
  name: string;
  /** The webhook URL: `http://` on 127.0.0.1, `localhost` or `[::1]` (the dev server posts nowhere else). */
  url: string;
  /** The shared secret, 40 to 128 characters. */
  secret: string;
  description?: string;
  /** {@link BotFeature} bits (default {@link DEFAULT_BOT_FEATURES}). */
  features?: number;
}

/** Why a bot cannot be installed (`field` names the input at fault). */
export class BotInstallError extends Error {
  readonly code = 'bot-install';
  constructor(
    readonly field: 'name' | 'url' | 'secret' | 'description' | 'features',
    message: string,
  ) {
    super(message);
    this.name = 'BotInstallError';
  }
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The checks of `occ talk:bot:install` (name 1–64, secret 40–128, description ≤ 4000 characters) and the dev
 * server's own: the URL must be `http://` on a loopback host, so that the dev server cannot be made to post to
 * other machines (SSRF); Talk's `nextcloudapp://` event bots are not supported.
 */
function checkBotInstall(input: BotInstall): void {
  if (typeof input.name !== 'string' || input.name.length === 0 || input.name.length > 64)
    throw new BotInstallError('name', 'The bot name must have 1 to 64 characters');
  if (typeof input.secret !== 'string' || input.secret.length < 40 || input.secret.length > 128)
    throw new BotInstallError('secret', `The bot secret of ${JSON.stringify(input.name)} must have 40 to 128 characters`);
  if ((input.description ?? '').length > 4000) throw new BotInstallError('description', 'The bot description must have at most 4000 characters');
  if (input.features !== undefined && (!Number.isInteger(input.features) || input.features < 0 || input.features > 15))
    throw new BotInstallError('features', 'The bot features must be a sum of 1 (webhook), 2 (response), 4 (event) and 8 (reaction)');
  const problem = botUrlProblem(input.url);
  if (problem) throw new BotInstallError('url', problem);
}

/**
 * Why the dev server would not post webhooks to `url` (`null`: it would): only `http://` on a loopback host, so that
 * it cannot be made to post to other machines (SSRF) — checked at install and for bots a data file holds.
 *
 * @example
 * botUrlProblem('http://127.0.0.1:9000/hook'); // null
 */
export function botUrlProblem(url: unknown): string | null {
  let parsed: URL;
  try {
    parsed = new URL(String(url));
  } catch {
    return `The bot URL ${JSON.stringify(url)} is not a URL`;
  }
  if (parsed.protocol !== 'http:' || !LOOPBACK_HOSTS.has(parsed.hostname) || parsed.username !== '' || parsed.password !== '')
    return `The bot URL ${JSON.stringify(url)} is refused: the dev server only posts webhooks to http:// URLs on 127.0.0.1, localhost or [::1]`;
  return null;
}

/** Where the activities for a bot go (the dev server's webhook delivery); none: they are dropped. */
export type BotWebhookSink = (bot: InstalledBot, activity: BotActivity) => void;

/** The bots of a store (`store.bots`; ids come from `store.nextId.bot`). */
export interface BotsState {
  installed: Map<number, InstalledBot>;
  /** Bot ids enabled per conversation token. */
  enabled: Map<string, Set<number>>;
  /** Reactions of bots: `${messageId}` → reaction → bot actor ids. */
  reactions: Map<number, Map<string, Set<string>>>;
}

const botsOf = (store: TalkStore): BotsState => store.bots;
/** Where each store's bot activities go (not state: never persisted). */
const sinks = new WeakMap<TalkStore, BotWebhookSink>();

/**
 * Installs a bot on the dev server (what `occ talk:bot:install` does); returns it with its id. Refuses (with a
 * {@link BotInstallError}) what Talk refuses, and every URL that is not `http://` on a loopback host.
 *
 * @example
 * const bot = installBot(server.store, { name: 'Echo', url: 'http://127.0.0.1:9000/hook', secret: 'x'.repeat(40) });
 */
export function installBot(store: TalkStore, input: BotInstall): InstalledBot {
  checkBotInstall(input);
  const state = botsOf(store);
  // The bot's actor id is the hash of its URL, so Talk refuses a second bot with the same URL.
  if ([...state.installed.values()].some((b) => b.url === input.url))
    throw new BotInstallError('url', `A bot with the URL ${JSON.stringify(input.url)} is already installed`);
  const bot: InstalledBot = {
    id: store.nextId.bot++,
    name: input.name,
    description: input.description ?? '',
    url: input.url,
    secret: input.secret,
    state: BotState.ENABLED,
    features: input.features ?? DEFAULT_BOT_FEATURES,
    errorCount: 0,
    lastErrorDate: 0,
    lastErrorMessage: null,
  };
  state.installed.set(bot.id, bot);
  store.changed();
  return bot;
}

/**
 * The bots installed on the server, oldest first.
 *
 * @example
 * installedBots(store).map((b) => b.name); // ['Echo']
 */
export function installedBots(store: TalkStore): InstalledBot[] {
  return [...botsOf(store).installed.values()];
}

/**
 * Installs the bot unless one with its URL is installed already (a data file keeps bots between starts), in which
 * case that bot takes the given name, secret, description and features: what `createDevServer({ bots })` and
 * `--bot` do at every start.
 *
 * @example
 * ensureBot(server.store, { name: 'Echo', url: 'http://127.0.0.1:9000/hook', secret: 'x'.repeat(40) });
 */
export function ensureBot(store: TalkStore, input: BotInstall): InstalledBot {
  const existing = [...botsOf(store).installed.values()].find((b) => b.url === input.url);
  if (!existing) return installBot(store, input);
  checkBotInstall(input);
  Object.assign(existing, {
    name: input.name,
    secret: input.secret,
    description: input.description ?? '',
    features: input.features ?? DEFAULT_BOT_FEATURES,
  });
  store.changed();
  return existing;
}

/**
 * Sends every activity for a bot of this store to `sink` (the dev server's webhook delivery).
 *
 * @example
 * setBotWebhookSink(store, (bot, activity) => queue.push(bot, activity));
 */
export function setBotWebhookSink(store: TalkStore, sink: BotWebhookSink | null): void {
  if (sink) sinks.set(store, sink);
  else sinks.delete(store);
}

/**
 * Hands the activity `build` makes (once, only when a bot gets it) to the sink for every bot enabled in the
 * conversation that has `feature`.
 *
 * @example
 * notifyBots(store, token, BotFeature.WEBHOOK, () => messageActivity(store, p, message));
 */
export function notifyBots(store: TalkStore, token: string, feature: number, build: () => BotActivity): void {
  const state = botsOf(store);
  const sink = sinks.get(store);
  if (!sink) return;
  let activity: BotActivity | undefined;
  for (const id of state.enabled.get(token) ?? []) {
    const bot = state.installed.get(id);
    if (!bot || bot.state === BotState.DISABLED || !(bot.features & feature)) continue;
    activity ??= build();
    sink(bot, activity);
  }
}

/**
 * Counts a failed delivery on the bot, as Talk does (`error_count`, `last_error_date`, `last_error_message`).
 *
 * @example
 * recordBotError(store, bot, 'UnexpectedStatusCode: 500');
 */
export function recordBotError(store: TalkStore, bot: InstalledBot, message: string): void {
  bot.errorCount += 1;
  bot.lastErrorDate = store.now();
  bot.lastErrorMessage = message;
}

/** The bot's actor id on chat messages (`bot-` + sha1 of its URL, as Talk). */
export function botActorId(bot: InstalledBot): string {
  return `bot-${createHash('sha1').update(bot.url).digest('hex')}`;
}

function botView(bot: InstalledBot, state: BotState): TalkSchemas<'v4'>['Bot'] {
  return { id: bot.id, name: bot.name, description: bot.description, state };
}

/**
 * "List installed bots" (administrators: members of the `admin` group).
 *
 * @example
 * listInstalledBots(store, { kind: 'user', userId: 'admin' })[0].url_hash; // sha1 of the URL
 */
export function listInstalledBots(store: TalkStore, actor: Actor): TalkSchemas<'v4'>['BotWithDetails'][] {
  const user = actor.kind === 'user' ? store.users.get(actor.userId) : undefined;
  if (!user?.groups.includes('admin')) throw new TalkError(403, 'permissions', 'Only administrators can list the installed bots');
  return [...botsOf(store).installed.values()].map((bot) => ({
    ...botView(bot, bot.state),
    url: bot.url,
    url_hash: createHash('sha1').update(bot.url).digest('hex'),
    error_count: bot.errorCount,
    last_error_date: bot.lastErrorDate,
    last_error_message: bot.lastErrorMessage,
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
  if (created) sinks.get(store)?.(bot, botMembershipActivity('Join', { name: bot.name, actorId: botActorId(bot) }, requireConversation(store, token)));
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
  // Talk tells the bot even when it was not enabled there (BotDisabledEvent is dispatched either way).
  botsOf(store).enabled.get(token)?.delete(bot.id);
  store.changed();
  sinks.get(store)?.(bot, botMembershipActivity('Leave', { name: bot.name, actorId: botActorId(bot) }, requireConversation(store, token)));
  return botView(bot, BotState.DISABLED);
}

/** The signature headers of a bot request. */
export interface BotSignature {
  random: string;
  signature: string;
}

/**
 * The enabled bot of the conversation whose secret signs `random + signed`, as Talk's `BotController` checks it:
 * 400 for a random value under 32 characters or no signature, 401 when no enabled bot's secret matches, 400 when
 * the matching bot may not respond (no `response` feature).
 */
function verifiedBot(store: TalkStore, conversation: ConversationRecord, headers: BotSignature, signed: string): InstalledBot {
  if (headers.random.length < MIN_BOT_RANDOM_LENGTH)
    throw new TalkError(400, 'bot', `X-Nextcloud-Talk-Bot-Random must have at least ${MIN_BOT_RANDOM_LENGTH} characters`);
  if (headers.signature === '') throw new TalkError(400, 'bot', 'X-Nextcloud-Talk-Bot-Signature is missing');
  const state = botsOf(store);
  for (const id of state.enabled.get(conversation.token) ?? []) {
    const bot = state.installed.get(id);
    if (!bot || bot.state === BotState.DISABLED || !isBotSignature(bot.secret, headers.random, signed, headers.signature)) continue;
    if (!(bot.features & BotFeature.RESPONSE)) throw new TalkError(400, 'bot', 'The bot may not respond (no "response" feature)');
    return bot;
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
  // Talk's order: an empty message, then the signature, then the length.
  if (input.message.trim() === '') throw new TalkError(400, 'message', 'The message is empty');
  const conversation = requireConversation(store, token);
  const bot = verifiedBot(store, conversation, headers, input.message);
  if ([...input.message].length > CHAT_MAX_LENGTH) throw new TalkError(413, 'message', `The message is longer than ${CHAT_MAX_LENGTH} characters`);
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
