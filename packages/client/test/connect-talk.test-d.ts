// Types of what connectTalk resolves to: a union narrowed on `release` / `apiVersion`; a release client has only
// the operations (and fields) of its release; feature names are the contract's literal union.
import { describe, expectTypeOf, test } from 'vitest';
import { connectTalk, TalkCapabilityError } from '../src/index.js';
import type { ConnectedTalkClient, TalkFeature, TalkFeaturesByRelease, TalkReleaseClient } from '../src/index.js';

declare const talk: ConnectedTalkClient;

describe('connectTalk types', () => {
  test('resolves to the union of the release clients and the version clients', () => {
    expectTypeOf(connectTalk).returns.resolves.toEqualTypeOf<ConnectedTalkClient>();
    expectTypeOf(talk.release).toEqualTypeOf<'19' | '20' | '21' | null>();
    expectTypeOf(talk.apiVersion).toEqualTypeOf<'v1' | 'v2' | 'v3' | 'v4'>();
    expectTypeOf(new TalkCapabilityError('createPoll', 'talk-polls').capability).toEqualTypeOf<string>();
  });

  test('a client narrowed to release 19 has no operation of Talk 20 or 21', async () => {
    if (talk.release !== '19') return;
    expectTypeOf(talk).toEqualTypeOf<TalkReleaseClient<'19'>>();
    expectTypeOf(talk.apiVersion).toEqualTypeOf<'v4'>();
    await talk.conversations.get('abc123xy');
    await talk.polls.createPoll('abc123xy', { question: 'Lunch?', options: ['Yes', 'No'] });
    // @ts-expect-error setMentionPermissions is x-talk-since: '20'
    await talk.conversations.setMentionPermissions('abc123xy', { mentionPermissions: 1 });
    // @ts-expect-error editDraftPoll is x-talk-since: '21'
    await talk.polls.editDraftPoll('abc123xy', 1, { question: 'Lunch?', options: ['Yes', 'No'] });
    const { data: room } = await talk.conversations.get('abc123xy');
    // @ts-expect-error Room.isArchived is x-talk-since: '20'
    void room.isArchived;
    for await (const batch of talk.chat.watch('abc123xy', { setReadMarker: false })) expectTypeOf(batch[0]!.id).toEqualTypeOf<number>();
  });

  test('a client narrowed to release 21 has them', async () => {
    if (talk.release !== '21') return;
    await talk.conversations.setMentionPermissions('abc123xy', { mentionPermissions: 1 });
    await talk.polls.editDraftPoll('abc123xy', 1, { question: 'Lunch?', options: ['Yes', 'No'] });
    const { data: room } = await talk.conversations.get('abc123xy');
    expectTypeOf(room.isArchived).toEqualTypeOf<boolean>();
    // the deprecated alias is there too
    expectTypeOf(talk.conversations).toHaveProperty('getNoteToSelfConversation');
  });

  test('an older server is a version client with release null', () => {
    if (talk.release !== null) return;
    if (talk.apiVersion === 'v1') {
      // @ts-expect-error getParticipantByPin is v3+
      void talk.participants.getByPin;
    }
  });

  test('capabilities.has takes the feature names the contract knows, on every member of the union', () => {
    expectTypeOf(talk.capabilities.has).parameter(0).toEqualTypeOf<TalkFeature>();
    talk.capabilities.has('ban-v1');
    talk.capabilities.has('talk-polls');
    // @ts-expect-error 'talk-poll' is a typo for 'talk-polls'
    talk.capabilities.has('talk-poll');
    expectTypeOf<'ban-v1'>().toExtend<TalkFeaturesByRelease['21']>();
    expectTypeOf<'ban-v1'>().not.toExtend<TalkFeaturesByRelease['19']>();
    expectTypeOf<'mention-permissions'>().toExtend<TalkFeature>();
  });
});
