// Handlers of the chat operations.
import {
  clearHistory,
  deleteMessage,
  editMessage,
  markChatUnread,
  markRead,
  mentionSuggestions,
  messageContext,
  receiveMessages,
  reminders,
  sendMessage,
  shareFile,
  shareRichObject,
  sharedItemsOverview,
  listSharedItems,
} from '../domain/chat.js';
import { reactions } from '../domain/reactions.js';
import { lastCommonRead } from '../domain/read-marker.js';
import type { AttendeeRecord } from '../domain/records.js';
import type { TalkStore } from '../domain/store.js';
import { conversationView, messageView } from '../domain/views.js';
import type { MessageView } from '../domain/views.js';
import type { DevHandlers } from './handler-types.js';
import { EMPTY, input, int, str, toActor, token } from './handler-types.js';

function commonReadHeader(store: TalkStore, attendee: AttendeeRecord | null, tokenValue: string): Record<string, string> {
  if (attendee && attendee.readPrivacy !== 0) return {};
  return { 'X-Chat-Last-Common-Read': String(lastCommonRead(store, tokenValue)) };
}

/** Chat operation handlers keyed by operationId. */
export const chatHandlers = {
  async receiveMessages(i, { store }) {
    const lastCommonReadId = int(i.query.lastCommonReadId);
    const result = await receiveMessages(store, token(i), toActor(i.actor), {
      lookIntoFuture: int(i.query.lookIntoFuture) === 1,
      limit: int(i.query.limit),
      lastKnownMessageId: int(i.query.lastKnownMessageId),
      lastCommonReadId,
      timeout: int(i.query.timeout),
      setReadMarker: int(i.query.setReadMarker) !== 0,
      includeLastKnown: int(i.query.includeLastKnown) === 1,
      signal: i.signal,
    });
    if (result.messages.length === 0 && !result.commonReadChanged) return { status: 304 };
    const headers: Record<string, string> = {};
    if (result.participant.attendee.readPrivacy === 0) headers['X-Chat-Last-Common-Read'] = String(result.lastCommonRead);
    if (result.lastGiven > 0) headers['X-Chat-Last-Given'] = String(result.lastGiven);
    const viewer = result.participant.attendee;
    return { status: 200, data: result.messages.map((m) => messageView(store, m, viewer)), headers };
  },
  getMessageContext(i, { store }) {
    const result = messageContext(store, i.params.token, toActor(i.actor), i.params.messageId, i.query.limit);
    const headers = commonReadHeader(store, result.participant.attendee, i.params.token);
    if (result.lastGiven > 0) headers['X-Chat-Last-Given'] = String(result.lastGiven);
    const viewer = result.participant.attendee;
    return { status: 200, data: result.messages.map((m) => messageView(store, m, viewer)), headers };
  },
  sendMessage(i, { store }) {
    const replyTo = i.body.replyTo;
    const { message, participant } = sendMessage(store, i.params.token, toActor(i.actor), {
      message: i.body.message,
      actorDisplayName: i.body.actorDisplayName,
      replyTo,
      referenceId: i.body.referenceId,
      silent: i.body.silent,
    });
    return { status: 201, data: messageView(store, message, participant.attendee), headers: commonReadHeader(store, participant.attendee, i.params.token) };
  },
  shareRichObject(i, { store }) {
    const { message, participant } = shareRichObject(store, i.params.token, toActor(i.actor), {
      objectType: i.body.objectType,
      objectId: i.body.objectId,
      metaData: i.body.metaData ?? '',
      actorDisplayName: i.body.actorDisplayName,
      referenceId: i.body.referenceId,
    });
    return { status: 201, data: messageView(store, message, participant.attendee), headers: commonReadHeader(store, participant.attendee, i.params.token) };
  },
  shareFile(i, { store }) {
    const actor = toActor(i.actor);
    const permissions = input(i, 'permissions');
    const { message, share } = shareFile(store, actor, {
      shareType: i.body.shareType ?? 0,
      shareWith: i.body.shareWith,
      path: i.body.path,
      referenceId: i.body.referenceId,
      talkMetaData: i.body.talkMetaData,
      permissions: permissions === undefined ? undefined : (int(permissions) ?? -1),
    });
    const file = message.messageParameters.file;
    const owner = actor.kind === 'user' ? actor.userId : '';
    const ownerName = store.users.get(owner)?.displayName ?? owner;
    const path = `/${str(file?.path)}`;
    // The files_sharing share (OCS Share API), as Nextcloud answers it for a share into a conversation.
    return {
      status: 200,
      data: {
        id: String(share.shareId),
        share_type: 10,
        uid_owner: owner,
        displayname_owner: ownerName,
        permissions: 19,
        can_edit: true,
        can_delete: true,
        stime: message.timestamp,
        parent: null,
        expiration: null,
        token: null,
        uid_file_owner: owner,
        note: '',
        label: '',
        displayname_file_owner: ownerName,
        path,
        item_type: 'file',
        item_permissions: 27,
        ...store.profile.shareExtras,
        mimetype: str(file?.mimetype),
        has_preview: file?.['preview-available'] === 'yes',
        storage_id: `home::${owner}`,
        storage: 1,
        item_source: Number(file?.id ?? 0),
        file_source: Number(file?.id ?? 0),
        file_parent: 1,
        file_target: `/{TALK_PLACEHOLDER}/${str(file?.name)}`,
        item_size: Number(file?.size ?? 0),
        item_mtime: message.timestamp,
        share_with: message.token,
        share_with_displayname: store.conversations.get(message.token)?.name ?? message.token,
        share_with_link: `${store.baseUrl}/index.php/call/${message.token}`,
        mail_send: 0,
        hide_download: 0,
        attributes: null,
      },
    };
  },
  getSharedItemsOverview(i, { store }) {
    const { participant, items } = sharedItemsOverview(store, i.params.token, toActor(i.actor), i.query.limit);
    // Talk answers every shared item type (constants.md), with an empty list where nothing of that type was shared.
    const of = (type: string) => (items.get(type) ?? []).map((m) => messageView(store, m, participant.attendee));
    const data = {
      audio: of('audio'),
      deckcard: of('deckcard'),
      file: of('file'),
      location: of('location'),
      media: of('media'),
      other: of('other'),
      poll: of('poll'),
      recording: of('recording'),
      voice: of('voice'),
    };
    return { status: 200, data };
  },
  listSharedItems(i, { store }) {
    const result = listSharedItems(store, i.params.token, toActor(i.actor), {
      objectType: i.query.objectType,
      lastKnownMessageId: i.query.lastKnownMessageId,
      limit: i.query.limit,
    });
    const headers: Record<string, string> = {};
    if (result.lastGiven > 0) headers['X-Chat-Last-Given'] = String(result.lastGiven);
    // Keyed by message id (PHP's array), `[]` when empty.
    if (result.messages.length === 0) return { status: 200, data: [], headers };
    const data: Record<string, MessageView> = {};
    for (const m of result.messages) data[String(m.id)] = messageView(store, m, result.participant.attendee);
    return { status: 200, data, headers };
  },
  clearHistory(i, { store }) {
    const { notice, participant } = clearHistory(store, i.params.token, toActor(i.actor));
    return { status: 200, data: messageView(store, notice, participant.attendee), headers: commonReadHeader(store, participant.attendee, i.params.token) };
  },
  deleteMessage(i, { store }) {
    const { notice, participant } = deleteMessage(store, i.params.token, toActor(i.actor), i.params.messageId);
    return { status: 200, data: messageView(store, notice, participant.attendee), headers: commonReadHeader(store, participant.attendee, i.params.token) };
  },
  editMessage(i, { store }) {
    const { notice, participant } = editMessage(store, i.params.token, toActor(i.actor), i.params.messageId, i.body.message);
    return { status: 200, data: messageView(store, notice, participant.attendee), headers: commonReadHeader(store, participant.attendee, i.params.token) };
  },
  setReminder(i, { store }) {
    return { status: 201, data: reminders.set(store, i.params.token, toActor(i.actor), i.params.messageId, i.body.timestamp ?? 0) };
  },
  getReminder(i, { store }) {
    return { status: 200, data: reminders.get(store, i.params.token, toActor(i.actor), i.params.messageId) };
  },
  deleteReminder(i, { store }) {
    reminders.remove(store, i.params.token, toActor(i.actor), i.params.messageId);
    return EMPTY;
  },
  markChatRead(i, { store }) {
    const raw = i.body?.lastReadMessage;
    const p = markRead(store, i.params.token, toActor(i.actor), raw === null || raw === undefined ? null : (int(raw) ?? null));
    return { status: 200, data: conversationView(store, p), headers: commonReadHeader(store, p.attendee, i.params.token) };
  },
  markChatUnread(i, { store }) {
    const p = markChatUnread(store, i.params.token, toActor(i.actor));
    return { status: 200, data: conversationView(store, p), headers: commonReadHeader(store, p.attendee, i.params.token) };
  },
  listReactions(i, { store }) {
    return { status: 200, data: reactions.list(store, i.params.token, toActor(i.actor), i.params.messageId, i.query.reaction) };
  },
  addReaction(i, { store }) {
    const result = reactions.add(store, i.params.token, toActor(i.actor), i.params.messageId, i.body.reaction);
    return { status: result.created ? 201 : 200, data: result.reactions };
  },
  deleteReaction(i, { store }) {
    return { status: 200, data: reactions.remove(store, i.params.token, toActor(i.actor), i.params.messageId, i.query.reaction) };
  },
  getMentionSuggestions(i, { store }) {
    return { status: 200, data: mentionSuggestions(store, i.params.token, toActor(i.actor), i.query.search, i.query.limit) };
  },
} satisfies DevHandlers;
