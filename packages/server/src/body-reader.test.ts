import { describe, expect, it } from 'vitest';
import { BodyTooLargeError, declaresMoreThan, discardBody, readRequestBody } from './body-reader.js';

/** A body that streams `chunks` one by one (no Content-Length), counting how many were pulled. */
function streamed(chunks: Uint8Array[]): { request: Request; pulled: () => number } {
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++]);
      else controller.close();
    },
  });
  return { request: new Request('http://127.0.0.1/x', { method: 'POST', body, duplex: 'half' } as RequestInit), pulled: () => i };
}
const bytes = (n: number) => new Uint8Array(n).fill(120);

describe('readRequestBody', () => {
  it('reads a streamed body within the limit', async () => {
    const { request } = streamed([bytes(3), bytes(4)]);
    expect((await readRequestBody(request, 7)).byteLength).toBe(7);
  });

  it('stops buffering at the limit of a chunked body, then drains the rest to its end', async () => {
    const { request, pulled } = streamed([bytes(4), bytes(4), bytes(4), bytes(4)]);
    const error = await readRequestBody(request, 6).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BodyTooLargeError);
    expect((error as BodyTooLargeError).limit).toBe(6);
    expect(await (error as BodyTooLargeError).drained).toBe(true);
    expect(pulled()).toBe(4);
  });

  it('refuses a declared Content-Length over the limit before reading anything', async () => {
    const request = new Request('http://127.0.0.1/x', { method: 'POST', body: 'x'.repeat(20), headers: { 'content-length': '20' } });
    await expect(readRequestBody(request, 10)).rejects.toBeInstanceOf(BodyTooLargeError);
  });

  it('reads nothing without a body', async () => {
    expect((await readRequestBody(new Request('http://127.0.0.1/x'), 0)).byteLength).toBe(0);
  });
});

describe('discardBody', () => {
  it('cuts off a body over its byte limit', async () => {
    const { request } = streamed([bytes(10), bytes(10), bytes(10)]);
    expect(await discardBody(request.body!.getReader(), { bytes: 15, ms: 1_000 })).toBe(false);
  });

  it('cuts off a body that does not end in time', async () => {
    const never = new ReadableStream<Uint8Array>({ pull: () => new Promise(() => undefined) });
    expect(await discardBody(never.getReader(), { bytes: 1_000, ms: 20 })).toBe(false);
  });

  it.each([
    ['absent', { given: null, limit: 0, want: false }],
    ['within', { given: '10', limit: 10, want: false }],
    ['over', { given: '11', limit: 10, want: true }],
    ['not a number', { given: 'abc', limit: 10, want: false }],
  ])('declaresMoreThan: %s', (_name, { given, limit, want }) => {
    expect(declaresMoreThan(given, limit)).toBe(want);
  });
});
