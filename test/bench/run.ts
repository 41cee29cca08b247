// `npm run bench`: runs every test/bench/*.bench.ts in turn, prints one table and writes it to
// test/bench/README.md (between the RESULTS markers). Figures are ratios against a baseline measured in
// the same run, because this machine is shared and noisy.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchModule, BenchRow } from './bench-types.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = (await readdir(here)).filter((f) => f.endsWith('.bench.ts') && (only.length === 0 || only.some((o) => f.includes(o)))).sort();
const sections: string[] = [];
let failures = 0;
for (const file of files) {
  const mod = (await import(pathToFileURL(path.join(here, file)).href)) as BenchModule;
  console.log(`\n## ${mod.title} (${file})`);
  let rows: BenchRow[];
  try {
    rows = await mod.run();
  } catch (error) {
    failures++;
    console.error(`bench ${file} failed:`, error);
    continue;
  }
  const table = [
    '| metric | value | baseline (same run) | ratio | goal | met |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.metric} | ${r.value} | ${r.baseline} | ${r.ratio} | ${r.goal} | ${r.met ? 'yes' : 'no'} |`),
  ].join('\n');
  console.log(table);
  sections.push(`### ${mod.title}\n\n${table}\n`);
}
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const results = `<!-- RESULTS:START -->\nLatest run: ${new Date().toISOString().slice(0, 10)} on ${machine}.\n\n${sections.join('\n')}<!-- RESULTS:END -->`;
if (only.length === 0 && failures === 0) {
  const readme = path.join(here, 'README.md');
  const text = await readFile(readme, 'utf8');
  await writeFile(readme, text.replace(/<!-- RESULTS:START -->[\s\S]*<!-- RESULTS:END -->/, results));
  console.log(`\nwrote ${path.relative(process.cwd(), readme)}`);
}
process.exitCode = failures > 0 ? 1 : 0;
