import { describe, expect, it } from 'vitest';
import { parseRequestJson } from './safe-json.js';

describe('parseRequestJson', () => {
  it.each([
    ['plain', { given: '{"a":1,"b":[true,null]}', want: { a: 1, b: [true, null] } }],
    ['__proto__ dropped', { given: '{"__proto__":{"polluted":1},"a":1}', want: { a: 1 } }],
    ['escaped __proto__ dropped', { given: '{"\\u005f_proto__":{"polluted":1},"a":1}', want: { a: 1 } }],
    ['constructor/prototype dropped at depth', { given: '{"x":{"constructor":{"prototype":{"polluted":1}}},"y":[{"prototype":1}]}', want: { x: {}, y: [{}] } }],
  ])('%s', (_name, { given, want }) => {
    expect(parseRequestJson(given)).toEqual(want);
  });

  it('results can be merged with Object.assign without reaching a prototype', () => {
    const merged = Object.assign({}, parseRequestJson('{"__proto__":{"polluted":1}}'));
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('throws on invalid JSON', () => {
    expect(() => parseRequestJson('{"a":')).toThrow(SyntaxError);
  });
});
