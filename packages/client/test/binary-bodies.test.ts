// Binary bodies through the facade: avatars come back as a Blob from a real HTTP server on 127.0.0.1, and an
// avatar upload (a Blob or File) travels as multipart to a real createTalkServer whose handler gets the File.
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { createTalkServer, serveTalk, type RunningTalkServer } from '@talk-contract/server';
import { createTalkClient, describeStatus, TalkApiError, TalkResponseFormatError } from '../src/index.js';
import { ocs, startTinyServer, type TinyServer } from './tiny-server.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const TOKEN = 'abc123xy';
const auth = { user: 'alice', appPassword: 'app-password' };

let tiny: TinyServer | undefined;
let talkServer: RunningTalkServer | undefined;
afterEach(async () => {
  await tiny?.close();
  await talkServer?.close();
  tiny = talkServer = undefined;
});

describe('binary answers', () => {
  it('returns an image/png answer as a Blob with its bytes, asking for the documented media types', async () => {
    tiny = await startTinyServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'image/png' });
      res.end(PNG);
    });
    const talk = createTalkClient({ baseUrl: tiny.url, apiVersion: 'v4', auth });
    const result = await talk.conversations.getAvatar(TOKEN);
    expectTypeOf(result.data).toEqualTypeOf<Blob>();
    expect(result.data).toBeInstanceOf(Blob);
    expect(result.data.type).toBe('image/png');
    expect(result.contentType).toBe('image/png');
    expect(result.status).toBe(200);
    expect(Buffer.from(await result.data.arrayBuffer())).toEqual(PNG);
    expect(tiny.requests[0]!.url).toBe(`/ocs/v2.php/apps/spreed/api/v1/room/${TOKEN}/avatar`);
    expect(tiny.requests[0]!.headers.accept).toBe('image/*, application/json;q=0.9');
  });

  it('throws TalkApiError with the documented meaning for an error status of a binary operation', async () => {
    tiny = await startTinyServer((_req, res) => ocs(res, 404, null));
    const talk = createTalkClient({ baseUrl: tiny.url, apiVersion: 'v4', auth, describeStatus });
    const error = await talk.conversations.getAvatar(TOKEN).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TalkApiError);
    expect((error as TalkApiError).status).toBe(404);
    expect((error as TalkApiError).meaning).toBe('When the conversation could not be found for the participant.');
  });

  it('throws TalkResponseFormatError for a success answer outside the documented image/*', async () => {
    tiny = await startTinyServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html>login</html>');
    });
    const talk = createTalkClient({ baseUrl: tiny.url, apiVersion: 'v4', auth });
    const error = await talk.conversations.getAvatar(TOKEN).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TalkResponseFormatError);
    expect((error as TalkResponseFormatError).message).toMatch(/not image\/\*/);
  });

  it('keeps Accept: application/json for JSON operations', async () => {
    tiny = await startTinyServer((_req, res) => ocs(res, 200, []));
    const talk = createTalkClient({ baseUrl: tiny.url, apiVersion: 'v4', auth });
    await talk.conversations.addToFavorites(TOKEN);
    expect(tiny.requests[0]!.headers.accept).toBe('application/json');
  });
});

describe('multipart uploads', () => {
  async function startAvatarServer(): Promise<Array<{ file: unknown }>> {
    const uploads: Array<{ file: unknown }> = [];
    const app = createTalkServer({
      apiVersion: 'v4',
      authenticate: ({ credentials }) => (credentials ? { type: 'users' as const, id: credentials.user } : null),
      handlers: {
        setConversationAvatar: ({ body }) => {
          uploads.push(body);
          return { status: 400, data: { error: 'file' } } as never;
        },
      },
    });
    talkServer = await serveTalk(app, { port: 0 });
    return uploads;
  }

  it('sends a File as a multipart file part: the server handler gets a File with its bytes and name', async () => {
    const uploads = await startAvatarServer();
    const talk = createTalkClient({ baseUrl: talkServer!.url, apiVersion: 'v4', auth });
    const error = await talk.conversations.setAvatar(TOKEN, { file: new File([PNG], 'avatar.png', { type: 'image/png' }) }).catch((e: unknown) => e);
    // The handler's documented 400, so the upload passed the server's validation.
    expect((error as TalkApiError).status).toBe(400);
    expect(uploads).toHaveLength(1);
    const file = uploads[0]!.file as File;
    expect(file).toBeInstanceOf(File);
    expect(file.name).toBe('avatar.png');
    expect(file.type).toBe('image/png');
    expect(Buffer.from(await file.arrayBuffer())).toEqual(PNG);
  });

  it('sends a plain Blob as a file part named after its field', async () => {
    const uploads = await startAvatarServer();
    const talk = createTalkClient({ baseUrl: talkServer!.url, apiVersion: 'v4', auth });
    await talk.conversations.setAvatar(TOKEN, { file: new Blob([PNG], { type: 'image/png' }) }).catch(() => undefined);
    const file = uploads[0]!.file as File;
    expect(file).toBeInstanceOf(File);
    expect(file.name).toBe('file');
    expect(Buffer.from(await file.arrayBuffer())).toEqual(PNG);
  });
});
