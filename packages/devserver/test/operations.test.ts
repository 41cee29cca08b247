// Every operation of the v4 slice, called once in a realistic order with validateResponses: true: each gets the
// expected documented status and no answer is off-contract. The list must cover the whole slice.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevUser } from '../src/index.js';
import { signBotRequest } from '@talk-contract/client';
import { installBot } from '../src/domain/bots.js';
import { CHAT, V4, joinAsGuest, ocs, startServer, upload } from './support.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const slice = JSON.parse(readFileSync(path.resolve(here, '../../spec/dist/openapi.v4.json'), 'utf8')) as {
  paths: Record<string, Record<string, { operationId?: string }>>;
};
const sliceOperationIds = new Set(
  Object.values(slice.paths)
    .flatMap((item) => Object.values(item).map((op) => op.operationId))
    .filter((id): id is string => typeof id === 'string'),
);

interface Context {
  url: string;
  alice: DevUser;
  bob: DevUser;
  carol: DevUser;
  group: string;
  publicRoom: string;
  messageId: number;
  bobAttendee: number;
  aliceAttendee: number;
  pollId: number;
  botId: number;
  breakoutRooms: string[];
  guestCookie: string;
  /** bob's session cookie, from joinConversation (session-bound operations need it). */
  bobCookie: string;
}

