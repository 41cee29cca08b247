#!/usr/bin/env node
import { Command, InvalidArgumentError } from 'commander';
import { MockError, startMock } from './start-mock.js';

const parseInteger = (name: string) => (value: string) => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`${name} must be a non-negative integer`);
  return Number(value);
};

const program = new Command('talk-mock')
  .description('Serve one API version of the Nextcloud Talk contract with Prism on 127.0.0.1')
  .option('--api <version>', 'API version slice to serve: v1, v2, v3 or v4', 'v4')
  .option('--talk <release>', 'serve the slice of one Talk release (19, 20, 21; API v4): its shapes and examples')
  .option('--port <port>', 'port (0 = any free port)', parseInteger('--port'), 4010)
  .option('--host <host>', 'address to listen on', '127.0.0.1')
  .option('--dynamic', 'generate answers from the schemas instead of the documented examples', false)
  .option('--seed <n>', 'seed of the dynamic generator', parseInteger('--seed'))
  .showHelpAfterError();

program.action(async (opts: { api: string; talk?: string; port: number; host: string; dynamic: boolean; seed?: number }) => {
  const mock = await startMock({
    apiVersion: opts.api as 'v4',
    ...(opts.talk === undefined ? {} : { talk: opts.talk as '21' }),
    port: opts.port,
    host: opts.host,
    dynamic: opts.dynamic,
    seed: opts.seed,
  });
  console.log(
    `talk-mock: API ${mock.apiVersion}${mock.talk ? `, Talk ${mock.talk}` : ''} (${opts.dynamic ? `dynamic${opts.seed !== undefined ? `, seed ${opts.seed}` : ''}` : 'static examples'}) on ${mock.url}`,
  );
  const stop = () => {
    void mock.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(`talk-mock: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = error instanceof MockError ? 2 : 1;
});
