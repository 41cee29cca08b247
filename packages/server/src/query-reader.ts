import { decodeFormComponent, MAX_FORM_PARAMETERS, type FormValue } from './form-parameters.js';
import { isSafeKey } from './unsafe-keys.js';

/** One documented parameter (or body property) read from the query string, and how its string is coerced. */
export interface QueryField {
  name: string;
  coerce: (value: FormValue) => unknown;
}

/** What {@link compileQueryReader} returns for a query string: the coerced query and body inputs. */
export interface QueryInput {
  query: Record<string, unknown>;
  body: Record<string, unknown> | undefined;
}

/**
 * Compile the reader of one operation's query string: one pass over the string that keeps the last value of
 * each documented name (decoded like `URLSearchParams`), skips other keys without decoding their values,
 * reads at most {@link MAX_FORM_PARAMETERS} parts, and coerces the values into the query and body inputs.
 * It gives the same input as `parseFormParameterMap` followed by picking the documented names, except that it
 * returns null when a key uses PHP brackets (`a[]`, `o[k]`): those need the full parser.
 *
 * The function is generated once per operation (as Ajv generates its validators): the documented names are
 * JSON-quoted string literals in its `switch`, so each request costs a few comparisons and plain property
 * stores. Unsafe names (`__proto__`, `constructor`, `prototype`) are never read, as in the full parser.
 *
 * @example
 * ```ts
 * const read = compileQueryReader([{ name: 'limit', coerce: Number }], null);
 * read('limit=50&x=1'); // { query: { limit: 50 }, body: undefined }
 * ```
 */
export function compileQueryReader(query: readonly QueryField[], body: readonly QueryField[] | null): (queryString: string) => QueryInput | null {
  const names: string[] = [];
  const slotOf = new Map<string, number>();
  for (const { name } of [...query, ...(body ?? [])]) {
    // Names the full parser never gives: empty, unsafe, or with PHP brackets (`a[]` is read as `a`).
    if (name === '' || !isSafeKey(name) || name.indexOf('[') > 0 || slotOf.has(name)) continue;
    slotOf.set(name, names.length);
    names.push(name);
  }
  const fields = (list: readonly QueryField[]) => list.filter((f) => slotOf.has(f.name));
  const queryFields = fields(query);
  const bodyFields = body ? fields(body) : [];
  const coercers = [...queryFields, ...bodyFields].map((f) => f.coerce);

  const q = JSON.stringify;
  const slots = names.map((_, i) => `v${i}`);
  const value = 'eq === end ? "" : encoded ? decode(qs.slice(eq + 1, end)) : qs.slice(eq + 1, end)';
  const cases = names.map((name, i) => `case ${q(name)}: v${i} = ${value}; break;`);
  const store = (target: string, list: QueryField[], offset: number) =>
    list
      .map((f, i) => `if (v${slotOf.get(f.name) as number} !== undefined) ${target}[${q(f.name)}] = c${offset + i}(v${slotOf.get(f.name) as number});`)
      .join('\n');
  const source = `
    ${coercers.map((_, i) => `const c${i} = coercers[${i}];`).join('\n')}
    return function readQuery(qs) {
      ${slots.length ? `let ${slots.join(', ')};` : ''}
      const encoded = qs.includes('%') || qs.includes('+');
      const length = qs.length;
      let count = 0;
      for (let start = 0; start < length; ) {
        let end = qs.indexOf('&', start);
        if (end < 0) end = length;
        if (end > start) {
          if (++count > ${MAX_FORM_PARAMETERS}) break;
          let eq = qs.indexOf('=', start);
          if (eq < 0 || eq > end) eq = end;
          let key = qs.slice(start, eq);
          if (encoded) key = decode(key);
          switch (key) {
            ${cases.join('\n')}
            default: if (key.indexOf('[') > 0) return null;
          }
        }
        start = end + 1;
      }
      const query = {};
      ${store('query', queryFields, 0)}
      ${body ? `const body = {};\n${store('body', bodyFields, queryFields.length)}` : 'const body = undefined;'}
      return { query, body };
    };`;
  // Code from the contract's parameter names, each a JSON string literal (never user input).
  const factory = new Function('coercers', 'decode', source) as (
    coercers: ReadonlyArray<(value: FormValue) => unknown>,
    decode: (raw: string) => string,
  ) => (queryString: string) => QueryInput | null;
  return factory(coercers, decodeFormComponent);
}
