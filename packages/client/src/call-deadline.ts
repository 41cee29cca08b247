import { TalkTimeoutError } from './errors.js';

/**
 * Run one call (an openapi-fetch request, retries and reading the body included) under a deadline of
 * `timeoutMs`. The signal handed to `run` aborts on the caller's `signal` (the call rejects with its reason)
 * or when the time is up (with a {@link TalkTimeoutError} for `url()`); the call settles then even when the
 * `fetch` underneath ignores its signal. `linger`: the caller's signal still aborts after the call resolved
 * (a raw call with `parseAs: 'stream'` hands out a body that is still being read).
 */
export async function withDeadline<T>(
  run: (signal: AbortSignal) => Promise<T>,
  timeoutMs: number,
  outer: AbortSignal | undefined,
  url: () => string,
  linger = false,
): Promise<T> {
  const controller = new AbortController();
  let stop: (reason: unknown) => void = () => {};
  const stopped = new Promise<never>((_, reject) => (stop = reject));
  const abort = (reason: unknown) => {
    controller.abort(reason);
    stop(reason);
  };
  const onAbort = () => abort(outer!.reason);
  if (outer?.aborted) onAbort();
  else outer?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => abort(new TalkTimeoutError(url(), timeoutMs)), timeoutMs);
  let settled = false;
  try {
    const result = await Promise.race([run(controller.signal), stopped]);
    settled = true;
    return result;
  } catch (error) {
    throw controller.signal.aborted ? controller.signal.reason : error;
  } finally {
    clearTimeout(timer);
    if (!(linger && settled)) outer?.removeEventListener('abort', onAbort);
  }
}
