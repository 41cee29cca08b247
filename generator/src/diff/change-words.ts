import { formatOperation, type ContractChange } from './change.js';
import { formatVersions } from './render-report.js';

const API_VERSION = /^v\d+$/;

/**
 * One change in words a client developer understands, for changelogs and the "What changed" pages.
 *
 * @example
 * ```ts
 * describeChange(change);
 * // 'Removed operation `DELETE /room/{token}/favorite` (removeConversationFromFavorites) in API v4'
 * ```
 */
export function describeChange(change: ContractChange): string {
  let text = change.message;
  const operationLevel = ['operation-removed', 'path-removed', 'operation-added', 'webhook-removed', 'webhook-added'].includes(change.id);
  if (change.operation && !operationLevel) {
    text = `\`${formatOperation(change.operation)}\`${change.operation.operationId ? ` (${change.operation.operationId})` : ''}: ${text}`;
  } else {
    text = text.charAt(0).toUpperCase() + text.slice(1);
  }
  const versions = change.versions.filter((v) => API_VERSION.test(v));
  if (versions.length > 0 && versions.length === change.versions.length) text += ` in API ${formatVersions(versions)}`;
  return text;
}