const CALL = `${V4}/call`;
const V1 = '/ocs/v2.php/apps/spreed/api/v1';
const BOT_SECRET = 'the-bot-secret-of-the-operations-test-0123456789';
/** A request whose answer is not JSON (avatar images): status and, for an image, its content type and text. */
const raw = async (url: string, user: DevUser, init: RequestInit = {}) => {
  const authorization = `Basic ${Buffer.from(`${user.id}:${user.appPassword}`).toString('base64')}`;
  const response = await fetch(url, { ...init, headers: { 'OCS-APIRequest': 'true', Authorization: authorization } });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    body: text.startsWith('{')
      ? JSON.parse(text)
      : { ocs: { meta: { statuscode: response.status }, data: { contentType: response.headers.get('content-type'), text } } },
  };
};
/** A 1x1 PNG. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);
const signed = async (text: string) => (await signBotRequest(BOT_SECRET, text)).headers;

type Step = [operationId: string, call: (c: Context) => ReturnType<typeof ocs>, status: number, check?: (data: any, c: Context) => void];

const steps: Step[] = [
  [
    'listConversations',
    (c) => ocs(c.url, 'GET', `${V4}/room`, { user: c.alice }),
    200,
    (d) => expect(d.some((r: { type: number }) => r.type === 4)).toBe(true),
  ],
  ['getConversation', (c) => ocs(c.url, 'GET', `${V4}/room/${c.group}`, { user: c.bob }), 200, (d) => expect(d.participantType).toBe(3)],
  ['getNoteToSelfConversation', (c) => ocs(c.url, 'GET', `${V4}/room/note-to-self`, { user: c.alice }), 200, (d) => expect(d.type).toBe(6)],
  [
    'getConversationCapabilities',
    (c) => ocs(c.url, 'GET', `${V4}/room/${c.group}/capabilities`, { user: c.alice }),
    200,
    (d) => expect(d.features).toContain('chat-v2'),
  ],
  ['renameConversation', (c) => ocs(c.url, 'PUT', `${V4}/room/${c.group}`, { user: c.alice, body: { roomName: 'Renamed' } }), 200],
  ['setConversationDescription', (c) => ocs(c.url, 'PUT', `${V4}/room/${c.group}/description`, { user: c.alice, body: { description: 'About this' } }), 200],
  ['setConversationListable', (c) => ocs(c.url, 'PUT', `${V4}/room/${c.group}/listable`, { user: c.alice, body: { scope: 1 } }), 200],
  [
    'listOpenConversations',
    (c) => ocs(c.url, 'GET', `${V4}/listed-room?searchTerm=Ren`, { user: c.carol }),
    200,
    (d, c) => expect(d.map((r: { token: string }) => r.token)).toEqual([c.group]),
  ],
  ['setConversationReadOnly', (c) => ocs(c.url, 'PUT', `${V4}/room/${c.group}/read-only`, { user: c.alice, body: { state: 0 } }), 200],
  ['setConversationPermissions', (c) => ocs(c.url, 'PUT', `${V4}/room/${c.group}/permissions/default`, { user: c.alice, body: { permissions: 254 } }), 200],
  [
    'setSipDialIn',
    (c) => ocs(c.url, 'PUT', `${V4}/room/${c.group}/webinar/sip`, { user: c.alice, body: { state: 1 } }),
    412,
    (d) => expect(d).toEqual({ error: 'config' }),
  ],
  [
    'getServerCapabilities',
    (c) => ocs(c.url, 'GET', '/ocs/v2.php/cloud/capabilities'),
    200,
    (d) => {
      expect(d.version.string).toBe('31.0.2');
      expect(d.capabilities.spreed.version).toBe('21.1.0');
      expect(d.capabilities.spreed.features).toContain('reactions');
    },
  ],
  [
    'setLobby',
    (c) => ocs(c.url, 'PUT', `${V4}/room/${c.group}/webinar/lobby`, { user: c.alice, body: { state: 0, timer: null } }),
    200,
    (d) => expect(d.lobbyState).toBe(0),
  ],
  ['setMessageExpiration', (c) => ocs(c.url, 'POST', `${V4}/room/${c.group}/message-expiration`, { user: c.alice, body: { seconds: 0 } }), 200],
  // Talk refuses it unless the server's recording_consent setting is "optional"; the dev server has no recording.
  [
    'setRecordingConsent',
    (c) => ocs(c.url, 'PUT', `${V4}/room/${c.group}/recording-consent`, { user: c.alice, body: { recordingConsent: 1 } }),
    412,
    (d) => expect(d).toEqual({ error: 'config' }),
  ],
  ['addConversationToFavorites', (c) => ocs(c.url, 'POST', `${V4}/room/${c.group}/favorite`, { user: c.bob }), 200],
  ['removeConversationFromFavorites', (c) => ocs(c.url, 'DELETE', `${V4}/room/${c.group}/favorite`, { user: c.bob }), 200],
  ['setNotificationLevel', (c) => ocs(c.url, 'POST', `${V4}/room/${c.group}/notify`, { user: c.bob, body: { level: 1 } }), 200],
  ['setCallNotificationLevel', (c) => ocs(c.url, 'POST', `${V4}/room/${c.group}/notify-calls`, { user: c.bob, body: { level: 0 } }), 200],
  ['makeConversationPublic', (c) => ocs(c.url, 'POST', `${V4}/room/${c.group}/public`, { user: c.alice }), 200],
  [
    'setConversationPassword',
    (c) => ocs(c.url, 'PUT', `${V4}/room/${c.group}/password`, { user: c.alice, body: { password: 'abc' } }),
    400,
    (d) => expect(d.message).toMatch(/4 characters/),
  ],
  ['makeConversationPrivate', (c) => ocs(c.url, 'DELETE', `${V4}/room/${c.group}/public`, { user: c.alice }), 200],
  [
    'setMentionPermissions',
    (c) => ocs(c.url, 'PUT', `${V4}/room/${c.group}/mention-permissions`, { user: c.alice, body: { mentionPermissions: 1 } }),
    200,
    (d) => expect(d.mentionPermissions).toBe(1),
  ],
  ['getConversationAvatar', (c) => raw(`${c.url}${V1}/room/${c.group}/avatar`, c.alice), 200, (d) => expect(d.contentType).toBe('image/svg+xml')],
  [
    'setConversationAvatar',
    (c) => {
      const form = new FormData();
      form.append('file', new Blob([PNG], { type: 'image/png' }), 'avatar.png');
      return raw(`${c.url}${V1}/room/${c.group}/avatar`, c.alice, { method: 'POST', body: form });
    },
    200,
    (d) => expect(d.isCustomAvatar).toBe(true),
  ],
  [
    'setConversationEmojiAvatar',
    (c) => ocs(c.url, 'POST', `${V1}/room/${c.group}/avatar/emoji`, { user: c.alice, body: { emoji: '🚀', color: '0082c9' } }),
    200,
    (d) => expect(d.isCustomAvatar).toBe(true),
  ],
  ['getConversationAvatarDark', (c) => raw(`${c.url}${V1}/room/${c.group}/avatar/dark`, c.bob), 200, (d) => expect(d.text).toContain('🚀')],
  [
    'deleteConversationAvatar',
    (c) => ocs(c.url, 'DELETE', `${V1}/room/${c.group}/avatar`, { user: c.alice }),
    200,
    (d) => expect(d.isCustomAvatar).toBe(false),
  ],
  ['getFederatedUserAvatar', (c) => ocs(c.url, 'GET', `${V1}/proxy/${c.group}/user-avatar/64?cloudId=bob%40remote.example`, { user: c.alice }), 404],
  ['getFederatedUserAvatarDark', (c) => ocs(c.url, 'GET', `${V1}/proxy/${c.group}/user-avatar/64/dark?cloudId=bob%40remote.example`, { user: c.alice }), 404],
  [
    'startCallRecording',
    (c) => ocs(c.url, 'POST', `${V1}/recording/${c.group}`, { user: c.alice, body: { status: 1 } }),
    400,
    (d) => expect(d.error).toBe('config'),
  ],
  ['stopCallRecording', (c) => ocs(c.url, 'DELETE', `${V1}/recording/${c.group}`, { user: c.alice }), 400, (d) => expect(d.error).toBe('config')],
  ['dismissRecordingNotification', (c) => ocs(c.url, 'DELETE', `${V1}/recording/${c.group}/notification?timestamp=1700000000`, { user: c.alice }), 200],
  [
    'shareRecordingToChat',
    (c) => ocs(c.url, 'POST', `${V1}/recording/${c.group}/share-chat`, { user: c.alice, body: { timestamp: 1700000000, fileId: 42 } }),
    400,
    (d) => expect(d.error).toBe('file'),
  ],
  [
    'getSignalingSettings',
    (c) => ocs(c.url, 'GET', `/ocs/v2.php/apps/spreed/api/v3/signaling/settings?token=${c.group}`, { user: c.bob }),
    200,
    (d) => expect(d).toMatchObject({ signalingMode: 'internal', userId: 'bob' }),
  ],
  ['setUserSetting', (c) => ocs(c.url, 'POST', `${V1}/settings/user`, { user: c.bob, body: { key: 'play_sounds', value: 'no' } }), 200],
  [
    'setSipSettings',
    (c) => ocs(c.url, 'POST', `${V1}/settings/sip`, { user: c.alice, body: { sipGroups: ['developers'], dialInInfo: '+49 30 1234', sharedSecret: 's3cret' } }),
    403,
  ],
  ['getFileConversation', (c) => ocs(c.url, 'GET', `${V1}/file/42`, { user: c.alice }), 404],
  ['getPublicShareConversation', (c) => ocs(c.url, 'GET', `${V1}/publicshare/abcdefgh`), 404],
  ['createPasswordRequestConversation', (c) => ocs(c.url, 'POST', `${V1}/publicshareauth`, { body: { shareToken: 'abcdefgh' } }), 404],
  ['listBreakoutRooms', (c) => ocs(c.url, 'GET', `${V4}/room/${c.group}/breakout-rooms`, { user: c.alice }), 400],
  ['listParticipants', (c) => ocs(c.url, 'GET', `${V4}/room/${c.group}/participants`, { user: c.bob }), 200, (d) => expect(d).toHaveLength(2)],
  ['listBreakoutRoomParticipants', (c) => ocs(c.url, 'GET', `${V4}/room/${c.group}/breakout-rooms/participants`, { user: c.alice }), 200],
  [
    'addParticipant',
    (c) => ocs(c.url, 'POST', `${V4}/room/${c.group}/participants`, { user: c.alice, body: { newParticipant: 'designers', source: 'groups' } }),
    200,
  ],
  [
    'joinConversation',
    async (c) => {
      const res = await ocs(c.url, 'POST', `${V4}/room/${c.group}/participants/active`, { user: c.bob, body: {} });
      c.bobCookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
      return res;
    },
    200,
    (d, c) => {
      expect(d.sessionId).toHaveLength(512);
      expect(c.bobCookie).toBe(`talk_session=${d.sessionId}`);
    },
  ],
  [
    'setSessionState',
    (c) => ocs(c.url, 'PUT', `${V4}/room/${c.group}/participants/state`, { user: c.bob, cookie: c.bobCookie, body: { state: 0 } }),
    200,
    (d) => expect(d.sessionId).toHaveLength(512),
  ],
  ['joinCall', (c) => ocs(c.url, 'POST', `${CALL}/${c.group}`, { user: c.bob, cookie: c.bobCookie, body: { flags: 3, recordingConsent: true } }), 200],
  ['updateCallFlags', (c) => ocs(c.url, 'PUT', `${CALL}/${c.group}`, { user: c.bob, cookie: c.bobCookie, body: { flags: 1 } }), 200],
  [
    'listCallParticipants',
    (c) => ocs(c.url, 'GET', `${CALL}/${c.group}`, { user: c.alice }),
    200,
    (d) => expect(d.map((p: { actorId: string }) => p.actorId)).toEqual(['bob']),
  ],
  ['ringAttendee', (c) => ocs(c.url, 'POST', `${CALL}/${c.group}/ring/${c.aliceAttendee}`, { user: c.bob, cookie: c.bobCookie }), 200],
  ['dialOutAttendee', (c) => ocs(c.url, 'POST', `${CALL}/${c.group}/dialout/${c.aliceAttendee}`, { user: c.bob, cookie: c.bobCookie, body: {} }), 501],
  ['leaveCall', (c) => ocs(c.url, 'DELETE', `${CALL}/${c.group}`, { user: c.bob, cookie: c.bobCookie }), 200],
  ['leaveConversation', (c) => ocs(c.url, 'DELETE', `${V4}/room/${c.group}/participants/active`, { user: c.bob, cookie: c.bobCookie }), 200],
  ['promoteModerator', (c) => ocs(c.url, 'POST', `${V4}/room/${c.group}/moderators`, { user: c.alice, body: { attendeeId: c.bobAttendee } }), 200],
  ['demoteModerator', (c) => ocs(c.url, 'DELETE', `${V4}/room/${c.group}/moderators?attendeeId=${c.bobAttendee}`, { user: c.alice }), 200],
  [
    'setAttendeePermissions',
    (c) =>
      ocs(c.url, 'PUT', `${V4}/room/${c.group}/attendees/permissions`, { user: c.alice, body: { attendeeId: c.bobAttendee, method: 'add', permissions: 8 } }),
    200,
  ],
  // Talk 21 (the default release) removed it: 400 with `null` data.
  [
    'setAllAttendeesPermissions',
    (c) => ocs(c.url, 'PUT', `${V4}/room/${c.group}/attendees/permissions/all`, { user: c.alice, body: { method: 'set', permissions: 0 } }),
    400,
    (d) => expect(d).toBeNull(),
  ],
  ['resendInvitations', (c) => ocs(c.url, 'POST', `${V4}/room/${c.group}/participants/resend-invitations`, { user: c.alice, body: {} }), 200],
  // Without a SIP bridge: Talk 21 (the default) answers 501 null to every SIP bridge request (Talk 19: 401 []).
  ['getParticipantByPin', (c) => ocs(c.url, 'GET', `${V4}/room/${c.group}/pin/123456`), 501, (d) => expect(d).toBeNull()],
  ['verifyDialInPin', (c) => ocs(c.url, 'POST', `${V4}/room/${c.group}/verify-dialin`, { body: { pin: '123456' } }), 501],
  ['verifyDialOutNumber', (c) => ocs(c.url, 'POST', `${V4}/room/${c.group}/verify-dialout`, { body: { number: '+4930123456' } }), 501],
  ['resetRejectedDialOut', (c) => ocs(c.url, 'DELETE', `${V4}/room/${c.group}/rejected-dialout?callId=abc&options=%7B%7D`), 501],
  [
    'sendMessage',
    (c) => ocs(c.url, 'POST', `${CHAT}/${c.group}`, { user: c.bob, body: { message: 'Hi @alice', replyTo: c.messageId, referenceId: 'ref-1', silent: true } }),
    201,
    (d, c) => {
      expect(d.parent.id).toBe(c.messageId);
      expect(d.silent).toBe(true);
    },
  ],
  [
    'createPoll',
    (c) =>
      ocs(c.url, 'POST', `${V1}/poll/${c.group}`, { user: c.alice, body: { question: 'Lunch?', options: ['Pizza', 'Sushi'], resultMode: 0, maxVotes: 1 } }),
    201,
    (d, c) => {
      c.pollId = d.id;
    },
  ],
  ['getPoll', (c) => ocs(c.url, 'GET', `${V1}/poll/${c.group}/${c.pollId}`, { user: c.bob }), 201, (d) => expect(d.status).toBe(0)],
  [
    'votePoll',
    (c) => ocs(c.url, 'POST', `${V1}/poll/${c.group}/${c.pollId}`, { user: c.bob, body: { optionIds: [1] } }),
    201,
    (d) => expect(d.votedSelf).toEqual([1]),
  ],
  [
    'editDraftPoll',
    (c) => ocs(c.url, 'POST', `${V1}/poll/${c.group}/draft/${c.pollId}`, { user: c.alice, body: { question: 'Lunch?', options: ['Pizza', 'Sushi'] } }),
    400,
  ],
  ['closePoll', (c) => ocs(c.url, 'DELETE', `${V1}/poll/${c.group}/${c.pollId}`, { user: c.alice }), 200, (d) => expect(d.votes).toEqual({ 'option-1': 1 })],
  ['listInstalledBots', (c) => ocs(c.url, 'GET', `${V1}/bot/admin`, { user: c.alice }), 403],
  ['enableBot', (c) => ocs(c.url, 'POST', `${V1}/bot/${c.group}/${c.botId}`, { user: c.alice }), 201, (d) => expect(d.state).toBe(1)],
  [
    'listConversationBots',
    (c) => ocs(c.url, 'GET', `${V1}/bot/${c.group}`, { user: c.alice }),
    200,
    (d, c) => expect(d).toEqual([{ id: c.botId, name: 'Echo', description: '', state: 1 }]),
  ],
  ['sendBotMessage', async (c) => ocs(c.url, 'POST', `${V1}/bot/${c.group}/message`, { headers: await signed('Beep'), body: { message: 'Beep' } }), 201],
  [
    'reactAsBot',
    async (c) => ocs(c.url, 'POST', `${V1}/bot/${c.group}/reaction/${c.messageId}`, { headers: await signed('👍'), body: { reaction: '👍' } }),
    201,
  ],
  [
    'deleteBotReaction',
    async (c) => ocs(c.url, 'DELETE', `${V1}/bot/${c.group}/reaction/${c.messageId}?reaction=${encodeURIComponent('👍')}`, { headers: await signed('👍') }),
    200,
  ],
  ['disableBot', (c) => ocs(c.url, 'DELETE', `${V1}/bot/${c.group}/${c.botId}`, { user: c.alice }), 200, (d) => expect(d.state).toBe(0)],
  [
    'receiveMessages',
    (c) => ocs(c.url, 'GET', `${CHAT}/${c.group}?lookIntoFuture=0&limit=3&lastCommonReadId=1`, { user: c.alice }),
    200,
    (d) => expect(d).toHaveLength(3),
  ],
  [
    'addReaction',
    (c) => ocs(c.url, 'POST', `/ocs/v2.php/apps/spreed/api/v1/reaction/${c.group}/${c.messageId}`, { user: c.bob, body: { reaction: '👍' } }),
    201,
    (d) => {
      expect(d['👍']).toEqual([expect.objectContaining({ actorType: 'users', actorId: 'bob', actorDisplayName: 'Bob Builder' })]);
    },
  ],
  [
    'listReactions',
    (c) => ocs(c.url, 'GET', `/ocs/v2.php/apps/spreed/api/v1/reaction/${c.group}/${c.messageId}`, { user: c.alice }),
    200,
    (d) => expect(Object.keys(d)).toEqual(['👍']),
  ],
  [
    'deleteReaction',
    (c) => ocs(c.url, 'DELETE', `/ocs/v2.php/apps/spreed/api/v1/reaction/${c.group}/${c.messageId}?reaction=${encodeURIComponent('👍')}`, { user: c.bob }),
    200,
    (d) => expect(d).toEqual([]),
  ],
  [
    'getMessageContext',
    (c) => ocs(c.url, 'GET', `${CHAT}/${c.group}/${c.messageId}/context?limit=2`, { user: c.alice }),
    200,
    (d, c) => expect(d.map((m: { id: number }) => m.id)).toContain(c.messageId),
  ],
  [
    'editMessage',
    (c) => ocs(c.url, 'PUT', `${CHAT}/${c.group}/${c.messageId}`, { user: c.alice, body: { message: 'edited text' } }),
    200,
    (d) => {
      expect(d.systemMessage).toBe('message_edited');
      expect(d.parent.message).toBe('edited text');
    },
  ],
  [
    'shareRichObject',
    (c) =>
      ocs(c.url, 'POST', `${CHAT}/${c.group}/share`, {
        user: c.alice,
        body: {
          objectType: 'geo-location',
          objectId: 'geo:52.5,13.4',
          metaData: JSON.stringify({ type: 'geo-location', id: 'geo:52.5,13.4', name: 'Berlin', latitude: '52.5', longitude: '13.4' }),
        },
      }),
    201,
    (d) => expect(d.message).toBe('{object}'),
  ],
  [
    'shareFile',
    (c) =>
      ocs(c.url, 'POST', '/ocs/v2.php/apps/files_sharing/api/v1/shares', {
        user: c.alice,
        body: { shareType: 10, shareWith: c.group, path: 'Photos/cat.png' },
      }),
    200,
    (d, c) => expect(d.share_with).toBe(c.group),
  ],
  [
    'listSharedItems',
    (c) => ocs(c.url, 'GET', `${CHAT}/${c.group}/share?objectType=location`, { user: c.alice }),
    200,
    (d) => expect(Object.keys(d)).toHaveLength(1),
  ],
  [
    'getSharedItemsOverview',
    (c) => ocs(c.url, 'GET', `${CHAT}/${c.group}/share/overview`, { user: c.alice }),
    200,
    (d) => {
      expect(
        Object.keys(d)
          .filter((type) => d[type].length > 0)
          .sort(),
      ).toEqual(['location', 'media']);
      expect(Object.keys(d)).toHaveLength(9);
    },
  ],
  [
    'getMentionSuggestions',
    (c) => ocs(c.url, 'GET', `${CHAT}/${c.group}/mentions?search=bo`, { user: c.alice }),
    200,
    (d) => expect(d.map((s: { id: string }) => s.id)).toEqual(['bob']),
  ],
  ['setReminder', (c) => ocs(c.url, 'POST', `${CHAT}/${c.group}/${c.messageId}/reminder`, { user: c.bob, body: { timestamp: 2_000_000_000 } }), 201],
  ['getReminder', (c) => ocs(c.url, 'GET', `${CHAT}/${c.group}/${c.messageId}/reminder`, { user: c.bob }), 200, (d) => expect(d.timestamp).toBe(2_000_000_000)],
  ['deleteReminder', (c) => ocs(c.url, 'DELETE', `${CHAT}/${c.group}/${c.messageId}/reminder`, { user: c.bob }), 200],
  ['markChatRead', (c) => ocs(c.url, 'POST', `${CHAT}/${c.group}/read`, { user: c.bob, body: {} }), 200, (d) => expect(d.unreadMessages).toBe(0)],
  ['markChatUnread', (c) => ocs(c.url, 'DELETE', `${CHAT}/${c.group}/read`, { user: c.bob }), 200, (d) => expect(d.unreadMessages).toBe(1)],
  [
    'deleteMessage',
    (c) => ocs(c.url, 'DELETE', `${CHAT}/${c.group}/${c.messageId}`, { user: c.alice }),
    200,
    (d) => expect(d.systemMessage).toBe('message_deleted'),
  ],
  ['clearHistory', (c) => ocs(c.url, 'DELETE', `${CHAT}/${c.group}`, { user: c.alice }), 200, (d) => expect(d.systemMessage).toBe('history_cleared')],
  [
    'setGuestDisplayName',
    (c) => ocs(c.url, 'POST', `/ocs/v2.php/apps/spreed/api/v1/guest/${c.publicRoom}/name`, { cookie: c.guestCookie, body: { displayName: 'Guest Gina' } }),
    200,
  ],
  [
    'configureBreakoutRooms',
    (c) => ocs(c.url, 'POST', `${V1}/breakout-rooms/${c.group}`, { user: c.alice, body: { mode: 3, amount: 2 } }),
    200,
    (d, c) => {
      c.breakoutRooms = d.filter((r: { objectType: string }) => r.objectType === 'room').map((r: { token: string }) => r.token);
      expect(c.breakoutRooms).toHaveLength(2);
    },
  ],
  [
    'startBreakoutRooms',
    (c) => ocs(c.url, 'POST', `${V1}/breakout-rooms/${c.group}/rooms`, { user: c.alice }),
    200,
    (d) => expect(d.every((r: { breakoutRoomStatus: number }) => r.breakoutRoomStatus === 1)).toBe(true),
  ],
  [
    'switchBreakoutRoom',
    (c) => ocs(c.url, 'POST', `${V1}/breakout-rooms/${c.group}/switch`, { user: c.bob, body: { target: c.breakoutRooms[0] } }),
    200,
    (d, c) => expect(d.token).toBe(c.breakoutRooms[0]),
  ],
  ['requestAssistance', (c) => ocs(c.url, 'POST', `${V1}/breakout-rooms/${c.breakoutRooms[0]}/request-assistance`, { user: c.bob }), 200],
  ['resetRequestForAssistance', (c) => ocs(c.url, 'DELETE', `${V1}/breakout-rooms/${c.breakoutRooms[0]}/request-assistance`, { user: c.bob }), 200],
  ['broadcastToBreakoutRooms', (c) => ocs(c.url, 'POST', `${V1}/breakout-rooms/${c.group}/broadcast`, { user: c.alice, body: { message: 'Back in 5' } }), 201],
  [
    'reorganizeBreakoutRoomAttendees',
    (c) => ocs(c.url, 'POST', `${V1}/breakout-rooms/${c.group}/attendees`, { user: c.alice, body: { attendeeMap: '{}' } }),
    400,
    (d) => expect(d.error).toBe('mode'),
  ],
  ['stopBreakoutRooms', (c) => ocs(c.url, 'DELETE', `${V1}/breakout-rooms/${c.group}/rooms`, { user: c.alice }), 200],
  ['removeBreakoutRooms', (c) => ocs(c.url, 'DELETE', `${V1}/breakout-rooms/${c.group}`, { user: c.alice }), 200, (d) => expect(d.breakoutRoomMode).toBe(0)],
  ['removeAttendee', (c) => ocs(c.url, 'DELETE', `${V4}/room/${c.group}/attendees?attendeeId=${c.bobAttendee}`, { user: c.alice }), 200],
  // "Remove yourself" is for users (a guest gets 401, as in Talk); alice is the last user, so the conversation goes.
  ['removeSelf', (c) => ocs(c.url, 'DELETE', `${V4}/room/${c.publicRoom}/participants/self`, { user: c.alice }), 200],
  ['deleteConversation', (c) => ocs(c.url, 'DELETE', `${V4}/room/${c.group}`, { user: c.alice }), 200],
  [
    'createConversation',
    (c) => ocs(c.url, 'POST', `${V4}/room`, { user: c.alice, body: { roomType: 1, invite: 'bob' } }),
    201,
    (d) => expect(d.name).toBe('bob'),
  ],
];

describe('every operation of the v4 slice answers on-contract', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  const context = {} as Context;

  beforeAll(async () => {
    // The bot's URL has no listener: its Join/Leave webhooks fail, which test/bot-webhooks.test.ts covers.
    server = await startServer({ onBotDelivery: () => {} });
    const [alice, bob, carol] = server.users;
    const group = (await ocs(server.url, 'POST', `${V4}/room`, { user: alice, body: { roomType: 2, roomName: 'Everything' } })).body?.ocs.data.token as string;
    const publicRoom = (await ocs(server.url, 'POST', `${V4}/room`, { user: alice, body: { roomType: 3, roomName: 'Open house' } })).body?.ocs.data
      .token as string;
    await ocs(server.url, 'POST', `${V4}/room/${group}/participants`, { user: alice, body: { newParticipant: 'bob' } });
    const message = await ocs(server.url, 'POST', `${CHAT}/${group}`, { user: alice, body: { message: 'First message' } });
    const bobAttendee = server.store.attendeesOf(group).find((a) => a.actorId === 'bob')?.id ?? 0;
    expect(await upload(server.url, alice, 'Photos/cat.png', 'not really a cat')).toBe(201);
    const aliceAttendee = server.store.attendeesOf(group).find((a) => a.actorId === 'alice')?.id ?? 0;
    const botId = installBot(server.store, { name: 'Echo', url: 'http://127.0.0.1:65535/hook', secret: BOT_SECRET }).id;
    Object.assign(context, {
      botId,
      url: server.url,
      alice,
      bob,
      carol,
      group,
      publicRoom,
      messageId: message.body?.ocs.data.id,
      bobAttendee,
      aliceAttendee,
      guestCookie: await joinAsGuest(server.url, publicRoom),
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('the steps cover exactly the operations of the slice', () => {
    expect(steps.map((s) => s[0]).sort()).toEqual([...sliceOperationIds].sort());
  });

  it.each(steps)('%s', async (_operationId, call, status, check) => {
    const res = await call(context);
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    check?.(res.body?.ocs.data, context);
    expect(server.problems).toEqual([]);
  });
});
