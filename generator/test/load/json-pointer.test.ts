import { describe, expect, test } from 'vitest';
import { escapePointerToken, resolveLocalRef, toPointer, unescapePointerToken } from '../../src/load/json-pointer.js';

describe('escapePointerToken / unescapePointerToken', () => {
  const table: Array<[string, { given: string; want: string }]> = [
    ['plain token stays', { given: 'Room', want: 'Room' }],
    ['slash becomes ~1', { given: '/room/{token}', want: '~1room~1{token}' }],
    ['tilde becomes ~0', { given: 'a~b', want: 'a~0b' }],
    ['tilde before slash is escaped first', { given: '~/', want: '~0~1' }],
    ['literal ~1 survives a round trip', { given: '~1', want: '~01' }],
    ['media type', { given: 'application/json', want: 'application~1json' }],
  ];
  test.each(table)('%s', (_name, { given, want }) => {
    expect(escapePointerToken(given)).toBe(want);
    expect(unescapePointerToken(want)).toBe(given);
  });

  test('numbers are written as decimal tokens', () => {
    expect(escapePointerToken(3)).toBe('3');
  });
});

describe('toPointer', () => {
  const table: Array<[string, { given: Array<string | number>; want: string }]> = [
    ['empty is the whole document', { given: [], want: '' }],
    ['path key', { given: ['paths', '/room'], want: '/paths/~1room' }],
    ['array index', { given: ['tags', 0, 'name'], want: '/tags/0/name' }],
    ['media type key', { given: ['content', 'application/json', 'schema'], want: '/content/application~1json/schema' }],
  ];
  test.each(table)('%s', (_name, { given, want }) => {
    expect(toPointer(given)).toBe(want);
  });
});

describe('resolveLocalRef', () => {
  const doc = {
    paths: { '/room/{token}': { get: { operationId: 'getConversation' } } },
    components: { schemas: { Room: { type: 'object' }, 'a~b': { type: 'string' } } },
    tags: [{ name: 'conversation' }],
  };
  const table: Array<[string, { given: string; want: unknown }]> = [
    ['component', { given: '#/components/schemas/Room', want: { type: 'object' } }],
    ['escaped slash in a path key', { given: '#/paths/~1room~1{token}/get/operationId', want: 'getConversation' }],
    ['escaped tilde', { given: '#/components/schemas/a~0b', want: { type: 'string' } }],
    ['array index', { given: '#/tags/0/name', want: 'conversation' }],
    ['whole document', { given: '#', want: doc }],
    ['dangling ref is undefined', { given: '#/components/schemas/Nope', want: undefined }],
    ['ref through a scalar is undefined', { given: '#/tags/0/name/x', want: undefined }],
    ['external ref is not resolved', { given: 'other.yaml#/components/schemas/Room', want: undefined }],
  ];
  test.each(table)('%s', (_name, { given, want }) => {
    expect(resolveLocalRef(doc, given)).toEqual(want);
  });
});
