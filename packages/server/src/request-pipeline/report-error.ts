import { TalkResponseError, type TalkResponseErrorCode } from '../errors.js';
import { ocsErrorResponse } from '../ocs-envelope.js';

/**
 * What went wrong when `onError` is called.
 *
 * @example
 * ```ts
 * const onError = (error: unknown, info: TalkErrorInfo) => console.error(`${info.kind} error in ${info.operationId}`, error);
 * ```
 */
export interface TalkErrorInfo {
  operationId: string;
  request: Request;
  /** `handler`: it threw or timed out; `response`: its answer is off-contract; `authenticate`: the hook threw; `internal`: anything else. */
  kind: 'handler' | 'response' | 'authenticate' | 'internal';
}

/** Tells `onError` and answers 500; shared by every stage. */
export interface ErrorReporter {
  /** Tell `onError` (a throwing `onError` is ignored). */
  report(error: unknown, info: TalkErrorInfo): void;
  /** Report `error` and answer 500 `{ error: 'internal' }` (the client learns nothing more). */
  internalError(error: unknown, operationId: string, request: Request, kind: TalkErrorInfo['kind']): Response;
  /** A handler's answer is off-contract: report a {@link TalkResponseError}, answer 500. */
  offContract(request: Request, operationId: string, status: number, code: TalkResponseErrorCode, issues: string[]): Response;
}

const logToConsole = (error: unknown, info: TalkErrorInfo): void => console.error(`[talk-server] ${info.kind} error in ${info.operationId}:`, error);

/**
 * The error reporting of one server (default: `console.error`).
 *
 * @example
 * ```ts
 * const reporter = createErrorReporter((error, info) => log.error(info.kind, error));
 * return reporter.internalError(error, 'sendMessage', request, 'handler'); // a 500 in the OCS envelope
 * ```
 */
export function createErrorReporter(onError: ((error: unknown, info: TalkErrorInfo) => void) | undefined): ErrorReporter {
  const tell = onError ?? logToConsole;
  const report = (error: unknown, info: TalkErrorInfo): void => {
    try {
      tell(error, info);
    } catch {
      // a failing logger must not take the answer down
    }
  };
  const internalError = (error: unknown, operationId: string, request: Request, kind: TalkErrorInfo['kind']): Response => {
    report(error, { operationId, request, kind });
    return ocsErrorResponse(500, { error: 'internal' });
  };
  return {
    report,
    internalError,
    offContract: (request, operationId, status, code, issues) =>
      internalError(new TalkResponseError(code, operationId, status, issues), operationId, request, 'response'),
  };
}
