/** The request body exceeded the configured limit. */
export class BodyTooLargeError extends Error {
  readonly code = 'body-too-large';
  readonly limit: number;
  constructor(limit: number) {
    super(`request body exceeds ${limit} bytes`);
    this.name = 'BodyTooLargeError';
    this.limit = limit;
  }
}

/**
 * Read a request body, at most `limit` bytes; stops reading and throws {@link BodyTooLargeError} as soon as
 * the limit is passed (without buffering the rest).
 *
 * @example
 * ```ts
 * const bytes = await readBodyBytes(request, 1024 * 1024);
 * ```
 */
export async function readBodyBytes(request: Request, limit: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) throw new BodyTooLargeError(limit);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
}
