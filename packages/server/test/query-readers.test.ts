// createTalkServer's `queryReaders`: an embedder reads some query values its own way (Talk clamps the long-poll
// timeout and the page size) before the contract validates them, keyed by operationId; served on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TalkServerConfigError, createTalkServer, serveTalk } from '../src/index.js';
import type { RunningTalkServer, TalkOperationInput } from '../src/index.js';

const CHAT = '/ocs/v2.php/apps/spreed/api/v1/chat/abcdefgh';
const headers = { 'OCS-APIRequest': 'true', Authorization: `Basic ${Buffer.from('alice:secret').toString('base64')}` };
type Actor = { type: 'users'; id: string };

function server(queryReaders?: Parameters<typeof createTalkServer<'v4', Actor>>[0]['queryReaders']) {
  const seen: TalkOperationInput<'v4', Actor>['query'][] = [];
  const app = createTalkServer<'v4', Actor>({
    apiVersion: 'v4',
    authenticate: ({ credentials }) => (credentials?.password === 'secret' ? { type: 'users', id: credentials.user } : null),
    operationHandlers: {
      receiveMessages: (input) => {
        seen.push(input.query);
        return { status: 304 };
      },
      getMessageContext: (input) => {
        seen.push(input.query);
        return { status: 200, data: [] };
      },
    },
    queryReaders,
  });
  return { app, seen };
}

describe('createTalkServer queryReaders', () => {
  let lenient: RunningTalkServer;
  let strict: RunningTalkServer;
  const lenientServer = server({
    receiveMessages: {
      timeout: (value) => String(Math.max(0, Math.min(Number.parseInt(value, 10) || 0, 30))),
      limit: (value) => (Number.parseInt(value, 10) > 0 ? value : null),
    },
  });
  const strictServer = server();

  beforeAll(async () => {
    lenient = await serveTalk(lenientServer.app, { port: 0 });
    strict = await serveTalk(strictServer.app, { port: 0 });
  });
  afterAll(async () => {
    await lenient.close();
    await strict.close();
  });

  const get = (base: RunningTalkServer, path: string) => fetch(base.url + path, { headers });

  it('a value over the contract bound is read by the reader (clamped) instead of refused', async () => {
    const refused = await get(strict, `${CHAT}?lookIntoFuture=1&timeout=99`);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain('timeout');
    const read = await get(lenient, `${CHAT}?lookIntoFuture=1&timeout=99`);
    expect(read.status).toBe(304);
    expect(lenientServer.seen.at(-1)).toMatchObject({ lookIntoFuture: 1, timeout: 30 });
  });

  it('null drops the parameter, as if it had not been sent', async () => {
    expect((await get(lenient, `${CHAT}?lookIntoFuture=0&limit=0`)).status).toBe(304);
    expect(lenientServer.seen.at(-1)).not.toHaveProperty('limit');
    expect((await get(lenient, `${CHAT}?lookIntoFuture=0&limit=7`)).status).toBe(304);
    expect(lenientServer.seen.at(-1)).toMatchObject({ limit: 7 });
  });

  it('a parameter sent twice is read from its last value, like the server reads it', async () => {
    expect((await get(lenient, `${CHAT}?lookIntoFuture=1&timeout=5&timeout=99`)).status).toBe(304);
    expect(lenientServer.seen.at(-1)).toMatchObject({ timeout: 30 });
  });

  it('other operations and other parameters are read as sent', async () => {
    const context = await get(lenient, `${CHAT}/12/context?limit=101`);
    expect(context.status).toBe(400);
    expect((await get(lenient, `${CHAT}?lookIntoFuture=1&lastKnownMessageId=abc`)).status).toBe(400);
  });

  it('readers of an unknown operation or that are not functions are refused at start-up', () => {
    expect(() => server({ noSuchOperation: { limit: () => null } } as never)).toThrow(TalkServerConfigError);
    expect(() => server({ noSuchOperation: { limit: () => null } } as never)).toThrow(/noSuchOperation/);
    expect(() => server({ receiveMessages: { limit: 'clamp' } } as never)).toThrow(/receiveMessages limit/);
  });
});
