/**
 * Why `createTalkServer` refused its options.
 *
 * @example
 * ```ts
 * const code: TalkServerConfigErrorCode = 'unknown-operation';
 * ```
 */
export type TalkServerConfigErrorCode = 'unknown-api-version' | 'unknown-operation' | 'invalid-option' | 'invalid-schema';

/**
 * Thrown by `createTalkServer` at start-up when its options do not fit the contract (never per request).
 *
 * @example
 * ```ts
 * try {
 *   createTalkServer({ apiVersion: 'v4', handlers: { noSuchOperation: () => ({ status: 200, data: [] }) } as never, authenticate });
 * } catch (error) {
 *   if (error instanceof TalkServerConfigError && error.code === 'unknown-operation') console.error(error.detail);
 * }
 * ```
 */
export class TalkServerConfigError extends Error {
  readonly code: TalkServerConfigErrorCode;
  /** The offending value: an operationId, an option name, a version. */
  readonly detail: string;

  constructor(code: TalkServerConfigErrorCode, detail: string, message: string) {
    super(message);
    this.name = 'TalkServerConfigError';
    this.code = code;
    this.detail = detail;
  }
}

/**
 * Why a handler's answer was refused by `validateResponses`.
 *
 * @example
 * ```ts
 * const code: TalkResponseErrorCode = 'undocumented-status';
 * ```
 */
export type TalkResponseErrorCode = 'undocumented-status' | 'invalid-data' | 'invalid-headers' | 'invalid-result';

/**
 * Passed to `onError` when `validateResponses` refuses a handler's answer (the client gets a 500).
 *
 * @example
 * ```ts
 * onError(error) {
 *   if (error instanceof TalkResponseError) console.error(error.operationId, error.status, error.problems);
 * }
 * ```
 */
export class TalkResponseError extends Error {
  readonly code: TalkResponseErrorCode;
  readonly operationId: string;
  /** The status the handler answered with (NaN when it answered no status at all). */
  readonly status: number;
  /** Ajv's messages, `'<instancePath> <message>'`. */
  readonly problems: string[];

  constructor(code: TalkResponseErrorCode, operationId: string, status: number, problems: string[]) {
    super(`${operationId} answered off-contract (${code}, status ${status})${problems.length ? `: ${problems.join('; ')}` : ''}`);
    this.name = 'TalkResponseError';
    this.code = code;
    this.operationId = operationId;
    this.status = status;
    this.problems = problems;
  }
}

/**
 * Passed to `onError` (kind `handler`) when a handler did not settle within `handlerTimeoutMs`; the client
 * got a 504 and the handler's `signal` was aborted with this error.
 *
 * @example
 * ```ts
 * onError(error) {
 *   if (error instanceof TalkHandlerTimeoutError) console.warn(`${error.operationId} took over ${error.timeoutMs} ms`);
 * }
 * ```
 */
export class TalkHandlerTimeoutError extends Error {
  readonly code = 'handler-timeout';
  readonly operationId: string;
  readonly timeoutMs: number;

  constructor(operationId: string, timeoutMs: number) {
    super(`${operationId} did not answer within ${timeoutMs} ms`);
    this.name = 'TalkHandlerTimeoutError';
    this.operationId = operationId;
    this.timeoutMs = timeoutMs;
  }
}
