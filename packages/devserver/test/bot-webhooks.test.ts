// Bot webhooks end to end on 127.0.0.1: the dev server POSTs signed Activity Streams payloads to a real node:http
// bot (checked with the client's verifyTalkWebhook and the contract's webhook schemas of the release slice), the
// bot answers with signBotRequest and its reply shows in the chat as the bot. Wrong signatures are refused, bot
// URLs off loopback are refused at install, and a bot that hangs or refuses never holds up the chat.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { signBotRequest, talkSignature, verifyTalkWebhook } from '@talk-contract/client';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterEach, describe, expect, it } from 'vitest';
import { BotInstallError, botSignature, createDevServer } from '../src/index.js';
import type { BotDeliveryReport, DevUser } from '../src/index.js';
import { runCliToExit } from './cli-process.js';
import { CHAT, groupWith, ocs, startServer } from './support.js';

const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as typeof Ajv2020Module.default;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as typeof addFormatsModule.default;
const here = path.dirname(fileURLToPath(import.meta.url));
const BOT = '/ocs/v2.php/apps/spreed/api/v1/bot';
const SECRET = 'the-shared-secret-of-the-webhook-test-bot-0123456789';
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

type Release = '19' | '21';
type Json = Record<string, any>;

/** The contract's webhook payload schemas of one release slice, compiled with Ajv (2020-12, formats). */
function webhookValidator(release: Release): { names: string[]; check: (webhook: string, payload: unknown) => string[] } {
  const slice = JSON.parse(readFileSync(path.resolve(here, `../../spec/dist/openapi.v4.talk-${release}.json`), 'utf8')) as Json;
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema(slice, 'spec');
  return {
    names: Object.keys(slice.webhooks ?? {}),
    check(webhook, payload) {
      if (!slice.webhooks?.[webhook]) return [`the Talk ${release} slice has no webhook ${webhook}`];
      const validate = ajv.getSchema(`spec#/webhooks/${webhook}/post/requestBody/content/application~1json/schema`);
      if (!validate) return [`no schema for ${webhook}`];
      return validate(payload) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
    },
  };
}

/** One webhook request as the bot received it. */
interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  payload: Json;
  verified: boolean;
}

