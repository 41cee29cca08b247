import { SEVERITIES, formatOperation, type ContractChange, type ContractDiff, type Severity } from './change.js';
import { groupChanges, type AffectedOperation, type ChangeEntry } from './change-entries.js';

/**
 * Compact list of API versions.
 *
 * @example
 * ```ts
 * formatVersions(['v1', 'v2', 'v3']); // 'v1–v3'
 * formatVersions(['v1', 'v3']);       // 'v1, v3'
 * ```
 */
export function formatVersions(versions: readonly string[]): string {
  const order = ['v1', 'v2', 'v3', 'v4'];
  if (versions.length > 2 && versions.every((v) => order.includes(v))) {
    const idx = versions.map((v) => order.indexOf(v)).sort((a, b) => a - b);
    if (idx[idx.length - 1] - idx[0] === idx.length - 1) return `${order[idx[0]]}–${order[idx[idx.length - 1]]}`;
  }
  return [...versions].join(', ');
}

/** Counts of a report: changes per severity (one per underlying change), accepted ones, and operation-level effects. */
export interface ReportSummary extends Record<Severity, number> {
  accepted: number;
  /** Per-operation findings behind the changes (a shared schema change counts once per operation). */
  operationEffects: number;
}

/**
 * Counts per severity of the underlying changes (and of accepted breaking ones, and the operation-level effects).
 *
 * @example
 * ```ts
 * summarize(diff.changes); // { breaking: 1, 'non-breaking': 4, 'docs-only': 2, accepted: 0, operationEffects: 31 }
 * ```
 */
export function summarize(changes: readonly ContractChange[], entries: readonly ChangeEntry[] = groupChanges(changes)): ReportSummary {
  const counts: ReportSummary = { breaking: 0, 'non-breaking': 0, 'docs-only': 0, accepted: 0, operationEffects: changes.length };
  for (const e of entries) {
    counts[e.severity]++;
    if (e.accepted) counts.accepted++;
  }
  return counts;
}

/** The legend of the API column: what `v1–v4`, `all` and `v3→v4` mean. */
export const API_LEGEND =
  'API: the Talk API versions (slices) in which the change happens, `v1–v3` a range; `all` = a contract without API versions, compared as a whole; `a→b` = slice or label `a` of the base compared with `b` of the head (a version step, or two files of different versions).';

const where = (c: { source?: { file: string; line: number } }) => (c.source ? `${c.source.file}:${c.source.line}` : undefined);
const opName = (o: AffectedOperation) => `${formatOperation(o.operation)}${o.operation.operationId ? ` (${o.operation.operationId})` : ''}`;

const COLORS: Record<Severity | 'accepted' | 'dim' | 'bold', [string, string]> = {
  breaking: ['\u001b[31m', '\u001b[39m'],
  'non-breaking': ['\u001b[33m', '\u001b[39m'],
  'docs-only': ['\u001b[36m', '\u001b[39m'],
  accepted: ['\u001b[32m', '\u001b[39m'],
  dim: ['\u001b[2m', '\u001b[22m'],
  bold: ['\u001b[1m', '\u001b[22m'],
};

function summaryLine(counts: ReportSummary): string {
  return `${counts.breaking} breaking${counts.accepted ? ` (${counts.accepted} accepted)` : ''}, ${counts['non-breaking']} non-breaking, ${counts['docs-only']} docs-only change(s), with ${counts.operationEffects} operation-level effect(s)`;
}

/**
 * The human report: a summary line, then one entry per underlying change, most serious first, with its
 * effect on clients, where it is written and the operations it affects. `color` adds ANSI colours (the CLI
 * sets it on a TTY without `NO_COLOR`).
 *
 * @example
 * ```ts
 * process.stdout.write(renderText(diff, { color: process.stdout.isTTY && !process.env.NO_COLOR }));
 * ```
 */
