import { API_VERSIONS, DEFAULT_BASE_PATH } from '../../load/api-versions.js';
import { TALK_RELEASES } from '../../load/talk-releases.js';
import type { Emitter, GenerateContext, GeneratedFile } from '../emitter.js';
import { generatedHeader } from '../header.js';
import { compactRowSource, compactTable, statusMeanings } from './compact-table.js';
import { buildOperationTable, type OperationRow } from './operation-table.js';
import { tsKey, tsLiteral, tsString } from './ts-literal.js';

export { buildOperationTable } from './operation-table.js';
export { compactTable, statusMeanings } from './compact-table.js';
export type { CompactRow, CompactTable } from './compact-table.js';
export type { OperationRow } from './operation-table.js';
export { facadeArea, facadeMethodName, headerKey } from './facade-names.js';

const TS_TYPE: Record<string, string> = { integer: 'number', number: 'number', boolean: 'boolean' };
const RESERVED = new Set(['delete', 'default', 'new', 'function', 'class', 'in', 'of', 'var', 'this']);

function versionInterface(rows: OperationRow[], version: string): string {
  const ops = `Operations${version.toUpperCase()}`;
  const lines: string[] = [];
  for (const row of rows.filter((r) => r.versions.includes(version as OperationRow['versions'][number]))) {
    const op = `${ops}[${tsString(row.operationId)}]`;
    const args = row.pathParams.map((p) => {
      const label = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(p) && !RESERVED.has(p) ? p : `param_${p.replace(/\W/g, '_')}`;
      return `${label}: ${op}['parameters']['path'][${tsString(p)}]`;
    });
    const headers = Object.entries(row.headers).map(([, h]) => `${tsKey(h.key)}?: ${TS_TYPE[h.type] ?? 'string'}`);
    lines.push(
      `  ${tsKey(row.operationId)}: {`,
      `    operationId: ${tsString(row.operationId)};`,
      `    area: ${tsString(row.area)};`,
      `    name: ${tsString(row.name)};`,
      `    operation: ${op};`,
      `    pathArgs: [${args.join(', ')}];`,
      `    headers: {${headers.length ? ` ${headers.join('; ')} ` : ''}};`,
      `    notModified: ${row.notModified ? 'true' : 'false'};`,
      `    binary: ${row.binary ? 'true' : 'false'};`,
      '  };',
    );
  }
  return `/** The facade operations of API ${version}: group, method name, operation types, path arguments, headers. */\nexport interface FacadeOperations${version.toUpperCase()} {\n${lines.join('\n')}\n}\n`;
}

function deprecatedInterface(rows: OperationRow[], version: string): string {
  const areas = new Map<string, string[]>();
  for (const row of rows.filter((r) => r.deprecatedName && r.versions.includes(version as OperationRow['versions'][number]))) {
    (areas.get(row.area) ?? areas.set(row.area, []).get(row.area)!).push(
      `    /** @deprecated Renamed to \`${row.area}.${row.name}\`; this alias is removed in the next minor version. */`,
      `    ${tsKey(row.deprecatedName!)}: FacadeOperations${version.toUpperCase()}[${tsString(row.operationId)}];`,
    );
  }
  const body = [...areas].flatMap(([area, members]) => [`  ${tsKey(area)}: {`, ...members, '  };']);
  return `/** Old facade names of API ${version}, by group: \`@deprecated\` aliases kept for one minor version. */\nexport interface DeprecatedFacadeNames${version.toUpperCase()} {\n${body.join('\n')}${body.length ? '\n' : ''}}\n`;
}

/**
 * Status meanings that many operations share (the 401 and 412 of Nextcloud itself are on every operation): each is
 * declared once as a constant and referenced by the operations.
 */
function shareRepeatedMeanings(meanings: Record<string, Record<string, string>>): { names: Map<string, string>; declarations: string[] } {
  const counts = new Map<string, number>();
  for (const byStatus of Object.values(meanings)) for (const meaning of Object.values(byStatus)) counts.set(meaning, (counts.get(meaning) ?? 0) + 1);
  const repeated = [...counts.entries()]
    .filter(([meaning, n]) => n >= 3 && meaning.length > 40)
    .map(([meaning]) => meaning)
    .sort();
  const names = new Map(repeated.map((meaning, i) => [meaning, `sharedMeaning${i}`]));
  const declarations = repeated.map((meaning, i) => `const sharedMeaning${i} = ${tsString(meaning)};`);
  return { names, declarations: declarations.length > 0 ? ['/** Status meanings shared by many operations. */', ...declarations, ''] : [] };
}

