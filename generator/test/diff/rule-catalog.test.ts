// The rule catalog is the one source of rule ids: the README table is generated from it, every id a rule
// can report is in it, and a finding with an id outside it is refused.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { withRuleTable } from '../../src/diff/rule-table-readme.js';
import { RuleContext } from '../../src/diff/rule-context.js';
import { RULES, ruleEntry, ruleSeverity } from '../../src/diff/rules.js';

const GENERATOR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIFF_SRC = path.join(GENERATOR, 'src/diff');

/** Rule ids written in the rule modules: `id: '…'`, `id: c ? '…' : '…'`, `emit('…'`, and `directional('stem'` for both flows. */
function idsInSource(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of readdirSync(DIFF_SRC).filter((f) => f.endsWith('-rules.ts'))) {
    const text = readFileSync(path.join(DIFF_SRC, file), 'utf8');
    for (const m of text.matchAll(/\bid: '([a-z-]+)'/g)) found.set(m[1], file);
    for (const m of text.matchAll(/\bid: [^,'`]*\? '([a-z-]+)' : '([a-z-]+)'/g)) [m[1], m[2]].forEach((id) => found.set(id, file));
    for (const m of text.matchAll(/\bemit\(\s*(?:flow === 'request' \? )?'([a-z-]+)'(?: : '([a-z-]+)')?/g))
      [m[1], m[2]].filter(Boolean).forEach((id) => found.set(id, file));
    for (const m of text.matchAll(/\bdirectional\('([a-z-]+)'/g)) ['request', 'response'].forEach((flow) => found.set(`${flow}-${m[1]}`, file));
    if (text.includes('directional(`${keyword}-changed`'))
      for (const k of ['pattern', 'format']) for (const flow of ['request', 'response']) found.set(`${flow}-${k}-changed`, file);
  }
  return found;
}

describe('rule catalog', () => {
  it('the README rule table is the one generated from the catalog (npm run rule-table --workspace generator)', () => {
    const readme = readFileSync(path.join(GENERATOR, 'README.md'), 'utf8');
    expect(withRuleTable(readme), 'generator/README.md is out of date: run `npm run rule-table --workspace generator`').toBe(readme);
    for (const id of RULES.keys()) expect(readme).toContain(`| \`${id}\` |`);
  });

  it('every rule id written in the rule modules is in the catalog', () => {
    const ids = idsInSource();
    expect(ids.size).toBeGreaterThan(60);
    const unknown = [...ids].filter(([id]) => !RULES.has(id)).map(([id, file]) => `${id} (${file})`);
    expect(unknown).toEqual([]);
  });

  it('a finding with an id outside the catalog is refused, naming the id', () => {
    const ctx = new RuleContext({}, {});
    expect(() => ctx.add({ id: 'operation-vanished', pointer: '/paths', side: 'base', message: 'x' })).toThrow(
      /`operation-vanished` is not in the rule catalog/,
    );
    expect(() => ruleEntry('nope')).toThrow(/not in the rule catalog/);
  });

  it('fixed severities come from the catalog; directional rules must pass theirs', () => {
    expect(ruleSeverity('operation-removed')).toBe('breaking');
    expect(() => ruleSeverity('operation-removed', 'non-breaking')).toThrow(/breaking in the catalog/);
    expect(() => ruleSeverity('request-type-changed')).toThrow(/by direction/);
    expect(ruleSeverity('request-type-changed', 'non-breaking')).toBe('non-breaking');
  });

  it('every entry has a family, a direction, a description and a client effect', () => {
    for (const entry of RULES.values()) {
      expect(entry.description.length, entry.id).toBeGreaterThan(5);
      expect(entry.effect.length, entry.id).toBeGreaterThan(3);
      expect(['narrowing', 'widening', 'either', 'none']).toContain(entry.direction);
    }
  });
});
