import { SEVERITIES, compareText, formatOperation, type ContractChange, type ContractDiff, type Severity } from './change.js';

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

/**
 * Counts per severity (and of accepted breaking changes).
 *
 * @example
 * ```ts
 * summarize(diff.changes); // { breaking: 1, 'non-breaking': 4, 'docs-only': 2, accepted: 0 }
 * ```
 */
export function summarize(changes: readonly ContractChange[]): Record<Severity, number> & { accepted: number } {
  const counts = { breaking: 0, 'non-breaking': 0, 'docs-only': 0, accepted: 0 };
  for (const c of changes) {
    counts[c.severity]++;
    if (c.accepted) counts.accepted++;
  }
  return counts;
}

/**
 * Changes grouped by operation (`METHOD /path (operationId)`), document-level changes under ''; the groups
 * with the most serious changes first, then in path order.
 *
 * @example
 * ```ts
 * groupByOperation(diff.changes).map((g) => g.title); // ['DELETE /room/{token}/favorite (removeConversationFromFavorites)', ...]
 * ```
 */
export function groupByOperation(changes: readonly ContractChange[]): Array<{ title: string; changes: ContractChange[] }> {
  const groups = new Map<string, ContractChange[]>();
  for (const c of changes) {
    const title = c.operation ? `${formatOperation(c.operation)}${c.operation.operationId ? ` (${c.operation.operationId})` : ''}` : '';
    groups.set(title, [...(groups.get(title) ?? []), c]);
  }
  const rank = (list: ContractChange[]) => Math.min(...list.map((c) => SEVERITIES.indexOf(c.severity)));
  return [...groups]
    .map(([title, list]) => ({ title, changes: list }))
    .sort((a, b) => rank(a.changes) - rank(b.changes) || (a.title === '' ? 1 : 0) - (b.title === '' ? 1 : 0) || compareText(a.title, b.title));
}

const where = (c: ContractChange) => (c.source ? `${c.source.file}:${c.source.line}` : undefined);

const COLORS: Record<Severity | 'accepted' | 'dim' | 'bold', [string, string]> = {
  breaking: ['\u001b[31m', '\u001b[39m'],
  'non-breaking': ['\u001b[33m', '\u001b[39m'],
  'docs-only': ['\u001b[36m', '\u001b[39m'],
  accepted: ['\u001b[32m', '\u001b[39m'],
  dim: ['\u001b[2m', '\u001b[22m'],
  bold: ['\u001b[1m', '\u001b[22m'],
};

/**
 * The human report: a summary line, then the changes grouped by operation, most serious first.
 * `color` adds ANSI colours (the CLI sets it on a TTY without `NO_COLOR`).
 *
 * @example
 * ```ts
 * process.stdout.write(renderText(diff, { color: process.stdout.isTTY && !process.env.NO_COLOR }));
 * ```
 */
export function renderText(diff: ContractDiff, options: { color?: boolean } = {}): string {
  const paint = (kind: keyof typeof COLORS, text: string) => (options.color ? `${COLORS[kind][0]}${text}${COLORS[kind][1]}` : text);
  const counts = summarize(diff.changes);
  const lines = [
    paint('bold', `Contract diff ${diff.base} → ${diff.head} (API ${diff.versions.join(', ')})`),
    `${paint('breaking', `${counts.breaking} breaking`)}${counts.accepted ? ` (${counts.accepted} accepted)` : ''}, ${paint('non-breaking', `${counts['non-breaking']} non-breaking`)}, ${paint('docs-only', `${counts['docs-only']} docs-only`)}`,
  ];
  if (diff.changes.length === 0) lines.push('No changes.');
  for (const group of groupByOperation(diff.changes)) {
    lines.push('', paint('bold', group.title || 'Document'));
    for (const c of group.changes) {
      const tag = c.accepted ? paint('accepted', 'accepted') : paint(c.severity, c.severity);
      lines.push(`  ${tag} ${c.id}: ${c.message} [${formatVersions(c.versions)}]`);
      lines.push(paint('dim', `    at ${c.pointer}${c.side === 'base' ? ' (base)' : ''}${where(c) ? ` — ${where(c)}` : ''}`));
      if (c.accepted) lines.push(paint('dim', `    accepted: ${c.accepted.reason}`));
    }
  }
  return lines.join('\n') + '\n';
}

