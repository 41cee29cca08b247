// connectTalk against servers on 127.0.0.1 that answer the capabilities document of real Talk 19 and 21 (from
// the recordings) or a made-up one; the capability check before sending; the cookie jar of the `session` option.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findTalkSources, talkSource } from '../../../test/support/talk-sources.js';
import {
  connectTalk,
  createTalkClient,
  pickApiVersion,
  pickTalkRelease,
  talkCapabilities,
  TalkCapabilityError,
  TalkConnectError,
  type TalkStoredCookie,
} from '../src/index.js';
import { ocs, startTinyServer, type TinyServer } from './tiny-server.js';

const CAPABILITIES = '/ocs/v2.php/cloud/capabilities';
let server: TinyServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A Talk whose capabilities answer is `capabilities`; every other request gets an empty OCS 200. */
async function talkServing(capabilities: unknown, extra: (url: string) => Record<string, string> = () => ({})): Promise<TinyServer> {
  server = await startTinyServer((req, res) => {
    if (req.url === CAPABILITIES) return ocs(res, 200, capabilities, extra(req.url));
    ocs(res, 200, [], extra(req.url));
  });
  return server;
}

const cloud = (spreed: unknown, nextcloudMajor = 31) => ({
  version: { major: nextcloudMajor, minor: 0, micro: 2, string: `${nextcloudMajor}.0.2` },
  capabilities: { core: { pollinterval: 60 }, spreed },
});

describe('pickApiVersion / pickTalkRelease', () => {
  it.each([
    [['audio', 'conversation-v4', 'chat-v2'], 'v4'],
    [['conversation-v2', 'conversation-v3'], 'v3'],
    [['conversation-v2'], 'v2'],
    [['audio'], 'v1'],
  ] as const)('%j → %s', (features, want) => expect(pickApiVersion(features)).toBe(want));

  it.each([
    ['19.0.1', 29, '19'],
    ['21.1.0', 31, '21'],
    ['20.1.4', 30, '20'],
    [undefined, 29, '19'],
    [undefined, 30, '20'],
    ['23.0.0', 33, '21'],
    [undefined, 40, '21'],
    ['18.0.7', 28, null],
    [undefined, undefined, null],
  ] as const)('spreed.version %s, Nextcloud %s → %s', (talk, nextcloud, want) => expect(pickTalkRelease(talk, nextcloud)).toBe(want));
});

const recordings = findTalkSources('realTalk');
describe.skipIf(!recordings.present)('connectTalk against the capabilities of real Talk servers', () => {
  it.each([
    ['talk-19.0.1-nc-29.0.1', '19', '19.0.1', false],
    ['talk-21.1.0-nc-31.0.2', '21', '21.1.0', true],
  ] as const)('%s: release %s, API v4, its features', async (folder, release, version, hasBan) => {
    const recorded = JSON.parse(await readFile(path.join(talkSource.realTalk, folder, 'capabilities.json'), 'utf8')) as { ocs: { data: unknown } };
    const { url } = await talkServing(recorded.ocs.data);
    const talk = await connectTalk({ baseUrl: url });
    expect(talk.release).toBe(release);
    expect(talk.apiVersion).toBe('v4');
    expect(talk.serverVersion).toBe(version);
    expect(talk.capabilities.has('conversation-v4')).toBe(true);
    expect(talk.capabilities.has('ban-v1')).toBe(hasBan);
    expect(talk.capabilities.config.chat?.['max-length']).toBe(32000);
  });
});
if (!recordings.present) console.warn(recordings.reason);

