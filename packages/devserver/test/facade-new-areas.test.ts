// Every operation beyond the three original areas (calls, reactions, polls, lobby/webinar, breakout rooms, avatars,
// bots, recording, settings, integration, capabilities: issue 17) called through the client facade against the dev
// server imitating Talk 19 and Talk 21. Each answer is checked against that release's slice: the status is
// documented there and the raw body is valid for its schema (binary answers: a documented media type). The list of
// operations comes from the client's operation table, so an operation added to the contract fails here until it
// has a step.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TalkApiError, createTalkClient, operationsFor, signBotRequest } from '@talk-contract/client';
import type { TalkClient } from '@talk-contract/client';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevUser } from '../src/index.js';
import { CHAT, V4, joinAsGuest, ocs, startServer } from './support.js';

const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as typeof Ajv2020Module.default;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as typeof addFormatsModule.default;
const here = path.dirname(fileURLToPath(import.meta.url));
type Json = Record<string, any>;

/**
 * The operations of the conversation, participant and chat areas before issue 17 (the contract at d881fd5^).
 * Everything else in the operation table is "new" and must have a step below.
 */
const ORIGINAL_OPERATIONS = new Set([
  'addConversationToFavorites',
  'addParticipant',
  'clearHistory',
  'createConversation',
  'deleteConversation',
  'deleteMessage',
  'deleteReminder',
  'demoteModerator',
  'editMessage',
  'getConversation',
  'getConversationCapabilities',
  'getMentionSuggestions',
  'getMessageContext',
  'getNoteToSelfConversation',
  'getParticipantByPin',
  'getReminder',
  'getSharedItemsOverview',
  'joinConversation',
  'leaveConversation',
  'listBreakoutRoomParticipants',
  'listBreakoutRooms',
  'listConversations',
  'listOpenConversations',
  'listParticipants',
  'listSharedItems',
  'makeConversationPrivate',
  'makeConversationPublic',
  'markChatRead',
  'markChatUnread',
  'promoteModerator',
  'receiveMessages',
  'removeAttendee',
  'removeConversationFromFavorites',
  'removeSelf',
  'renameConversation',
  'resendInvitations',
  'resetRejectedDialOut',
  'sendMessage',
  'setAllAttendeesPermissions',
  'setAttendeePermissions',
  'setCallNotificationLevel',
  'setConversationDescription',
  'setConversationListable',
  'setConversationPassword',
  'setConversationPermissions',
  'setConversationReadOnly',
  'setGuestDisplayName',
  'setMessageExpiration',
  'setNotificationLevel',
  'setRecordingConsent',
  'setReminder',
  'setSessionState',
  'shareFile',
  'shareRichObject',
  'verifyDialInPin',
  'verifyDialOutNumber',
]);

const BOT_SECRET = 'the-bot-secret-of-the-facade-test-0123456789';
/** A 1x1 PNG. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

/** The raw answer of the last request a client sent. */
interface Exchange {
  method: string;
  url: string;
  status: number;
  contentType: string;
  text: string;
}

interface Context {
  alice: TalkClient<'v4'>;
  bob: TalkClient<'v4'>;
  guest: TalkClient<'v4'>;
  bot: TalkClient<'v4'>;
  bobCookie: { headers: Record<string, string> };
  group: string;
  messageId: number;
  aliceAttendee: number;
  pollId: number;
  botId: number;
  breakoutRooms: string[];
}

type Release = '19' | '21';
/** A facade call, the status it should get (per release where they differ) and what to check in `data`. */
type Step = [operationId: string, call: (c: Context) => Promise<unknown>, status: number | Record<Release, number>, check?: (data: any, c: Context) => void];

const signed = async (text: string) => ({ headers: (await signBotRequest(BOT_SECRET, text)).headers });

