import { TalkNetworkError, TalkTimeoutError } from './errors.js';

/** A `fetch` as the client calls it. */
export type FetchFunction = (input: Request, init?: RequestInit) => Promise<Response>;

/**
 * Retries of idempotent requests (GET, PUT, DELETE, HEAD) on connection errors, 429 and 503.
 * Delays grow exponentially from `minDelayMs`, `Retry-After` wins when given; both capped at `maxDelayMs`.
 */
export interface RetryOptions {
  /** Attempts after the first one. Default 2. */
  retries?: number;
  /** Default 200 ms. */
  minDelayMs?: number;
  /** Default 10 000 ms. */
  maxDelayMs?: number;
}

/** Options of {@link createTransport}. */
export interface TransportOptions {
  fetch?: FetchFunction;
  /** Per-request timeout; 0 or undefined turns it off. */
  timeoutMs?: number;
  /** Off by default; `true` means the default {@link RetryOptions}. */
  retry?: boolean | RetryOptions;
}

/** Property openapi-fetch copies from the call options onto the `Request`: a per-call timeout. */
export const TIMEOUT_PROPERTY = 'talkTimeoutMs';

const IDEMPOTENT = new Set(['GET', 'PUT', 'DELETE', 'HEAD']);
const RETRY_STATUS = new Set([429, 503]);

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError') || (typeof DOMException !== 'undefined' && error instanceof DOMException && error.name === 'AbortError');
}

/** Milliseconds asked for by a `Retry-After` header (seconds or HTTP date), or undefined. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The `fetch` the client hands to openapi-fetch: adds the timeout, maps connection failures to
 * {@link TalkNetworkError} and timeouts to {@link TalkTimeoutError}, and retries when asked to.
 * A caller's abort is passed through unchanged (an `AbortError`).
 */
export function createTransport(options: TransportOptions): FetchFunction {
  const baseFetch: FetchFunction = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const retry = options.retry === true ? {} : options.retry || undefined;
  const retries = retry ? (retry.retries ?? 2) : 0;
  const minDelay = retry?.minDelayMs ?? 200;
  const maxDelay = retry?.maxDelayMs ?? 10_000;

  const timeoutOf = (request: Request): number => {
    const own = (request as unknown as Record<string, unknown>)[TIMEOUT_PROPERTY];
    return typeof own === 'number' ? own : (options.timeoutMs ?? 0);
  };

  async function once(request: Request, timeoutMs: number): Promise<Response> {
    if (timeoutMs <= 0) {
      try {
        return await baseFetch(request);
      } catch (error) {
        if (request.signal.aborted) throw request.signal.reason;
        if (isAbort(error)) throw error;
        throw new TalkNetworkError(request.url, error);
      }
    }
    const controller = new AbortController();
    const outer = request.signal;
    let timedOut = false;
    let rejectRace: (e: unknown) => void = () => {};
    const race = new Promise<never>((_, reject) => (rejectRace = reject));
    const onOuterAbort = () => {
      controller.abort(outer.reason);
      rejectRace(outer.reason);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      const error = new TalkTimeoutError(request.url, timeoutMs);
      controller.abort(error);
      rejectRace(error);
    }, timeoutMs);
    if (outer.aborted) onOuterAbort();
    else outer.addEventListener('abort', onOuterAbort, { once: true });
    try {
      return await Promise.race([baseFetch(request, { signal: controller.signal }), race]);
    } catch (error) {
      if (timedOut) throw error instanceof TalkTimeoutError ? error : new TalkTimeoutError(request.url, timeoutMs);
      if (outer.aborted || isAbort(error)) throw outer.aborted ? outer.reason : error;
      throw new TalkNetworkError(request.url, error);
    } finally {
      clearTimeout(timer);
      outer.removeEventListener('abort', onOuterAbort);
    }
  }

  if (retries === 0) return (request) => once(request, timeoutOf(request));

  return async (request) => {
    const timeoutMs = timeoutOf(request);
    if (!IDEMPOTENT.has(request.method)) return once(request, timeoutMs);
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= retries;
      const current = last ? request : request.clone();
      let delay: number;
      try {
        const response = await once(current, timeoutMs);
        if (last || !RETRY_STATUS.has(response.status)) return response;
        delay = retryAfterMs(response.headers.get('Retry-After')) ?? minDelay * 2 ** attempt;
        await response.body?.cancel();
      } catch (error) {
        if (last || !(error instanceof TalkNetworkError)) throw error;
        delay = minDelay * 2 ** attempt;
      }
      await sleep(Math.min(delay, maxDelay), request.signal);
    }
  };
}
