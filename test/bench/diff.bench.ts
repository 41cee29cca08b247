// talk-contract diff vs Atlassian's openapi-diff on GitHub's REST API description (@octokit/openapi 22.0.0 →
// 23.0.0, ~11 MB each). Both run as child processes under /usr/bin/time -v (wall time + peak RSS); our
// in-process parse + compare time is measured too (median of 3), which is what the ≤ 2 s goal is about.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './bench-types.js';

export const title = 'talk-contract diff on the octokit pair (vs openapi-diff)';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OLD = path.join(ROOT, 'node_modules/octokit-openapi-22/generated/api.github.com.json');
const NEW = path.join(ROOT, 'node_modules/octokit-openapi-23/generated/api.github.com.json');
const TIME = '/usr/bin/time';

interface Measured {
  wallMs: number;
  peakRssMb?: number;
  status: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

function measure(command: string, args: string[], timeoutMs: number): Measured {
  const started = performance.now();
  const useTime = existsSync(TIME);
  const run = spawnSync(useTime ? TIME : command, useTime ? ['-v', command, ...args] : args, {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 512 * 2 ** 20,
    env: { ...process.env, NO_COLOR: '1' },
  });
  const wallMs = performance.now() - started;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr ?? '');
  const signalled = /Command terminated by signal (\d+)/.exec(run.stderr ?? '');
  return {
    wallMs,
    peakRssMb: rss ? Number(rss[1]) / 1024 : undefined,
    status: run.status,
    signal: run.signal ?? (signalled ? `signal ${signalled[1]}` : null),
    stdout: run.stdout ?? '',
    stderr: run.stderr ?? '',
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (v: number | undefined) => (v === undefined ? 'n/a' : `${Math.round(v)} MB`);

export async function run(): Promise<BenchRow[]> {
  const { diffContracts } = await import('../../generator/src/diff/compare-contracts.js');
  // in-process: parse both files and compare, median of 3
  const times: number[] = [];
  let changes = 0;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const base = JSON.parse(readFileSync(OLD, 'utf8'));
    const head = JSON.parse(readFileSync(NEW, 'utf8'));
    changes = diffContracts({ label: 'octokit 22', document: base }, { label: 'octokit 23', document: head }).changes.length;
    times.push(performance.now() - started);
  }
  const median = [...times].sort((a, b) => a - b)[1];

  // child processes: our CLI (JSON report to a file) and openapi-diff
  const out = mkdtempSync(path.join(os.tmpdir(), 'diff-bench-'));
  const ours = measure(
    path.join(ROOT, 'node_modules/.bin/tsx'),
    [path.join(ROOT, 'generator/src/cli.ts'), 'diff', OLD, NEW, '--format', 'json', '--output', path.join(out, 'report.json')],
    120_000,
  );
  const oursOk = ours.status === 0 || ours.status === 1;
  const theirs = measure(process.execPath, ['--max-old-space-size=4096', path.join(ROOT, 'node_modules/openapi-diff/bin/openapi-diff'), OLD, NEW], 240_000);
  rmSync(out, { recursive: true, force: true });
  let theirCount = 'n/a';
  let theirOutcome: string;
  try {
    const json = JSON.parse(theirs.stdout) as { breakingDifferences?: unknown[]; nonBreakingDifferences?: unknown[]; unclassifiedDifferences?: unknown[] };
    theirCount = String((json.breakingDifferences?.length ?? 0) + (json.nonBreakingDifferences?.length ?? 0) + (json.unclassifiedDifferences?.length ?? 0));
    theirOutcome = seconds(theirs.wallMs);
  } catch {
    const oom = /heap out of memory/i.test(theirs.stderr);
    theirOutcome = `failed after ${seconds(theirs.wallMs)} (${oom ? 'JS heap out of memory' : (theirs.signal ?? `exit ${theirs.status}`)})`;
  }

  return [
    {
      metric: 'parse + diff in-process, median of 3',
      value: seconds(median),
      baseline: '-',
      ratio: `${(median / 2000).toFixed(2)} of goal`,
      goal: '≤ 2 s',
      met: median <= 2000,
    },
    { metric: 'changes found (ours / openapi-diff)', value: String(changes), baseline: theirCount, ratio: '-', goal: 'completes', met: changes > 0 },
    {
      metric: 'CLI wall time, child process (incl. tsx start)',
      value: oursOk ? seconds(ours.wallMs) : `failed (exit ${ours.status})`,
      baseline: `openapi-diff: ${theirOutcome}`,
      ratio: theirCount === 'n/a' ? '-' : (ours.wallMs / theirs.wallMs).toFixed(2),
      goal: 'completes',
      met: oursOk,
    },
    {
      metric: 'CLI peak RSS',
      value: mb(ours.peakRssMb),
      baseline: `openapi-diff: ${mb(theirs.peakRssMb)}`,
      ratio: ours.peakRssMb && theirs.peakRssMb ? (ours.peakRssMb / theirs.peakRssMb).toFixed(2) : '-',
      goal: '-',
      met: oursOk,
    },
  ];
}
