import fc from 'fast-check';
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
    ['UTF-8 credentials', { given: `Basic ${b64('jürgen:pässwörd €')}`, want: { kind: 'basic', credentials: { user: 'jürgen', password: 'pässwörd €' } } }],
    [
      'base64url alphabet',
      { given: `Basic ${Buffer.from('a:ü?>').toString('base64url')}`, want: { kind: 'basic', credentials: { user: 'a', password: 'ü?>' } } },
    ],
    [
      'padding left out',
      { given: `Basic ${b64('alice:secre').replace(/=+$/, '')}`, want: { kind: 'basic', credentials: { user: 'alice', password: 'secre' } } },
    ],
  ])('%s', (_name, { given, want }) => {
    expect(parseAuthorization(given)).toEqual(want);
  });

  it('reads back any credentials encoded as base64', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 24 }), (user, password) => {
        fc.pre(!user.includes(':'));
        expect(parseAuthorization(`Basic ${b64(`${user}:${password}`)}`)).toEqual({ kind: 'basic', credentials: { user, password } });
      }),
      { numRuns: 2000 },
    );
  });

  it('decodes like Buffer for any token of the base64 alphabets', () => {
    // atob is the fast path; Buffer's lenient decoder is the reference (and the fallback when atob refuses).
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_'), maxLength: 40 }), (token) => {
        const decoded = Buffer.from(token, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        const want = colon < 0 ? { kind: 'malformed' } : { kind: 'basic', credentials: { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) } };
        expect(parseAuthorization(`Basic ${token}`)).toEqual(want);
      }),
      { numRuns: 2000 },
    );
  });
});
