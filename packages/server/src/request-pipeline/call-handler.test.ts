import { describe, expect, it } from 'vitest';
import { compileContract } from '../compiled-contract.js';
import { TalkHandlerTimeoutError } from '../errors.js';
import { contracts } from '../generated/index.js';
import { createHandlerStage, HandlerCall, type AnyHandler } from './call-handler.js';
import { createErrorReporter } from './report-error.js';

const op = [...compileContract(contracts.v4).operations.values()][0];
const operationId = op.descriptor.operationId;
const input = { params: { token: 't' }, query: {}, body: undefined };
const request = new Request('http://127.0.0.1/x');

function stage(handler: AnyHandler | undefined, handlerTimeoutMs?: number) {
  const reports: Array<{ kind: string; error: unknown }> = [];
  const answered: unknown[] = [];
  const call = createHandlerStage({
    handlers: new Map(handler ? [[operationId, handler]] : []),
    handlerTimeoutMs,
    reporter: createErrorReporter((error, info) => reports.push({ kind: info.kind, error })),
    answer: (_op, result) => (answered.push(result), new Response('answered')),
  });
  return { call: () => call(op, input, { type: 'users', id: 'alice' }, request), reports, answered };
}
const dataOf = async (res: Response) => ((await res.json()) as { ocs: { data: unknown } }).ocs.data;

describe('createHandlerStage', () => {
  it('501 without a handler', async () => {
    const res = stage(undefined).call() as Response;
    expect(res.status).toBe(501);
    expect(await dataOf(res)).toEqual({ error: 'not-implemented', operationId });
  });

  it('calls a synchronous handler synchronously with one HandlerCall, whose signal is the request’s', () => {
    let seen: unknown;
    const s = stage((call) => ((seen = call), { status: 200 }));
    expect(s.call()).toBeInstanceOf(Response);
    expect(seen).toBeInstanceOf(HandlerCall);
    expect(seen).toMatchObject({ operationId, params: input.params, actor: { type: 'users', id: 'alice' }, request });
    expect((seen as HandlerCall).signal).toBe(request.signal);
    expect(s.answered).toEqual([{ status: 200 }]);
  });

  it('a throwing or rejecting handler is a 500 reported as handler', async () => {
    const throwing = stage(() => {
      throw new Error('boom');
    });
    expect((throwing.call() as Response).status).toBe(500);
    const rejecting = stage(() => Promise.reject(new Error('async boom')));
    expect((await rejecting.call()).status).toBe(500);
    expect([...throwing.reports, ...rejecting.reports].map((r) => [r.kind, (r.error as Error).message])).toEqual([
      ['handler', 'boom'],
      ['handler', 'async boom'],
    ]);
  });

  it('with a time limit: 504 and an aborted signal when the handler does not settle; nothing once it is answered', async () => {
    let signal: AbortSignal | undefined;
    const s = stage((call) => {
      signal = (call as HandlerCall).signal;
      return new Promise(() => undefined);
    }, 20);
    const res = await s.call();
    expect(res.status).toBe(504);
    expect(await dataOf(res)).toEqual({ error: 'handler-timeout' });
    expect(signal?.aborted).toBe(true);
    expect(s.reports.map((r) => [r.kind, r.error instanceof TalkHandlerTimeoutError])).toEqual([['handler', true]]);
    expect(s.answered).toEqual([]);

    let late: (value: unknown) => void = () => undefined;
    const slow = stage(() => new Promise((resolve) => (late = resolve)), 20);
    expect((await slow.call()).status).toBe(504);
    late({ status: 200 });
    await new Promise((r) => setTimeout(r, 5));
    expect(slow.answered).toEqual([]);

    const quick = stage(async () => ({ status: 200 }), 1_000);
    expect(await (await quick.call()).text()).toBe('answered');
    expect(quick.reports).toEqual([]);
  });
});
