// Bad input and load: bodies limited while they stream, deep payloads refused before the domain, guest floods
// bounded, the participant list linear in the number of participants.
import http from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDevServer } from '../src/index.js';
import type { DevServer } from '../src/index.js';
import { joinConversation } from '../src/domain/attendee.js';
import { parameterLimitError } from '../src/domain/input-limits.js';
import { startCli, stopCli } from './cli-process.js';
import type { StartedCli } from './cli-process.js';
import { CHAT, V4, basic, joinAsGuest, ocs, startServer } from './support.js';

const DEEP = 50_000;
const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const deepObject = (depth: number): unknown => (depth === 0 ? 1 : { a: deepObject(depth - 1) });

/**
 * A chunked POST (no Content-Length) that keeps sending 64 KiB chunks until the server answers or `maxBytes`
 * went out; returns the status and how many bytes were sent before the answer arrived.
 */
function chunkedFlood(url: string, authorization: string, maxBytes: number): Promise<{ status: number; body: string; sentBeforeAnswer: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const request = http.request(url, {
      method: 'POST',
      headers: {
        'OCS-APIRequest': 'true',
        Accept: 'application/json',
        'Content-Type': 'application/json',
        Authorization: authorization,
        'Transfer-Encoding': 'chunked',
      },
    });
    request.on('response', (res) => {
      answered = true;
      const sentBeforeAnswer = sent;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, sentBeforeAnswer }));
      res.on('error', reject);
    });
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    request.write('{"message": "');
    const pump = () => {
      while (!answered && sent < maxBytes) {
        sent += chunk.length;
        if (!request.write(chunk)) {
          // Continue after the event loop has read the socket: on loopback 'drain' can come without any I/O
          // turn, and a writer that never yields would not see the 413 before the server's drain limit cuts it.
          request.once('drain', () => setImmediate(pump));
          return;
        }
      }
      if (!answered) request.end('"}');
    };
    pump();
  });
}

describe('request bodies are limited while they stream', () => {
  let cli: StartedCli;
  beforeAll(async () => {
    cli = await startCli(['--port', '0']);
  });
  afterAll(async () => {
    await stopCli(cli, 'SIGKILL');
  });

  it('a chunked chat POST without Content-Length gets 413 (OCS envelope) after about 1 MiB, and the process survives', async () => {
    const [alice] = cli.users;
    const token = (await ocs(cli.url, 'POST', `${V4}/room`, { user: alice, body: { roomType: 2, roomName: 'Flood' } })).body?.ocs.data.token as string;
    const answer = await chunkedFlood(`${cli.url}${CHAT}/${token}`, basic(alice), 256 * 1024 * 1024);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).ocs.meta).toMatchObject({ status: 'failure', statuscode: 413 });
    // Refused while streaming: the server stopped reading near its 1 MiB limit, not after the whole 256 MiB.
    expect(answer.sentBeforeAnswer).toBeLessThan(32 * 1024 * 1024);
    expect(cli.child.exitCode).toBeNull();
    expect((await ocs(cli.url, 'GET', `${V4}/room`, { user: alice })).status).toBe(200);
  });
});

