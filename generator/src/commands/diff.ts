import path from 'node:path';
import { writeFilesAtomically } from '../load/atomic-write.js';
import {
  applyPolicy,
  diffContracts,
  diffVersionStep,
  groupChanges,
  loadContract,
  readPolicy,
  renderJson,
  renderMarkdown,
  renderText,
  unacceptedBreaking,
  type ContractDiff,
} from '../diff/index.js';

/** Report formats of `talk-contract diff`. */
export type DiffFormat = 'text' | 'markdown' | 'json';

/** Exit codes of `talk-contract diff`. */
export const DIFF_EXIT = { ok: 0, breaking: 1, loadFailed: 2 } as const;

/** Options of {@link runDiff} (the flags of `talk-contract diff`). */
export interface DiffCommandOptions {
  /** Base contract: file, folder, or git revision (default `HEAD`). */
  base?: string;
  /** Head contract: file, folder, or git revision (default the `openapi` folder). */
  head?: string;
  /** Compare two API version slices of the head contract instead of base and head. */
  fromVersion?: string;
  toVersion?: string;
  format?: DiffFormat;
  /** Write the report to this file (atomically) instead of returning it for stdout. */
  output?: string;
  /** Accept every breaking change. */
  allowBreaking?: boolean;
  /** Policy file with accepted breaking changes (default `contract-policy.yaml`, optional). */
  policy?: string;
  /** ANSI colours in the text report. */
  color?: boolean;
  /** Working directory: relative paths and git revisions are resolved here. */
  cwd?: string;
  /** Spec folder inside the repository (default `openapi`). */
  specDir?: string;
}

/** What {@link runDiff} found and the exit code the CLI should end with. */
export interface DiffCommandResult {
  diff: ContractDiff;
  report: string;
  exitCode: number;
  /** The changes the report lists: one per underlying change (a shared schema field counts once, not per operation). */
  changeCount: number;
}

/**
 * `talk-contract diff`: load both contracts, compare them per API version, apply the policy, render the
 * report and decide the exit code (1 when a breaking change is not accepted; version-step reports always 0).
 * Throws `ContractLoadError` (exit code 2 in the CLI) when a contract cannot be loaded.
 *
 * @example
 * ```ts
 * const { report, exitCode } = await runDiff({ base: 'origin/main', head: 'openapi', format: 'markdown' });
 * ```
 */
export async function runDiff(options: DiffCommandOptions): Promise<DiffCommandResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const load = { cwd, specDir: options.specDir };
  let diff: ContractDiff;
  const versionStep = options.fromVersion !== undefined || options.toVersion !== undefined;
  if (versionStep) {
    if (!options.fromVersion || !options.toVersion) throw new Error('--from-version and --to-version go together');
    const contract = await loadContract(options.head ?? options.specDir ?? 'openapi', load);
    diff = diffVersionStep(contract, options.fromVersion, options.toVersion);
  } else {
    const [base, head] = await Promise.all([loadContract(options.base ?? 'HEAD', load), loadContract(options.head ?? options.specDir ?? 'openapi', load)]);
    diff = diffContracts(base, head);
    const policyFile = path.resolve(cwd, options.policy ?? 'contract-policy.yaml');
    const policy = readPolicy(policyFile, { optional: options.policy === undefined });
    diff = { ...diff, changes: applyPolicy(diff.changes, policy, { allowBreaking: options.allowBreaking }) };
  }
  const format = options.format ?? 'text';
  const report =
    format === 'json'
      ? renderJson(diff)
      : format === 'markdown'
        ? renderMarkdown(diff, versionStep ? { title: `What changed from API ${options.fromVersion} to ${options.toVersion}` } : {})
        : renderText(diff, { color: options.color && !options.output });
  if (options.output) await writeFilesAtomically([{ path: path.resolve(cwd, options.output), content: report }]);
  const exitCode = !versionStep && unacceptedBreaking(diff.changes).length > 0 ? DIFF_EXIT.breaking : DIFF_EXIT.ok;
  return { diff, report, exitCode, changeCount: groupChanges(diff.changes).length };
}
