import { renderRuleTable } from './rules.js';

/** Markers around the generated rule table in generator/README.md. */
export const RULE_TABLE_START = '<!-- rule-table:start (generated from src/diff/rules.ts by `npm run rule-table --workspace generator`; do not edit) -->';
export const RULE_TABLE_END = '<!-- rule-table:end -->';

/**
 * The README text with the rule table between the markers replaced by the one generated from the catalog.
 * Throws when the markers are missing.
 *
 * @example
 * ```ts
 * writeFileSync('README.md', withRuleTable(readFileSync('README.md', 'utf8')));
 * ```
 */
export function withRuleTable(readme: string): string {
  const start = readme.indexOf(RULE_TABLE_START);
  const end = readme.indexOf(RULE_TABLE_END);
  if (start < 0 || end < start) throw new Error(`the README has no rule table markers (${RULE_TABLE_START} … ${RULE_TABLE_END})`);
  return `${readme.slice(0, start + RULE_TABLE_START.length)}\n\n${renderRuleTable()}\n\n${readme.slice(end)}`;
}
