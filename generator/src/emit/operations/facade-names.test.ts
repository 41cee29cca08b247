import { describe, expect, it } from 'vitest';
import { deprecatedFacadeName, facadeArea, facadeMethodName, headerKey } from './facade-names.js';
import { tsLiteral } from './ts-literal.js';

describe('facadeMethodName', () => {
  it.each([
    ['getConversation', 'get'],
    ['listConversations', 'list'],
    ['setConversationDescription', 'setDescription'],
    ['addConversationToFavorites', 'addToFavorites'],
    ['sendMessage', 'send'],
    ['markChatRead', 'markRead'],
    ['receiveMessages', 'receive'],
    ['listParticipants', 'list'],
    ['joinConversation', 'join'],
    ['listBreakoutRoomParticipants', 'listBreakoutRoomParticipants'],
    ['getNoteToSelfConversation', 'noteToSelf'],
    ['listOpenConversations', 'listOpen'],
    ['setNotificationLevel', 'setNotificationLevel'],
    ['shareRichObject', 'share'],
    ['getMentionSuggestions', 'mentions'],
  ])('%s → %s', (operationId, want) => {
    expect(facadeMethodName(operationId)).toBe(want);
  });
});

describe('deprecatedFacadeName', () => {
  it.each([
    ['getNoteToSelfConversation', 'getNoteToSelfConversation'],
    ['listOpenConversations', 'listOpenConversations'],
    ['getConversation', undefined],
  ])('%s keeps %s', (operationId, want) => expect(deprecatedFacadeName(operationId)).toBe(want));
});

describe('facadeArea', () => {
  it.each([
    ['conversation', 'conversations'],
    ['participant', 'participants'],
    ['chat', 'chat'],
  ])('%s → %s', (tag, want) => expect(facadeArea(tag)).toBe(want));
});

describe('headerKey', () => {
  it.each([
    ['X-Chat-Last-Given', 'lastGiven'],
    ['X-Chat-Last-Common-Read', 'lastCommonRead'],
    ['X-Nextcloud-Talk-Hash', 'talkHash'],
    ['X-Nextcloud-Talk-Modified-Before', 'modifiedBefore'],
    ['X-Something-Else', 'somethingElse'],
  ])('%s → %s', (header, want) => expect(headerKey(header)).toBe(want));
});

describe('tsLiteral', () => {
  it.each([
    ['identifier and quoted keys', { given: { a: 1, 'b-c': 'x' }, want: "{\n  a: 1,\n  'b-c': 'x',\n}" }],
    ['short scalar arrays on one line', { given: ['v1', 'v2'], want: "['v1', 'v2']" }],
    ['escapes quotes and newlines', { given: "it's\nfine", want: "'it\\'s\\nfine'" }],
    ['drops undefined properties', { given: { a: undefined, b: null }, want: '{\n  b: null,\n}' }],
  ])('%s', (_name, { given, want }) => expect(tsLiteral(given)).toBe(want));
});
