// A benchmark's server in a child process of its own (a `*-target.ts` here), so that it gets a core of its own
// and does not share a heap with the bench. The parent forks it and waits for its hello; the child answers
// `'cpu'` (its CPU time so far, µs: a load-independent cost) and the target's own questions over IPC, and exits
// when the parent goes away.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A forked bench target: its hello, questions over IPC (one at a time), and stopping it. */
export interface BenchChild<THello> {
  child: ChildProcess;
  hello: THello;
  /** Sends `message` and resolves with the child's answer (rejects on `{ error }`). */
  ask<T>(message: string): Promise<T>;
  /** The CPU time (user + system, µs) the child has used so far. */
  cpu(): Promise<number>;
  /** Disconnects and waits until the child has exited. */
  stop(): Promise<void>;
}

/**
 * Forks a bench target (a TypeScript file, run with tsx) and resolves once it has sent its hello.
 *
 * @example
 * const target = await forkBenchChild<{ url: string }>(new URL('./server-bench-target.ts', import.meta.url), ['stub']);
 * const before = await target.cpu();
 */
export function forkBenchChild<THello>(file: URL, args: string[]): Promise<BenchChild<THello>> {
  const child = fork(fileURLToPath(file), args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ask = <T>(message: string) =>
    new Promise<T>((resolve, reject) => {
      child.once('message', (answer) => {
        const error = (answer as { error?: unknown }).error;
        if (typeof error === 'string') reject(new Error(`${file.pathname}: ${error}`));
        else resolve(answer as T);
      });
      child.send(message);
    });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.disconnect();
    await exited;
  };
  return new Promise((resolve, reject) => {
    child.once('message', (hello) => resolve({ child, hello: hello as THello, ask, cpu: async () => (await ask<{ cpu: number }>('cpu')).cpu, stop }));
    child.once('exit', (code) => reject(new Error(`bench target ${file.pathname} ${args.join(' ')} exited with ${code}`)));
  });
}

/**
 * The child's side: sends `hello`, answers `'cpu'` itself and every other message with `answer(message)`
 * (`{ error }` when it has none), and runs `close` then exits when the parent disconnects.
 *
 * @example
 * serveBenchChild({ url: server.url }, () => undefined, () => server.close());
 */
export function serveBenchChild(hello: object, answer: (message: unknown) => unknown, close: () => Promise<void>): void {
  process.on('message', (message) => {
    if (message === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send?.({ cpu: user + system });
      return;
    }
    process.send?.(answer(message) ?? { error: `unknown message ${JSON.stringify(message)}` });
  });
  process.on('disconnect', () => void close().finally(() => process.exit(0)));
  process.send?.(hello);
}
