import { existsSync, readFileSync } from 'node:fs';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { ContractPolicyError, formatOperation, type ContractChange } from './change.js';
import { isObject } from './resolve.js';
import { RULES } from './rules.js';

/** One accepted breaking change of `contract-policy.yaml`. */
export interface PolicyEntry {
  /** Change id, e.g. `operation-removed`. */
  id: string;
  /** `METHOD /path` or the operationId; omit only for document-level changes (components, tags). */
  operation?: string;
  /** Only in these API versions (default: all). */
  versions?: string[];
  /** Why the break is accepted: shown in reports and the PR comment. */
  reason: string;
  /** Line of the entry in the policy file (for error messages). */
  line?: number;
}

/** The parsed `contract-policy.yaml`. */
export interface ContractPolicy {
  accepted: PolicyEntry[];
  /** The policy file (for error messages). */
  file?: string;
}

/**
 * Read a policy file. A missing file is an empty policy when `optional` is set.
 *
 * @example
 * ```ts
 * const policy = readPolicy('contract-policy.yaml', { optional: true });
 * // contract-policy.yaml:
 * // accepted:
 * //   - id: operation-removed
 * //     operation: DELETE /room/{token}/favorite
 * //     reason: Favorites moved to the conversation settings in Talk 20.
 * ```
 */
export function readPolicy(file: string, options: { optional?: boolean } = {}): ContractPolicy {
  if (!existsSync(file)) {
    if (options.optional) return { accepted: [] };
    throw new ContractPolicyError(file, 'no such file');
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter });
  if (doc.errors.length > 0) throw new ContractPolicyError(file, `not valid YAML: ${doc.errors[0].message}`);
  const list = isMap(doc.contents) ? doc.contents.get('accepted', true) : undefined;
  const lines = isSeq(list)
    ? list.items.map((item) => {
        const range = (item as { range?: [number, number, number] } | null)?.range;
        return range ? lineCounter.linePos(range[0]).line : undefined;
      })
    : [];
  return parsePolicy(doc.toJS() as unknown, file, lines);
}

/**
 * Validate the parsed YAML of a policy file; throws {@link ContractPolicyError} saying what is wrong.
 *
 * @example
 * ```ts
 * parsePolicy({ accepted: [{ id: 'tag-removed', reason: 'merged into conversation' }] });
 * ```
 */
export function parsePolicy(raw: unknown, file = 'contract-policy.yaml', lines: ReadonlyArray<number | undefined> = []): ContractPolicy {
  if (raw === null || raw === undefined) return { accepted: [], file };
  if (!isObject(raw)) throw new ContractPolicyError(file, 'expected a mapping with an `accepted` list');
  const list = raw.accepted ?? [];
  if (!Array.isArray(list)) throw new ContractPolicyError(file, '`accepted` must be a list');
  const accepted = list.map((entry, i): PolicyEntry => {
    const at = lines[i] !== undefined ? `:${lines[i]}` : '';
    if (!isObject(entry)) throw new ContractPolicyError(file, `accepted[${i}] must be a mapping`);
    if (typeof entry.id !== 'string' || entry.id === '')
      throw new ContractPolicyError(file, `accepted[${i}] needs an \`id\` (the change id, e.g. operation-removed)`);
    if (!RULES.has(entry.id))
      throw new ContractPolicyError(`${file}${at}`, `accepted[${i}]: unknown rule id \`${entry.id}\` (see the rule table in generator/README.md)`);
    if (typeof entry.reason !== 'string' || entry.reason.trim() === '') throw new ContractPolicyError(file, `accepted[${i}] (${entry.id}) needs a \`reason\``);
    if (entry.operation !== undefined && typeof entry.operation !== 'string')
      throw new ContractPolicyError(file, `accepted[${i}].operation must be "METHOD /path" or an operationId`);
    if (entry.versions !== undefined && (!Array.isArray(entry.versions) || entry.versions.some((v) => typeof v !== 'string'))) {
      throw new ContractPolicyError(file, `accepted[${i}].versions must be a list of API versions`);
    }
    return {
      id: entry.id,
      reason: entry.reason.trim(),
      ...(lines[i] !== undefined ? { line: lines[i] } : {}),
      ...(typeof entry.operation === 'string' ? { operation: entry.operation.trim() } : {}),
      ...(Array.isArray(entry.versions) ? { versions: entry.versions.map(String) } : {}),
    };
  });
  return { accepted, file };
}

function matches(entry: PolicyEntry, change: ContractChange): boolean {
  if (entry.id !== change.id) return false;
  if (entry.operation === undefined) {
    if (change.operation) return false;
  } else {
    if (!change.operation) return false;
    const [method, ...rest] = entry.operation.split(/\s+/);
    const byPath = rest.length > 0 && method.toUpperCase() === change.operation.method && rest.join(' ') === change.operation.path;
    if (!byPath && entry.operation !== change.operation.operationId) return false;
  }
  return entry.versions === undefined || change.versions.every((v) => entry.versions!.includes(v));
}

/**
 * Mark the breaking changes that the policy (or `allowBreaking`) accepts. Returns new change objects.
 *
 * @example
 * ```ts
 * const judged = applyPolicy(diff.changes, policy, { allowBreaking: false });
 * unacceptedBreaking(judged).length; // 0 when every break is listed in the policy
 * ```
 */
export function applyPolicy(
  changes: readonly ContractChange[],
  policy: ContractPolicy,
  options: { allowBreaking?: boolean; approvedBy?: string } = {},
): ContractChange[] {
  const used = new Set<PolicyEntry>();
  const judged = changes.map((change) => {
    if (change.severity !== 'breaking' || change.accepted) return change;
    const entry = policy.accepted.find((e) => matches(e, change));
    if (entry) {
      used.add(entry);
      return { ...change, accepted: { reason: entry.reason } };
    }
    if (options.allowBreaking) return { ...change, accepted: { reason: options.approvedBy ?? 'allowed with --allow-breaking' } };
    return change;
  });
  const stale = policy.accepted.find((e) => !used.has(e));
  if (stale) {
    const where = `${policy.file ?? 'contract-policy.yaml'}${stale.line !== undefined ? `:${stale.line}` : ''}`;
    throw new ContractPolicyError(
      where,
      `the entry \`${stale.id}\`${stale.operation ? ` for \`${stale.operation}\`` : ''}${stale.versions ? ` in ${stale.versions.join(', ')}` : ''} matches no breaking change of this diff (remove it, or fix its id, operation or versions)`,
    );
  }
  return judged;
}

export { formatOperation };
