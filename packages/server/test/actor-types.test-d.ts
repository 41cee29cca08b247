// The default actor is a discriminated union: checking `type` narrows it (`anonymous` has no id).
import { describe, expectTypeOf, it } from 'vitest';
import { createTalkServer, type TalkActor, type TalkAnonymousActor, type TalkGuestActor, type TalkUserActor } from '../src/index.js';

describe('actor types', () => {
  it('narrows on type: anonymous has no id, users and guests have one', () => {
    createTalkServer({
      apiVersion: 'v4',
      authenticate: ({ credentials }): TalkActor | null => (credentials ? { type: 'users', id: credentials.user } : null),
      handlers: {
        receiveMessages: ({ actor }) => {
          // @ts-expect-error the anonymous actor has no id
          void actor.id;
          if (actor.type === 'anonymous') {
            expectTypeOf(actor).toEqualTypeOf<TalkAnonymousActor>();
            return { status: 304 };
          }
          expectTypeOf(actor.id).toEqualTypeOf<string>();
          expectTypeOf(actor.type).toEqualTypeOf<'users' | 'guests'>();
          if (actor.type === 'guests') expectTypeOf(actor).toEqualTypeOf<TalkGuestActor>();
          else expectTypeOf(actor).toEqualTypeOf<TalkUserActor>();
          return { status: 304 };
        },
        addConversationToFavorites: ({ actor }) => {
          // an operation without anonymous access never sees the anonymous actor
          expectTypeOf(actor.id).toEqualTypeOf<string>();
          // @ts-expect-error 'anonymous' is not a type of this actor
          if (actor.type === 'anonymous') void actor;
          return { status: 200, data: [] };
        },
      },
    });
  });

  it('refuses actor types Talk does not have', () => {
    // @ts-expect-error 'user' is not an actor type ('users')
    const typo: TalkActor = { type: 'user', id: 'alice' };
    // @ts-expect-error a user has an id
    const noId: TalkActor = { type: 'users' };
    void [typo, noId];
  });
});
