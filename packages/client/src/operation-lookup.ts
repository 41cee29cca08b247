import { defaultBasePath as defaultBase, operationTable } from './generated/operations.js';
import type { ApiVersion, OperationInfo } from './operation-info.js';

/** Default API base of the conversation API in `version`. */
export function defaultBasePath(version: ApiVersion): string {
  return defaultBase.replace('{apiVersion}', version);
}

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
