import type { JsonObject } from '../load/slice.js';
import type { OperationRef, Severity } from './change.js';
import { ruleSeverity } from './rules.js';

/** Which way data flows through a schema: clients write requests, servers write responses. */
export type Flow = 'request' | 'response';

/** How the set of values a schema allows moved from base to head. */
export type Direction = 'narrowed' | 'widened' | 'changed';

/**
 * The severity of a change to the values a schema allows: a server that narrows what it accepts breaks
 * clients (request); a server that widens what it sends breaks clients (response). A change that is neither
 * a pure narrowing nor a pure widening breaks both.
 *
 * @example
 * ```ts
 * directionalSeverity('request', 'narrowed'); // 'breaking'
 * directionalSeverity('response', 'narrowed'); // 'non-breaking'
 * ```
 */
export function directionalSeverity(flow: Flow, direction: Direction): Severity {
  if (direction === 'changed') return 'breaking';
  if (flow === 'request') return direction === 'narrowed' ? 'breaking' : 'non-breaking';
  return direction === 'widened' ? 'breaking' : 'non-breaking';
}

/** A change found by a rule, before the operation and API versions are attached. */
export interface Finding {
  /** A rule id of the catalog (`rules.ts`). */
  id: string;
  severity: Severity;
  pointer: string;
  side: 'base' | 'head';
  message: string;
  /** The message without the operation's context (field named from its component), for the per-change report. */
  summary?: string;
  operation?: OperationRef;
}

/** What a rule reports: the severity comes from the catalog unless the rule's severity is by direction. */
export type FindingInput = Omit<Finding, 'operation' | 'severity'> & { severity?: Severity };

/** The two documents being compared plus the memo tables shared by all rules of one comparison. */
export class RuleContext {
  readonly findings: Finding[] = [];
  /** Schema comparisons of `$ref` pairs, reused wherever the same pair of components is compared again. */
  readonly schemaMemo = new Map<string, SchemaFinding[]>();
  /** `$ref` pairs being compared right now: a revisit is a cycle and adds nothing. */
  readonly inProgress = new Set<string>();
  operation?: OperationRef;

  constructor(
    readonly base: JsonObject,
    readonly head: JsonObject,
  ) {}

  add(finding: FindingInput): void {
    this.findings.push({ ...finding, severity: ruleSeverity(finding.id, finding.severity), operation: this.operation });
  }
}

/** A finding inside a schema, with the field path relative to the schema being compared. */
export interface SchemaFinding {
  id: string;
  severity: Severity;
  pointer: string;
  side: 'base' | 'head';
  /** Dotted field path below the compared schema: `ocs.data[].userId`; '' for the schema itself. */
  field: string;
  /** The message, with {@link FIELD} where the full field path goes. */
  text: string;
}

/** Placeholder for the field path in {@link SchemaFinding.text}: filled in once the full path is known. */
export const FIELD = '\u0000field\u0000';

/** `` `ocs.data.name` `` or `the body` when the field path is empty. */
export function fieldName(field: string, whole = 'the value'): string {
  return field === '' ? whole : `\`${field}\``;
}
