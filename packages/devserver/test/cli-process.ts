// The talk-devserver CLI as a real child process on 127.0.0.1: src/cli.ts bundled once per test process with
// esbuild (dependencies stay external), run by plain node. One process, so that SIGKILL really kills the server;
// starting takes about 1 s instead of about 5 s with the tsx loader on this shared machine.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const CLI_SOURCE = path.resolve(here, '../src/cli.ts');
// Inside the package, so that the bundle's imports resolve from the workspace's node_modules.
const CACHE = path.resolve(here, '../node_modules/.cache/talk-devserver-cli');
let bundled: Promise<string> | undefined;

/** The bundled CLI (built on first use, removed when the test process exits). */
function cliBundle(): Promise<string> {
  bundled ??= (async () => {
    mkdirSync(CACHE, { recursive: true });
    const outfile = path.join(CACHE, `cli-${process.pid}.mjs`);
    await build({ entryPoints: [CLI_SOURCE], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, logLevel: 'warning' });
    process.once('exit', () => rmSync(outfile, { force: true }));
    return outfile;
  })();
  return bundled;
}

export interface StartedCli {
  child: ChildProcess;
  url: string;
  users: { id: string; displayName: string; appPassword: string }[];
  exited: Promise<number | null>;
  /** Everything the process printed so far (stdout and stderr). */
  output: () => string;
}

/** Starts the CLI and waits for its banner; rejects with its output when it exits first. */
export async function startCli(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<StartedCli> {
  const child = spawn(process.execPath, [await cliBundle(), ...args], { cwd: here, stdio: ['ignore', 'pipe', 'pipe'], env });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`CLI did not start:\n${out}`)), 20_000);
    const onData = () => {
      if (!out.includes('Ctrl+C')) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      resolve();
    };
    child.stdout?.on('data', onData);
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`CLI exited:\n${out}`));
    });
  });
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1] ?? '';
  const users = [...out.matchAll(/^ {2}(\w+) +(\S{5}-\S{5}-\S{5}-\S{5}-\S{5}) +\((.+)\)$/gm)].map((m) => ({ id: m[1], appPassword: m[2], displayName: m[3] }));
  return { child, url, users, exited, output: () => out };
}

/** Runs the CLI to its exit (for starts that must fail): exit code and stderr. */
export async function runCliToExit(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [await cliBundle(), ...args], { cwd: here, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  return { code, stderr };
}

/** Sends `signal` unless the process already ended; resolves with its exit code (-1 when killed by a signal). */
export async function stopCli(started: StartedCli, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (started.child.exitCode === null && started.child.signalCode === null) started.child.kill(signal);
  return started.exited;
}
