// `talk-contract diff … | head -1`: the reader goes away after the first line; the CLI ends quietly with its
// normal exit code instead of an unhandled EPIPE stack trace.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const GENERATOR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** Run the CLI, read stdout up to the first newline, then close the pipe (what `head -1` does). */
function firstLineThenClose(args: string[]): Promise<{ firstLine: string; code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, path.join(GENERATOR, 'src/cli.ts'), ...args], {
      cwd: GENERATOR,
      env: { ...process.env, NO_COLOR: '1', REDOCLY_TELEMETRY: 'off' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let firstLine: string | undefined;
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk;
      if (firstLine === undefined && out.includes('\n')) {
        firstLine = out.slice(0, out.indexOf('\n'));
        child.stdout.destroy();
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ firstLine: firstLine ?? '', code, signal, stderr });
    });
  });
}

describe('a closed stdout (EPIPE)', () => {
  it('ends `diff` quietly with its normal exit code, no stack trace', async () => {
    // The version-step report of the real contract is ~200 kB: far more than a pipe buffers, so the CLI is
    // still writing when the reader goes away. Version-step reports exit 0.
    const run = await firstLineThenClose(['diff', '--head', path.join(GENERATOR, '../openapi'), '--from-version', 'v1', '--to-version', 'v4']);
    expect(run.firstLine).toMatch(/^Contract diff .* v1 → .* v4/);
    expect(run.signal).toBeNull();
    expect(run.stderr).not.toMatch(/EPIPE|Unhandled 'error' event|^\s+at /m);
    expect(run.code).toBe(0);
  });
});
