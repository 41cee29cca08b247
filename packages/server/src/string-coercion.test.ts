import { describe, expect, it } from 'vitest';
import { createStringCoercer } from './string-coercion.js';

const coerce = createStringCoercer({
  Level: { type: 'integer', enum: [0, 1, 2] },
  Flag: { $ref: '#/components/schemas/Level' },
});

describe('createStringCoercer', () => {
  it.each([
    ['integer', { schema: { type: 'integer' }, given: '42', want: 42 }],
    ['negative number', { schema: { type: 'number' }, given: '-1.5', want: -1.5 }],
    ['integer refuses a fraction', { schema: { type: 'integer' }, given: '1.5', want: '1.5' }],
    ['not a number stays', { schema: { type: 'integer' }, given: 'x', want: 'x' }],
    ['leading zeros', { schema: { type: 'integer' }, given: '0012', want: 12 }],
    ['a lone minus stays', { schema: { type: 'integer' }, given: '-', want: '-' }],
    ['surrounding blanks', { schema: { type: 'integer' }, given: ' 12 ', want: 12 }],
    ['exponent', { schema: { type: 'integer' }, given: '1e3', want: 1000 }],
    ['more than 15 digits', { schema: { type: 'integer' }, given: '12345678901234567', want: 12345678901234568 }],
    ['hex stays', { schema: { type: 'integer' }, given: '0x10', want: '0x10' }],
    ['boolean 1', { schema: { type: 'boolean' }, given: '1', want: true }],
    ['boolean true', { schema: { type: 'boolean' }, given: 'true', want: true }],
    ['boolean 0', { schema: { type: 'boolean' }, given: '0', want: false }],
    ['boolean false', { schema: { type: 'boolean' }, given: 'false', want: false }],
    ['boolean junk stays', { schema: { type: 'boolean' }, given: 'yes', want: 'yes' }],
    ['string stays string', { schema: { type: 'string' }, given: '42', want: '42' }],
    ['nullable integer from empty', { schema: { type: ['integer', 'null'] }, given: '', want: null }],
    ['string or integer stays string', { schema: { type: ['string', 'integer'] }, given: '7', want: '7' }],
    ['enum via $ref', { schema: { $ref: '#/components/schemas/Flag' }, given: '2', want: 2 }],
    ['oneOf branches', { schema: { oneOf: [{ type: 'integer' }, { type: 'boolean' }] }, given: 'true', want: true }],
    ['list items', { schema: { type: 'array', items: { type: 'integer' } }, given: ['1', '2'], want: [1, 2] }],
    ['object properties', { schema: { type: 'object', properties: { n: { type: 'integer' } } }, given: { n: '3', s: 'x' }, want: { n: 3, s: 'x' } }],
    ['no schema', { schema: undefined, given: '1', want: '1' }],
  ])('%s', (_name, { schema, given, want }) => {
    expect(coerce(schema, given as never)).toEqual(want);
  });
});
