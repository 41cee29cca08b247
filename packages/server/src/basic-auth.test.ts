import { describe, expect, it } from 'vitest';
import { parseAuthorization } from './basic-auth.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('parseAuthorization', () => {
  it.each([
    ['none', { given: null, want: { kind: 'none' } }],
    ['basic', { given: `Basic ${b64('alice:secret')}`, want: { kind: 'basic', credentials: { user: 'alice', password: 'secret' } } }],
    ['password with colon', { given: `basic ${b64('bob:a:b')}`, want: { kind: 'basic', credentials: { user: 'bob', password: 'a:b' } } }],
    ['no colon', { given: `Basic ${b64('nocolon')}`, want: { kind: 'malformed' } }],
    ['bad base64', { given: 'Basic !!!', want: { kind: 'malformed' } }],
    ['other scheme', { given: 'Bearer abc', want: { kind: 'none' } }],
  ])('%s', (_name, { given, want }) => {
    expect(parseAuthorization(given)).toEqual(want);
  });
});