const steps: Step[] = [
  ['getServerCapabilities', (c) => c.guest.conversations.getServerCapabilities(), 200, (d) => expect(d.capabilities.spreed.features).toContain('bots-v1')],
  ['setLobby', (c) => c.alice.conversations.setLobby(c.group, { state: 0 }), 200, (d) => expect(d.lobbyState).toBe(0)],
  ['setSipDialIn', (c) => c.alice.conversations.setSipDialIn(c.group, { state: 1 }), 412],
  [
    'setMentionPermissions',
    (c) => c.alice.conversations.setMentionPermissions(c.group, { mentionPermissions: 1 }),
    200,
    (d) => expect(d.mentionPermissions).toBe(1),
  ],
  ['getConversationAvatar', (c) => c.alice.conversations.getAvatar(c.group), 200, (d) => expect(d).toBeInstanceOf(Blob)],
  [
    'setConversationAvatar',
    (c) => c.alice.conversations.setAvatar(c.group, { file: new Blob([PNG], { type: 'image/png' }) }),
    200,
    (d) => expect(d.isCustomAvatar).toBe(true),
  ],
  ['setConversationEmojiAvatar', (c) => c.alice.conversations.setEmojiAvatar(c.group, { emoji: '🚀', color: '0082c9' }), 200],
  ['getConversationAvatarDark', (c) => c.bob.conversations.getAvatarDark(c.group), 200, async (d) => expect(await (d as Blob).text()).toContain('🚀')],
  ['deleteConversationAvatar', (c) => c.alice.conversations.deleteAvatar(c.group), 200, (d) => expect(d.isCustomAvatar).toBe(false)],
  ['getFederatedUserAvatar', (c) => c.alice.conversations.getFederatedUserAvatar(c.group, 64, { cloudId: 'bob@remote.example' }), 404],
  ['getFederatedUserAvatarDark', (c) => c.alice.conversations.getFederatedUserAvatarDark(c.group, 64, { cloudId: 'bob@remote.example' }), 404],
  ['startCallRecording', (c) => c.alice.calls.startCallRecording(c.group, { status: 1 }), 400],
  ['stopCallRecording', (c) => c.alice.calls.stopCallRecording(c.group), 400],
  ['dismissRecordingNotification', (c) => c.alice.calls.dismissRecordingNotification(c.group, { timestamp: 1_700_000_000 }), 200],
  ['shareRecordingToChat', (c) => c.alice.calls.shareRecordingToChat(c.group, { timestamp: 1_700_000_000, fileId: 42 }), 400],
  ['getSignalingSettings', (c) => c.bob.calls.getSignalingSettings({ token: c.group }), 200, (d) => expect(d.userId).toBe('bob')],
  ['setUserSetting', (c) => c.bob.settings.setUserSetting({ key: 'typing_privacy', value: 0 }), 200],
  ['setSipSettings', (c) => c.alice.settings.setSipSettings({ sipGroups: ['developers'], dialInInfo: '+49 30 1234', sharedSecret: 's3cret' }), 403],
  ['getFileConversation', (c) => c.alice.integrations.getFileConversation(42), 404],
  ['getPublicShareConversation', (c) => c.guest.integrations.getPublicShareConversation('abcdefgh'), 404],
  ['createPasswordRequestConversation', (c) => c.guest.integrations.createPasswordRequestConversation({ shareToken: 'abcdefgh' }), 404],
  ['joinCall', (c) => c.bob.calls.joinCall(c.group, { flags: 3 }, c.bobCookie), 200],
  ['updateCallFlags', (c) => c.bob.calls.updateCallFlags(c.group, { flags: 1 }, c.bobCookie), 200],
  [
    'listCallParticipants',
    (c) => c.alice.calls.listCallParticipants(c.group),
    200,
    (d) => expect(d.map((p: { actorId: string }) => p.actorId)).toEqual(['bob']),
  ],
  ['ringAttendee', (c) => c.bob.calls.ringAttendee(c.group, c.aliceAttendee, c.bobCookie), 200],
  ['dialOutAttendee', (c) => c.bob.calls.dialOutAttendee(c.group, c.aliceAttendee, {}, c.bobCookie), 501],
  ['leaveCall', (c) => c.bob.calls.leaveCall(c.group, {}, c.bobCookie), 200],
  [
    'createPoll',
    (c) => c.alice.polls.createPoll(c.group, { question: 'Lunch?', options: ['Pizza', 'Sushi'], resultMode: 0, maxVotes: 1 }),
    201,
    (d, c) => {
      c.pollId = d.id;
    },
  ],
  ['getPoll', (c) => c.bob.polls.getPoll(c.group, c.pollId), 201, (d) => expect(d.question).toBe('Lunch?')],
  ['votePoll', (c) => c.bob.polls.votePoll(c.group, c.pollId, { optionIds: [1] }), 201, (d) => expect(d.votedSelf).toEqual([1])],
  ['editDraftPoll', (c) => c.alice.polls.editDraftPoll(c.group, c.pollId, { question: 'Lunch?', options: ['Pizza', 'Sushi'] }), 400],
  ['closePoll', (c) => c.alice.polls.closePoll(c.group, c.pollId), 200, (d) => expect(d.votes).toEqual({ 'option-1': 1 })],
  ['listInstalledBots', (c) => c.alice.bots.listInstalledBots(), 403],
  ['enableBot', (c) => c.alice.bots.enableBot(c.group, c.botId), 201, (d) => expect(d.state).toBe(1)],
  ['listConversationBots', (c) => c.alice.bots.listBots(c.group), 200, (d, c) => expect(d).toEqual([{ id: c.botId, name: 'Echo', description: '', state: 1 }])],
  ['sendBotMessage', async (c) => c.bot.bots.sendBotMessage(c.group, { message: 'Beep' }, await signed('Beep')), 201],
  ['reactAsBot', async (c) => c.bot.bots.reactAsBot(c.group, c.messageId, { reaction: '👍' }, await signed('👍')), 201],
  ['deleteBotReaction', async (c) => c.bot.bots.deleteBotReaction(c.group, c.messageId, { reaction: '👍' }, await signed('👍')), 200],
  ['disableBot', (c) => c.alice.bots.disableBot(c.group, c.botId), 200, (d) => expect(d.state).toBe(0)],
  ['addReaction', (c) => c.bob.chat.addReaction(c.group, c.messageId, { reaction: '👍' }), 201, (d) => expect(Object.keys(d)).toEqual(['👍'])],
  ['listReactions', (c) => c.alice.chat.listReactions(c.group, c.messageId), 200, (d) => expect(d['👍'][0]).toMatchObject({ actorId: 'bob' })],
  ['deleteReaction', (c) => c.bob.chat.deleteReaction(c.group, c.messageId, { reaction: '👍' }), 200, (d) => expect(d).toEqual([])],
  [
    'configureBreakoutRooms',
    (c) => c.alice.breakoutRooms.configureBreakoutRooms(c.group, { mode: 3, amount: 2 }),
    200,
    (d, c) => {
      c.breakoutRooms = d.filter((r: { objectType: string }) => r.objectType === 'room').map((r: { token: string }) => r.token);
      expect(c.breakoutRooms).toHaveLength(2);
    },
  ],
  ['startBreakoutRooms', (c) => c.alice.breakoutRooms.startBreakoutRooms(c.group), 200],
  [
    'switchBreakoutRoom',
    (c) => c.bob.breakoutRooms.switchBreakoutRoom(c.group, { target: c.breakoutRooms[0] }),
    200,
    (d, c) => expect(d.token).toBe(c.breakoutRooms[0]),
  ],
  ['requestAssistance', (c) => c.bob.breakoutRooms.requestAssistance(c.breakoutRooms[0]), 200],
  ['resetRequestForAssistance', (c) => c.bob.breakoutRooms.resetRequestForAssistance(c.breakoutRooms[0]), 200],
  ['broadcastToBreakoutRooms', (c) => c.alice.breakoutRooms.broadcastToBreakoutRooms(c.group, { message: 'Back in 5' }), 201],
  ['reorganizeBreakoutRoomAttendees', (c) => c.alice.breakoutRooms.reorganizeBreakoutRoomAttendees(c.group, { attendeeMap: '{}' }), 400],
  ['stopBreakoutRooms', (c) => c.alice.breakoutRooms.stopBreakoutRooms(c.group), 200],
  ['removeBreakoutRooms', (c) => c.alice.breakoutRooms.removeBreakoutRooms(c.group), 200, (d) => expect(d.breakoutRoomMode).toBe(0)],
];