export function renderText(diff: ContractDiff, options: { color?: boolean } = {}): string {
  const paint = (kind: keyof typeof COLORS, text: string) => (options.color ? `${COLORS[kind][0]}${text}${COLORS[kind][1]}` : text);
  const entries = groupChanges(diff.changes);
  const counts = summarize(diff.changes, entries);
  const lines = [paint('bold', `Contract diff ${diff.base} → ${diff.head} (API ${diff.versions.join(', ')})`), summaryLine(counts)];
  if (diff.changes.length === 0) lines.push('No changes.');
  for (const e of entries) {
    const tag = e.accepted ? paint('accepted', 'accepted') : paint(e.severity, e.severity);
    lines.push('', `${tag} ${e.id}: ${e.message} [${formatVersions(e.versions)}]`);
    lines.push(`    effect: ${e.effect}`);
    lines.push(paint('dim', `    at ${e.pointer}${e.side === 'base' ? ' (base)' : ''}${where(e) ? ` — ${where(e)}` : ''}`));
    if (e.operations.length > 0)
      lines.push(
        `    ${e.operations.length === 1 ? 'operation' : `${e.operations.length} operations`}: ${e.operations.map((o) => `${opName(o)} [${formatVersions(o.versions)}]`).join(', ')}`,
      );
    if (e.accepted) lines.push(paint('dim', `    accepted: ${e.accepted.reason}`));
  }
  if (entries.length > 0) lines.push('', paint('dim', API_LEGEND));
  return lines.join('\n') + '\n';
}

const ICON: Record<Severity, string> = { breaking: '🔴 breaking', 'non-breaking': '🟡 non-breaking', 'docs-only': '⚪ docs-only' };

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Options of {@link renderMarkdown}. */
export interface MarkdownOptions {
  /** Heading of the report (default `Contract diff`). */
  title?: string;
  /**
   * Keep the report under this many characters (GitHub comments hold 65 536): every breaking change stays
   * listed (in a compact row when needed); non-breaking, then docs-only rows are left out first, and the
   * footer says exactly how many of each.
   */
  maxLength?: number;
  /** Where the full report is (the workflow artifact), linked from the footer when rows are left out. */
  fullReportUrl?: string;
}

type RowStyle = 'full' | 'compact' | 'minimal' | 'bare';

function markdownRow(e: ChangeEntry, style: RowStyle): string {
  const severity = e.accepted ? `${ICON[e.severity]} ✅ accepted: ${cell(e.accepted.reason)}` : ICON[e.severity];
  const place = `${where(e) ? `\`${where(e)}\`` : `\`${cell(e.pointer)}\``}${e.side === 'base' ? ' (base)' : ''}`;
  const shownOps = style === 'full' ? e.operations : e.operations.slice(0, style === 'compact' ? 3 : 0);
  const more = e.operations.length - shownOps.length;
  const opList = shownOps.map((o) => `\`${cell(formatOperation(o.operation))}\``).join(', ');
  const ops = e.operations.length === 0 ? '—' : shownOps.length === 0 ? `${more} operation(s)` : `${opList}${more > 0 ? ` and ${more} more` : ''}`;
  const message = style === 'bare' ? '' : style === 'minimal' ? clip(e.message, 100) : e.message;
  const effect = style === 'minimal' || style === 'bare' ? '' : ` — ${cell(e.effect)}`;
  return `| ${severity} | \`${e.id}\` ${cell(message)}${effect} | ${formatVersions(e.versions)} | ${ops} | ${place} |`;
}

const TABLE_HEAD = ['| severity | change — effect on clients | API | operations | where |', '|---|---|---|---|---|'];

/**
 * Markdown for a PR comment or a docs page: a summary table by severity and API version (counting
 * changes, not operations), then one row per change, most serious first, with its effect on clients and
 * the operations it affects. With `maxLength` it never leaves out a breaking change.
 *
 * @example
 * ```ts
 * await writeFile('comment.md', renderMarkdown(diff, { title: 'Contract diff', maxLength: 60_000 }));
 * ```
 */
