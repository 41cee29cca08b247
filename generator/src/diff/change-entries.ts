import { SEVERITIES, compareText, type ContractChange, type OperationRef, type Severity, type SourceLocation } from './change.js';
import { clientEffect } from './rules.js';

/** One operation a change affects, with the API versions it affects it in. */
export interface AffectedOperation {
  operation: OperationRef;
  versions: string[];
}

/**
 * One underlying change of the contract (a field of a shared schema, an operation, a component), with
 * every operation it affects: the unit of every report. The per-operation findings are in `changes`.
 *
 * @example
 * ```ts
 * const [entry] = groupChanges(diff.changes);
 * entry.operations.length; // 28 when a shared enum gained a value
 * ```
 */
export interface ChangeEntry {
  id: string;
  severity: Severity;
  /** What changed, independent of the operation (a schema field is named from its component). */
  message: string;
  /** What it means for a client, from the rule catalog. */
  effect: string;
  pointer: string;
  side: 'base' | 'head';
  source?: SourceLocation;
  /** Union of the versions of every affected operation. */
  versions: string[];
  operations: AffectedOperation[];
  /** Set when every per-operation finding is accepted (the first reason). */
  accepted?: { reason: string };
  changes: ContractChange[];
}

const entryKey = (c: ContractChange) => [c.id, c.severity, c.side, c.pointer, c.summary ?? c.message].join('\u0000');

/**
 * The per-operation findings grouped into one entry per underlying change, most serious first, then by id
 * and pointer (deterministic).
 *
 * @example
 * ```ts
 * groupChanges(diff.changes).filter((e) => e.severity === 'breaking').length; // what the summary counts
 * ```
 */
export function groupChanges(changes: readonly ContractChange[]): ChangeEntry[] {
  const groups = new Map<string, ContractChange[]>();
  for (const change of changes) {
    const key = entryKey(change);
    const list = groups.get(key);
    if (list) list.push(change);
    else groups.set(key, [change]);
  }
  const entries = [...groups.values()].map((list): ChangeEntry => {
    const first = list[0];
    const sameMessage = list.every((c) => c.message === first.message);
    const versions: string[] = [];
    const operations: AffectedOperation[] = [];
    for (const change of list) {
      for (const v of change.versions) if (!versions.includes(v)) versions.push(v);
      if (!change.operation) continue;
      const known = operations.find((o) => o.operation.method === change.operation!.method && o.operation.path === change.operation!.path);
      if (!known) {
        operations.push({ operation: change.operation, versions: [...change.versions] });
        continue;
      }
      for (const v of change.versions) if (!known.versions.includes(v)) known.versions.push(v);
    }
    operations.sort((a, b) => compareText(a.operation.path, b.operation.path) || compareText(a.operation.method, b.operation.method));
    const accepted = list.every((c) => c.accepted) ? first.accepted : undefined;
    return {
      id: first.id,
      severity: first.severity,
      message: sameMessage ? first.message : (first.summary ?? first.message),
      effect: clientEffect(first.id, first.severity),
      pointer: first.pointer,
      side: first.side,
      ...(first.source ? { source: first.source } : {}),
      versions,
      operations,
      ...(accepted ? { accepted } : {}),
      changes: list,
    };
  });
  const rank = (s: Severity) => SEVERITIES.indexOf(s);
  return entries.sort(
    (a, b) => rank(a.severity) - rank(b.severity) || compareText(a.id, b.id) || compareText(a.pointer, b.pointer) || compareText(a.message, b.message),
  );
}
