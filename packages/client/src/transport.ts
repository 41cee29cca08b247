import { TalkError, TalkNetworkError } from './errors.js';

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
  /** Off by default; `true` means the default {@link RetryOptions}. */
  retry?: boolean | RetryOptions;
}

/**
 * Property openapi-fetch copies from the call options onto the `Request`: a {@link CallState} in which the
 * transport notes the request it sends, for the URL in the errors of the layer above (timeouts, error statuses).
 */
export const CALL_STATE_PROPERTY = 'talkCallState';

/** What the transport tells the caller of one openapi-fetch call. */
export interface CallState {
  /** The request as sent (its `url` has the path parameters filled in and the query). */
  request?: Request;
}

const IDEMPOTENT = new Set(['GET', 'PUT', 'DELETE', 'HEAD']);
const RETRY_STATUS = new Set([429, 503]);
/** The body readers openapi-fetch calls (`parseAs`), guarded so that a failure while reading is typed too. */
const BODY_READERS = ['text', 'json', 'arrayBuffer', 'blob'] as const;

function isAbort(error: unknown): boolean {
  return (
    (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) ||
    (typeof DOMException !== 'undefined' && error instanceof DOMException && error.name === 'AbortError')
  );
}

/**
 * What a failure of `fetch` or of reading the body becomes: the signal's reason when the request was aborted
 * (a caller's `AbortError`, or the `TalkTimeoutError` of the deadline), a JSON `SyntaxError` unchanged,
 * anything else a {@link TalkNetworkError}.
 */
export function transportError(request: Request, error: unknown): unknown {
  if (request.signal.aborted) return request.signal.reason;
  if (error instanceof TalkError || error instanceof SyntaxError || isAbort(error)) return error;
  return new TalkNetworkError(request.url, error);
}

function guardBody(response: Response, request: Request): Response {
  if (response.body === null) return response;
  const target = response as unknown as Record<string, () => Promise<unknown>>;
  for (const name of BODY_READERS) {
    const read = target[name];
    if (typeof read !== 'function') continue;
    target[name] = () =>
      read.call(response).catch((error: unknown) => {
        throw transportError(request, error);
      });
  }
  return response;
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
 * The `fetch` the client hands to openapi-fetch: maps connection failures, before the answer or while its body
 * is read, to {@link TalkNetworkError}, notes the request in the call's {@link CallState}, and retries when asked to.
 * An aborted request rejects with the signal's reason unchanged: the caller's `AbortError`, or the
 * `TalkTimeoutError` of the call's deadline (see `call-deadline.ts`). `guardBodies: false` leaves the body
 * readers as they are: for a caller that reads the body itself and maps its errors with {@link transportError}.
 */
export function createTransport(options: TransportOptions, guardBodies = true): FetchFunction {
  const baseFetch: FetchFunction = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const retry = options.retry === true ? {} : options.retry || undefined;
  const retries = retry ? (retry.retries ?? 2) : 0;
  const minDelay = retry?.minDelayMs ?? 200;
  const maxDelay = retry?.maxDelayMs ?? 10_000;

  async function once(request: Request): Promise<Response> {
    let response: Response;
    try {
      response = await baseFetch(request);
    } catch (error) {
      throw transportError(request, error);
    }
    return guardBodies ? guardBody(response, request) : response;
  }

  const note = (request: Request) => {
    const state = (request as unknown as Record<string, CallState | undefined>)[CALL_STATE_PROPERTY];
    if (state) state.request = request;
  };

  if (retries === 0) {
    return (request) => {
      note(request);
      return once(request);
    };
  }

  return async (request) => {
    note(request);
    if (!IDEMPOTENT.has(request.method)) return once(request);
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= retries;
      const current = last ? request : request.clone();
      let delay: number;
      try {
        const response = await once(current);
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
