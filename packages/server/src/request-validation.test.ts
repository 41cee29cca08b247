import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileContract } from './compiled-contract.js';
import { parseFormParameterMap } from './form-parameters.js';
import { contracts } from './generated/index.js';

const noHeaders = () => null;

describe('RequestCheck.fromQueryString', () => {
  // The fast path reads only the documented names; the reference parses the whole query string first.
  it.each(Object.keys(contracts) as Array<keyof typeof contracts>)('%s: same result as parsing the whole query string, for every operation', (version) => {
    const compiled = compileContract(contracts[version]);
    const operations = [...compiled.operations.values()];
    const names = [...new Set(operations.flatMap((op) => op.descriptor.parameters.filter((p) => p.in === 'query').map((p) => p.name)))];
    const key = fc.oneof(
      fc.constantFrom(...names, 'message', 'limit', 'unknown', '__proto__', 'constructor'),
      fc.constantFrom(...names).map((n) => `${n}[]`),
      fc.constantFrom(...names).map((n) => encodeURIComponent(n).replace(/^./, (c) => `%${c.charCodeAt(0).toString(16)}`)),
      fc.string({ maxLength: 6 }).map(encodeURIComponent),
    );
    const value = fc.oneof(
      fc.constantFrom('', '0', '1', 'true', '-3', '200', '201', 'a+b', '%2B1', '%E0%A4', 'abc123xy'),
      fc.string({ maxLength: 8 }).map(encodeURIComponent),
    );
    const part = fc.oneof(
      fc.tuple(key, value).map(([k, v]) => `${k}=${v}`),
      key,
      fc.constant(''),
    );
    const queryString = fc.array(part, { maxLength: 12 }).map((parts) => parts.join('&'));
    fc.assert(
      fc.property(fc.constantFrom(...operations), queryString, (op, qs) => {
        const path = Object.fromEntries(op.descriptor.parameters.filter((p) => p.in === 'path').map((p) => [p.name, 'abc123xy']));
        const reference = op.checkRequest({ path, strings: parseFormParameterMap(qs), json: null, header: noHeaders });
        expect(op.checkRequest.fromQueryString(path, qs, noHeaders), qs).toEqual(reference);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads documented names only, decodes escaped keys, and a later key wins', () => {
    const op = compileContract(contracts.v4).operations.get('receiveMessages');
    const ok = op?.checkRequest.fromQueryString({ token: 'abc123xy' }, 'lookIntoFuture=1&limit=5&x=%ZZ&limit=7&li%6Dit=9&setReadMarker=0', noHeaders);
    expect(ok).toEqual({ ok: true, input: { params: { token: 'abc123xy' }, query: { lookIntoFuture: 1, limit: 9, setReadMarker: 0 }, body: undefined } });
    // A key without `=` is the empty string, as PHP reads it: not an integer.
    const bad = op?.checkRequest.fromQueryString({ token: 'abc123xy' }, 'lookIntoFuture=1&setReadMarker', noHeaders);
    expect(bad).toEqual({ ok: false, issues: [{ parameter: 'setReadMarker', in: 'query', message: 'must be integer' }] });
  });
});
