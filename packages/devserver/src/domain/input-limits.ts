// Size and depth limits on handler input, checked before the domain sees it (after the contract's validation).
import { TalkError } from './talk-error.js';

/**
 * Deepest nesting of objects/arrays accepted in a parameter value (`{"a": [[1]]}`: `a` has depth 2).
 *
 * @example
 * parameterLimitError({ a: [[1]] }, {}); // null: depth 2 ≤ MAX_PARAMETER_DEPTH
 */
export const MAX_PARAMETER_DEPTH = 16;

/**
 * Longest string accepted in any parameter value, in UTF-16 code units (the body itself is limited to 1 MiB).
 *
 * @example
 * parameterLimitError({ roomName: 'x'.repeat(MAX_PARAMETER_STRING + 1) }, {})?.status; // 400
 */
export const MAX_PARAMETER_STRING = 64 * 1024;

/**
 * Most elements of one array, or properties of one object, in a parameter value.
 *
 * @example
 * parameterLimitError({ ids: Array(MAX_PARAMETER_ITEMS + 1).fill(1) }, {})?.status; // 400
 */
export const MAX_PARAMETER_ITEMS = 1_000;

/** Where a parameter value breaks a limit: the JSON pointer inside the value and what is wrong. */
interface Violation {
  pointer: string;
  problem: string;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Walks a value iteratively (a 50,000-deep array must not overflow the stack) and reports the first violation. */
function firstViolation(value: unknown): Violation | null {
  const stack: { value: unknown; depth: number; pointer: string }[] = [{ value, depth: 0, pointer: '' }];
  while (stack.length > 0) {
    const { value: v, depth, pointer } = stack.pop() as (typeof stack)[number];
    if (typeof v === 'string') {
      if (v.length > MAX_PARAMETER_STRING) return { pointer, problem: `is longer than ${MAX_PARAMETER_STRING} characters` };
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= MAX_PARAMETER_DEPTH) return { pointer, problem: `is nested deeper than ${MAX_PARAMETER_DEPTH} levels` };
    const entries = Array.isArray(v) ? v.map((item, i) => [String(i), item] as const) : Object.entries(v);
    if (entries.length > MAX_PARAMETER_ITEMS) return { pointer, problem: `has more than ${MAX_PARAMETER_ITEMS} items` };
    for (const [key, item] of entries) stack.push({ value: item, depth: depth + 1, pointer: `${pointer}/${escapePointer(key)}` });
  }
  return null;
}

/**
 * The 400 for the first parameter (body, then query) whose value is nested too deep, too long or too large,
 * in the shape of @talk-contract/server's validation answers; null when every value is within the limits.
 *
 * @example
 * parameterLimitError({ caption: JSON.parse('['.repeat(50_000) + ']'.repeat(50_000)) }, {})?.data;
 * // { errors: [{ parameter: 'caption', in: 'body', pointer: '/caption/0/0/…', message: 'is nested deeper than 16 levels' }] }
 */
export function parameterLimitError(body: Record<string, unknown> | undefined, query: Record<string, unknown>): TalkError | null {
  for (const [where, values] of [
    ['body', body ?? {}],
    ['query', query],
  ] as const) {
    for (const [name, value] of Object.entries(values)) {
      const violation = firstViolation(value);
      if (!violation) continue;
      const pointer = `/${escapePointer(name)}${violation.pointer}`;
      const shown = pointer.length > 80 ? `${pointer.slice(0, 77)}…` : pointer;
      const message = `Parameter "${name}" ${violation.problem} (at ${shown})`;
      return new TalkError(400, 'validation', message, { errors: [{ parameter: name, in: where, pointer: shown, message: `${violation.problem}` }] });
    }
  }
  return null;
}

/**
 * Parses a parameter that carries JSON in a string (`talkMetaData`, `metaData`) with the same limits; a
 * 400 naming the parameter when it breaks a limit, and when it is not JSON (or `undefined` with
 * `notJson: 'ignore'`, for parameters Talk silently ignores when it cannot read them).
 *
 * @example
 * parseJsonParameter('talkMetaData', '{"caption":"Holiday"}'); // { caption: 'Holiday' }
 * parseJsonParameter('talkMetaData', 'not json', { notJson: 'ignore' }); // undefined
 */
export function parseJsonParameter(name: string, text: string, options: { notJson?: 'refuse' | 'ignore' } = {}): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    if (options.notJson === 'ignore') return undefined;
    throw new TalkError(400, name, `${name} is not valid JSON`);
  }
  const violation = firstViolation(value);
  if (violation) throw new TalkError(400, name, `${name}${violation.pointer ? ` at ${violation.pointer.slice(0, 80)}` : ''} ${violation.problem}`);
  return value;
}
