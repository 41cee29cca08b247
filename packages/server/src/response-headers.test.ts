import { describe, expect, it } from 'vitest';
import { encodeResponseHeaders, ResponseHeaderProblem } from './response-headers.js';

describe('encodeResponseHeaders', () => {
  it.each([
    [
      'strings pass',
      { given: { 'X-Chat-Last-Given': '42', 'X-Custom': 'a b\tc "d"; e=f' }, want: { 'X-Chat-Last-Given': '42', 'X-Custom': 'a b\tc "d"; e=f' } },
    ],
    ['numbers in decimal', { given: { 'X-Chat-Last-Given': 1e21, 'X-Small': 0.5 }, want: { 'X-Chat-Last-Given': '1e+21', 'X-Small': '0.5' } }],
    ['empty object', { given: {}, want: {} }],
  ])('%s', (_name, { given, want }) => {
    expect(encodeResponseHeaders(given)).toEqual(want);
  });

  it.each([
    ['not an object', { given: 'x', code: 'invalid-result', issue: 'headers must be an object of strings and finite numbers' }],
    ['an array', { given: ['x'], code: 'invalid-result', issue: 'headers must be an object' }],
    ['a nested object', { given: { 'X-A': { b: 1 } }, code: 'invalid-result', issue: 'strings and finite numbers' }],
    ['a non-finite number', { given: { 'X-A': Number.POSITIVE_INFINITY }, code: 'invalid-result', issue: 'finite numbers' }],
    ['CR', { given: { 'X-A': 'a\rb' }, code: 'invalid-headers', issue: 'header X-A contains CR, LF or another control character' }],
    ['LF (header injection)', { given: { 'X-A': 'a\nSet-Cookie: x=1' }, code: 'invalid-headers', issue: 'header X-A contains CR, LF' }],
    ['NUL', { given: { 'X-A': 'a\0' }, code: 'invalid-headers', issue: 'control character' }],
    ['DEL', { given: { 'X-A': 'a\x7f' }, code: 'invalid-headers', issue: 'control character' }],
    ['above U+00FF', { given: { 'X-A': '\u2603' }, code: 'invalid-headers', issue: 'header X-A contains a character outside ASCII' }],
    ['Latin-1', { given: { 'X-A': 'caf\u00e9' }, code: 'invalid-headers', issue: 'outside ASCII' }],
    ['a space in the name', { given: { 'Bad Name': 'x' }, code: 'invalid-headers', issue: 'header name "Bad Name" is not an HTTP token' }],
    ['a colon in the name', { given: { 'a:b': 'x' }, code: 'invalid-headers', issue: 'header name "a:b"' }],
    ['an empty name', { given: { '': 'x' }, code: 'invalid-headers', issue: 'header name ""' }],
    ['a non-ASCII name', { given: { 'X-\u00e9': 'x' }, code: 'invalid-headers', issue: 'is not an HTTP token' }],
    ['Content-Length', { given: { 'Content-Length': '10' }, code: 'invalid-headers', issue: 'header Content-Length is written by the server' }],
    ['Transfer-Encoding', { given: { 'transfer-encoding': 'chunked' }, code: 'invalid-headers', issue: 'written by the server' }],
    ['Connection', { given: { Connection: 'close' }, code: 'invalid-headers', issue: 'written by the server' }],
  ])('refuses %s', (_name, { given, code, issue }) => {
    const result = encodeResponseHeaders(given);
    expect(result).toBeInstanceOf(ResponseHeaderProblem);
    expect(result).toMatchObject({ code });
    expect((result as ResponseHeaderProblem).issue).toContain(issue);
  });

  it('gives a record whose keys could look like a problem as a record', () => {
    expect(encodeResponseHeaders({ code: 'x', issue: 'y' })).not.toBeInstanceOf(ResponseHeaderProblem);
  });
});