export function renderMarkdown(diff: ContractDiff, options: MarkdownOptions = {}): string {
  const lines: string[] = [`### ${options.title ?? 'Contract diff'}`, '', `\`${diff.base}\` → \`${diff.head}\``, ''];
  if (diff.changes.length === 0) {
    lines.push('No changes to the contract.');
    return lines.join('\n') + '\n';
  }
  const entries = groupChanges(diff.changes);
  const counts = summarize(diff.changes, entries);
  lines.push(
    `| severity | ${diff.versions.map(cell).join(' | ')} | changes | operation-level effects |`,
    `|---|${diff.versions.map(() => '---:|').join('')}---:|---:|`,
  );
  for (const severity of SEVERITIES) {
    const of = entries.filter((e) => e.severity === severity);
    const accepted = of.filter((e) => e.accepted).length;
    const perVersion = diff.versions.map((v) => String(of.filter((e) => e.versions.includes(v)).length));
    lines.push(
      `| ${ICON[severity]}${severity === 'breaking' && accepted ? ` (${accepted} accepted)` : ''} | ${perVersion.join(' | ')} | ${of.length} | ${of.reduce((n, e) => n + e.changes.length, 0)} |`,
    );
  }
  lines.push('', summaryLine(counts) + '.', '');
  const legend = ['', `_${API_LEGEND}_`];
  const full = [...TABLE_HEAD, ...entries.map((e) => markdownRow(e, 'full'))];
  const fits = (body: string[], extra = 0) => options.maxLength === undefined || [...lines, ...body, ...legend].join('\n').length + extra <= options.maxLength;
  if (fits(full)) return [...lines, ...full, ...legend].join('\n') + '\n';

  // shorten: every breaking change stays (compact, then minimal rows); then fill with the others
  const footerRoom = 400;
  const breaking = entries.filter((e) => e.severity === 'breaking');
  let body = [...TABLE_HEAD, ...breaking.map((e) => markdownRow(e, 'full'))];
  for (const style of ['compact', 'minimal', 'bare'] as const) {
    if (fits(body, footerRoom)) break;
    body = [...TABLE_HEAD, ...breaking.map((e) => markdownRow(e, style))];
  }
  let length = [...lines, ...body, ...legend].join('\n').length + footerRoom;
  const omitted: Record<Severity, number> = { breaking: 0, 'non-breaking': 0, 'docs-only': 0 };
  for (const severity of ['non-breaking', 'docs-only'] as const) {
    for (const e of entries.filter((x) => x.severity === severity)) {
      const row = markdownRow(e, 'compact');
      if (omitted[severity] === 0 && length + row.length + 1 <= options.maxLength!) {
        body.push(row);
        length += row.length + 1;
      } else omitted[severity]++;
    }
  }
  const link = options.fullReportUrl ? `[the full report](${options.fullReportUrl})` : 'the full report (`npm run diff` locally)';
  const left = (['non-breaking', 'docs-only'] as const).filter((s) => omitted[s] > 0).map((s) => `${omitted[s]} ${s}`);
  const footer = `_Every breaking change is listed above. ${left.length > 0 ? `Left out for the comment size limit: ${left.join(' and ')} change(s)` : 'Nothing is left out'}; operation lists are shortened. See ${link}._`;
  return [...lines, ...body, '', footer, ...legend].join('\n') + '\n';
}

/**
 * The JSON report: summary counts plus one entry per change (stable ids, pointers, effect, affected
 * operations with their versions, source locations).
 *
 * @example
 * ```ts
 * JSON.parse(renderJson(diff)).summary.breaking; // 1
 * ```
 */
export function renderJson(diff: ContractDiff): string {
  const entries = groupChanges(diff.changes);
  const changes = entries.map(({ changes: _perOperation, operations, ...entry }) => ({
    ...entry,
    operations: operations.map((o) => ({ ...o.operation, versions: o.versions })),
  }));
  return JSON.stringify({ base: diff.base, head: diff.head, versions: diff.versions, summary: summarize(diff.changes, entries), changes }, null, 2) + '\n';
}
