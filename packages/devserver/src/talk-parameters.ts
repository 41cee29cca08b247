// How Talk reads the query values the contract bounds more tightly than Talk does: PHP's integer coercion
// (`abc` → 0) and Talk's clamping (`limit` ≤ 200, long-poll `timeout` ≤ 30, ...), per operationId.
import type { TalkOperationId, TalkQueryReader } from '@talk-contract/server';
import { CHAT_MAX_LIMIT, POLL_MAX_TIMEOUT } from './domain/constants.js';

/** PHP's `(int)` of a query string value: leading digits (with sign), else 0. */
export function phpInt(value: string): number {
  const match = /^\s*([+-]?\d+)/.exec(value);
  return match ? Number(match[1]) : 0;
}

/** Keeps values in [min, max]; values below min (0, negative, not a number) drop the parameter (Talk's default). */
const clamp =
  (min: number, max: number): TalkQueryReader =>
  (value) => {
    const n = phpInt(value);
    return n < min ? null : String(Math.min(n, max));
  };
/** A PHP flag read as `$value === 1` after `(int)`, or truthy. */
const truthy: TalkQueryReader = (value) => (phpInt(value) !== 0 ? '1' : '0');
const integer: TalkQueryReader = (value) => String(Math.max(0, phpInt(value)));

/**
 * Talk's reading of the query values of the chat operations, for @talk-contract/server's `queryReaders`:
 * applied before validation, so the dev server accepts what Talk accepts and uses what Talk would use.
 *
 * @example
 * createTalkServer({ apiVersion: 'v4', queryReaders: TALK_QUERY_READERS, ... });
 * TALK_QUERY_READERS.receiveMessages?.timeout?.('60'); // '30'
 */
export const TALK_QUERY_READERS = {
  receiveMessages: {
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
  getMessageContext: { limit: clamp(1, 100) },
  listSharedItems: { limit: clamp(1, 200), lastKnownMessageId: integer },
  getSharedItemsOverview: { limit: clamp(1, 20) },
} satisfies Partial<Record<TalkOperationId<'v4'>, Record<string, TalkQueryReader>>>;
