// Wall time of a full `npm run generate`, with a bare `node -e 0` start as context.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { BenchRow } from './bench-types.js';

export const title = 'Generator: `npm run generate` wall time';

const run_ = promisify(execFile);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const env = { ...process.env, REDOCLY_TELEMETRY: 'off', npm_config_update_notifier: 'false' };

async function wall(command: string, args: string[]): Promise<number> {
  const started = performance.now();
  await run_(command, args, { cwd: repo, env });
  return performance.now() - started;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function run(): Promise<BenchRow[]> {
  const node: number[] = [];
  const generate: number[] = [];
  for (let i = 0; i < 5; i++) {
    node.push(await wall(process.execPath, ['-e', '0']));
    generate.push(await wall('npm', ['run', '--silent', 'generate']));
  }
  const [n, g] = [median(node), median(generate)];
  return [
    {
      metric: 'full `npm run generate` (median of 5)',
      value: `${(g / 1000).toFixed(2)} s`,
      baseline: `${(n / 1000).toFixed(2)} s (\`node -e 0\`)`,
      ratio: (g / n).toFixed(1),
      goal: '≤ 3 s',
      met: g <= 3000,
    },
  ];
}
