// The dev server's handlers are typed per operation by the contract: every `@ts-expect-error` line must fail to
// compile (tsc reports an unused directive otherwise), every expectTypeOf must hold. Compiled by `npm run typecheck`.
import { describe, expectTypeOf, it } from 'vitest';
import { devHandlers } from '../src/index.js';
import { chatHandlers } from '../src/handlers/chat-handlers.js';
import type { DevHandlers, DevOperationResult } from '../src/handlers/handler-types.js';
import { EMPTY } from '../src/handlers/handler-types.js';
import type { PollView } from '../src/domain/polls.js';
import type { SuccessAnswers } from '../src/domain/release-profile.js';

declare const poll: PollView;

describe('dev server handler types', () => {
  it('types params, query and body as the contract declares them for the operation', () => {
    const table = {
      deleteMessage(i) {
        expectTypeOf(i.params.token).toEqualTypeOf<string>();
        expectTypeOf(i.params.messageId).toEqualTypeOf<number>();
        // @ts-expect-error pollId is no path parameter of deleteMessage
        void i.params.pollId;
        return { status: 404, data: [] };
      },
      receiveMessages(i) {
        expectTypeOf(i.query.limit).toEqualTypeOf<number | undefined>();
        expectTypeOf(i.body).toEqualTypeOf<undefined>();
        return { status: 304 };
      },
      sendMessage(i) {
        expectTypeOf(i.body.message).toEqualTypeOf<string>();
        return { status: 412, data: [] };
      },
    } satisfies DevHandlers;
    void table;
  });

  it('compiles with a documented status and the data shape of that status', () => {
    const table = {
      getPoll: () => ({ status: 201, data: poll }),
      addConversationToFavorites: () => EMPTY,
      closePoll: (_i, { store }) => ({ status: 404, data: [], message: `no poll in ${store.baseUrl}` }),
    } satisfies DevHandlers;
    void table;
  });

  it('refuses data of the wrong shape for a status', () => {
    const table = {
      // @ts-expect-error 201 of getPoll carries a Poll, not a string
      getPoll: () => ({ status: 201, data: 'the poll' }),
      // @ts-expect-error a Poll needs its required fields (question, options, ...)
      votePoll: () => ({ status: 201, data: { id: 1 } }),
      // @ts-expect-error 304 of receiveMessages has no body
      receiveMessages: () => ({ status: 304, data: [] }),
    } satisfies DevHandlers;
    void table;
  });

  it('refuses a status the operation does not document', () => {
    const table = {
      // @ts-expect-error addConversationToFavorites documents 200, not 201
      addConversationToFavorites: () => ({ status: 201, data: [] }),
      // @ts-expect-error closePoll documents no 299
      closePoll: () => ({ status: 299, data: poll }),
    } satisfies DevHandlers;
    void table;
  });

  it('refuses keys that are no operation the server routes', () => {
    const table = {
      // @ts-expect-error no such operation
      notAnOperation: () => ({ status: 200, data: [] }),
    } satisfies DevHandlers;
    const webhook = {
      // @ts-expect-error a bot webhook is sent by Talk, not served
      botMessageWebhook: () => ({ status: 200 as const }),
    } satisfies DevHandlers;
    void [table, webhook];
  });

  it('types the real tables: each handler answers its own operation', () => {
    expectTypeOf(chatHandlers.getReminder).returns.toMatchTypeOf<DevOperationResult<'getReminder'>>();
    expectTypeOf(devHandlers.closePoll).returns.toMatchTypeOf<DevOperationResult<'closePoll'> | Promise<DevOperationResult<'closePoll'>>>();
    // A key that is no operation has no handler type (the test of completeness looks keys up by string).
    expectTypeOf(devHandlers.notAnOperation).toBeUnknown();
  });

  it("checks what a release makes of EMPTY against the operation's documented answer", () => {
    const fits = { renameConversation: 'room', leaveCall: 'null', setAttendeePermissions: 'participant' } satisfies SuccessAnswers;
    const wrong = {
      // @ts-expect-error listConversations answers a list of conversations, never null
      listConversations: 'null',
      // @ts-expect-error setConversationPermissions answers the conversation, not a participant list
      setConversationPermissions: 'participant',
    } satisfies SuccessAnswers;
    void [fits, wrong];
  });
});
