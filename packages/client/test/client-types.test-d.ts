// Types are tested as types: every `@ts-expect-error` line must fail to compile (tsc reports an unused
// directive otherwise), every expectTypeOf must hold.
import { describe, expectTypeOf, test } from 'vitest';
import { AttendeeType, ConversationType, isTalkApiError, ParticipantType, Permission } from '../src/index.js';
import type { AddParticipantSource, TalkClient, TalkOperationError, TalkSchemas, TalkResponse } from '../src/index.js';

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

describe('issue 16: what a bot author should not have to read the source for', () => {
  test('enum constants and bit fields are exported with literal types', () => {
    expectTypeOf(ConversationType.Group).toEqualTypeOf<2>();
    expectTypeOf(ParticipantType.Moderator).toEqualTypeOf<2>();
    expectTypeOf(Permission.PublishAudio).toEqualTypeOf<16>();
    expectTypeOf<ConversationType>().toEqualTypeOf<1 | 2 | 3 | 4 | 5 | 6>();
    expectTypeOf<AttendeeType>().toEqualTypeOf<'users' | 'federated_users' | 'groups' | 'circles' | 'guests' | 'emails' | 'phones'>();
    // @ts-expect-error not a member
    void ConversationType.Grop;
  });

  test('facade inputs take the literal unions: a typo in `source` does not compile', () => {
    void v4.participants.add('abc123xy', { newParticipant: 'bob', source: 'users' });
    void v4.participants.add('abc123xy', { newParticipant: 'bob', source: AttendeeType.Groups });
    // @ts-expect-error 'user' is a typo for 'users'
    void v4.participants.add('abc123xy', { newParticipant: 'bob', source: 'user' });
    // @ts-expect-error guests cannot be added by a source
    void v4.participants.add('abc123xy', { newParticipant: 'bob', source: 'guests' });
    void v4.conversations.create({ roomType: ConversationType.Group, roomName: 'Marketing' });
    // @ts-expect-error 7 is not a conversation type
    void v4.conversations.create({ roomType: 7, roomName: 'Marketing' });
    expectTypeOf<AddParticipantSource>().toEqualTypeOf<'users' | 'groups' | 'circles' | 'emails' | 'phones'>();
    expectTypeOf<AddParticipantSource>().toEqualTypeOf<TalkSchemas<'v4'>['AddParticipantSource']>();
  });

  test('operations without input take no input object, and the call options right after the path', () => {
    void v4.conversations.get('abc123xy');
    void v4.conversations.get('abc123xy', { signal: new AbortController().signal, timeoutMs: 5_000 });
    void v4.conversations.get('abc123xy', {}, { timeoutMs: 5_000 });
    void v4.conversations.noteToSelf();
    // @ts-expect-error getConversation takes no input fields
    void v4.conversations.get('abc123xy', { lookIntoFuture: 1 }, {});
    // @ts-expect-error the options of a call are CallOptions
    void v4.conversations.get('abc123xy', { signal: 'now' });
  });

  test('renamed facade methods: new names, old ones still there (deprecated) with the same type', () => {
    expectTypeOf(v4.conversations.noteToSelf).toEqualTypeOf(v4.conversations.getNoteToSelfConversation);
    expectTypeOf(v4.conversations.listOpen).toEqualTypeOf(v4.conversations.listOpenConversations);
    // @ts-expect-error listOpenConversations is v3+
    void v1.conversations.listOpen;
  });

  test('TalkApiError.data is typed per documented status', async () => {
    const error: unknown = new Error('x');
    if (isTalkApiError(error, 'setConversationPassword')) {
      expectTypeOf(error.status).toEqualTypeOf<400 | 401 | 403 | 404 | 412>();
      if (error.status === 400 && error.data && !Array.isArray(error.data)) {
        expectTypeOf(error.data.message).toEqualTypeOf<string | undefined>();
        expectTypeOf(error.data.error).toEqualTypeOf<'type' | 'value' | undefined>();
      }
      // 403 is the generic OCS failure: any machine-readable reason
      if (error.status === 403 && error.data && !Array.isArray(error.data)) expectTypeOf(error.data.error).toEqualTypeOf<string | undefined>();
    }
    // @ts-expect-error not an operationId
    void isTalkApiError(error, 'setPassword');
    expectTypeOf<TalkOperationError<'v4', 'getConversation'>['status']>().toEqualTypeOf<401 | 404 | 412>();
  });

  test('watch() read marker options are booleans', () => {
    void v4.chat.watch('abc123xy', { setReadMarker: false, markNotificationsAsRead: false });
    // @ts-expect-error a boolean, not Talk's 0/1
    void v4.chat.watch('abc123xy', { setReadMarker: 0 });
  });
});
