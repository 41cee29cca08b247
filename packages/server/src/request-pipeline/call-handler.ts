import type { CompiledOperation } from '../compiled-contract.js';
import { TalkHandlerTimeoutError } from '../errors.js';
import { ocsErrorResponse } from '../ocs-envelope.js';
import type { ValidatedInput } from '../request-validation.js';
import { isPromiseLike } from './authenticate-request.js';
import type { ErrorReporter } from './report-error.js';

/** A handler as the pipeline calls it. */
export type AnyHandler = (input: object) => unknown;

/** What a handler is called with (see `TalkHandlerInput`): one class, so every call has the same shape. */
export class HandlerCall {
  readonly params: Record<string, unknown>;
  readonly query: Record<string, unknown>;
  readonly body: Record<string, unknown> | undefined;
  constructor(
    readonly operationId: string,
    input: ValidatedInput,
    readonly actor: unknown,
    readonly request: Request,
  ) {
    this.params = input.params;
    this.query = input.query;
    this.body = input.body;
  }

  /** Lazy: creating the AbortSignal costs @hono/node-server an AbortController per request. */
  get signal(): AbortSignal {
    return this.request.signal;
  }
}

/** A call under a time limit: its `signal` also aborts when the limit is over. */
class TimedHandlerCall extends HandlerCall {
  readonly deadline = new AbortController();
  #signal: AbortSignal | undefined;

  override get signal(): AbortSignal {
    return (this.#signal ??= AbortSignal.any([this.request.signal, this.deadline.signal]));
  }
}

/** Turns a handler's settled result into the answer (stage 6). */
export type AnswerStage = (op: CompiledOperation, result: unknown, request: Request) => Response;

/**
 * Stage 5, call: the operation's handler with the validated input (none → 501). A throwing or rejecting
 * handler gives a reported 500; with `handlerTimeoutMs`, one that has not settled by then gives 504
 * `{ error: 'handler-timeout' }`, its `signal` is aborted and `onError` gets a {@link TalkHandlerTimeoutError}.
 * The answer is built by `answer` as soon as the handler settles; synchronous handlers stay synchronous.
 *
 * @example
 * ```ts
 * const call = createHandlerStage({ handlers, handlerTimeoutMs: 30_000, reporter, answer });
 * return call(op, input, actor, request);
 * ```
 */
export function createHandlerStage(options: {
  handlers: ReadonlyMap<string, AnyHandler>;
  handlerTimeoutMs: number | undefined;
  reporter: ErrorReporter;
  answer: AnswerStage;
}): (op: CompiledOperation, input: ValidatedInput, actor: unknown, request: Request) => Response | Promise<Response> {
  const { handlers, handlerTimeoutMs, reporter, answer } = options;

  const withTimeLimit = (op: CompiledOperation, call: TimedHandlerCall, pending: PromiseLike<unknown>, limit: number): Promise<Response> =>
    new Promise<Response>((resolve) => {
      const { operationId, request } = call;
      let open = true;
      const timer = setTimeout(() => {
        open = false;
        const error = new TalkHandlerTimeoutError(operationId, limit);
        call.deadline.abort(error);
        reporter.report(error, { operationId, request, kind: 'handler' });
        resolve(ocsErrorResponse(504, { error: 'handler-timeout' }));
      }, limit);
      Promise.resolve(pending).then(
        (settled) => {
          if (!open) return;
          clearTimeout(timer);
          resolve(answer(op, settled, request));
        },
        (error: unknown) => {
          if (!open) return;
          clearTimeout(timer);
          resolve(reporter.internalError(error, operationId, request, 'handler'));
        },
      );
    });

  return (op, input, actor, request) => {
    const operationId = op.descriptor.operationId;
    const handler = handlers.get(operationId);
    if (!handler) return ocsErrorResponse(501, { error: 'not-implemented', operationId });
    const call =
      handlerTimeoutMs === undefined ? new HandlerCall(operationId, input, actor, request) : new TimedHandlerCall(operationId, input, actor, request);
    let result: unknown;
    try {
      result = handler(call);
    } catch (error) {
      return reporter.internalError(error, operationId, request, 'handler');
    }
    if (!isPromiseLike(result)) return answer(op, result, request);
    if (call instanceof TimedHandlerCall) return withTimeLimit(op, call, result, handlerTimeoutMs as number);
    return Promise.resolve(result).then(
      (settled) => answer(op, settled, request),
      (error: unknown) => reporter.internalError(error, operationId, request, 'handler'),
    );
  };
}
