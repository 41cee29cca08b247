// How Talk reads the query values the contract bounds more tightly than Talk does: PHP's integer coercion
// (`abc` → 0) and Talk's clamping (`limit` ≤ 200, long-poll `timeout` ≤ 30, ...). Applied to the URL before
// @talk-contract/server validates it, so the dev server accepts what Talk accepts and uses what Talk would use.
import { CHAT_MAX_LIMIT, POLL_MAX_TIMEOUT } from './domain/constants.js';

/** PHP's `(int)` of a query string value: leading digits (with sign), else 0. */
export function phpInt(value: string): number {
  const match = /^\s*([+-]?\d+)/.exec(value);
  return match ? Number(match[1]) : 0;
}

type Reader = (value: string) => string | null;

/** Keeps values in [min, max]; values below min (0, negative, not a number) drop the parameter (Talk's default). */
const clamp =
  (min: number, max: number): Reader =>
  (value) => {
    const n = phpInt(value);
    return n < min ? null : String(Math.min(n, max));
  };
/** A PHP flag read as `$value === 1` after `(int)`, or truthy. */
const truthy: Reader = (value) => (phpInt(value) !== 0 ? '1' : '0');
const integer: Reader = (value) => String(Math.max(0, phpInt(value)));

const CHAT = '/ocs/v2.php/apps/spreed/api/v1/chat/';
const RULES: { method: string; path: RegExp; query: Record<string, Reader> }[] = [
  {
    method: 'GET',
    path: new RegExp(`^${CHAT}[^/]+$`),
    query: {
      lookIntoFuture: truthy,
      limit: clamp(1, CHAT_MAX_LIMIT),
      lastKnownMessageId: integer,
      lastCommonReadId: integer,
      timeout: (value) => String(Math.max(0, Math.min(phpInt(value), POLL_MAX_TIMEOUT))),
      setReadMarker: truthy,
      includeLastKnown: truthy,
      noStatusUpdate: truthy,
      markNotificationsAsRead: truthy,
    },
  },
  { method: 'GET', path: new RegExp(`^${CHAT}[^/]+/\\d+/context$`), query: { limit: clamp(1, 100) } },
  { method: 'GET', path: new RegExp(`^${CHAT}[^/]+/share$`), query: { limit: clamp(1, 200), lastKnownMessageId: integer } },
  { method: 'GET', path: new RegExp(`^${CHAT}[^/]+/share/overview$`), query: { limit: clamp(1, 20) } },
];

/**
 * The request with its query values read the way Talk reads them, or the request itself when nothing changes.
 *
 * @example
 * talkQuery(new Request('http://h/ocs/v2.php/apps/spreed/api/v1/chat/abc?lookIntoFuture=0&limit=201')).url;
 * // 'http://h/ocs/v2.php/apps/spreed/api/v1/chat/abc?lookIntoFuture=0&limit=200'
 */
export function talkQuery(request: Request): Request {
  const q = request.url.indexOf('?');
  if (q < 0) return request;
  const url = new URL(request.url);
  const rule = RULES.find((r) => r.method === request.method && r.path.test(url.pathname));
  if (!rule) return request;
  let changed = false;
  for (const [name, read] of Object.entries(rule.query)) {
    const value = url.searchParams.get(name);
    if (value === null) continue;
    const read_ = read(value);
    if (read_ === value) continue;
    changed = true;
    if (read_ === null) url.searchParams.delete(name);
    else url.searchParams.set(name, read_);
  }
  return changed ? new Request(url, request) : request;
}