const ICON: Record<Severity, string> = { breaking: '🔴 breaking', 'non-breaking': '🟡 non-breaking', 'docs-only': '⚪ docs-only' };

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Options of {@link renderMarkdown}. */
export interface MarkdownOptions {
  /** Heading of the report (default `Contract diff`). */
  title?: string;
  /** Stop listing changes after this many characters (GitHub comments hold 65 536); the summary stays complete. */
  maxLength?: number;
}

/**
 * Markdown for a PR comment or a docs page: a summary table by severity and API version, then the
 * changes grouped by operation.
 *
 * @example
 * ```ts
 * await writeFile('comment.md', renderMarkdown(diff, { title: 'Contract diff' }));
 * ```
 */
export function renderMarkdown(diff: ContractDiff, options: MarkdownOptions = {}): string {
  const lines: string[] = [`### ${options.title ?? 'Contract diff'}`, '', `\`${diff.base}\` → \`${diff.head}\``, ''];
  if (diff.changes.length === 0) {
    lines.push('No changes to the contract.');
    return lines.join('\n') + '\n';
  }
  lines.push(`| severity | ${diff.versions.map(cell).join(' | ')} | total |`, `|---|${diff.versions.map(() => '---:|').join('')}---:|`);
  for (const severity of SEVERITIES) {
    const of = diff.changes.filter((c) => c.severity === severity);
    const accepted = of.filter((c) => c.accepted).length;
    const perVersion = diff.versions.map((v) => String(of.filter((c) => c.versions.includes(v)).length));
    lines.push(`| ${ICON[severity]}${severity === 'breaking' && accepted ? ` (${accepted} accepted)` : ''} | ${perVersion.join(' | ')} | ${of.length} |`);
  }
  const body: string[] = [];
  let omitted = 0;
  let length = lines.join('\n').length;
  for (const group of groupByOperation(diff.changes)) {
    const block = ['', `#### ${group.title ? `\`${group.title.replace(/ \(.*\)$/, '')}\`${group.changes[0].operation?.operationId ? ` ${group.changes[0].operation.operationId}` : ''}` : 'Document'}`, '', '| severity | change | API | where |', '|---|---|---|---|'];
    for (const c of group.changes) {
      const severity = c.accepted ? `${ICON[c.severity]} ✅ accepted: ${cell(c.accepted.reason)}` : ICON[c.severity];
      block.push(`| ${severity} | \`${c.id}\` ${cell(c.message)} | ${formatVersions(c.versions)} | ${where(c) ? `\`${where(c)}\`` : `\`${cell(c.pointer)}\``}${c.side === 'base' ? ' (base)' : ''} |`);
    }
    const text = block.join('\n');
    if (options.maxLength !== undefined && length + text.length > options.maxLength) {
      omitted += group.changes.length;
      continue;
    }
    length += text.length;
    body.push(text);
  }
  lines.push(...body);
  if (omitted > 0) lines.push('', `_${omitted} more change(s) not listed here (comment size limit); run \`npm run diff\` locally for the full report._`);
  return lines.join('\n') + '\n';
}

/**
 * The JSON report: summary counts plus every change (stable ids, pointers, versions, source locations).
 *
 * @example
 * ```ts
 * JSON.parse(renderJson(diff)).summary.breaking; // 1
 * ```
 */
export function renderJson(diff: ContractDiff): string {
  return JSON.stringify({ base: diff.base, head: diff.head, versions: diff.versions, summary: summarize(diff.changes), changes: diff.changes }, null, 2) + '\n';
}
