import { describe, expect, it } from 'vitest';
import { parseFormParameters } from './form-parameters.js';

const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

describe('parseFormParameters', () => {
  it.each([
    ['plain keys', { given: 'limit=50&search=a%20b', want: { limit: '50', search: 'a b' } }],
    ['later key wins', { given: 'a=1&a=2', want: { a: '2' } }],
    ['list with []', { given: 'ids[]=1&ids[]=2', want: { ids: ['1', '2'] } }],
    ['list with indexes', { given: 'ids[0]=x&ids[1]=y', want: { ids: ['x', 'y'] } }],
    ['object', { given: 'o[a]=1&o[b][]=2', want: { o: { a: '1', b: ['2'] } } }],
    ['unparseable brackets are literal', { given: 'a[b=1', want: { 'a[b': '1' } }],
    ['empty value', { given: 'a=', want: { a: '' } }],
    ['__proto__ dropped', { given: '__proto__[x]=1&a[__proto__][x]=1&constructor[prototype][x]=1&ok=1', want: { ok: '1' } }],
    ['empty', { given: '', want: {} }],
  ])('%s', (_name, { given, want }) => {
    expect(plain(parseFormParameters(given))).toEqual(want);
  });

  it('returns objects without a prototype and never touches Object.prototype', () => {
    const parsed = parseFormParameters('__proto__[polluted]=1&o[k]=v');
    expect(Object.getPrototypeOf(parsed)).toBeNull();
    expect(Object.getPrototypeOf(parsed.o)).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads at most 1000 parameters', () => {
    const text = Array.from({ length: 1500 }, (_, i) => `p${i}=1`).join('&');
    expect(Object.keys(parseFormParameters(text))).toHaveLength(1000);
  });
});

describe('parseFormParameters decodes like URLSearchParams', () => {
  it.each([['a+b=c+d'], ['k=%F0%9F%8F%B3'], ['bad=%E0%A4%A'], ['bad2=%zz&x=%'], ['u=%C3%A9t%C3%A9'], ['=novalue&a'], ['a=b=c']])('%s', (given) => {
    const want = Object.fromEntries([...new URLSearchParams(given)].filter(([k]) => k !== ''));
    expect(plain(parseFormParameters(given))).toEqual(want);
  });
});