describe('deep or oversized parameter values are refused before the domain', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let token: string;
  beforeAll(async () => {
    server = await startServer();
    const [alice] = server.users;
    token = (await ocs(server.url, 'POST', `${V4}/room`, { user: alice, body: { roomType: 2, roomName: 'Deep' } })).body?.ocs.data.token as string;
    await ocs(server.url, 'POST', `${V4}/room/${token}/participants`, { user: alice, body: { newParticipant: 'bob' } });
  });
  afterAll(async () => {
    await server.close();
  });

  it(`a ${DEEP}-deep caption in shareFile's talkMetaData is refused with 400 naming the parameter; every member's GET /room keeps working`, async () => {
    const [alice, bob] = server.users;
    const talkMetaData = `{"caption": ${deepArray(DEEP)}}`;
    const res = await ocs(server.url, 'POST', '/ocs/v2.php/apps/files_sharing/api/v1/shares', {
      user: alice,
      body: { shareType: 10, shareWith: token, path: '/photo.jpg', talkMetaData },
    });
    expect(res.status).toBe(400);
    // ocs.data is spelled as Nextcloud's files_sharing API answers (`[]`, see nextcloud-front.ts); the refused
    // parameter and where it is stay named in meta.message.
    expect(res.body?.ocs.meta).toMatchObject({ status: 'failure', statuscode: 400 });
    expect(res.body?.ocs.meta.message).toMatch(/talkMetaData \(body\)/);
    for (const user of [alice, bob]) expect((await ocs(server.url, 'GET', `${V4}/room`, { user })).status).toBe(200);
    expect(server.store.messagesOf(token).every((m) => typeof m.message === 'string')).toBe(true);
  });

  it('a 20,000-deep caption (a string under the size limit) is refused with 400 naming talkMetaData', async () => {
    const [alice] = server.users;
    const talkMetaData = `{"caption": ${deepArray(20_000)}}`;
    const res = await ocs(server.url, 'POST', '/ocs/v2.php/apps/files_sharing/api/v1/shares', {
      user: alice,
      body: { shareType: 10, shareWith: token, path: '/photo.jpg', talkMetaData },
    });
    expect(res.status).toBe(400);
    expect(res.body?.ocs.data.error).toBe('talkMetaData');
    expect(JSON.stringify(res.body)).toMatch(/talkMetaData at \/caption\/0\/0.* is nested deeper than 16 levels/);
    expect((await ocs(server.url, 'GET', `${V4}/room`, { user: alice })).status).toBe(200);
  });

  it('a caption over 32,000 characters is refused with 400 naming talkMetaData.caption (on-contract)', async () => {
    const [alice] = server.users;
    const talkMetaData = JSON.stringify({ caption: 'c'.repeat(32_001) });
    const res = await ocs(server.url, 'POST', '/ocs/v2.php/apps/files_sharing/api/v1/shares', {
      user: alice,
      body: { shareType: 10, shareWith: token, path: '/photo.jpg', talkMetaData },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/talkMetaData\.caption is longer than 32000 characters/);
    expect(server.problems).toEqual([]);
  });

  it('a caption that is not a string is refused with 400 naming talkMetaData.caption', async () => {
    const [alice] = server.users;
    const res = await ocs(server.url, 'POST', '/ocs/v2.php/apps/files_sharing/api/v1/shares', {
      user: alice,
      body: { shareType: 10, shareWith: token, path: '/photo.jpg', talkMetaData: '{"caption": {"a": 1}}' },
    });
    expect(res.status).toBe(400);
    expect(res.body?.ocs.meta).toMatchObject({ statuscode: 400 });
    expect(JSON.stringify(res.body)).toMatch(/talkMetaData\.caption must be a string/);
  });
});

