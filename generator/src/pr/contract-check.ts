// The pull-request contract check: the one script .github/workflows/contract.yml calls. It bundles the spec
// at the base and head revisions, writes the Markdown body of the sticky PR comment, and decides pass/fail.
//
//   npx tsx generator/src/pr/contract-check.ts --base origin/main --head HEAD --labels "a,b" --comment-file comment.md
//
// Exit codes: 0 no unapproved breaking change, 1 unapproved breaking changes, 2 a contract could not be loaded.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { writeFilesAtomically } from '../load/atomic-write.js';
import {
  applyPolicy,
  ContractLoadError,
  ContractPolicyError,
  diffContracts,
  loadContract,
  readPolicy,
  groupChanges,
  renderMarkdown,
  type ContractDiff,
} from '../diff/index.js';

/** The hidden marker that identifies the sticky comment, so the workflow updates it instead of adding one. */
export const COMMENT_MARKER = '<!-- talk-contract:contract-diff -->';

/** The label that approves the breaking changes of a pull request. */
export const APPROVAL_LABEL = 'breaking-change-approved';

/** GitHub comments hold 65 536 characters; keep room for the header. */
export const COMMENT_LIMIT = 60_000;

/** Options of {@link runContractCheck}. */
export interface ContractCheckOptions {
  /** Base revision, e.g. `origin/main`. */
  base: string;
  /** Head revision (default `HEAD`), or a source folder / bundled file. */
  head?: string;
  /** The PR's labels (names). */
  labels?: readonly string[];
  /** Where to write the comment body (Markdown). */
  commentFile?: string;
  /** Policy file (default `contract-policy.yaml` in the repository, optional). */
  policy?: string;
  /** Repository root (default the working directory). */
  repo?: string;
  /** Spec folder in the repository (default `openapi`). */
  specDir?: string;
  /** Where to write the full, unshortened Markdown report (uploaded by the workflow as an artifact). */
  fullReportFile?: string;
  /** Link to the full report, shown in the comment when it had to be shortened. */
  fullReportUrl?: string;
}

/** Result of {@link runContractCheck}. */
export interface ContractCheckResult {
  exitCode: 0 | 1 | 2;
  /** The comment body (starts with {@link COMMENT_MARKER}). */
  body: string;
  diff?: ContractDiff;
}

/** `"a, b\nc"` → `['a', 'b', 'c']` (the workflow passes the label names joined by commas or newlines). */
export function parseLabels(text: string | undefined): string[] {
  return (text ?? '')
    .split(/[,\n]/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/**
 * Compare the contract at `base` with `head`, judge it with the policy and the PR labels, and write the
 * comment body. Never throws for a contract that cannot be loaded: that is exit code 2 with a comment
 * that says which revision failed and why.
 *
 * @example
 * ```ts
 * const { exitCode, body } = await runContractCheck({ base: 'origin/main', head: 'HEAD', labels: ['breaking-change-approved'] });
 * ```
 */
export async function runContractCheck(options: ContractCheckOptions): Promise<ContractCheckResult> {
  const repo = path.resolve(options.repo ?? process.cwd());
  const head = options.head ?? 'HEAD';
  const approved = (options.labels ?? []).includes(APPROVAL_LABEL);
  let result: ContractCheckResult;
  try {
    const load = { cwd: repo, specDir: options.specDir };
    const asRevision = (rev: string) => (rev.startsWith('git:') ? rev : `git:${rev}`);
    const [baseContract, headContract] = await Promise.all([loadContract(asRevision(options.base), load), loadContract(head, load)]);
    const raw = diffContracts(baseContract, headContract);
    const policy = readPolicy(path.resolve(repo, options.policy ?? 'contract-policy.yaml'), { optional: options.policy === undefined });
    const diff = { ...raw, changes: applyPolicy(raw.changes, policy, { allowBreaking: approved, approvedBy: `approved with the \`${APPROVAL_LABEL}\` label` }) };
    // counted per change (a shared schema change is one), not per operation it affects
    const breaking = groupChanges(diff.changes).filter((e) => e.severity === 'breaking');
    const open = breaking.filter((e) => e.changes.some((c) => !c.accepted));
    let verdict: string;
    if (open.length > 0) {
      verdict = `❌ **${open.length} breaking change(s) not approved.** Clients of the listed API versions break. If that is intended, add the \`${APPROVAL_LABEL}\` label, or accept each change in \`contract-policy.yaml\` (id, operation, reason).`;
    } else if (breaking.length > 0) {
      verdict = `✅ **${breaking.length} breaking change(s) approved** (${approved ? `\`${APPROVAL_LABEL}\` label` : 'contract-policy.yaml'}).`;
    } else {
      verdict = diff.changes.length > 0 ? '✅ No breaking changes.' : '✅ No changes to the contract.';
    }
    const report = renderMarkdown(diff, { title: 'Contract diff', maxLength: COMMENT_LIMIT, fullReportUrl: options.fullReportUrl });
    if (options.fullReportFile) await writeFilesAtomically([{ path: path.resolve(repo, options.fullReportFile), content: renderMarkdown(diff, { title: 'Contract diff' }) }]);
    result = { exitCode: open.length > 0 ? 1 : 0, body: `${COMMENT_MARKER}\n${report.replace(/^### Contract diff\n\n/, `### Contract diff\n\n${verdict}\n\n`)}`, diff };
  } catch (error) {
    if (!(error instanceof ContractLoadError) && !(error instanceof ContractPolicyError)) throw error;
    result = { exitCode: 2, body: `${COMMENT_MARKER}\n### Contract diff\n\n⚠️ **The contract check could not run:** ${error.message}\n` };
  }
  if (options.commentFile) await writeFilesAtomically([{ path: path.resolve(repo, options.commentFile), content: result.body }]);
  return result;
}

async function main(argv: string[]): Promise<number> {
  const program = new Command('contract-check')
    .description('Compare the contract of a pull request with its base, write the PR comment body, and fail on unapproved breaking changes')
    .requiredOption('--base <rev>', 'base revision, e.g. origin/main')
    .option('--head <rev>', 'head revision', 'HEAD')
    .option('--labels <labels>', 'PR label names, comma or newline separated', '')
    .option('--comment-file <file>', 'where to write the Markdown comment body', 'contract-diff-comment.md')
    .option('--policy <file>', 'accepted breaking changes (default contract-policy.yaml when present)')
    .option('--spec-dir <dir>', 'spec folder in the repository', 'openapi')
    .option('--full-report-file <file>', 'also write the full, unshortened report here (the workflow uploads it as an artifact)')
    .option('--full-report-url <url>', 'link to the full report, shown when the comment had to be shortened')
    .exitOverride();
  program.parse(argv);
  const opts = program.opts<{ base: string; head: string; labels: string; commentFile: string; policy?: string; specDir: string; fullReportFile?: string; fullReportUrl?: string }>();
  const result = await runContractCheck({ ...opts, labels: parseLabels(opts.labels) });
  process.stdout.write(result.body);
  return result.exitCode;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`contract-check: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 2;
    },
  );
}
