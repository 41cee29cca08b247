// Handlers of the bot operations (API v1 `/bot/...`): management by moderators/admins, and the signed bot API.
import type { BotSignature } from '../domain/bots.js';
import { deleteBotReaction, disableBot, enableBot, listConversationBots, listInstalledBots, reactAsBot, sendBotMessage } from '../domain/bots.js';
import type { DevHandlers } from './handler-types.js';
import { EMPTY, noData, toActor } from './handler-types.js';

function signature(i: { request: Request }): BotSignature {
  return { random: i.request.headers.get('x-nextcloud-talk-bot-random') ?? '', signature: i.request.headers.get('x-nextcloud-talk-bot-signature') ?? '' };
}

/** Bot operation handlers keyed by operationId. */
export const botHandlers = {
  listInstalledBots(i, { store }) {
    return { status: 200, data: listInstalledBots(store, toActor(i.actor)) };
  },
  listConversationBots(i, { store }) {
    return { status: 200, data: listConversationBots(store, i.params.token, toActor(i.actor)) };
  },
  enableBot(i, { store }) {
    const { bot, created } = enableBot(store, i.params.token, toActor(i.actor), i.params.botId);
    return { status: created ? 201 : 200, data: bot };
  },
  disableBot(i, { store }) {
    return { status: 200, data: disableBot(store, i.params.token, toActor(i.actor), i.params.botId) };
  },
  sendBotMessage(i, { store }) {
    const replyTo = i.body.replyTo;
    sendBotMessage(store, i.params.token, signature(i), {
      message: i.body.message,
      replyTo,
      referenceId: i.body.referenceId,
      silent: i.body.silent,
    });
    return { status: 201, data: noData(store, 'sendBotMessage') };
  },
  reactAsBot(i, { store }) {
    // Talk answers 200 when the bot had reacted so already; bots.md (and so the contract) documents only 201.
    reactAsBot(store, i.params.token, signature(i), i.params.messageId, i.body.reaction);
    return { status: 201, data: noData(store, 'reactAsBot') };
  },
  deleteBotReaction(i, { store }) {
    deleteBotReaction(store, i.params.token, signature(i), i.params.messageId, i.query.reaction);
    return EMPTY;
  },
} satisfies DevHandlers;
