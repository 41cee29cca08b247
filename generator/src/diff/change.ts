/** How a change affects existing clients of the contract. */
export type Severity = 'breaking' | 'non-breaking' | 'docs-only';

/** Severities from the most to the least serious: the order of every report. */
export const SEVERITIES: readonly Severity[] = ['breaking', 'non-breaking', 'docs-only'];

/** The operation a change belongs to: `DELETE /room/{token}/favorite` (removeConversationFromFavorites). */
export interface OperationRef {
  /** Upper-case HTTP method. */
  method: string;
  /** Path as written in the contract (below the API base for the Talk contract); `webhook:<name>` for a webhook. */
  path: string;
  operationId?: string;
}

/** Where a changed node is written in the source spec (head side, or base side for removals). */
export interface SourceLocation {
  file: string;
  line: number;
}

/**
 * One difference between two contracts.
 *
 * @example
 * ```ts
 * const change: ContractChange = {
 *   id: 'operation-removed',
 *   severity: 'breaking',
 *   operation: { method: 'DELETE', path: '/room/{token}/favorite', operationId: 'removeConversationFromFavorites' },
 *   pointer: '/paths/~1room~1{token}~1favorite/delete',
 *   side: 'base',
 *   versions: ['v4'],
 *   message: 'Removed operation `DELETE /room/{token}/favorite` (removeConversationFromFavorites)',
 * };
 * ```
 */
export interface ContractChange {
  /** Stable rule id, e.g. `response-property-removed`; the key of policy entries. */
  id: string;
  severity: Severity;
  /** Undefined for document-level changes (components, tags). */
  operation?: OperationRef;
  /** JSON pointer of the changed node in the bundled contract of `side` (after following `$ref`s). */
  pointer: string;
  /** Which contract `pointer` points into: the head for additions and modifications, the base for removals. */
  side: 'base' | 'head';
  /** The API versions (slices) in which the change happens, or the slice label of a foreign contract. */
  versions: string[];
  /** What changed, in words a client developer understands. */
  message: string;
  /** The message without the operation's context (a schema field named from its component): the same for every operation it affects. */
  summary?: string;
  /** Source file and line when the contract on `side` was loaded from a source folder. */
  source?: SourceLocation;
  /** Set when a policy entry or the `--allow-breaking` flag accepts this change. */
  accepted?: { reason: string };
}

/** The result of comparing two contracts. */
export interface ContractDiff {
  /** Human label of the base contract (file, folder or `git:<rev>`). */
  base: string;
  head: string;
  /** The slices compared, e.g. `['v1', 'v2', 'v3', 'v4']`. */
  versions: string[];
  changes: ContractChange[];
}

/** Thrown when a contract cannot be loaded (missing file, unknown revision, broken spec). Exit code 2. */
export class ContractLoadError extends Error {
  readonly code = 'CONTRACT_LOAD_FAILED';
  constructor(
    /** The file, folder or revision that failed. */
    readonly input: string,
    /** What went wrong. */
    readonly problem: string,
  ) {
    super(`could not load the contract ${input}: ${problem}`);
    this.name = 'ContractLoadError';
  }
}

/** Thrown for a malformed `contract-policy.yaml`. */
export class ContractPolicyError extends Error {
  readonly code = 'CONTRACT_POLICY_INVALID';
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`invalid contract policy ${file}: ${problem}`);
    this.name = 'ContractPolicyError';
  }
}

/**
 * `METHOD /path` of an operation.
 *
 * @example
 * ```ts
 * formatOperation({ method: 'DELETE', path: '/room/{token}/favorite' }); // 'DELETE /room/{token}/favorite'
 * ```
 */
export function formatOperation(operation: OperationRef): string {
  return `${operation.method} ${operation.path}`;
}

/**
 * Changes in report order: severity, operation, pointer, id.
 *
 * @example
 * ```ts
 * sortChanges(diff.changes)[0].severity; // 'breaking' when there is one
 * ```
 */
export function sortChanges(changes: ContractChange[]): ContractChange[] {
  const rank = (s: Severity) => SEVERITIES.indexOf(s);
  const op = (c: ContractChange) => (c.operation ? `${c.operation.path} ${c.operation.method}` : '');
  return [...changes].sort(
    (a, b) =>
      rank(a.severity) - rank(b.severity) ||
      compareText(op(a), op(b)) ||
      compareText(a.pointer, b.pointer) ||
      compareText(a.id, b.id) ||
      compareText(a.message, b.message),
  );
}

/**
 * Breaking changes that no policy entry accepts: the reason for exit code 1.
 *
 * @example
 * ```ts
 * if (unacceptedBreaking(diff.changes).length > 0) process.exitCode = 1;
 * ```
 */
export function unacceptedBreaking(changes: readonly ContractChange[]): ContractChange[] {
  return changes.filter((c) => c.severity === 'breaking' && !c.accepted);
}

/**
 * Code-unit order: the same on every machine (unlike `localeCompare`), so reports are deterministic.
 *
 * @example
 * ```ts
 * ['b', 'B', 'a'].sort(compareText); // ['B', 'a', 'b']
 * ```
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
