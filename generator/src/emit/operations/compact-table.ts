import { DEFAULT_BASE_PATH } from '../../load/api-versions.js';
import type { OperationRow } from './operation-table.js';
import { tsKey, tsLiteral, tsString } from './ts-literal.js';

const joined = (list: readonly string[]) => (list.length > 0 ? list.join(' ') : undefined);

/**
 * One row of the table as the client bundles it (its shape is declared once, as `CompactOperation` in
 * packages/client/src/operation-info.ts, which type-checks the generated rows): lists as space-separated strings,
 * defaults left out (no query, no body, no headers, no capabilities, not anonymous, the default base, a facade name
 * that is the operationId), no status meanings (those are in `status-meanings.ts`) and no path parameters (the
 * `{names}` of `route`, in order).
 */
function compactRow(row: OperationRow, base: number) {
  return {
    id: row.operationId,
    route: `${row.method} ${row.path}`,
    versions: row.versions.join(' '),
    area: row.area,
    name: row.name === row.operationId ? undefined : row.name,
    old: row.deprecatedName,
    query: joined(row.queryParams),
    body: row.body ? (row.multipart ? ('multipart' as const) : ('json' as const)) : undefined,
    binary: joined(row.binary ?? []),
    statuses: Object.keys(row.statuses).join(' '),
    headers: joined(Object.keys(row.headers)),
    caps: joined(row.capabilities),
    anonymous: row.anonymous ? (true as const) : undefined,
    notModified: row.notModified,
    base: base > 0 ? base : undefined,
  };
}

/** A row of the compact table (see {@link compactRow}). */
export type CompactRow = ReturnType<typeof compactRow>;

/** What the compact table is made of: the rows, the base paths they index, the response headers they name. */
export interface CompactTable {
  basePaths: string[];
  responseHeaders: Record<string, { key: string; type: string }>;
  rows: CompactRow[];
}

/**
 * The compact form of the operation table. Throws when a row cannot be written compactly: a path parameter
 * list that is not the `{names}` of the path, a list item with a space, or one header with two shapes.
 *
 * @example
 * ```ts
 * compactTable(buildOperationTable(context)).rows[0]; // { id: 'addConversationToFavorites', route: 'POST /room/{token}/favorite', … }
 * ```
 */
export function compactTable(rows: readonly OperationRow[]): CompactTable {
  const basePaths = [DEFAULT_BASE_PATH, ...new Set(rows.map((r) => r.basePath).filter((b) => b !== DEFAULT_BASE_PATH))];
  const responseHeaders: CompactTable['responseHeaders'] = {};
  const headerOwner = new Map<string, string>();
  const compact = rows.map((row) => {
    const where = `operation ${row.operationId} (${row.versions.join(', ')})`;
    const fromPath = [...row.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    if (fromPath.join('\n') !== row.pathParams.join('\n')) {
      throw new Error(`${where}: path parameters [${row.pathParams.join(', ')}] are not the {names} of ${row.path}`);
    }
    for (const item of [...row.queryParams, ...(row.binary ?? []), ...row.capabilities, ...Object.keys(row.statuses), ...Object.keys(row.headers)]) {
      if (/\s/.test(item) || item === '') throw new Error(`${where}: "${item}" cannot be written in a space-separated list`);
    }
    for (const [name, info] of Object.entries(row.headers)) {
      const known = responseHeaders[name];
      if (known && (known.key !== info.key || known.type !== info.type)) {
        throw new Error(`${where}: response header ${name} is ${info.type} here but ${known.type} in ${headerOwner.get(name)}`);
      }
      responseHeaders[name] = info;
      if (!headerOwner.has(name)) headerOwner.set(name, where);
    }
    return compactRow(row, basePaths.indexOf(row.basePath));
  });
  const sortedHeaders = Object.fromEntries(Object.entries(responseHeaders).sort(([a], [b]) => a.localeCompare(b)));
  return { basePaths, responseHeaders: sortedHeaders, rows: compact };
}

/** One compact row on one line: `{ id: 'x', route: 'GET /x', … },`. */
export function compactRowSource(row: CompactRow): string {
  const fields = Object.entries(row).filter(([, v]) => v !== undefined);
  return `  { ${fields.map(([k, v]) => `${tsKey(k)}: ${typeof v === 'string' ? tsString(v) : tsLiteral(v)}`).join(', ')} },`;
}

/**
 * The status meanings of every operation: operationId → status → meaning. A status has one meaning in every
 * version that documents it (throws otherwise, naming the operation and status), so the versions share it.
 *
 * @example
 * ```ts
 * statusMeanings(rows).receiveMessages['412']; // 'When the lobby is active …'
 * ```
 */
export function statusMeanings(rows: readonly OperationRow[]): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const row of rows) {
    const meanings = (out[row.operationId] ??= {});
    for (const [status, meaning] of Object.entries(row.statuses)) {
      const known = meanings[status];
      if (known !== undefined && known !== meaning) {
        throw new Error(`operation ${row.operationId}: status ${status} means something else in ${row.versions.join(', ')} than in an earlier version`);
      }
      meanings[status] = meaning;
    }
  }
  for (const id of Object.keys(out)) out[id] = Object.fromEntries(Object.entries(out[id]!).sort(([a], [b]) => a.localeCompare(b)));
  return out;
}