describe('parameterLimitError: the limits every parameter value is held to before the domain', () => {
  it.each([
    [
      'a 50,000-deep body value',
      { body: { caption: JSON.parse(deepArray(DEEP)) }, query: {} },
      { parameter: 'caption', in: 'body', message: /nested deeper than 16 levels/, pointer: /^\/caption\/0\/0\// },
    ],
    [
      'a deep object in the query',
      { body: undefined, query: { q: deepObject(17) } },
      { parameter: 'q', in: 'query', message: /nested deeper/, pointer: /^\/q\/a\/a/ },
    ],
    [
      'a 70,000-character string',
      { body: { roomName: 'x'.repeat(70_000) }, query: {} },
      { parameter: 'roomName', in: 'body', message: /longer than 65536 characters/, pointer: /^\/roomName$/ },
    ],
    [
      'an array of 5,000 items',
      { body: { ids: Array(5_000).fill(1) }, query: {} },
      { parameter: 'ids', in: 'body', message: /more than 1000 items/, pointer: /^\/ids$/ },
    ],
  ])('refuses %s with 400 naming the parameter', (_what, given, want) => {
    const error = parameterLimitError(given.body as Record<string, unknown> | undefined, given.query);
    expect(error?.status).toBe(400);
    const issue = (error?.data as { errors: { parameter: string; in: string; message: string; pointer: string }[] }).errors[0];
    expect(issue).toMatchObject({ parameter: want.parameter, in: want.in });
    expect(issue.message).toMatch(want.message);
    expect(issue.pointer).toMatch(want.pointer);
    expect(error?.message).toContain(`"${want.parameter}"`);
  });

  it('accepts ordinary input (16 levels, 64 KiB strings, 1000 items)', () => {
    expect(parameterLimitError({ message: 'x'.repeat(65_536), list: Array(1_000).fill('a'), nested: JSON.parse(deepArray(15)) }, { limit: 200 })).toBeNull();
  });
});

describe('guest creation is bounded per conversation', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  afterEach(async () => {
    await server.close();
  });

  it('joins beyond maxGuestsPerConversation get 429 in the OCS envelope; existing guests can still rejoin', async () => {
    server = await startServer({ maxGuestsPerConversation: 20 });
    const [alice] = server.users;
    const token = (await ocs(server.url, 'POST', `${V4}/room`, { user: alice, body: { roomType: 3, roomName: 'Open house' } })).body?.ocs.data.token as string;
    const cookies: string[] = [];
    for (let i = 0; i < 20; i++) cookies.push(await joinAsGuest(server.url, token));
    const refused: number[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await ocs(server.url, 'POST', `${V4}/room/${token}/participants/active`, { body: {} });
      refused.push(res.status);
      if (i === 0) {
        expect(res.body?.ocs.meta).toMatchObject({ status: 'failure', statuscode: 429 });
        expect(res.body?.ocs.data).toMatchObject({ error: 'guest-limit', limit: 20 });
      }
    }
    expect(refused).toEqual(Array(30).fill(429));
    expect(server.store.attendeesOf(token).filter((a) => a.actorType === 'guests')).toHaveLength(20);
    expect((await ocs(server.url, 'POST', `${V4}/room/${token}/participants/active`, { body: {}, cookie: cookies[0] })).status).toBe(200);
    expect((await ocs(server.url, 'POST', `${V4}/room/${token}/participants/active`, { user: server.users[1], body: {} })).status).toBe(200);
    expect(server.problems).toEqual([]);
  });

  it('the default limit is 1000 guests per conversation', async () => {
    server = await startServer();
    const [alice] = server.users;
    const token = (await ocs(server.url, 'POST', `${V4}/room`, { user: alice, body: { roomType: 3, roomName: 'Webinar' } })).body?.ocs.data.token as string;
    for (let i = 0; i < 999; i++) joinConversation(server.store, token, { kind: 'guest', sessionId: null }, {});
    expect((await ocs(server.url, 'POST', `${V4}/room/${token}/participants/active`, { body: {} })).status).toBe(200);
    expect((await ocs(server.url, 'POST', `${V4}/room/${token}/participants/active`, { body: {} })).status).toBe(429);
  });
});

describe('listing participants is linear', () => {
  let server: DevServer;
  afterAll(async () => {
    await server?.close();
  });

  async function listingMs(count: number): Promise<number> {
    const [alice] = server.users;
    const token = (await ocs(server.url, 'POST', `${V4}/room`, { user: alice, body: { roomType: 3, roomName: `Guests ${count}` } })).body?.ocs.data
      .token as string;
    for (let i = 0; i < count; i++) joinConversation(server.store, token, { kind: 'guest', sessionId: null }, {});
    const times: number[] = [];
    for (let round = 0; round < 3; round++) {
      const start = performance.now();
      const res = await ocs(server.url, 'GET', `${V4}/room/${token}/participants`, { user: alice });
      times.push(performance.now() - start);
      expect(res.body?.ocs.data).toHaveLength(count + 1);
    }
    return Math.min(...times);
  }

  it('8× the guests (2,500 → 20,000, each with a session) costs far less than 64× the time', async () => {
    server = await createDevServer({ port: 0 });
    await listingMs(500);
    const small = await listingMs(2_500);
    const large = await listingMs(20_000);
    // Linear: about 8×; the quadratic scan of every session per participant was about 64×.
    expect(large / small).toBeLessThan(24);
  }, 120_000);
});
