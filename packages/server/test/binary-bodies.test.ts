// Binary bodies of the avatar operations on a real server (127.0.0.1): multipart file uploads reach the handler
// as a File for the contract's binary fields only, and handlers answer images with the documented media type.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTalkServer, serveTalk, type RunningTalkServer, type TalkErrorInfo, type TalkHandlerInput } from '../src/index.js';
import { TINY_PNG } from './support/contract-fixtures.js';
import { basic } from './support/http-client.js';

const TOKEN = 'abc123xy';
const AVATAR = `/ocs/v2.php/apps/spreed/api/v1/room/${TOKEN}/avatar`;
const HEADERS = { 'OCS-APIRequest': 'true', authorization: basic('alice', 'secret') };
const BODY_LIMIT = 4096;

interface Envelope {
  ocs: { meta: { statuscode: number }; data: { error?: string; errors?: Array<{ parameter: string; in: string; message: string }> } };
}

let server: RunningTalkServer;
let uploads: Array<TalkHandlerInput<'v4', 'setConversationAvatar'>['body']>;
let answer: () => unknown;
const errors: Array<TalkErrorInfo & { message: string }> = [];

beforeAll(async () => {
  const app = createTalkServer({
    apiVersion: 'v4',
    bodyLimit: BODY_LIMIT,
    validateResponses: true,
    onError: (error, info) => errors.push({ ...info, message: String(error) }),
    authenticate: ({ credentials }) => (credentials ? { type: 'users' as const, id: credentials.user } : null),
    handlers: {
      setConversationAvatar: ({ body }) => {
        uploads.push(body);
        return { status: 400, data: { error: 'file' } } as never;
      },
      getConversationAvatar: () => answer() as never,
    },
  });
  server = await serveTalk(app, { port: 0 });
});
afterAll(async () => {
  await server?.close();
});

const upload = (form: FormData) => fetch(`${server.url}${AVATAR}`, { method: 'POST', headers: HEADERS, body: form });

describe('multipart file uploads', () => {
  it('gives the handler the file part of a binary field as a File with its bytes, name and type', async () => {
    uploads = [];
    const form = new FormData();
    form.append('file', new File([TINY_PNG], 'avatar.png', { type: 'image/png' }));
    const res = await upload(form);
    expect(res.status).toBe(400); // the handler's documented answer, so the request passed validation
    expect(uploads).toHaveLength(1);
    const file = uploads[0]!.file;
    expect(file).toBeInstanceOf(File);
    expect((file as File).name).toBe('avatar.png');
    expect((file as File).type).toBe('image/png');
    expect(Buffer.from(await (file as File).arrayBuffer())).toEqual(TINY_PNG);
  });

  it('refuses a file part in a field that is not binary with 400 naming that field, before the handler', async () => {
    uploads = [];
    const form = new FormData();
    form.append('file', new File([TINY_PNG], 'avatar.png', { type: 'image/png' }));
    form.append('note', new File(['x'], 'note.txt'));
    const res = await upload(form);
    expect(res.status).toBe(400);
    expect(((await res.json()) as Envelope).ocs.data).toMatchObject({ error: 'validation', errors: [{ parameter: 'note', in: 'body' }] });
    expect(uploads).toHaveLength(0);
  });

  it('refuses text in place of the file with 400 naming the field', async () => {
    uploads = [];
    const form = new FormData();
    form.append('file', 'not a file');
    const res = await upload(form);
    expect(res.status).toBe(400);
    expect(((await res.json()) as Envelope).ocs.data.errors).toEqual([{ parameter: 'file', in: 'body', message: 'must be a file upload' }]);
    expect(uploads).toHaveLength(0);
  });

  it('answers 413 for a file over the body limit', async () => {
    uploads = [];
    const form = new FormData();
    form.append('file', new File([new Uint8Array(BODY_LIMIT + 1)], 'big.png', { type: 'image/png' }));
    const res = await upload(form);
    expect(res.status).toBe(413);
    expect(uploads).toHaveLength(0);
  });
});

describe('binary answers', () => {
  const get = () => fetch(`${server.url}${AVATAR}`, { headers: HEADERS });

  it('serves a handler PNG Blob with its image/png content type and bytes', async () => {
    answer = () => ({ status: 200, data: new Blob([TINY_PNG], { type: 'image/png' }) });
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(TINY_PNG);
  });

  it('serves a Uint8Array or a ReadableStream with the Content-Type header the handler sets', async () => {
    answer = () => ({ status: 200, data: new Uint8Array(TINY_PNG), headers: { 'Content-Type': 'image/svg+xml' } });
    const bytes = await get();
    expect(bytes.headers.get('content-type')).toBe('image/svg+xml');
    expect(Buffer.from(await bytes.arrayBuffer())).toEqual(TINY_PNG);
    answer = () => ({ status: 200, data: new Blob([TINY_PNG]).stream(), headers: { 'Content-Type': 'image/png' } });
    const stream = await get();
    expect(stream.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await stream.arrayBuffer())).toEqual(TINY_PNG);
  });

  it('with validateResponses, a content type outside the documented image/* is an off-contract 500', async () => {
    errors.length = 0;
    answer = () => ({ status: 200, data: new Blob(['<html>'], { type: 'text/html' }) });
    const res = await get();
    expect(res.status).toBe(500);
    expect(errors).toMatchObject([
      { operationId: 'getConversationAvatar', kind: 'response', message: expect.stringMatching(/content type text\/html is not the documented image\/\*/) },
    ]);
  });

  it('still wraps JSON answers of the same operation (a documented 404) in the OCS envelope', async () => {
    answer = () => ({ status: 404, data: null });
    const res = await get();
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await res.json()) as Envelope).ocs.meta.statuscode).toBe(404);
  });
});