/** Status and `data` of a facade call, from its result or from the TalkApiError it threw. */
async function outcome(call: Promise<unknown>): Promise<{ status: number; data: unknown }> {
  try {
    const result = (await call) as { status: number; data: unknown };
    return { status: result.status, data: result.data };
  } catch (error) {
    if (error instanceof TalkApiError) return { status: error.status, data: error.data };
    throw error;
  }
}

/** Checks raw answers against one release slice: documented status, body valid for the schema of that status. */
function answerChecker(release: Release) {
  const slice = JSON.parse(readFileSync(path.resolve(here, `../../spec/dist/openapi.v4.talk-${release}.json`), 'utf8')) as Json;
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema(slice, 'spec');
  const byId = new Map<string, { path: string; method: string; op: Json }>();
  for (const [p, item] of Object.entries(slice.paths as Record<string, Json>))
    for (const [method, op] of Object.entries(item)) if (op?.operationId) byId.set(op.operationId, { path: p, method, op });
  const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
  const at = (pointer: string): Json =>
    pointer
      .split('/')
      .slice(1)
      .reduce((node: Json, part) => node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], slice);
  return {
    operationIds: new Set(byId.keys()),
    /** Problems of `exchange` as the answer of `operationId` (empty: on-contract). */
    check(operationId: string, exchange: Exchange): string[] {
      const found = byId.get(operationId);
      if (!found) return [`${operationId} is not in the Talk ${release} slice`];
      let pointer = `#/paths/${esc(found.path)}/${found.method}/responses/${exchange.status}`;
      if (!found.op.responses?.[String(exchange.status)]) return [`HTTP ${exchange.status} is not documented for ${operationId} in Talk ${release}`];
      for (let hops = 0; at(pointer.slice(1))?.$ref && hops < 8; hops++) pointer = at(pointer.slice(1)).$ref;
      const content = (at(pointer.slice(1))?.content ?? {}) as Record<string, Json>;
      const type = exchange.contentType.split(';')[0].trim();
      const media = Object.keys(content).find((m) => m === type || (m.endsWith('/*') && type.startsWith(m.slice(0, -1))));
      if (!media)
        return Object.keys(content).length === 0 && exchange.text === '' ? [] : [`${type} is not a documented media type (${Object.keys(content).join(', ')})`];
      if (!media.includes('json')) return [];
      const validate = ajv.getSchema(`spec${pointer}/content/${esc(media)}/schema`);
      if (!validate) return [`no schema at ${pointer}`];
      return validate(JSON.parse(exchange.text)) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
    },
  };
}