/** A bot: a real HTTP server on 127.0.0.1 that records every request; `answer` decides the response. */
async function startBot(
  answer: (got: Received, res: ServerResponse) => void | Promise<void> = (_got, res) => {
    res.writeHead(200).end();
  },
) {
  const received: Received[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const got: Received = { headers: req.headers, body, payload: JSON.parse(body), verified: await verifyTalkWebhook({ headers: req.headers, body }, SECRET) };
    received.push(got);
    await answer(got, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
  return {
    url,
    received,
    /** The first request matching `predicate`, waited for at most `ms`. */
    async next(predicate: (got: Received) => boolean, ms = 5_000): Promise<Received> {
      const deadline = Date.now() + ms;
      while (Date.now() < deadline) {
        const found = received.find(predicate);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`the bot got no such webhook within ${ms} ms; it got: ${received.map((r) => r.payload.type).join(', ') || 'nothing'}`);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 that nothing listens on (bound once, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function chatOf(url: string, user: DevUser, token: string): Promise<Json[]> {
  return (await ocs(url, 'GET', `${CHAT}/${token}?lookIntoFuture=0&limit=50`, { user })).body?.ocs.data ?? [];
}

describe.each(['19', '21'] as const)('bot webhook round trip, Talk %s', (release) => {
  it('dev server → signed webhook → bot → signed reply in the chat as the bot; payloads valid for the release', async () => {
    const contract = webhookValidator(release);
    const replies: number[] = [];
    const bot = await startBot(async (got, res) => {
      res.writeHead(200).end();
      const content = got.payload.type === 'Create' ? JSON.parse(got.payload.object.content) : null;
      if (content?.message !== 'ping' || !got.verified) return;
      const backend = String(got.headers['x-nextcloud-talk-backend']);
      const signed = await signBotRequest(SECRET, 'pong');
      const reply = await fetch(`${backend}ocs/v2.php/apps/spreed/api/v1/bot/${got.payload.target.id}/message`, {
        method: 'POST',
        headers: { ...signed.headers, 'OCS-APIRequest': 'true', 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ message: 'pong', replyTo: Number(got.payload.object.id) }),
      });
      replies.push(reply.status);
    });
    cleanups.push(bot.close);
    const server = await startServer({ talk: release, bots: [{ name: 'Echo', url: bot.url, secret: SECRET }] });
    cleanups.push(() => server.close());
    const [alice, bob] = server.users;
    const token = await groupWith(server.url, alice, 'Bot room', ['bob']);
    const botId = server.admin.listBots()[0].id;
    const botActor = `bot-${sha1(bot.url)}`;

    expect((await ocs(server.url, 'POST', `${BOT}/${token}/${botId}`, { user: alice })).status).toBe(201);
    const join = await bot.next((r) => r.payload.type === 'Join');
    expect(join.verified).toBe(true);
    expect(contract.check('botAdded', join.payload)).toEqual([]);
    expect(join.payload).toEqual({
      type: 'Join',
      actor: { type: 'Application', id: `bots/${botActor}`, name: 'Echo' },
      object: { type: 'Collection', id: token, name: 'Bot room' },
    });
    expect(join.headers['x-nextcloud-talk-random']).toMatch(/^[A-Za-z0-9+/]{64}$/);
    expect(join.headers['x-nextcloud-talk-signature']).toMatch(/^[0-9a-f]{64}$/);
    expect(join.headers['x-nextcloud-talk-backend']).toBe(`${server.url}/`);
    expect(join.headers['content-type']).toBe('application/json');

    const ping = await ocs(server.url, 'POST', `${CHAT}/${token}`, { user: bob, body: { message: 'ping' } });
    expect(ping.status).toBe(201);
    const create = await bot.next((r) => r.payload.type === 'Create');
    expect(create.verified).toBe(true);
    expect(contract.check('botMessage', create.payload)).toEqual([]);
    expect(create.payload).toMatchObject({
      actor: { type: 'Person', id: 'users/bob', name: bob.displayName },
      object: { type: 'Note', id: String(ping.body?.ocs.data.id), name: 'message', mediaType: 'text/markdown' },
      target: { type: 'Collection', id: token, name: 'Bot room' },
    });
    expect(JSON.parse(create.payload.object.content)).toEqual({ message: 'ping', parameters: [] });
    if (release === '21') expect(create.payload.actor.talkParticipantType).toBe(3);
    else expect(create.payload.actor).not.toHaveProperty('talkParticipantType');

    // The reply shows in the chat as the bot, answering the ping.
    const deadline = Date.now() + 5_000;
    let pong: Json | undefined;
    while (!pong && Date.now() < deadline) {
      pong = (await chatOf(server.url, alice, token)).find((m) => m.message === 'pong');
      if (!pong) await new Promise((r) => setTimeout(r, 20));
    }
    expect(replies).toEqual([201]);
    expect(pong).toMatchObject({ actorType: 'bots', actorId: botActor, actorDisplayName: 'Echo', parent: { id: ping.body?.ocs.data.id } });

    // A reaction: Talk 21 tells bots with the `reaction` feature (Like, then Undo); Talk 19 has no such webhook.
    const pingId = ping.body?.ocs.data.id as number;
    const reaction = `/ocs/v2.php/apps/spreed/api/v1/reaction/${token}/${pingId}`;
    expect((await ocs(server.url, 'POST', reaction, { user: bob, body: { reaction: '👍' } })).status).toBe(201);
    expect((await ocs(server.url, 'DELETE', `${reaction}?reaction=${encodeURIComponent('👍')}`, { user: bob })).status).toBe(200);
    const reply = await ocs(server.url, 'POST', `${CHAT}/${token}`, { user: alice, body: { message: 'after the reaction', replyTo: pingId } });
    const later = await bot.next((r) => r.payload.type === 'Create' && r.payload.object.id === String(reply.body?.ocs.data.id));
    expect(contract.check('botMessage', later.payload)).toEqual([]);
    if (release === '21') {
      const like = await bot.next((r) => r.payload.type === 'Like');
      const undo = await bot.next((r) => r.payload.type === 'Undo');
      expect([like.verified, undo.verified]).toEqual([true, true]);
      expect(contract.check('botReactionAdded', like.payload)).toEqual([]);
      expect(contract.check('botReactionRemoved', undo.payload)).toEqual([]);
      expect(like.payload).toMatchObject({ content: '👍', actor: { id: 'users/bob' }, object: { id: String(pingId) }, target: { id: token } });
      expect(undo.payload.object).toEqual(like.payload);
      expect(later.payload.object.inReplyTo).toMatchObject({ actor: { id: 'users/bob' }, object: { id: String(pingId), name: 'message' } });
    } else {
      // One bot's webhooks go out in order: had a Like been sent, it would have come before this Create.
      expect(bot.received.map((r) => r.payload.type)).toEqual(['Join', 'Create', 'Create']);
      expect(later.payload.object).not.toHaveProperty('inReplyTo');
      expect(contract.names).not.toContain('botReactionAdded');
    }

    // No webhook for the bot's own message; disabling tells the bot (Leave).
    expect(bot.received.filter((r) => r.payload.actor?.id?.startsWith('bots/') && r.payload.type === 'Create')).toEqual([]);
    expect((await ocs(server.url, 'DELETE', `${BOT}/${token}/${botId}`, { user: alice })).status).toBe(200);
    const leave = await bot.next((r) => r.payload.type === 'Leave');
    expect(leave.verified).toBe(true);
    expect(contract.check('botRemoved', leave.payload)).toEqual([]);
    expect(bot.received.every((r) => r.verified)).toBe(true);
    expect(server.problems).toEqual([]);
  });
});

describe('with a data file', () => {
  it('a webhook leaves once the write is on disk', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'talk-bot-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const bot = await startBot();
    cleanups.push(bot.close);
    const server = await startServer({ dataFile: path.join(dir, 'state.json'), bots: [{ name: 'Echo', url: bot.url, secret: SECRET }] });
    cleanups.push(() => server.close());
    const [alice] = server.users;
    const token = await groupWith(server.url, alice, 'Durable', []);
    expect((await ocs(server.url, 'POST', `${BOT}/${token}/${server.admin.listBots()[0].id}`, { user: alice })).status).toBe(201);
    const sent = await ocs(server.url, 'POST', `${CHAT}/${token}`, { user: alice, body: { message: 'kept' } });
    const create = await bot.next((r) => r.payload.type === 'Create');
    expect(create.verified).toBe(true);
    expect(create.payload.object.id).toBe(String(sent.body?.ocs.data.id));
    expect(readFileSync(path.join(dir, 'state.json.journal'), 'utf8')).toContain('kept');
  });
});

describe('signatures', () => {
  it('the dev server signs as the client verifies: both implementations agree on the contract example', async () => {
    const slice = JSON.parse(readFileSync(path.resolve(here, '../../spec/dist/openapi.v4.json'), 'utf8')) as Json;
    const hook = slice.webhooks.botMessage.post;
    const body = JSON.stringify(hook.requestBody.content['application/json'].example);
    const parameters = (hook.parameters as Json[]).map((p) => (p.$ref ? slice.components.parameters[String(p.$ref).split('/').pop() as string] : p));
    const random = parameters.find((p) => p.name === 'X-Nextcloud-Talk-Random')?.example as string;
    expect(random.length).toBeGreaterThanOrEqual(32);
    const signature = botSignature(SECRET, random, body);
    expect(signature).toBe(await talkSignature(SECRET, random, body));
    expect(await verifyTalkWebhook({ headers: { 'X-Nextcloud-Talk-Random': random, 'X-Nextcloud-Talk-Signature': signature }, body }, SECRET)).toBe(true);
    expect(await verifyTalkWebhook({ headers: { 'X-Nextcloud-Talk-Random': random, 'X-Nextcloud-Talk-Signature': signature }, body: `${body} ` }, SECRET)).toBe(
      false,
    );
  });

  it("a bot reply with a wrong signature gets Talk's 401, a short random value 400; the webhook does not verify with another secret", async () => {
    const bot = await startBot();
    cleanups.push(bot.close);
    const server = await startServer({ bots: [{ name: 'Echo', url: bot.url, secret: SECRET }] });
    cleanups.push(() => server.close());
    const [alice] = server.users;
    const token = await groupWith(server.url, alice, 'Signed', []);
    expect((await ocs(server.url, 'POST', `${BOT}/${token}/${server.admin.listBots()[0].id}`, { user: alice })).status).toBe(201);
    const join = await bot.next((r) => r.payload.type === 'Join');
    expect(await verifyTalkWebhook({ headers: join.headers as Record<string, string>, body: join.body }, `${SECRET}-other`)).toBe(false);

    const send = async (headers: Record<string, string>, message = 'hello') =>
      (await ocs(server.url, 'POST', `${BOT}/${token}/message`, { headers, body: { message } })).status;
    expect(await send((await signBotRequest(`${SECRET}-other`, 'hello')).headers)).toBe(401);
    expect(await send((await signBotRequest(SECRET, 'other text')).headers)).toBe(401);
    expect(await send((await signBotRequest(SECRET, 'hello', 'x'.repeat(31))).headers)).toBe(400);
    expect(await send((await signBotRequest(SECRET, 'hello', 'x'.repeat(32))).headers)).toBe(201);
    expect((await chatOf(server.url, alice, token)).filter((m) => m.actorType === 'bots').map((m) => m.message)).toEqual(['hello']);
    expect(server.problems).toEqual([]);
  });
});

describe('bot URLs', () => {
  const refused = [
    'http://10.1.2.3/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://example.com/hook',
    'http://127.0.0.1.nip.io/hook',
    'http://0.0.0.0:8000/hook',
    'https://127.0.0.1/hook',
    'http://user:password@127.0.0.1/hook',
    'nextcloudapp://my_app',
    'not a url',
  ];

  it.each(refused)('%s is refused at install, naming the URL', async (url) => {
    const attempt = createDevServer({ port: 0, bots: [{ name: 'Bad', url, secret: SECRET }] });
    await expect(attempt).rejects.toBeInstanceOf(BotInstallError);
    await expect(attempt).rejects.toThrow(JSON.stringify(url));
  });

  it('loopback http URLs are accepted; admin.installBot refuses the others too', async () => {
    const server = await startServer({
      bots: ['http://127.0.0.1:8081/a', 'http://localhost:8082/b', 'http://[::1]:8083/c'].map((url, i) => ({ name: `Bot ${i}`, url, secret: SECRET })),
    });
    cleanups.push(() => server.close());
    expect(server.admin.listBots().map((b) => b.url)).toEqual(['http://127.0.0.1:8081/a', 'http://localhost:8082/b', 'http://[::1]:8083/c']);
    expect(() => server.admin.installBot({ name: 'Bad', url: 'http://192.168.1.1/', secret: SECRET })).toThrow(
      /only posts webhooks to http:\/\/ URLs on 127\.0\.0\.1/,
    );
    expect(() => server.admin.installBot({ name: 'Short', url: 'http://127.0.0.1/', secret: 'short' })).toThrow(/40 to 128 characters/);
    expect(() => server.admin.installBot({ name: 'Again', url: 'http://localhost:8082/b', secret: SECRET })).toThrow(/already installed/);
  });

  it('the CLI refuses --bot with a non-loopback URL (exit 2, the URL named)', async () => {
    const { code, stderr } = await runCliToExit(['--port', '0', '--bot', `Echo=http://10.0.0.1/hook,${SECRET}`]);
    expect(code).toBe(2);
    expect(stderr).toContain('"http://10.0.0.1/hook" is refused');
  });
});

describe('a bot that hangs or refuses', () => {
  const setup = async (url: string, options: { botWebhookTimeoutMs?: number; botWebhookQueue?: number } = {}) => {
    const reports: BotDeliveryReport[] = [];
    const server = await startServer({ bots: [{ name: 'Slow', url, secret: SECRET }], onBotDelivery: (r) => reports.push(r), ...options });
    cleanups.push(() => server.close());
    const [alice] = server.users;
    const token = await groupWith(server.url, alice, 'Busy', []);
    expect((await ocs(server.url, 'POST', `${BOT}/${token}/${server.admin.listBots()[0].id}`, { user: alice })).status).toBe(201);
    const post = async (message: string) => {
      const started = performance.now();
      const res = await ocs(server.url, 'POST', `${CHAT}/${token}`, { user: alice, body: { message } });
      return { status: res.status, ms: performance.now() - started };
    };
    return { server, reports, post };
  };
  const until = async (condition: () => boolean, ms = 5_000) => {
    const deadline = Date.now() + ms;
    while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return condition();
  };

  it('a hanging bot: the chat POST answers 201 at once while the bot holds the webhook; the delivery times out and is counted', async () => {
    const held: ServerResponse[] = [];
    const bot = await startBot((_got, res) => {
      held.push(res);
    });
    cleanups.push(bot.close);
    const { server, reports, post } = await setup(bot.url, { botWebhookTimeoutMs: 2_000 });
    expect(await until(() => held.length === 1)).toBe(true); // the Join, never answered
    const sent = await post('while the bot hangs');
    expect(sent.status).toBe(201);
    expect(sent.ms).toBeLessThan(1_500); // waiting for the bot would take the 2 s timeout
    expect(held.length).toBe(1); // still only the Join: the POST did not wait for its webhook
    expect(reports).toEqual([]);
    expect(await until(() => reports.some((r) => r.activity === 'Create' && r.outcome === 'failed'), 8_000)).toBe(true);
    expect(reports.filter((r) => r.outcome === 'failed').map((r) => r.error)).toEqual([
      'TimeoutError: the bot did not answer within 2000 ms',
      'TimeoutError: the bot did not answer within 2000 ms',
    ]);
    expect(server.admin.listBots()[0]).toMatchObject({ errorCount: 2, lastErrorMessage: 'TimeoutError: the bot did not answer within 2000 ms' });
    expect(server.problems).toEqual([]);
  });

  it('a refused connection is reported and counted, the chat goes on', async () => {
    const { server, reports, post } = await setup(`http://127.0.0.1:${await closedPort()}/hook`);
    for (const text of ['one', 'two']) {
      const sent = await post(text);
      expect(sent.status).toBe(201);
      expect(sent.ms).toBeLessThan(1_500);
    }
    expect(await until(() => reports.filter((r) => r.outcome === 'failed').length === 3)).toBe(true);
    expect(reports.map((r) => [r.activity, r.outcome])).toEqual([
      ['Join', 'failed'],
      ['Create', 'failed'],
      ['Create', 'failed'],
    ]);
    expect(reports[0].error).toMatch(/^ConnectException: connect ECONNREFUSED/);
    expect(server.admin.listBots()[0].errorCount).toBe(3);
    expect(server.problems).toEqual([]);
  });

  it('the queue is bounded: webhooks beyond it are dropped and reported, every POST still 201', async () => {
    const held: ServerResponse[] = [];
    const bot = await startBot((_got, res) => {
      held.push(res);
    });
    cleanups.push(bot.close);
    const { server, reports, post } = await setup(bot.url, { botWebhookQueue: 2, botWebhookTimeoutMs: 20_000 });
    expect(await until(() => held.length === 1)).toBe(true);
    for (let i = 0; i < 5; i++) expect((await post(`message ${i}`)).status).toBe(201);
    // The Join is in flight, two Creates wait, three are dropped.
    expect(reports.map((r) => r.outcome)).toEqual(['dropped', 'dropped', 'dropped']);
    expect(reports[0].error).toBe('the webhook queue is full (2 waiting): dropped');
    expect(server.admin.listBots()[0].errorCount).toBe(3);
    expect(server.problems).toEqual([]);
  });
});
