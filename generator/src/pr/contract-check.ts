// The pull-request contract check: the one script .github/workflows/contract.yml calls. It bundles the spec
// at the base and head revisions, writes the Markdown body of the sticky PR comment, and decides pass/fail.
//
//   npx tsx generator/src/pr/contract-check.ts --base origin/main --head HEAD --labels "a,b" --comment-file comment.md
//
// The head spec is linted first (the same lint as `npm run lint` and `talk-contract bundle`); its problems are
// listed in the comment before the diff.
//
// Exit codes: 0 no unapproved breaking change, 1 unapproved breaking changes, 2 the head spec has lint errors or
// a contract could not be loaded.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { endQuietlyOnBrokenPipe } from '../commands/broken-pipe.js';
import { loadContract as loadLintedContract } from '../diff/load-contract.js';
import { writeFilesAtomically } from '../load/atomic-write.js';
import { formatSpecProblem } from '../load/load-source.js';
import type { LintProblem } from '../load/lint-source.js';
import {
  applyPolicy,
  ContractLoadError,
  ContractPolicyError,
  diffContracts,
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

/** Lint problems listed in the comment; the rest are counted (`npm run lint` shows them all). */
const LINT_LIST_LIMIT = 50;

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
  /** The lint problems of the head spec (errors first). */
  lint?: LintProblem[];
}

/**
 * The lint section of the comment: a verdict line and a table of the problems (file:line, rule, message).
 *
 * @example
 * ```ts
 * renderLintSection([{ severity: 'error', file: 'openapi/paths/room.yaml', line: 12, ruleId: 'no-invalid-media-type-examples', message: '...' }]);
 * // '#### Lint of the head spec: 1 error(s), 0 warning(s)\n\n| | where | rule | problem |\n...'
 * ```
 */
export function renderLintSection(problems: readonly LintProblem[]): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const lines = [`#### Lint of the head spec: ${errors} error(s), ${problems.length - errors} warning(s)`, ''];
  if (problems.length === 0) return `${lines[0]}\n\nNo problems (\`npm run lint\`).\n`;
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
  lines.push('| | where | rule | problem |', '|---|---|---|---|');
  for (const p of problems.slice(0, LINT_LIST_LIMIT)) {
    const where = formatSpecProblem({ ...p, message: '', ruleId: undefined, pointer: undefined }).trim();
    lines.push(
      `| ${p.severity === 'error' ? '❌' : '⚠️'} | \`${cell(where)}\` | \`${p.ruleId ?? ''}\` | ${cell(p.message)}${p.pointer ? ` (at \`${cell(p.pointer)}\`)` : ''} |`,
    );
  }
  if (problems.length > LINT_LIST_LIMIT) lines.push('', `… and ${problems.length - LINT_LIST_LIMIT} more: run \`npm run lint\`.`);
  return lines.join('\n') + '\n';
}

/** `"a, b\nc"` → `['a', 'b', 'c']` (the workflow passes the label names joined by commas or newlines). */
export function parseLabels(text: string | undefined): string[] {
  return (text ?? '')
    .split(/[,\n]/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/**
 * Lint the head spec, compare the contract at `base` with `head`, judge it with the policy and the PR labels,
 * and write the comment body: the verdict, the lint problems of the head spec, then the diff. Lint errors are
 * exit code 2 (the spec would not bundle). Never throws for a contract that cannot be loaded: that is exit code 2 with a comment
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
    const [baseContract, headContract] = await Promise.all([
      loadLintedContract(asRevision(options.base), load),
      loadLintedContract(head, { ...load, lint: true }),
    ]);
    const lint = headContract.lint ?? [];
    const lintErrors = lint.filter((p) => p.severity === 'error').length;
    const raw = diffContracts(baseContract, headContract);
    const policy = readPolicy(path.resolve(repo, options.policy ?? 'contract-policy.yaml'), { optional: options.policy === undefined });
    const diff = {
      ...raw,
      changes: applyPolicy(raw.changes, policy, { allowBreaking: approved, approvedBy: `approved with the \`${APPROVAL_LABEL}\` label` }),
    };
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
    if (lintErrors > 0) {
      verdict = `❌ **The head spec has ${lintErrors} lint error(s)** (the lint of \`npm run lint\` and \`npm run bundle\`, which refuses to bundle it). Fix them first; they are listed below, before the diff.\n\n${verdict}`;
    }
    const lintSection = renderLintSection(lint);
    const report = renderMarkdown(diff, { title: 'Contract diff', maxLength: COMMENT_LIMIT - lintSection.length, fullReportUrl: options.fullReportUrl });
    if (options.fullReportFile)
      await writeFilesAtomically([{ path: path.resolve(repo, options.fullReportFile), content: renderMarkdown(diff, { title: 'Contract diff' }) }]);
    const body = `${COMMENT_MARKER}\n${report.replace(/^### Contract diff\n\n/, `### Contract diff\n\n${verdict}\n\n${lintSection}\n#### Changes\n\n`)}`;
    result = { exitCode: lintErrors > 0 ? 2 : open.length > 0 ? 1 : 0, body, diff, lint };
  } catch (error) {
    if (!(error instanceof ContractLoadError) && !(error instanceof ContractPolicyError)) throw error;
    result = { exitCode: 2, body: `${COMMENT_MARKER}\n### Contract diff\n\n⚠️ **The contract check could not run:** ${error.message}\n` };
  }
  if (options.commentFile) await writeFilesAtomically([{ path: path.resolve(repo, options.commentFile), content: result.body }]);
  return result;
}

async function main(argv: string[]): Promise<number> {
  endQuietlyOnBrokenPipe();
  const program = new Command('contract-check')
    .description(
      'Lint the head spec, compare the contract of a pull request with its base, write the PR comment body, and fail on lint errors or unapproved breaking changes',
    )
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
  const opts = program.opts<{
    base: string;
    head: string;
    labels: string;
    commentFile: string;
    policy?: string;
    specDir: string;
    fullReportFile?: string;
    fullReportUrl?: string;
  }>();
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