describe.each(['19', '21'] as const)('facade calls of the operations new in issue 17, Talk %s', (release) => {
  const contract = answerChecker(release);
  const table = operationsFor('v4');
  const newOperations = table.map((op) => op.operationId).filter((id) => !ORIGINAL_OPERATIONS.has(id) && contract.operationIds.has(id));
  const releaseSteps = steps.filter(([id]) => contract.operationIds.has(id));
  let server: Awaited<ReturnType<typeof startServer>>;
  let last: Exchange | undefined;
  const context = {} as Context;

  beforeAll(async () => {
    // A bot URL nothing listens on: the webhooks fail (and are counted on the bot), which is not what this tests.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    server = await startServer({ talk: release, bots: [{ name: 'Echo', url: `http://127.0.0.1:${port}/`, secret: BOT_SECRET }], onBotDelivery: () => {} });
    const recording: typeof fetch = async (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init);
      const response = await fetch(request);
      const copy = response.clone();
      last = {
        method: request.method,
        url: request.url,
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
        text: await copy.text(),
      };
      return response;
    };
    const client = (user?: DevUser) =>
      createTalkClient({ baseUrl: server.url, apiVersion: 'v4', fetch: recording, auth: user ? { user: user.id, appPassword: user.appPassword } : undefined });
    const [aliceUser, bobUser] = server.users;
    const group = (await ocs(server.url, 'POST', `${V4}/room`, { user: aliceUser, body: { roomType: 2, roomName: 'Everything' } })).body?.ocs.data
      .token as string;
    await ocs(server.url, 'POST', `${V4}/room/${group}/participants`, { user: aliceUser, body: { newParticipant: 'bob' } });
    const message = await ocs(server.url, 'POST', `${CHAT}/${group}`, { user: aliceUser, body: { message: 'First message' } });
    const joined = await ocs(server.url, 'POST', `${V4}/room/${group}/participants/active`, { user: bobUser, body: {} });
    const publicRoom = (await ocs(server.url, 'POST', `${V4}/room`, { user: aliceUser, body: { roomType: 3, roomName: 'Open' } })).body?.ocs.data
      .token as string;
    await joinAsGuest(server.url, publicRoom);
    Object.assign(context, {
      alice: client(aliceUser),
      bob: client(bobUser),
      guest: client(),
      bot: client(),
      bobCookie: { headers: { Cookie: (joined.headers.get('set-cookie') ?? '').split(';')[0] } },
      group,
      messageId: message.body?.ocs.data.id,
      aliceAttendee: server.store.attendeesOf(group).find((a) => a.actorId === 'alice')?.id ?? 0,
      botId: server.admin.listBots()[0].id,
    } satisfies Partial<Context>);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('there is a step for every new operation of the release, and no step for an operation the table lacks', () => {
    expect(newOperations.length).toBeGreaterThan(40);
    expect(releaseSteps.map(([id]) => id).sort()).toEqual([...newOperations].sort());
    const known = new Set(table.map((op) => op.operationId));
    expect(steps.map(([id]) => id).filter((id) => !known.has(id))).toEqual([]);
  });

  it.each(releaseSteps)('%s', async (operationId, call, status, check) => {
    last = undefined;
    const result = await outcome(call(context));
    const exchange = (last as Exchange | undefined) ?? expect.fail('the facade sent no request');
    const expected = typeof status === 'number' ? status : status[release];
    expect(result.status, exchange.text.slice(0, 300)).toBe(expected);
    expect(exchange.status).toBe(result.status);
    expect(contract.check(operationId, exchange)).toEqual([]);
    await check?.(result.data, context);
    expect(server.problems).toEqual([]);
  });
});
