// Handlers of the conversation avatar operations (API v1 `/room/{token}/avatar`): uploads and emoji avatars are
// kept in memory and answered as they were stored; without one, a generated SVG is answered.
import { ConversationType } from '../domain/constants.js';
import { appendSystemMessage } from '../domain/chat-log.js';
import type { Participant } from '../domain/participant.js';
import type { Actor } from '../domain/records.js';
import { chatIdentity, requireModerator, resolveParticipant } from '../domain/participant.js';
import { roomExtra } from '../domain/room-extras.js';
import type { TalkStore } from '../domain/store.js';
import { TalkError } from '../domain/talk-error.js';
import { conversationDisplayName, conversationView } from '../domain/views.js';
import type { DevHandlerInput, DevHandlers } from './handler-types.js';
import { str, toActor } from './handler-types.js';

const IMAGE_TYPES = ['image/png', 'image/jpeg'];
const MAX_AVATAR_BYTES = 20 * 1024 * 1024;

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function svg(background: string, text: string): Uint8Array {
  return new TextEncoder().encode(
    `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512"><rect width="512" height="512" fill="#${background}"/><text x="50%" y="50%" dominant-baseline="central" text-anchor="middle" font-size="280">${escapeXml(text)}</text></svg>`,
  );
}

function moderatorFor(store: TalkStore, i: { params: { token: string }; actor: DevHandlerInput['actor'] }): Participant {
  const p = resolveParticipant(store, i.params.token, toActor(i.actor));
  requireModerator(p);
  if (p.conversation.type === ConversationType.ONE_TO_ONE) throw new TalkError(400, 'room', 'One-to-one conversations have the avatar of the other user');
  return p;
}

/**
 * The avatar image of a conversation as `getConversationAvatar` answers it: the stored upload or emoji avatar,
 * else a generated SVG with the initial. (@talk-contract/server cannot send `image/*` bodies yet, so the GET
 * operations are not registered; this is what they will answer.)
 *
 * @example
 * conversationAvatar(store, token, { kind: 'user', userId: 'alice' }, false).contentType; // 'image/svg+xml'
 */
export function conversationAvatar(store: TalkStore, conversationToken: string, actor: Actor, dark: boolean): { bytes: Uint8Array; contentType: string } {
  const p = resolveParticipant(store, conversationToken, actor, { allowPublicVisitor: true });
  const avatar = roomExtra(store, p.conversation.token).avatar;
  if (avatar) return { bytes: avatar.bytes, contentType: avatar.contentType };
  const viewer = p.actor.kind === 'user' ? p.actor.userId : null;
  const initial = [...conversationDisplayName(store, p.conversation, viewer)][0]?.toUpperCase() ?? '?';
  return { bytes: svg(dark ? '3b3b3b' : '6ea68f', initial), contentType: 'image/svg+xml' };
}

async function uploadedFile(value: unknown): Promise<{ bytes: Uint8Array; type: string } | null> {
  if (value instanceof Blob) return { bytes: new Uint8Array(await value.arrayBuffer()), type: value.type };
  if (value instanceof Uint8Array) return { bytes: value, type: '' };
  return null;
}

function sniff(bytes: Uint8Array): string {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return '';
}

function changed(store: TalkStore, p: Participant, systemMessage: 'avatar_set' | 'avatar_removed'): void {
  const text = systemMessage === 'avatar_set' ? '{actor} set the conversation picture' : '{actor} removed the conversation picture';
  appendSystemMessage(store, p.conversation, chatIdentity(store, p), systemMessage, text);
  store.changed();
}

/** The avatar image as a binary answer (the server sends it with its content type). */
function avatarImage(
  store: TalkStore,
  i: { params: { token: string }; actor: DevHandlerInput['actor'] },
  dark: boolean,
): { status: 200; data: Blob; headers: Record<string, string> } {
  const image = conversationAvatar(store, i.params.token, toActor(i.actor), dark);
  return { status: 200, data: new Blob([image.bytes as Uint8Array<ArrayBuffer>], { type: image.contentType }), headers: { 'Content-Type': image.contentType } };
}

/** Avatar operation handlers keyed by operationId. */
export const avatarHandlers = {
  getConversationAvatar: (i, { store }) => avatarImage(store, i, false),
  getConversationAvatarDark: (i, { store }) => avatarImage(store, i, true),
  async setConversationAvatar(i, { store }) {
    const p = moderatorFor(store, i);
    const file = await uploadedFile(i.body.file);
    if (!file || file.bytes.byteLength === 0) throw new TalkError(400, 'file', 'No image file was uploaded (multipart field "file")');
    if (file.bytes.byteLength > MAX_AVATAR_BYTES) throw new TalkError(400, 'file', 'The image is too big');
    const type = sniff(file.bytes);
    if (!IMAGE_TYPES.includes(type)) throw new TalkError(400, 'mimetype', 'The image must be a PNG or JPEG');
    roomExtra(store, p.conversation.token).avatar = { bytes: file.bytes, contentType: type };
    changed(store, p, 'avatar_set');
    return { status: 200, data: conversationView(store, p) };
  },
  setConversationEmojiAvatar(i, { store }) {
    const p = moderatorFor(store, i);
    const emoji = i.body.emoji;
    const color = i.body?.color === undefined || i.body.color === null ? '' : str(i.body.color);
    const graphemes = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(emoji)];
    if (graphemes.length !== 1 || !/\p{Extended_Pictographic}/u.test(emoji)) throw new TalkError(400, 'emoji', 'emoji must be exactly one emoji');
    if (color !== '' && !/^[0-9a-fA-F]{6}$/.test(color)) throw new TalkError(400, 'color', 'color must be a hex color without "#" (e.g. 0082c9)');
    roomExtra(store, p.conversation.token).avatar = { bytes: svg(color || 'dbdbdb', emoji), contentType: 'image/svg+xml' };
    changed(store, p, 'avatar_set');
    return { status: 200, data: conversationView(store, p) };
  },
  deleteConversationAvatar(i, { store }) {
    const p = resolveParticipant(store, i.params.token, toActor(i.actor));
    requireModerator(p);
    const extra = roomExtra(store, p.conversation.token);
    if (extra.avatar) {
      extra.avatar = null;
      changed(store, p, 'avatar_removed');
    }
    return { status: 200, data: conversationView(store, p) };
  },
  getFederatedUserAvatar() {
    throw new TalkError(404, 'federation', 'The dev server has no federated conversations');
  },
  getFederatedUserAvatarDark() {
    throw new TalkError(404, 'federation', 'The dev server has no federated conversations');
  },
} satisfies DevHandlers;