/**
 * The source of `operations.ts`: the compact runtime operation table (what the facade needs, no status meanings)
 * and the per-version facade types.
 */
export function operationTableSource(context: GenerateContext, rows: OperationRow[] = buildOperationTable(context)): string {
  const table = compactTable(rows);
  const imports = API_VERSIONS.map((v) => `import type { operations as Operations${v.toUpperCase()} } from '@talk-contract/types/${v}';`);
  return [
    generatedHeader(context.specHash),
    "import type { CompactOperation, ResponseHeaderInfo } from '../operation-info.js';",
    ...imports,
    '',
    '/** The conversation/participant API versions of the contract, oldest first. */',
    `export const apiVersions = ${tsLiteral(API_VERSIONS)} as const;`,
    '/** The Talk server releases the contract has an exact slice of, oldest first. */',
    `export const talkReleases = ${tsLiteral(TALK_RELEASES)} as const;`,
    '/** The API base of an operation unless it names its own (`{apiVersion}` is replaced by the client version). */',
    `export const defaultBasePath = ${tsString(DEFAULT_BASE_PATH)};`,
    '/** The API bases of the operations; a row without `base` has the first (`{apiVersion}`: the client version). */',
    `export const basePaths: readonly string[] = ${tsLiteral(table.basePaths)};`,
    '/** The documented response headers of every operation: the key in `result.headers` and the JSON schema type. */',
    `export const responseHeaders: Readonly<Record<string, ResponseHeaderInfo>> = ${tsLiteral(table.responseHeaders)};`,
    '',
    '/**',
    ' * Every operation of every API version, compact (see `CompactOperation`): `route` is the method and the path below',
    ' * the base, lists are space-separated, defaults are left out. The status meanings are in `status-meanings.ts`, which',
    ' * a bundle only holds when it uses them. A row applies to the versions it lists.',
    ' */',
    'export const operationRows: readonly CompactOperation[] = [',
    ...table.rows.map(compactRowSource),
    '];',
    '',
    ...API_VERSIONS.map((v) => versionInterface(rows, v)),
    ...API_VERSIONS.map((v) => deprecatedInterface(rows, v)),
    '/** The facade operations of every API version. */',
    'export interface FacadeOperations {',
    ...API_VERSIONS.map((v) => `  ${v}: FacadeOperations${v.toUpperCase()};`),
    '}',
    '',
    '/** The deprecated facade names of every API version. */',
    'export interface DeprecatedFacadeNames {',
    ...API_VERSIONS.map((v) => `  ${v}: DeprecatedFacadeNames${v.toUpperCase()};`),
    '}',
    '',
  ].join('\n');
}

/** The source of `status-meanings.ts`: the documented meaning of every status of every operation. */
export function statusMeaningsSource(context: GenerateContext, rows: OperationRow[] = buildOperationTable(context)): string {
  const meanings = statusMeanings(rows);
  const shared = shareRepeatedMeanings(meanings);
  return [
    generatedHeader(context.specHash),
    ...shared.declarations,
    '/**',
    ' * The documented meaning of each status of each operation (operationId → status → meaning), the same in every',
    ' * API version that documents the status. Only `describeStatus`, `operationTable`, `operationsFor` and',
    ' * `findOperation` read it, so an app that uses none of them does not bundle it.',
    ' */',
    `export const statusMeanings: Readonly<Record<string, Readonly<Record<string, string>>>> = ${tsLiteral(meanings, '', shared.names)};`,
    '',
  ].join('\n');
}

/**
 * `packages/client/src/generated/operations.ts`: the compact operation table (runtime) and facade types;
 * `packages/client/src/generated/status-meanings.ts`: the status meanings, apart so that the facade does not bundle them.
 *
 * @example
 * ```ts
 * const [file] = await operationTableEmitter.emit(context);
 * ```
 */
export const operationTableEmitter: Emitter = {
  name: 'client-operations',
  emit: (context): GeneratedFile[] => {
    const rows = buildOperationTable(context);
    return [
      { path: 'packages/client/src/generated/operations.ts', content: operationTableSource(context, rows) },
      { path: 'packages/client/src/generated/status-meanings.ts', content: statusMeaningsSource(context, rows) },
    ];
  },
};
