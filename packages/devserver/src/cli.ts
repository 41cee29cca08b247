#!/usr/bin/env node
// talk-devserver: start the in-memory Talk dev server and print its URL and the seeded users.
import { Command, InvalidArgumentError } from 'commander';
import { createDevServer } from './dev-server.js';
import { BotInstallError } from './domain/bots.js';
import type { BotInstall } from './domain/bots.js';
import { DEFAULT_GUEST_LIMIT } from './guest-limit.js';
import { NEWEST_RELEASE, TALK_RELEASES, isTalkRelease, releaseProfile } from './domain/release-profile.js';
import { withoutFeaturesProblem } from './handlers/capabilities.js';
import type { TalkRelease } from './domain/release-profile.js';
import { DataFileError } from './persistence.js';
import { UsersFileError, loadUsersFile } from './users-file.js';

function talkRelease(value: string): TalkRelease {
  if (!isTalkRelease(value)) throw new InvalidArgumentError(`must be one of ${TALK_RELEASES.join(', ')}`);
  return value;
}

function portNumber(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('must be an integer from 0 to 65535');
  return port;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

/** `--bot name=URL,secret` (repeatable): the secret is everything after the first comma. */
function botOption(value: string, previous: BotInstall[]): BotInstall[] {
  const eq = value.indexOf('=');
  const comma = value.indexOf(',', eq + 1);
  if (eq < 1 || comma < 0) throw new InvalidArgumentError(`expected name=URL,secret (got ${JSON.stringify(value)})`);
  return [...previous, { name: value.slice(0, eq), url: value.slice(eq + 1, comma), secret: value.slice(comma + 1) }];
}

const program = new Command()
  .name('talk-devserver')
  .description('A stateful in-memory Nextcloud Talk (API v4) for client development')
  .option('-p, --port <port>', 'port to listen on (0: any free port)', portNumber, 8080)
  .option('--host <host>', 'interface to listen on', '127.0.0.1')
  .option('--data <file>', 'keep the state in this JSON file (every answered write is on disk; FILE.journal and FILE.lock live next to it)')
  .option('--max-guests <n>', 'most guests per conversation (more joins get 429)', positiveInteger, DEFAULT_GUEST_LIMIT)
  .option('--talk <release>', `the Talk release whose answers to reproduce (${TALK_RELEASES.join(' or ')})`, talkRelease, NEWEST_RELEASE)
  .option('--users <file>', 'seed these users (JSON array of {id, displayName, appPassword?, groups?}; default $TALK_DEV_USERS)')
  .option('--without-feature <feature>', 'leave this capability feature out, as a server without it (repeatable)', (v: string, p: string[]) => [...p, v], [])
  .option('--bot <name=URL,secret>', 'install a bot whose webhooks go to URL (http:// on 127.0.0.1, localhost or [::1]; repeatable)', botOption, [])
  .option('--validate-responses', 'check every answer against the contract (off-contract answers become 500)', false)
  .showHelpAfterError();

program.parse();
const options = program.opts<{
  port: number;
  host: string;
  data?: string;
  maxGuests: number;
  talk: TalkRelease;
  users?: string;
  validateResponses: boolean;
  bot: BotInstall[];
  withoutFeature: string[];
}>();
const usersFile = options.users ?? (process.env.TALK_DEV_USERS || undefined);
// Checked here too, so that a wrong name is a usage error (exit 2), not a crash.
const featureProblem = withoutFeaturesProblem(releaseProfile(options.talk), options.withoutFeature);
if (featureProblem) {
  console.error(`talk-devserver: --without-feature: ${featureProblem}`);
  process.exit(2);
}

try {
  const users = usersFile ? loadUsersFile(usersFile) : undefined;
  const server = await createDevServer({
    port: options.port,
    host: options.host,
    dataFile: options.data,
    maxGuestsPerConversation: options.maxGuests,
    talk: options.talk,
    users,
    validateResponses: options.validateResponses,
    bots: options.bot,
    withoutFeatures: options.withoutFeature,
  });
  const lines = [
    `Talk dev server listening on ${server.url} (answers like Talk ${server.talkVersion})`,
    `  conversations: ${server.url}/ocs/v2.php/apps/spreed/api/v4/room`,
    `  chat:          ${server.url}/ocs/v2.php/apps/spreed/api/v1/chat/{token}`,
    options.data ? `  data file:     ${options.data}` : '  state:         in memory (use --data FILE to keep it)',
    ...server.admin
      .listBots()
      .map((b) => `  bot ${`${b.id}:`.padEnd(10)} ${b.name} → ${b.url} (enable: POST /ocs/v2.php/apps/spreed/api/v1/bot/{token}/${b.id})`),
    '',
    'Users (HTTP basic auth: user id + app password):',
    ...server.users.map((u) => `  ${u.id.padEnd(8)} ${u.appPassword}  (${u.displayName})`),
    '',
    'Send "OCS-APIRequest: true" with every request. Ctrl+C stops the server.',
  ];
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // Print last: whoever waits for this banner may send a signal right away.
  console.log(lines.join('\n'));
} catch (error) {
  if (error instanceof DataFileError || error instanceof UsersFileError || error instanceof BotInstallError) {
    console.error(`talk-devserver: ${error.message}`);
    process.exit(2);
  }
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`talk-devserver: port ${options.port} on ${options.host} is already in use (try --port 0)`);
    process.exit(1);
  }
  throw error;
}
