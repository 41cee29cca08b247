import { TalkApiError } from './errors.js';
import type { OperationsOf } from './facade-types.js';
import type { ApiVersion } from './operation-info.js';
import { allOperationRows } from './operation-rows.js';

type ResponsesOf<E> = E extends { operation: { responses: infer R } } ? R : never;
type ErrorStatus<R> = { [S in keyof R]: S extends number ? (`${S}` extends `4${string}` | `5${string}` ? S : never) : never }[keyof R];
type OcsErrorData<R> = R extends { content: { 'application/json': { ocs: { data: infer D } } } } ? D : undefined;

/**
 * The error an operation throws for one of its documented error statuses: a union over those statuses, so that
 * checking `status` narrows `data` to the OCS error body the contract documents for it.
 *
 * @example
 * ```ts
 * declare const error: TalkOperationError<'v4', 'setConversationPassword'>;
 * if (error.status === 400) console.log(error.data?.message); // the violated password policy
 * ```
 */
export type TalkOperationError<V extends ApiVersion, Id extends keyof OperationsOf<V>> = {
  [S in ErrorStatus<ResponsesOf<OperationsOf<V>[Id]>>]: TalkApiError<OcsErrorData<ResponsesOf<OperationsOf<V>[Id]>[S]>> & { readonly status: S };
}[ErrorStatus<ResponsesOf<OperationsOf<V>[Id]>>];

/**
 * Whether `error` is a {@link TalkApiError} of `operationId` with a status the contract documents for it; then
 * its `data` is typed per status ({@link TalkOperationError}, API v4 unless `V` is given).
 *
 * @example
 * ```ts
 * try {
 *   await talk.conversations.setPassword(token, { password: 'short' });
 * } catch (error) {
 *   if (isTalkApiError(error, 'setConversationPassword') && error.status === 400) console.log(error.data?.message);
 *   else throw error;
 * }
 * ```
 */
export function isTalkApiError<Id extends keyof OperationsOf<V> & string, V extends ApiVersion = 'v4'>(
  error: unknown,
  operationId: Id,
): error is TalkOperationError<V, Id> {
  if (!(error instanceof TalkApiError) || error.operationId !== operationId) return false;
  const status = String(error.status);
  return allOperationRows().some((row) => row.operationId === operationId && row.statuses.includes(status));
}
