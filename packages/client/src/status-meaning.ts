import { statusMeanings } from './generated/status-meanings.js';
import type { ApiVersion } from './operation-info.js';
import { allOperationRows, documentedStatus } from './operation-rows.js';

/**
 * What the client calls to explain a status (the `describeStatus` option of `createTalkClient`): operationId,
 * status (the HTTP status of an error; a status key of the table, `'404'`, for `talk.operations`) and API version
 * in, the meaning (or undefined) out.
 */
export type StatusDescriber = (operationId: string, status: number | string, apiVersion: ApiVersion) => string | undefined;

/**
 * The documented meaning of `status` for `operationId`: the contract's description of that status (or of its
 * range `4XX`, or `default`) in `apiVersion` (any version when left out). Undefined when the contract does not
 * document the status for the operation. Pass it as `describeStatus` to `createTalkClient` to get
 * `TalkApiError.meaning` (and the meaning in the error message); the meanings (~6 KB gzipped) are bundled only
 * where it is imported.
 *
 * @example
 * ```ts
 * import { createTalkClient, describeStatus } from '@talk-contract/client';
 *
 * describeStatus('receiveMessages', 412, 'v4'); // 'When the lobby is active and the user is not a moderator. …'
 * const talk = createTalkClient({ baseUrl, apiVersion: 'v4', auth, describeStatus });
 * ```
 */
export function describeStatus(operationId: string, status: number | string, apiVersion?: ApiVersion): string | undefined {
  const meanings = statusMeanings[operationId];
  if (!meanings) return undefined;
  for (const row of allOperationRows()) {
    if (row.operationId !== operationId || (apiVersion !== undefined && !row.versions.includes(apiVersion))) continue;
    const documented = documentedStatus(row.statuses, status);
    if (documented !== undefined) return meanings[documented];
  }
  return undefined;
}
