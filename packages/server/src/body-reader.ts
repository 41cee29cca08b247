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
 * Read a request body as UTF-8 text, at most `limit` bytes; stops reading and throws
 * {@link BodyTooLargeError} as soon as the limit is passed (without buffering the rest).
 *
 * @example
 * ```ts
 * const text = await readBodyText(request, 1024 * 1024);
 * ```
 */
export async function readBodyText(request: Request, limit: number): Promise<string> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) throw new BodyTooLargeError(limit);
  if (!request.body) return '';
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
  if (chunks.length === 1) return new TextDecoder().decode(chunks[0]);
  return Buffer.concat(chunks, size).toString('utf8');
}
