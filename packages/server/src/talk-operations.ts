import { contracts } from './generated/index.js';
import type { ApiVersion, TalkOperationId } from './handler-types.js';

/**
 * Run-time facts about one operation of a slice.
 *
 * @example
 * ```ts
 * const info: TalkOperationInfo<'v4'> | undefined = talkOperations('v4').find((op) => op.operationId === 'receiveMessages');
 * info?.path; // '/ocs/v2.php/apps/spreed/api/v1/chat/{token}'
 * ```
 */
export interface TalkOperationInfo<V extends ApiVersion = ApiVersion> {
  operationId: TalkOperationId<V>;
  method: 'get' | 'put' | 'post' | 'delete' | 'patch';
  /** Concrete path: `/ocs/v2.php/apps/spreed/api/v4/room/{token}`. */
  path: string;
  /** Whether guests may call it without credentials. */
  anonymous: boolean;
  /** The documented statuses: `['200', '304', '404']`. */
  statuses: string[];
}

/**
 * The operations of one API version slice, sorted by operationId.
 *
 * @example
 * ```ts
 * talkOperations('v4').filter((op) => op.anonymous).map((op) => op.operationId);
 * ```
 */
export function talkOperations<V extends ApiVersion>(apiVersion: V): TalkOperationInfo<V>[] {
  return contracts[apiVersion].operations.map((op) => ({
    operationId: op.operationId as TalkOperationId<V>,
    method: op.method,
    path: op.path,
    anonymous: op.anonymous,
    statuses: op.responses.map((r) => r.status),
  }));
}
