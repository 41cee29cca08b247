import { describe, expect, it } from 'vitest';
import { parseFormParameterMap } from './form-parameters.js';
import { compileQueryReader, type QueryField } from './query-reader.js';

const asIs = (name: string): QueryField => ({ name, coerce: (value) => value });

describe('compileQueryReader', () => {
  it('reads the documented names into query and body, the last value winning', () => {
    const read = compileQueryReader([asIs('limit'), { name: 'n', coerce: Number }], [asIs('message'), asIs('limit')]);
    expect(read('limit=1&message=hi+there&n=7&limit=2&other=%ZZ')).toEqual({ query: { limit: '2', n: 7 }, body: { message: 'hi there', limit: '2' } });
    expect(read('')).toEqual({ query: {}, body: {} });
  });

  it('decodes escaped keys and values like URLSearchParams', () => {
    const read = compileQueryReader([asIs('limit')], null);
    expect(read('li%6Dit=%E2%82%AC')).toEqual({ query: { limit: '€' }, body: undefined });
    expect(read('limit=%E0%A4')).toEqual({ query: { limit: new URLSearchParams('v=%E0%A4').get('v') }, body: undefined });
  });

  it('gives up on PHP brackets (the full parser reads them) and never reads bracketed or unsafe names', () => {
    const read = compileQueryReader([asIs('ids'), asIs('ids[]'), asIs('__proto__'), asIs('constructor')], null);
    expect(read('ids[]=1')).toBeNull();
    expect(read('ids%5B%5D=1')).toBeNull();
    const plain = read('ids=1&__proto__=x&constructor=y');
    expect(plain).toEqual({ query: { ids: '1' }, body: undefined });
    expect(Object.getPrototypeOf(plain?.query)).toBe(Object.prototype);
  });

  it('quotes any name safely into the generated code', () => {
    const names = ['a"b', "c'd", 'e\\f', 'g\u2028h', '${x}', '*/y', 'z`'];
    const read = compileQueryReader(names.map(asIs), null);
    const queryString = names.map((n, i) => `${encodeURIComponent(n)}=${i}`).join('&');
    expect(read(queryString)?.query).toEqual(Object.fromEntries(names.map((n, i) => [n, String(i)])));
    expect(Object.fromEntries(parseFormParameterMap(queryString))).toEqual(Object.fromEntries(names.map((n, i) => [n, String(i)])));
  });

  it('reads at most 1000 parts, like the full parser', () => {
    const read = compileQueryReader([asIs('limit')], null);
    expect(read(`${'x=1&'.repeat(1000)}limit=5`)?.query).toEqual({});
    expect(read(`${'x=1&'.repeat(999)}limit=5`)?.query).toEqual({ limit: '5' });
  });
});
