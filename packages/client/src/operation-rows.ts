import { basePaths, operationRows, responseHeaders } from './generated/operations.js';
import type { ApiVersion, CompactOperation, OperationInfo, ResponseHeaderInfo } from './operation-info.js';

/** An operation as the client runs it: {@link OperationInfo} with the documented statuses only (no meanings). */
export interface OperationRow extends Omit<OperationInfo, 'statuses'> {
  /** The documented statuses, in table order: `['200', '401', '404', '412']`. */
  statuses: readonly string[];
}

const list = (value: string | undefined): string[] => (value ? value.split(' ') : []);

function expand(row: CompactOperation): OperationRow {
  const space = row.route.indexOf(' ');
  const path = row.route.slice(space + 1);
  const headers: Record<string, ResponseHeaderInfo> = {};
  for (const name of list(row.headers)) headers[name] = responseHeaders[name]!;
  // Keys in the order of OperationInfo; optional ones only when set.
  const out: Record<string, unknown> = {
    operationId: row.id,
    method: row.route.slice(0, space),
    path,
    basePath: basePaths[row.base ?? 0]!,
    versions: list(row.versions) as ApiVersion[],
    area: row.area,
    name: row.name ?? row.id,
  };
  if (row.old) out.deprecatedName = row.old;
  out.pathParams = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  out.queryParams = list(row.query);
  out.body = row.body !== undefined;
  if (row.body === 'multipart') out.multipart = true;
  if (row.binary) out.binary = list(row.binary);
  out.statuses = list(row.statuses);
  out.headers = headers;
  out.capabilities = list(row.caps);
  out.anonymous = row.anonymous === true;
  if (row.notModified) out.notModified = row.notModified;
  return out as unknown as OperationRow;
}

let expanded: readonly OperationRow[] | undefined;

/** Every row of the generated table, expanded once (in table order: by operationId, then first version). */
export function allOperationRows(): readonly OperationRow[] {
  return (expanded ??= operationRows.map(expand));
}

/** The rows of one API version, `basePath` made concrete. */
export function operationRowsFor(version: ApiVersion): OperationRow[] {
  const out: OperationRow[] = [];
  for (const row of allOperationRows()) if (row.versions.includes(version)) out.push({ ...row, basePath: row.basePath.replace('{apiVersion}', version) });
  return out;
}

/** The documented status a status code falls under: itself, its range (`4XX`) or `default`. */
export function documentedStatus(statuses: readonly string[], status: number | string): string | undefined {
  const s = String(status);
  if (statuses.includes(s)) return s;
  const range = `${s[0]}XX`;
  if (statuses.includes(range)) return range;
  return statuses.includes('default') ? 'default' : undefined;
}
