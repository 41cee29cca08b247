// Add fields to every example object that looks like a given schema (by signature keys).
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { parseDocument, isMap, isSeq, visit } from 'yaml';
const opts = { lineWidth: 0, singleQuote: true };
const RULES = [
  { looksLike: ['token', 'participantType', 'lastPing', 'readOnly'], add: { notificationCalls: 1, mentionPermissions: 0, isArchived: false, isImportant: false, isSensitive: false } },
];
const files = [];
const walk = (d) => { for (const f of readdirSync(d)) { const p = `${d}/${f}`; if (statSync(p).isDirectory()) walk(p); else if (p.endsWith('.yaml')) files.push(p); } };
walk('/work/main/openapi/paths'); walk('/work/main/openapi/components/examples');
for (const file of files) {
  const doc = parseDocument(readFileSync(file, 'utf8'));
  let changed = false;
  visit(doc, { Map(_, node) {
    for (const rule of RULES) {
      if (!rule.looksLike.every((k) => node.has(k))) continue;
      for (const [k, v] of Object.entries(rule.add)) if (!node.has(k)) { node.set(k, v); changed = true; }
    }
  } });
  if (changed) writeFileSync(file, doc.toString(opts).replace(/: \[ (.*) \]$/gm, ': [$1]'));
}
