import { parseAuthorization, type TalkCredentials } from '../basic-auth.js';
import type { CompiledOperation } from '../compiled-contract.js';
import type { TalkAnonymousActor } from '../handler-types.js';
import { ocsErrorResponse } from '../ocs-envelope.js';
import type { ErrorReporter } from './report-error.js';
import type { HeaderReader } from './request-headers.js';

/** `authenticate` as the pipeline calls it. */
export type AuthenticateHook = (input: { credentials: TalkCredentials | null; request: Request; operationId: string }) => unknown;

const ANONYMOUS: TalkAnonymousActor = Object.freeze({ type: 'anonymous' });

/** 401 in the OCS envelope; with a basic challenge when credentials were sent and refused. */
export const unauthorized = (challenge: boolean): Response =>
  ocsErrorResponse(401, { error: 'unauthorized' }, challenge ? { 'www-authenticate': 'Basic realm="Nextcloud"' } : undefined);

/**
 * Nextcloud's rules once `authenticate` has answered: nobody recognised → 401 (with a challenge when
 * credentials were sent), or the anonymous actor where the operation allows it; then the CSRF header
 * (`OCS-APIRequest: true`, else 412). The actor, or the refusal.
 *
 * @example
 * ```ts
 * admitActor(op, null, null, header); // { type: 'anonymous' } for an operation guests may call, else a 401 Response
 * ```
 */
export function admitActor(op: CompiledOperation, credentials: TalkCredentials | null, actor: unknown, header: HeaderReader): unknown {
  if (actor === null || actor === undefined) {
    if (credentials || !op.descriptor.anonymous) return unauthorized(credentials !== null);
    actor = ANONYMOUS;
  }
  if (header('ocs-apirequest') !== 'true') return ocsErrorResponse(412, { message: 'CSRF check failed' });
  return actor;
}

/**
 * Stage 2, authenticate: decode basic credentials (malformed → 401), ask `authenticate` (throwing → 500,
 * reported as `authenticate`), then {@link admitActor}. Returns the actor or a `Response` refusing the
 * request, synchronously while `authenticate` is synchronous, else a Promise of either.
 *
 * @example
 * ```ts
 * const authenticateRequest = createAuthenticationStage(({ credentials }) => users.check(credentials), reporter);
 * const actor = authenticateRequest(op, request, header);
 * ```
 */
export function createAuthenticationStage(
  authenticate: AuthenticateHook,
  reporter: ErrorReporter,
): (op: CompiledOperation, request: Request, header: HeaderReader) => unknown {
  return (op, request, header) => {
    const operationId = op.descriptor.operationId;
    const authorization = parseAuthorization(header('authorization'));
    if (authorization.kind === 'malformed') return unauthorized(true);
    const credentials = authorization.kind === 'basic' ? authorization.credentials : null;
    let actor: unknown;
    try {
      actor = authenticate({ credentials, request, operationId });
    } catch (error) {
      return reporter.internalError(error, operationId, request, 'authenticate');
    }
    if (isPromiseLike(actor)) {
      return Promise.resolve(actor).then(
        (settled) => admitActor(op, credentials, settled, header),
        (error: unknown) => reporter.internalError(error, operationId, request, 'authenticate'),
      );
    }
    return admitActor(op, credentials, actor, header);
  };
}

/** Whether a hook returned a thenable (it is then awaited). */
export const isPromiseLike = (value: unknown): value is PromiseLike<unknown> =>
  value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function';
