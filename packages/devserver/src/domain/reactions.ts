// Emoji reactions to chat messages (reaction.md): react, remove, list. A message's `reactions` / `reactionsSelf`
// in the chat are counted from the same records (views.ts).
import { reactionActivity, sendsReactionWebhooks } from './bot-activities.js';
import { BotFeature, notifyBots } from './bots.js';
import { isVisible } from './chat-log.js';
import { chatReader, chatWriter } from './chat.js';
import { chatIdentity } from './participant.js';
import type { Participant } from './participant.js';
import type { Actor, MessageRecord, ReactionRecord } from './records.js';
import type { TalkStore } from './store.js';
import { TalkError } from './talk-error.js';

/** The answer of the reaction operations: actors per emoji, `[]` when the message has no reactions. */
export type ReactionsByEmoji = Record<string, { actorType: string; actorId: string; actorDisplayName: string; timestamp: number }[]> | [];

/** One of the conversation's visible messages that can carry reactions (404 unknown, 400 system or deleted). */
function reactableMessage(store: TalkStore, p: Participant, messageId: number): MessageRecord {
  const m = store.messageById.get(messageId);
  if (!m || m.token !== p.conversation.token || !isVisible(m, store.now()))
    throw new TalkError(404, 'message', 'The message could not be found in the conversation');
  if (m.messageType !== 'comment' && m.messageType !== 'voice-message')
    throw new TalkError(400, 'message', 'Only chat messages can have reactions', undefined, 'bare');
  return m;
}

function byEmoji(store: TalkStore, messageId: number, only?: string): ReactionsByEmoji {
  const out: Record<string, { actorType: string; actorId: string; actorDisplayName: string; timestamp: number }[]> = {};
  for (const r of store.reactionsOf(messageId)) {
    if (only !== undefined && r.reaction !== only) continue;
    (out[r.reaction] ??= []).push({ actorType: r.actorType, actorId: r.actorId, actorDisplayName: r.actorDisplayName, timestamp: r.timestamp });
  }
  const emojis = Object.keys(out).sort();
  if (emojis.length === 0) return [];
  return Object.fromEntries(emojis.map((e) => [e, out[e]]));
}

function own(store: TalkStore, p: Participant, r: ReactionRecord, reaction: string): boolean {
  const me = chatIdentity(store, p);
  return r.actorType === me.actorType && r.actorId === me.actorId && r.reaction === reaction;
}

/** Bots with the `reaction` feature hear of it (Talk 21). */
function tellBots(store: TalkStore, p: Participant, m: MessageRecord, reaction: string, change: 'added' | 'removed'): void {
  if (!sendsReactionWebhooks(store)) return;
  notifyBots(store, p.conversation.token, BotFeature.REACTION, () => reactionActivity(store, p.conversation, m, chatIdentity(store, p), reaction, change));
}

/** The reaction operations. */
export const reactions = {
  /** "React to a message": `created` is false when the participant had reacted so already (200 instead of 201). */
  add(store: TalkStore, token: string, actor: Actor, messageId: number, reaction: string): { created: boolean; reactions: ReactionsByEmoji } {
    const p = chatWriter(store, token, actor);
    const m = reactableMessage(store, p, messageId);
    if (reaction.trim() === '') throw new TalkError(400, 'reaction', 'The reaction is empty', undefined, 'bare');
    const list = store.reactions.get(m.id) ?? [];
    const created = !list.some((r) => own(store, p, r, reaction));
    if (created) {
      const me = chatIdentity(store, p);
      list.push({ messageId: m.id, actorType: me.actorType, actorId: me.actorId, actorDisplayName: me.displayName, reaction, timestamp: store.now() });
      store.reactions.set(m.id, list);
      store.changed();
      tellBots(store, p, m, reaction, 'added');
    }
    return { created, reactions: byEmoji(store, m.id) };
  },

  /** "Delete a reaction": 404 when the participant had not reacted so. */
  remove(store: TalkStore, token: string, actor: Actor, messageId: number, reaction: string): ReactionsByEmoji {
    const p = chatWriter(store, token, actor);
    const m = reactableMessage(store, p, messageId);
    const list = store.reactions.get(m.id) ?? [];
    const i = list.findIndex((r) => own(store, p, r, reaction));
    if (i < 0) throw new TalkError(404, 'reaction', 'The participant did not react so', undefined, 'bare');
    list.splice(i, 1);
    if (list.length === 0) store.reactions.delete(m.id);
    store.changed();
    tellBots(store, p, m, reaction, 'removed');
    return byEmoji(store, m.id);
  },

  /** "Retrieve reactions of a message by type" (all, or only `reaction`). */
  list(store: TalkStore, token: string, actor: Actor, messageId: number, reaction?: string): ReactionsByEmoji {
    const p = chatReader(store, token, actor);
    const m = reactableMessage(store, p, messageId);
    return byEmoji(store, m.id, reaction);
  },
};
