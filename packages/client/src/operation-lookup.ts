import { defaultBasePath as defaultBase } from './generated/operations.js';
import { statusMeanings } from './generated/status-meanings.js';
import type { ApiVersion, OperationInfo } from './operation-info.js';
import { allOperationRows } from './operation-rows.js';

/** Default API base of the conversation API in `version`. */
export function defaultBasePath(version: ApiVersion): string {
  return defaultBase.replace('{apiVersion}', version);
}

/** Every row with the meanings of its statuses: the public {@link OperationInfo}, keys in the order of the row. */
function tableWithMeanings(): OperationInfo[] {
  return allOperationRows().map((row) => {
    const meanings = statusMeanings[row.operationId] ?? {};
    const info: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row)) {
      info[key] = key === 'statuses' ? Object.fromEntries(row.statuses.map((status) => [status, meanings[status] ?? ''])) : value;
    }
    return info as unknown as OperationInfo;
  });
}

/**
 * Every operation of every API version, with the documented meaning of each status: a row applies to the
 * versions it lists, `basePath` keeps `{apiVersion}` where the operation follows the client version. Expanded
 * from the compact generated table; an app that does not import it (or `operationsFor` / `findOperation`) does
 * not bundle the meanings.
 *
 * @example
 * ```ts
 * import { operationTable } from '@talk-contract/client';
 * operationTable.filter((row) => row.capabilities.includes('reactions')).map((row) => row.operationId);
 * ```
 */
export const operationTable: readonly OperationInfo[] = /* @__PURE__ */ tableWithMeanings();

/**
 * The operations of one API version, with `basePath` made concrete, sorted by operationId.
 *
 * @example
 * ```ts
 * import { operationsFor } from '@talk-contract/client';
 * for (const op of operationsFor('v1')) console.log(op.method, op.basePath + op.path);
 * ```
 */
export function operationsFor(version: ApiVersion): OperationInfo[] {
  return operationTable.filter((row) => row.versions.includes(version)).map((row) => ({ ...row, basePath: row.basePath.replace('{apiVersion}', version) }));
}

/**
 * One operation of one API version by its operationId, or undefined when the version does not have it.
 *
 * @example
 * ```ts
 * findOperation('v4', 'receiveMessages')?.statuses['412']; // 'When the lobby is active …'
 * ```
 */
export function findOperation(version: ApiVersion, operationId: string): OperationInfo | undefined {
  return operationsFor(version).find((op) => op.operationId === operationId);
}
