// Types are tested as types: every `@ts-expect-error` line must fail to compile (tsc reports an unused
// directive otherwise), every expectTypeOf must hold.
import { describe, expectTypeOf, test } from 'vitest';
import type { TalkClient, TalkSchemas, TalkResponse } from '../src/index.js';

declare const v1: TalkClient<'v1'>;
declare const v4: TalkClient<'v4'>;

describe('per-version schemas', () => {
  test('a v1 client sees Room.count, a v4 client Room.permissions', async () => {
    const roomV1 = (await v1.conversations.list()).data[0]!;
    const roomV4 = (await v4.conversations.list()).data[0]!;
    expectTypeOf(roomV1.count).toEqualTypeOf<number>();
    expectTypeOf(roomV4.permissions).toEqualTypeOf<number>();
    // @ts-expect-error permissions is v4-only
    void roomV1.permissions;
    // @ts-expect-error count was removed before v4
    void roomV4.count;
    expectTypeOf<TalkSchemas<'v1'>['Room']>().toHaveProperty('count');
    expectTypeOf<TalkSchemas<'v4'>['Room']>().toHaveProperty('permissions');
  });
});

describe('facade', () => {
  test('methods exist only in the versions that have the operation', () => {
    expectTypeOf(v4.participants).toHaveProperty('getByPin');
    // @ts-expect-error getParticipantByPin is v3+
    void v1.participants.getByPin;
    // @ts-expect-error not an operation at all
    void v4.conversations.explode;
  });

  test('a wrong parameter does not compile', () => {
    // @ts-expect-error `message` is required
    void v4.chat.send('abc123xy', { mesage: 'hi' });
    // @ts-expect-error `message` is a string
    void v4.chat.send('abc123xy', { message: 42 });
    // @ts-expect-error the token is missing
    void v4.chat.send({ message: 'hi' });
    // @ts-expect-error `lookIntoFuture` is required when receiving
    void v4.chat.receive('abc123xy');
    void v4.chat.send('abc123xy', { message: 'hi', silent: true });
  });

  test('documented response headers are typed', async () => {
    const page = await v4.chat.receive('abc123xy', { lookIntoFuture: 0, limit: 10 });
    expectTypeOf(page.headers.lastGiven).toEqualTypeOf<number | undefined>();
    expectTypeOf(page.headers.lastCommonRead).toEqualTypeOf<number | undefined>();
    expectTypeOf(page.notModified).toEqualTypeOf<boolean>();
    if (!page.notModified) expectTypeOf(page.data[0]!.id).toEqualTypeOf<number>();
    const rooms = await v4.conversations.list();
    expectTypeOf(rooms).toMatchTypeOf<TalkResponse<unknown, unknown>>();
    // @ts-expect-error listConversations does not document chat headers
    void rooms.headers.lastGiven;
  });

  test('chat helpers yield typed pages', async () => {
    for await (const page of v4.chat.history('abc123xy', { limit: 50 })) expectTypeOf(page[0]!.message).toEqualTypeOf<string>();
    for await (const batch of v1.chat.watch('abc123xy', { timeout: 30 })) expectTypeOf(batch[0]!.id).toEqualTypeOf<number>();
  });
});

describe('raw layer', () => {
  test('short paths of every version, typed params', async () => {
    const { data } = await v4.raw.GET('/chat/{token}', { params: { path: { token: 'abc123xy' }, query: { lookIntoFuture: 0 } } });
    expectTypeOf(data!.ocs.data[0]!.id).toEqualTypeOf<number>();
    // @ts-expect-error unknown path
    void v4.raw.GET('/rooms-that-do-not-exist');
    // @ts-expect-error wrong path parameter name
    void v4.raw.GET('/chat/{token}', { params: { path: { tok: 'x' }, query: { lookIntoFuture: 0 } } });
    // @ts-expect-error POST /room needs a body with roomType
    void v1.raw.POST('/room', {});
  });
});
