// Writes the rule table of generator/README.md from the rule catalog (src/diff/rules.ts).
//   npm run rule-table --workspace generator
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withRuleTable } from '../src/diff/rule-table-readme.js';

const readme = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../README.md');
const before = readFileSync(readme, 'utf8');
const after = withRuleTable(before);
if (after !== before) writeFileSync(readme, after);
console.log(after === before ? 'README rule table is up to date' : 'wrote the rule table of generator/README.md');
