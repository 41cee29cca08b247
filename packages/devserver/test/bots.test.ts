// Bots: moderators enable/disable installed bots; a bot's signed request (client's signBotRequest) posts as
// actorType "bots"; a wrong signature or a bot not enabled in the conversation is refused with 401.
import { signBotRequest } from '@talk-contract/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installBot } from '../src/domain/bots.js';
import type { DevUser } from '../src/index.js';
import { CHAT, groupWith, ocs, startServer } from './support.js';

const BOT = '/ocs/v2.php/apps/spreed/api/v1/bot';
const SECRET = 'a-very-long-bot-secret-of-at-least-forty-characters';

describe('bots', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let alice: DevUser;
  let bob: DevUser;
  let admin: DevUser;
  let room: string;
  let botId: number;

  beforeAll(async () => {
    server = await startServer({
      // The bot's URL has no listener: its webhooks fail, which test/bot-webhooks.test.ts covers.
      onBotDelivery: () => {},
      users: [
        { id: 'alice', displayName: 'Alice' },
        { id: 'bob', displayName: 'Bob' },
        { id: 'root', displayName: 'Admin', groups: ['admin'] },
      ],
    });
    [alice, bob, admin] = server.users;
    botId = installBot(server.store, { name: 'Echo', url: 'http://127.0.0.1:65535/hook', secret: SECRET }).id;
    room = await groupWith(server.url, alice, 'Bots', ['bob']);
  });
  afterAll(async () => {
    await server.close();
  });

  const botPost = async (message: string, secret = SECRET) => {
    const signed = await signBotRequest(secret, message);
    return ocs(server.url, 'POST', `${BOT}/${room}/message`, { headers: signed.headers, body: { message } });
  };

  it('only moderators manage bots, only admins list installed ones', async () => {
    expect((await ocs(server.url, 'GET', `${BOT}/admin`, { user: alice })).status).toBe(403);
    const installed = await ocs(server.url, 'GET', `${BOT}/admin`, { user: admin });
    expect(installed.status).toBe(200);
    expect(installed.body?.ocs.data[0]).toMatchObject({ id: botId, name: 'Echo', url: 'http://127.0.0.1:65535/hook', error_count: 0 });
    expect((await ocs(server.url, 'POST', `${BOT}/${room}/${botId}`, { user: bob })).status).toBe(403);
    expect((await ocs(server.url, 'GET', `${BOT}/${room}`, { user: alice })).body?.ocs.data).toEqual([{ id: botId, name: 'Echo', description: '', state: 0 }]);
    expect((await ocs(server.url, 'POST', `${BOT}/${room}/999`, { user: alice })).status).toBe(400);
    expect(server.problems).toEqual([]);
  });

  it('a bot not enabled, or with a wrong signature, is refused with 401; a signed bot message is posted', async () => {
    expect((await botPost('Before enabling')).status).toBe(401);
    expect((await ocs(server.url, 'POST', `${BOT}/${room}/${botId}`, { user: alice })).status).toBe(201);
    expect((await ocs(server.url, 'POST', `${BOT}/${room}/${botId}`, { user: alice })).status).toBe(200);
    expect((await botPost('Wrong secret', `${SECRET}-but-not-this-one`)).status).toBe(401);
    const tampered = await signBotRequest(SECRET, 'signed text');
    expect((await ocs(server.url, 'POST', `${BOT}/${room}/message`, { headers: tampered.headers, body: { message: 'other text' } })).status).toBe(401);

    expect((await botPost('Hello from the bot')).status).toBe(201);
    const last = (await ocs(server.url, 'GET', `${CHAT}/${room}?lookIntoFuture=0&limit=1`, { user: bob })).body?.ocs.data[0];
    expect(last).toMatchObject({ actorType: 'bots', actorDisplayName: 'Echo', message: 'Hello from the bot' });
    expect(last.actorId).toMatch(/^bot-[0-9a-f]{40}$/);

    const react = await signBotRequest(SECRET, '👍');
    expect((await ocs(server.url, 'POST', `${BOT}/${room}/reaction/${last.id}`, { headers: react.headers, body: { reaction: '👍' } })).status).toBe(201);
    expect(
      (await ocs(server.url, 'DELETE', `${BOT}/${room}/reaction/${last.id}?reaction=${encodeURIComponent('👍')}`, { headers: react.headers })).status,
    ).toBe(200);
    expect(
      (await ocs(server.url, 'DELETE', `${BOT}/${room}/reaction/${last.id}?reaction=${encodeURIComponent('👍')}`, { headers: react.headers })).status,
    ).toBe(404);

    expect((await ocs(server.url, 'DELETE', `${BOT}/${room}/${botId}`, { user: alice })).body?.ocs.data.state).toBe(0);
    expect((await botPost('After disabling')).status).toBe(401);
    expect(server.problems).toEqual([]);
  });
});