describe('connectTalk', () => {
  it('reads the capabilities once, then calls through the client of the version it picked', async () => {
    const { url, requests } = await talkServing(cloud({ features: ['conversation-v2', 'conversation-v3', 'favorites'], config: {} }, 24));
    const talk = await connectTalk({ baseUrl: `${url}/`, auth: { user: 'alice', appPassword: 'secret' } });
    expect([talk.release, talk.apiVersion, talk.serverVersion]).toEqual([null, 'v3', '24.0.2']);
    await talk.conversations.list();
    expect(requests.map((r) => r.url)).toEqual([CAPABILITIES, '/ocs/v2.php/apps/spreed/api/v3/room']);
    expect(requests[0]!.headers.authorization).toBe(`Basic ${btoa('alice:secret')}`);
  });

  it('fails before sending when the operation needs a capability the server lacks (TalkCapabilityError)', async () => {
    const { url, requests } = await talkServing(cloud({ features: ['conversation-v4'], config: {}, version: '21.1.0' }));
    const talk = await connectTalk({ baseUrl: url });
    if (talk.release !== '21') throw new Error(`release ${talk.release}`);
    const error = await talk.polls.createPoll('abc123xy', { question: 'Lunch?', options: ['Yes', 'No'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TalkCapabilityError);
    expect(error).toMatchObject({ code: 'TALK_CAPABILITY_MISSING', operationId: 'createPoll', capability: 'talk-polls' });
    expect((error as Error).message).toContain('createPoll needs the Talk capability "talk-polls"');
    expect(requests).toHaveLength(1);
    await talk.conversations.list(); // ungated operations are sent
    expect(requests).toHaveLength(2);
  });

  it('sends gated operations with checkCapabilities: false', async () => {
    const { url, requests } = await talkServing(cloud({ features: ['conversation-v4'], config: {}, version: '21.1.0' }));
    const talk = await connectTalk({ baseUrl: url, checkCapabilities: false });
    if (talk.apiVersion !== 'v4') throw new Error(`API ${talk.apiVersion}`);
    await talk.polls.createPoll('abc123xy', { question: 'Lunch?', options: ['Yes', 'No'] });
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([`GET ${CAPABILITIES}`, 'POST /ocs/v2.php/apps/spreed/api/v1/poll/abc123xy']);
  });

  it('a wrong base URL is a TalkConnectError naming the capabilities URL and the status', async () => {
    server = await startTinyServer((_req, res) => {
      res.writeHead(404, { 'Content-Type': 'text/html' });
      res.end('<html>Not Found</html>');
    });
    const error = await connectTalk({ baseUrl: `${server.url}/nextcloud` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TalkConnectError);
    expect(error).toMatchObject({ code: 'TALK_CONNECT_FAILED', status: 404, url: `${server.url}/nextcloud${CAPABILITIES}` });
    expect((error as Error).message).toContain(`${server.url}/nextcloud${CAPABILITIES} (HTTP 404)`);
    expect((error as Error).message).toContain('is `baseUrl` the Nextcloud root');
  });

  it('an answer without Talk capabilities (app disabled) is a TalkConnectError', async () => {
    const { url } = await talkServing({ version: { major: 31, minor: 0, micro: 2, string: '31.0.2' }, capabilities: { core: {} } });
    await expect(connectTalk({ baseUrl: url })).rejects.toThrow(/no `capabilities.spreed`: the Talk app is not enabled/);
  });

  it('createTalkClient checks the capabilities it is given', async () => {
    server = await startTinyServer((_req, res) => ocs(res, 200, []));
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', capabilities: talkCapabilities(['favorites']) });
    await talk.conversations.addToFavorites('abc123xy');
    await expect(talk.conversations.setMentionPermissions('abc123xy', { mentionPermissions: 1 })).rejects.toThrow(TalkCapabilityError);
    expect(server.requests).toHaveLength(1);
  });
});

describe('session: the cookie jar', () => {
  const setCookie = (url: string): Record<string, string> =>
    url === CAPABILITIES
      ? { 'Set-Cookie': 'nc_session=s1; Path=/; HttpOnly; SameSite=Lax' }
      : url.endsWith('/active')
        ? { 'Set-Cookie': 'talk_session=g1; Path=/ocs/v2.php/apps/spreed' }
        : {};

  it("keeps the server's Set-Cookie and sends it on later calls (connectTalk, session: 'memory')", async () => {
    const { url, requests } = await talkServing(cloud({ features: ['conversation-v4'], config: {}, version: '21.1.0' }), setCookie);
    const talk = await connectTalk({ baseUrl: url, session: 'memory' });
    await talk.participants.join('abc123xy');
    await talk.chat.send('abc123xy', { message: 'hi' });
    await talk.participants.leave('abc123xy');
    expect(requests.map((r) => r.headers.cookie)).toEqual([undefined, 'nc_session=s1', 'talk_session=g1; nc_session=s1', 'talk_session=g1; nc_session=s1']);
  });

  it('without the session option nothing is kept', async () => {
    const { url, requests } = await talkServing([], setCookie);
    const talk = createTalkClient({ baseUrl: url, apiVersion: 'v4' });
    await talk.participants.join('abc123xy');
    await talk.chat.send('abc123xy', { message: 'hi' });
    expect(requests.map((r) => r.headers.cookie)).toEqual([undefined, undefined]);
  });

  it('a user store gets every change; Path scopes, Max-Age=0 removes, a Cookie header of the call is kept', async () => {
    server = await startTinyServer((req, res) => {
      const headers: Record<string, string> = req.url.includes('/room/one')
        ? { 'Set-Cookie': 'scoped=1; Path=/ocs/v2.php/apps/spreed/api/v4/room/one' }
        : req.url.includes('/room/two')
          ? { 'Set-Cookie': 'nc_session=gone; Path=/; Max-Age=0' }
          : {};
      ocs(res, 200, { token: 'x' }, headers);
    });
    let stored: readonly TalkStoredCookie[] = [{ name: 'nc_session', value: 'old', path: '/' }];
    const sets: string[][] = [];
    const session = {
      get: async () => stored,
      set: async (cookies: readonly TalkStoredCookie[]) => {
        stored = cookies;
        sets.push(cookies.map((c) => `${c.name}=${c.value}`));
      },
    };
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', session });
    await talk.conversations.get('one');
    await talk.conversations.get('one', { headers: { Cookie: 'mine=1' } });
    await talk.conversations.get('three');
    await talk.conversations.get('two');
    await talk.conversations.get('one');
    expect(server.requests.map((r) => r.headers.cookie)).toEqual([
      'nc_session=old',
      'mine=1; scoped=1; nc_session=old',
      'nc_session=old',
      'nc_session=old',
      'scoped=1',
    ]);
    expect(sets).toEqual([['nc_session=old', 'scoped=1'], ['nc_session=old', 'scoped=1'], ['scoped=1'], ['scoped=1']]);
  });

  it('a cookie for another domain, or a Secure cookie over http, is not sent', async () => {
    server = await startTinyServer((_req, res) => ocs(res, 200, [], { 'Set-Cookie': 'other=1; Domain=example.org' }));
    const stored: TalkStoredCookie[] = [{ name: 'secret', value: '1', path: '/', secure: true }];
    const talk = createTalkClient({
      baseUrl: server.url,
      apiVersion: 'v4',
      session: { get: () => stored, set: (c) => void stored.splice(0, stored.length, ...c) },
    });
    await talk.conversations.list();
    await talk.conversations.list();
    expect(server.requests.map((r) => r.headers.cookie)).toEqual([undefined, undefined]);
  });
});
