import { TalkApiError } from './errors.js';
import type { RuntimeMethod, RuntimeResult } from './facade.js';

/** Options of `talk.chat.history()`. */
export interface ChatHistoryOptions {
  /** Messages per page (Talk: 100 by default, 200 at most). */
  limit?: number;
  /** Start below this message id (exclusive); default: the newest message. */
  lastKnownMessageId?: number;
  signal?: AbortSignal;
}

/** Options of `talk.chat.watch()`. */
export interface ChatWatchOptions {
  /** Stops the watch: the iterator ends without an error. */
  signal?: AbortSignal;
  /** Seconds the server holds one poll open (Talk: 30 by default, at most 60; larger values are capped). */
  timeout?: number;
  /** Only messages after this id; default: the newest message when the watch starts. */
  lastKnownMessageId?: number;
  /** Messages per poll. */
  limit?: number;
  /**
   * First delay in ms after a failed poll, or after a poll that came back early (sooner than half its `timeout`,
   * or than 1 s) with nothing new; doubles with every further one, up to `maxBackoffMs`. Default 1000.
   */
  backoffMs?: number;
  /** Longest delay between two polls in ms. Default 30 000. */
  maxBackoffMs?: number;
  /** Consecutive failed polls before the iterator throws the last error. Default 5. */
  maxFailures?: number;
  /**
   * Whether each poll that returns messages moves your read marker to the newest of them (`setReadMarker`).
   * Not sent by default, so Talk's own default applies: the read marker moves, as if you read the chat.
   * `false` sends `setReadMarker=0` (a bot that marks messages read itself with `chat.markRead`); `true` sends 1.
   */
  setReadMarker?: boolean;
  /**
   * Whether the polls mark the notifications of the received messages as read (`markNotificationsAsRead`).
   * Not sent by default (Talk marks them read); `false` sends `markNotificationsAsRead=0`. Only servers with the
   * `chat-keep-notifications` capability honour it.
   */
  markNotificationsAsRead?: boolean;
}

/**
 * `talk.chat.history()` and `talk.chat.watch()`: paging backwards through the history with `X-Chat-Last-Given`,
 * and long polling for new messages (`lookIntoFuture=1`).
 */
export interface ChatHelpers<Message> {
  /**
   * Pages of the chat history, newest first, until the beginning of the conversation. Each message is yielded
   * once (only ids below the oldest one so far count); the paging ends at a page with nothing older.
   *
   * @example
   * ```ts
   * for await (const page of talk.chat.history(token, { limit: 50 })) console.log(page.length);
   * ```
   */
  history(token: string, options?: ChatHistoryOptions): AsyncGenerator<Message[], void, undefined>;
  /**
   * New messages as they arrive (long polling). Each message is yielded once: only ids above the cursor count,
   * and the cursor moves forward to the newest id received (or `X-Chat-Last-Given`, when larger). Ends when
   * `signal` aborts; backs off after failed polls and after polls that come back at once with nothing new (a
   * server or mock that does not hold the request); throws a 4xx {@link TalkApiError} (404, 412 lobby) at once.
   *
   * @example
   * ```ts
   * const stop = new AbortController();
   * for await (const batch of talk.chat.watch(token, { signal: stop.signal, timeout: 30 })) console.log(batch);
   * ```
   */
  watch(token: string, options?: ChatWatchOptions): AsyncGenerator<Message[], void, undefined>;
}

function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const lastGivenOf = (result: RuntimeResult): number | undefined => (typeof result.headers.lastGiven === 'number' ? result.headers.lastGiven : undefined);

const idOf = (message: unknown): number | undefined => {
  const id = (message as { id?: unknown } | null)?.id;
  return typeof id === 'number' ? id : undefined;
};

const idsOf = (messages: unknown[]): number[] => messages.map(idOf).filter((id): id is number => id !== undefined);

/** The messages whose id is `wanted`, each id once, in the order received (messages without a numeric id are dropped). */
const unseen = (messages: unknown[], wanted: (id: number) => boolean): unknown[] => {
  const ids = new Set<number>();
  return messages.filter((m) => {
    const id = idOf(m);
    if (id === undefined || !wanted(id) || ids.has(id)) return false;
    ids.add(id);
    return true;
  });
};

/** Build the chat helpers on top of the facade method of `receiveMessages`. */
export function createChatHelpers(receive: RuntimeMethod): ChatHelpers<unknown> {
  return {
    async *history(token, options = {}) {
      let last = options.lastKnownMessageId;
      // Every id at or above `lowest` was yielded already (or is newer than where the history starts).
      let lowest = last;
      for (;;) {
        const input: Record<string, number> = { lookIntoFuture: 0, limit: options.limit ?? 100 };
        if (last !== undefined) input.lastKnownMessageId = last;
        const result = await receive(token, input, { signal: options.signal });
        if (result.notModified || !Array.isArray(result.data)) return;
        const below = lowest;
        const fresh = unseen(result.data, (id) => below === undefined || id < below);
        if (fresh.length === 0) return;
        yield fresh;
        lowest = Math.min(...idsOf(fresh));
        const next = lastGivenOf(result);
        if (next === undefined || (last !== undefined && next >= last)) return;
        last = next;
      }
    },

    async *watch(token, options = {}) {
      const { signal } = options;
      const timeout = Math.max(0, Math.min(options.timeout ?? 30, 60));
      const maxFailures = options.maxFailures ?? 5;
      const firstDelay = options.backoffMs ?? 1000;
      const maxDelay = options.maxBackoffMs ?? 30_000;
      const backoff = (n: number) => Math.min(firstDelay * 2 ** (n - 1), maxDelay);
      // A poll that comes back sooner than this with nothing new was not held by the server.
      const early = Math.max(timeout * 500, 1000);
      let cursor = options.lastKnownMessageId;
      let failures = 0;
      let idle = 0;
      while (!signal?.aborted) {
        let delay = 0;
        try {
          if (cursor === undefined) {
            const newest = await receive(token, { lookIntoFuture: 0, limit: 1 }, { signal });
            cursor = Math.max(0, ...(Array.isArray(newest.data) ? idsOf(newest.data) : []));
          }
          const input: Record<string, number> = { lookIntoFuture: 1, timeout, lastKnownMessageId: cursor };
          if (options.limit !== undefined) input.limit = options.limit;
          if (options.setReadMarker !== undefined) input.setReadMarker = options.setReadMarker ? 1 : 0;
          if (options.markNotificationsAsRead !== undefined) input.markNotificationsAsRead = options.markNotificationsAsRead ? 1 : 0;
          const started = Date.now();
          const result = await receive(token, input, { signal, timeoutMs: (timeout + 15) * 1000 });
          failures = 0;
          const after = cursor;
          const fresh = !result.notModified && Array.isArray(result.data) ? unseen(result.data, (id) => id > after) : [];
          const next = Math.max(cursor, ...idsOf(fresh), lastGivenOf(result) ?? cursor);
          const progress = fresh.length > 0 || next > cursor;
          cursor = next;
          if (progress) idle = 0;
          else if (Date.now() - started < early) delay = backoff(++idle);
          if (fresh.length > 0) yield fresh;
        } catch (error) {
          if (signal?.aborted) return;
          if (error instanceof TalkApiError && error.status >= 400 && error.status < 500 && error.status !== 429) throw error;
          failures++;
          if (failures >= maxFailures) throw error;
          delay = backoff(failures);
        }
        if (delay > 0 && !(await sleep(delay, signal))) return;
      }
    },
  };
}
