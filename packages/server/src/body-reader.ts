/**
 * How much of a refused body is still read (and dropped) so that the client, which may be uploading it
 * slowly, gets the 413 instead of a connection reset: at most this many bytes, for at most this long.
 */
export const BODY_DRAIN_LIMITS: Readonly<{ bytes: number; ms: number }> = Object.freeze({ bytes: 64 * 1024 * 1024, ms: 10_000 });

/**
 * The request body exceeded the configured limit. The rest of the body is being read and dropped (up to
 * {@link BODY_DRAIN_LIMITS}); `drained` tells when that is over.
 *
 * @example
 * ```ts
 * try {
 *   await readRequestBody(request, 1024);
 * } catch (error) {
 *   if (error instanceof BodyTooLargeError) return ocsErrorResponse(413, { error: 'body-too-large' });
 *   throw error;
 * }
 * ```
 */
export class BodyTooLargeError extends Error {
  readonly code = 'body-too-large';
  readonly limit: number;
  /** True once the rest of the body was read to its end; false when it was cut off (over the drain limits, or broken). */
  readonly drained: Promise<boolean>;
  constructor(limit: number, drained: Promise<boolean>) {
    super(`request body exceeds ${limit} bytes`);
    this.name = 'BodyTooLargeError';
    this.limit = limit;
    this.drained = drained;
  }
}

/** Whether a declared `Content-Length` is over `limit` (an unparsable one is left to the HTTP server). */
export const declaresMoreThan = (contentLength: string | null, limit: number): boolean => contentLength !== null && Number(contentLength) > limit;

/**
 * Read and drop what is left of a body, at most `limits.bytes` for at most `limits.ms`; then cancel the
 * stream (on Node this closes the connection). Resolves true when the body ended within the limits.
 *
 * @example
 * ```ts
 * const complete = await discardBody(request.body?.getReader());
 * ```
 */
export async function discardBody(reader: ReadableStreamDefaultReader<Uint8Array> | undefined, limits = BODY_DRAIN_LIMITS): Promise<boolean> {
  if (!reader) return true;
  let cut = false;
  const timer = setTimeout(() => {
    cut = true;
    reader.cancel().catch(() => undefined);
  }, limits.ms);
  timer.unref?.();
  try {
    let bytes = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return !cut;
      bytes += value.byteLength;
      if (bytes > limits.bytes) {
        await reader.cancel().catch(() => undefined);
        return false;
      }
    }
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Read a request body as it streams in, at most `limit` bytes (chunked bodies without `Content-Length`
 * included): nothing past the limit is buffered. Over the limit (declared or streamed) it throws
 * {@link BodyTooLargeError} at once, and keeps reading and dropping the rest in the background (bounded by
 * {@link BODY_DRAIN_LIMITS}) so that the 413 reaches a client still uploading instead of a reset.
 *
 * @example
 * ```ts
 * const bytes = await readRequestBody(request, 1024 * 1024);
 * const text = new TextDecoder().decode(bytes);
 * ```
 */
export async function readRequestBody(request: Request, limit: number): Promise<Uint8Array> {
  if (declaresMoreThan(request.headers.get('content-length'), limit)) throw new BodyTooLargeError(limit, discardBody(request.body?.getReader()));
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) throw new BodyTooLargeError(limit, discardBody(reader));
    chunks.push(value);
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
}
