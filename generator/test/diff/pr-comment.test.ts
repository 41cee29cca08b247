// The PR comment of a change set too large for one comment: every breaking change stays listed, the
// others are left out first, and the footer counts exactly what was left out.
import { describe, expect, it } from 'vitest';
import type { ContractChange, ContractDiff, Severity } from '../../src/diff/change.js';
import { renderMarkdown } from '../../src/diff/render-report.js';
import { COMMENT_LIMIT } from '../../src/pr/contract-check.js';

const ops = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ method: 'GET', path: `/resource-${i}/{id}/with/a/rather/long/path/name`, operationId: `getResource${i}` }));

/** `entries` changes of one severity, each found in `perEntry` operations (one finding per operation). */
function changes(severity: Severity, id: string, entries: number, perEntry: number): ContractChange[] {
  return Array.from({ length: entries }, (_, e) =>
    ops(perEntry).map(
      (operation): ContractChange => ({
        id,
        severity,
        operation,
        pointer: `/components/schemas/Schema${severity.replace('-', '')}${e}/properties/field`,
        side: 'head',
        versions: ['v1', 'v2', 'v3', 'v4'],
        message: `response 200 (application/json): \`ocs.data.field${e}\` changed in a way that is described in a long sentence to make the row long enough for the test`,
        summary: `response \`Schema${severity}${e}.field\` changed in a way that is described in a long sentence to make the row long enough for the test`,
      }),
    ),
  ).flat();
}

function diffOf(breaking: number, nonBreaking: number, docs: number, perEntry: number): ContractDiff {
  return {
    base: 'git:main',
    head: 'HEAD',
    versions: ['v1', 'v2', 'v3', 'v4'],
    changes: [
      ...changes('breaking', 'response-property-removed', breaking, perEntry),
      ...changes('non-breaking', 'response-property-added', nonBreaking, perEntry),
      ...changes('docs-only', 'description-changed', docs, perEntry),
    ],
  };
}

const rowsOf = (report: string, severity: Severity, entries: number) =>
  Array.from({ length: entries }, (_, e) => `Schema${severity.replace('-', '')}${e}/properties/field`).filter((p) => report.includes(`${p}\``)).length;

describe('the PR comment of a change set too large for one comment', () => {
  it.each([
    ['breaking rows fit in full', { breaking: 40, nonBreaking: 600, docs: 500, perEntry: 6 }],
    ['breaking rows must be compacted', { breaking: 120, nonBreaking: 400, docs: 300, perEntry: 40 }],
    ['breaking rows must be minimal', { breaking: 220, nonBreaking: 300, docs: 300, perEntry: 40 }],
    ['breaking rows must be bare (id, versions, operation count, pointer)', { breaking: 330, nonBreaking: 100, docs: 100, perEntry: 40 }],
  ])('%s: every breaking change is listed, the omitted counts are exact', (_name, { breaking, nonBreaking, docs, perEntry }) => {
    const report = renderMarkdown(diffOf(breaking, nonBreaking, docs, perEntry), {
      maxLength: COMMENT_LIMIT,
      fullReportUrl: 'https://example.invalid/run#artifacts',
    });
    expect(report.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(rowsOf(report, 'breaking', breaking)).toBe(breaking);
    const shownNonBreaking = rowsOf(report, 'non-breaking', nonBreaking);
    const shownDocs = rowsOf(report, 'docs-only', docs);
    expect(shownNonBreaking + shownDocs).toBeLessThan(nonBreaking + docs);
    const left = [
      nonBreaking - shownNonBreaking > 0 ? `${nonBreaking - shownNonBreaking} non-breaking` : '',
      docs - shownDocs > 0 ? `${docs - shownDocs} docs-only` : '',
    ]
      .filter(Boolean)
      .join(' and ');
    expect(report).toContain(`Left out for the comment size limit: ${left} change(s)`);
    expect(report).toContain('[the full report](https://example.invalid/run#artifacts)');
    // the summary still counts every change, and the operation-level effects
    expect(report).toContain(`| 🔴 breaking | ${breaking} | ${breaking} | ${breaking} | ${breaking} | ${breaking} | ${breaking * perEntry} |`);
    // severity order: no non-breaking row before the last breaking row
    const lines = report.split('\n');
    const lastBreaking = lines.map((l, i) => (l.startsWith('| 🔴') ? i : -1)).reduce((a, b) => Math.max(a, b));
    const table = lines.findIndex((l) => l.startsWith('| severity | change'));
    const firstOther = lines.findIndex((l, i) => i > table && (l.startsWith('| 🟡') || l.startsWith('| ⚪')));
    if (firstOther >= 0) expect(firstOther).toBeGreaterThan(lastBreaking);
  });

  it('a change set that fits is listed in full, one row per change with every operation', () => {
    const report = renderMarkdown(diffOf(3, 3, 3, 4), { maxLength: COMMENT_LIMIT });
    expect(report).not.toContain('Left out');
    expect(report.split('\n').filter((l) => l.startsWith('| 🔴'))).toHaveLength(3 + 1);
    expect(report).toContain('`GET /resource-3/{id}/with/a/rather/long/path/name`');
  });
});
