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
  /** First delay after a failed poll in ms (doubles up to 30 s). Default 1000. */
  backoffMs?: number;
  /** Consecutive failed polls before the iterator throws the last error. Default 5. */
  maxFailures?: number;
}

/**
 * `talk.chat.history()` and `talk.chat.watch()`: paging backwards through the history with `X-Chat-Last-Given`,
 * and long polling for new messages (`lookIntoFuture=1`).
 */
export interface ChatHelpers<Message> {
  /**
   * Pages of the chat history, newest first, until the beginning of the conversation.
   *
   * @example
   * ```ts
   * for await (const page of talk.chat.history(token, { limit: 50 })) console.log(page.length);
   * ```
   */
  history(token: string, options?: ChatHistoryOptions): AsyncGenerator<Message[], void, undefined>;
  /**
   * New messages as they arrive (long polling). Ends when `signal` aborts; retries failed polls with backoff;
   * throws a 4xx {@link TalkApiError} (404, 412 lobby) at once.
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

const lastGivenOf = (result: RuntimeResult): number | undefined =>
  typeof result.headers.lastGiven === 'number' ? result.headers.lastGiven : undefined;

const newestId = (messages: unknown[]): number | undefined => {
  let max: number | undefined;
  for (const m of messages) {
    const id = (m as { id?: unknown }).id;
    if (typeof id === 'number' && (max === undefined || id > max)) max = id;
  }
  return max;
};

/** Build the chat helpers on top of the facade method of `receiveMessages`. */
export function createChatHelpers(receive: RuntimeMethod): ChatHelpers<unknown> {
  return {
    async *history(token, options = {}) {
      let last = options.lastKnownMessageId;
      for (;;) {
        const input: Record<string, number> = { lookIntoFuture: 0, limit: options.limit ?? 100 };
        if (last !== undefined) input.lastKnownMessageId = last;
        const result = await receive(token, input, { signal: options.signal });
        if (result.notModified || !Array.isArray(result.data) || result.data.length === 0) return;
        yield result.data;
        const next = lastGivenOf(result);
        if (next === undefined || next === last) return;
        last = next;
      }
    },

    async *watch(token, options = {}) {
      const { signal } = options;
      const timeout = Math.max(0, Math.min(options.timeout ?? 30, 60));
      const maxFailures = options.maxFailures ?? 5;
      let last = options.lastKnownMessageId;
      let failures = 0;
      while (!signal?.aborted) {
        try {
          if (last === undefined) {
            const newest = await receive(token, { lookIntoFuture: 0, limit: 1 }, { signal });
            last = (Array.isArray(newest.data) ? newestId(newest.data) : undefined) ?? 0;
          }
          const input: Record<string, number> = { lookIntoFuture: 1, timeout, lastKnownMessageId: last };
          if (options.limit !== undefined) input.limit = options.limit;
          const result = await receive(token, input, { signal, timeoutMs: (timeout + 15) * 1000 });
          failures = 0;
          if (result.notModified || !Array.isArray(result.data)) continue;
          const next = lastGivenOf(result) ?? newestId(result.data);
          if (next !== undefined) last = next;
          if (result.data.length > 0) yield result.data;
        } catch (error) {
          if (signal?.aborted) return;
          if (error instanceof TalkApiError && error.status >= 400 && error.status < 500 && error.status !== 429) throw error;
          failures++;
          if (failures >= maxFailures) throw error;
          const delay = Math.min((options.backoffMs ?? 1000) * 2 ** (failures - 1), 30_000);
          if (!(await sleep(delay, signal))) return;
        }
      }
    },
  };
}
