import { describe, expectTypeOf, it } from 'vitest';
import {
  createTalkServer,
  type TalkActor,
  type TalkAnonymousActor,
  type TalkHandler,
  type TalkHandlerResult,
  type TalkOperationId,
  type TalkSchemas,
} from '../src/index.js';

const authenticate = (): TalkActor | null => ({ type: 'users', id: 'alice' });

describe('handler input types', () => {
  it('types path, query and body parameters from the contract', () => {
    const receive: TalkHandler<'v4', 'receiveMessages'> = ({ params, query, body }) => {
      expectTypeOf(params.token).toEqualTypeOf<string>();
      expectTypeOf(query.lookIntoFuture).toEqualTypeOf<0 | 1>();
      expectTypeOf(query.limit).toEqualTypeOf<number | undefined>();
      expectTypeOf(body).toEqualTypeOf<undefined>();
      // @ts-expect-error not a documented query parameter
      void query.notAParameter;
      return { status: 304 };
    };
    const send: TalkHandler<'v4', 'sendMessage'> = ({ body }) => {
      expectTypeOf(body.message).toEqualTypeOf<string>();
      expectTypeOf(body.replyTo).toEqualTypeOf<number | undefined>();
      return { status: 412, data: [] };
    };
    void receive;
    void send;
  });

  it('types the headers each status documents; other headers stay free-form', () => {
    const page: TalkHandlerResult<'v4', 'receiveMessages'> = { status: 200, data: [], headers: { 'X-Chat-Last-Given': 1200, 'Set-Cookie': 'a=b' } };
    const asString: TalkHandlerResult<'v4', 'receiveMessages'> = { status: 200, data: [], headers: { 'X-Chat-Last-Given': '1200' } };
    // @ts-expect-error X-Chat-Last-Given is an integer header
    const wrong: TalkHandlerResult<'v4', 'receiveMessages'> = { status: 200, data: [], headers: { 'X-Chat-Last-Given': 'soon' } };
    void page;
    void asString;
    void wrong;
  });

  it('gives the anonymous actor only to operations that allow anonymous access', () => {
    createTalkServer({
      apiVersion: 'v4',
      authenticate,
      handlers: {
        receiveMessages: ({ actor }) => {
          expectTypeOf(actor).toEqualTypeOf<TalkActor | TalkAnonymousActor>();
          return { status: 304 };
        },
        addConversationToFavorites: ({ actor }) => {
          expectTypeOf(actor).toEqualTypeOf<TalkActor>();
          return { status: 200, data: [] };
        },
      },
    });
  });
});

describe('handler result types', () => {
  it('accepts documented statuses with their data', () => {
    expectTypeOf<{ status: 304 }>().toMatchTypeOf<TalkHandlerResult<'v4', 'receiveMessages'>>();
    expectTypeOf<{ status: 200; data: TalkSchemas<'v4'>['ChatMessage'][] }>().toMatchTypeOf<TalkHandlerResult<'v4', 'receiveMessages'>>();
    expectTypeOf<{ status: 404; data: []; message: string }>().toMatchTypeOf<TalkHandlerResult<'v4', 'receiveMessages'>>();
  });

  it('refuses an undocumented status', () => {
    // @ts-expect-error 299 is not documented for receiveMessages
    const wrongStatus: TalkHandlerResult<'v4', 'receiveMessages'> = { status: 299, data: [] };
    createTalkServer({
      apiVersion: 'v4',
      authenticate,
      handlers: {
        // @ts-expect-error 201 is not documented for addConversationToFavorites
        addConversationToFavorites: () => ({ status: 201, data: [] }),
      },
    });
    void wrongStatus;
  });

  it('refuses data of the wrong shape for a status', () => {
    // @ts-expect-error 200 of receiveMessages carries a list of chat messages, not a string
    const wrongData: TalkHandlerResult<'v4', 'receiveMessages'> = { status: 200, data: 'hello' };
    // @ts-expect-error a chat message needs its required fields
    const incomplete: TalkHandlerResult<'v4', 'receiveMessages'> = { status: 200, data: [{ id: 1 }] };
    // @ts-expect-error 304 has no body
    const dataOn304: TalkHandlerResult<'v4', 'receiveMessages'> = { status: 304, data: [] };
    // @ts-expect-error data is required where the status documents a body
    const missingData: TalkHandlerResult<'v4', 'addConversationToFavorites'> = { status: 200 };
    void [wrongData, incomplete, dataOn304, missingData];
  });

  it('lets authenticate decide the actor type', () => {
    createTalkServer({
      apiVersion: 'v4',
      authenticate: () => ({ type: 'users' as const, id: 'alice', sessionId: 's1' }),
      handlers: {
        addConversationToFavorites: ({ actor }) => {
          expectTypeOf(actor.sessionId).toEqualTypeOf<string>();
          return { status: 200, data: [] };
        },
      },
    });
  });

  it('refuses handlers for operations the version does not have', () => {
    createTalkServer({
      apiVersion: 'v4',
      authenticate,
      handlers: {
        // @ts-expect-error no such operation
        notAnOperation: () => ({ status: 200, data: [] }),
      },
    });
  });

  it('refuses handlers for bot webhooks (Talk sends them; the server routes no request to them)', () => {
    expectTypeOf<'botMessageWebhook'>().not.toMatchTypeOf<TalkOperationId<'v4'>>();
    expectTypeOf<'sendMessage'>().toMatchTypeOf<TalkOperationId<'v4'>>();
    createTalkServer({
      apiVersion: 'v4',
      authenticate,
      handlers: {
        // @ts-expect-error a webhook is no operation the server serves (createTalkServer would throw unknown-operation)
        botMessageWebhook: () => ({ status: 200 as const }),
      },
    });
  });
});
