// Handlers of the conversation operations.
import {
  conversationSettings,
  createConversation,
  ensureChangelog,
  getConversationFor,
  listConversationsOf,
  listOpenConversations,
  noteToSelf,
} from '../domain/conversation.js';
import { requireMember } from '../domain/participant.js';
import { TalkError, guardError } from '../domain/talk-error.js';
import { conversationView } from '../domain/views.js';
import { cloudCapabilities, devCapabilities, talkHash } from './capabilities.js';
import type { DevHandlers } from './handler-types.js';
import { EMPTY, conversationAnswer, input, int, toActor } from './handler-types.js';

function userOf(actor: ReturnType<typeof toActor>): string {
  if (actor.kind !== 'user') throw guardError(401, 'guest', 'Current user is not logged in');
  return actor.userId;
}

/** Conversation operation handlers keyed by operationId. */
export const conversationHandlers = {
  listConversations(i, { store }) {
    const userId = userOf(toActor(i.actor));
    const before = store.now();
    ensureChangelog(store, userId);
    const list = listConversationsOf(store, userId, i.query.modifiedSince ?? 0);
    return {
      status: 200,
      data: list.map((p) => conversationView(store, p)),
      headers: { 'X-Nextcloud-Talk-Hash': talkHash(store.profile), 'X-Nextcloud-Talk-Modified-Before': String(before) },
    };
  },
  createConversation(i, { store }) {
    const userId = userOf(toActor(i.actor));
    const { conversation, created } = createConversation(store, userId, {
      roomType: i.body.roomType ?? 0,
      invite: i.body.invite,
      source: i.body.source,
      roomName: i.body.roomName ?? '',
      objectType: i.body.objectType,
      objectId: i.body.objectId,
    });
    const p = requireMember(store, conversation.token, toActor(i.actor));
    return { status: created ? 201 : 200, data: conversationView(store, p) };
  },
  getConversation(i, { store }) {
    const p = getConversationFor(store, i.params.token, toActor(i.actor));
    return { status: 200, data: conversationView(store, p), headers: { 'X-Nextcloud-Talk-Hash': talkHash(store.profile) } };
  },
  getNoteToSelfConversation(i, { store }) {
    const actor = toActor(i.actor);
    const conversation = noteToSelf(store, userOf(actor));
    return {
      status: 200,
      data: conversationView(store, requireMember(store, conversation.token, actor)),
      headers: { 'X-Nextcloud-Talk-Hash': talkHash(store.profile) },
    };
  },
  listOpenConversations(i, { store }) {
    const userId = userOf(toActor(i.actor));
    return { status: 200, data: listOpenConversations(store, userId, i.query.searchTerm ?? '').map((p) => conversationView(store, p)) };
  },
  listBreakoutRooms(i, { store }) {
    requireMember(store, i.params.token, toActor(i.actor));
    throw new TalkError(400, 'config', 'The conversation does not have breakout rooms configured');
  },
  renameConversation(i, { store }) {
    conversationSettings.rename(store, i.params.token, toActor(i.actor), i.body.roomName);
    return EMPTY;
  },
  deleteConversation(i, { store }) {
    conversationSettings.remove(store, i.params.token, toActor(i.actor));
    return EMPTY;
  },
  setConversationDescription(i, { store }) {
    conversationSettings.setDescription(store, i.params.token, toActor(i.actor), i.body.description);
    return EMPTY;
  },
  makeConversationPublic(i, { store }) {
    conversationSettings.makePublic(store, i.params.token, toActor(i.actor));
    return EMPTY;
  },
  makeConversationPrivate(i, { store }) {
    conversationSettings.makePrivate(store, i.params.token, toActor(i.actor));
    return EMPTY;
  },
  setConversationReadOnly(i, { store }) {
    conversationSettings.setReadOnly(store, i.params.token, toActor(i.actor), i.body.state ?? -1);
    return EMPTY;
  },
  setConversationPassword(i, { store }) {
    conversationSettings.setPassword(store, i.params.token, toActor(i.actor), i.body.password);
    return EMPTY;
  },
  setConversationPermissions(i, { store }) {
    conversationSettings.setPermissions(store, i.params.token, toActor(i.actor), i.params.mode, i.body.permissions ?? 0);
    // Every release answers the conversation.
    return conversationAnswer(store, i.params.token, i.actor);
  },
  addConversationToFavorites(i, { store }) {
    conversationSettings.setFavorite(store, i.params.token, toActor(i.actor), true);
    return EMPTY;
  },
  removeConversationFromFavorites(i, { store }) {
    conversationSettings.setFavorite(store, i.params.token, toActor(i.actor), false);
    return EMPTY;
  },
  setNotificationLevel(i, { store }) {
    conversationSettings.setNotificationLevel(store, i.params.token, toActor(i.actor), i.body.level ?? -1);
    return EMPTY;
  },
  setCallNotificationLevel(i, { store }) {
    conversationSettings.setCallNotificationLevel(store, i.params.token, toActor(i.actor), i.body.level ?? -1);
    return EMPTY;
  },
  setMessageExpiration(i, { store }) {
    conversationSettings.setMessageExpiration(store, i.params.token, toActor(i.actor), i.body.seconds ?? -1);
    return EMPTY;
  },
  setRecordingConsent(i, { store }) {
    // The dev server has no recording: always refused (412 `config`; a configured Talk answers the conversation).
    return conversationSettings.setRecordingConsent(store, i.params.token, toActor(i.actor), i.body.recordingConsent ?? -1);
  },
  setConversationListable(i, { store }) {
    conversationSettings.setListable(store, i.params.token, toActor(i.actor), i.body.scope ?? -1);
    return EMPTY;
  },
  getConversationCapabilities(i, { store }) {
    requireMember(store, i.params.token, toActor(i.actor));
    return { status: 200, data: devCapabilities(store.profile), headers: { 'X-Nextcloud-Talk-Hash': talkHash(store.profile) } };
  },
  getServerCapabilities(_i, { store }) {
    return { status: 200, data: cloudCapabilities(store.profile) };
  },
  setLobby(i, { store }) {
    const timer = input(i, 'timer');
    conversationSettings.setLobby(
      store,
      i.params.token,
      i.body.state ?? -1,
      toActor(i.actor),
      timer === null || timer === undefined ? null : (int(timer) ?? -1),
    );
    return conversationAnswer(store, i.params.token, i.actor);
  },
} satisfies DevHandlers;
