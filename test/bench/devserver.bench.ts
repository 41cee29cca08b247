// Dev server benchmarks: GET /room throughput against the Prism mock (in memory and with --data), write throughput
// with the journal, and long-poll fan-out latency against a bare node:http server answering as many parked requests.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDevServer } from '@talk-contract/devserver';
import type { DevServer } from '@talk-contract/devserver';
import { startMock } from '@talk-contract/mock';
import { autocannon } from './autocannon.js';
import { type BenchChild, forkBenchChild } from './bench-child.js';
import { basic, call } from './dev-requests.js';
import type { BenchRow } from './bench-types.js';

export const title = 'Dev server (@talk-contract/devserver)';

const ROOM_PATH = '/ocs/v2.php/apps/spreed/api/v4/room';
const CHAT_PATH = '/ocs/v2.php/apps/spreed/api/v1/chat';
const DURATION_S = 3;
const ROUNDS = 4;
const CONNECTIONS = 10;
const POLLERS = 1_000;
/** Fan-out rounds per server: the first are warm-up (the wake path runs once per round, 1,000 times). */
const FAN_OUT_WARM_UP = 3;
const FAN_OUT_ROUNDS = 7;

async function requestsPerSecond(url: string, authorization: string, seconds: number, post?: string): Promise<number> {
  const headers: Record<string, string> = { 'OCS-APIRequest': 'true', Accept: 'application/json', Authorization: authorization };
  if (post !== undefined) headers['Content-Type'] = 'application/json';
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers, ...(post === undefined ? {} : { method: 'POST', body: post }) });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return result.requests.average;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Targets measured in rotating order, round after round (the machine is shared and noisy); medians. */
async function compareThroughput(targets: { url: string; authorization: string; post?: string }[]): Promise<number[]> {
  for (const t of targets) await requestsPerSecond(t.url, t.authorization, 1, t.post);
  const results: number[][] = targets.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < targets.length; k++) {
      const i = (k + round) % targets.length;
      results[i].push(await requestsPerSecond(targets[i].url, targets[i].authorization, DURATION_S, targets[i].post));
    }
  }
  return results.map(median);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

// The pollers run in a child process (the other core), so that the latency measured is the server's fan-out and
// not the bench's own handling of 1,000 responses on the server's event loop. Each poller is a raw TCP socket that
// sends its GET and notes when the first bytes of the answer arrive (and checks they are a 200): an HTTP client's
// parser in the poller process would add its own work for 1,000 answers to every figure, the floor's included.
// The child reads the pollers' Authorization values (one per poller) as a JSON array on stdin.
const POLLER_SCRIPT = `
import net from 'node:net';
const [url] = process.argv.slice(1);
let input = '';
for await (const chunk of process.stdin) input += chunk;
const authorizations = JSON.parse(input);
const { hostname, port, pathname, search } = new URL(url);
const requestOf = (authorization) => 'GET ' + pathname + search + ' HTTP/1.1\\r\\nHost: ' + hostname + ':' + port +
  '\\r\\nOCS-APIRequest: true\\r\\nAccept: application/json\\r\\nAuthorization: ' + authorization +
  '\\r\\nConnection: close\\r\\n\\r\\n';
const arrivals = await Promise.all(authorizations.map((authorization) => new Promise((resolve, reject) => {
  const socket = net.connect(Number(port), hostname, () => socket.write(requestOf(authorization)));
  let arrival = 0;
  let head = '';
  socket.on('data', (chunk) => {
    if (arrival === 0) arrival = performance.timeOrigin + performance.now();
    if (head.length < 12) head += chunk.toString('latin1', 0, 12);
  });
  socket.on('end', () => head.startsWith('HTTP/1.1 200') ? resolve(arrival) : reject(new Error('poll answered ' + head)));
  socket.on('error', reject);
})));
process.stdout.write(JSON.stringify(arrivals));
`;

/** What a fan-out target (fan-out-target.ts) says once it listens. */
interface FanOutHello {
  url: string;
  token?: string;
  poster?: string;
  readers: string[];
}

type FanOutTarget = BenchChild<FanOutHello>;

function startFanOutTarget(mode: 'dev' | 'webinar' | 'bare', body?: string): Promise<FanOutTarget> {
  return forkBenchChild(new URL('./fan-out-target.ts', import.meta.url), [mode, String(POLLERS), ...(body === undefined ? [] : [body])]);
}

/**
 * One message to every poller of `target`: parks the pollers (a child process), posts once they all wait, and
 * returns each poller's delivery latency in ms and the server's CPU time per answer in µs.
 */
async function fanOut(target: FanOutTarget): Promise<{ latencies: number[]; cpuPerAnswer: number }> {
  const { pollUrl } = await target.ask<{ pollUrl: string }>('poll-url');
  const pollers = spawn(process.execPath, ['--input-type=module', '-e', POLLER_SCRIPT, pollUrl], { stdio: ['pipe', 'pipe', 'inherit'] });
  const { url, token, poster, readers } = target.hello;
  pollers.stdin.end(JSON.stringify(readers));
  let out = '';
  pollers.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => pollers.once('exit', resolve));
  try {
    const start = Date.now();
    for (;;) {
      const { waiting } = await target.ask<{ waiting: number }>('waiting');
      if (waiting >= readers.length) break;
      if (Date.now() - start > 30_000) throw new Error(`only ${waiting} of ${readers.length} pollers are waiting`);
      await new Promise((r) => setTimeout(r, 10));
    }
    const before = await target.cpu();
    const postedAt = performance.timeOrigin + performance.now();
    const post =
      token === undefined
        ? await fetch(`${url}/post`, { method: 'POST' })
        : await fetch(`${url}${CHAT_PATH}/${token}`, {
            method: 'POST',
            headers: { 'OCS-APIRequest': 'true', Accept: 'application/json', 'Content-Type': 'application/json', Authorization: poster ?? '' },
            body: JSON.stringify({ message: 'fan-out' }),
          });
    await post.text();
    if (post.status >= 400) throw new Error(`posting to ${url}: ${post.status}`);
    if ((await exited) !== 0) throw new Error('the poller process failed');
    const cpu = (await target.cpu()) - before;
    return { latencies: (JSON.parse(out) as number[]).map((arrival) => arrival - postedAt), cpuPerAnswer: cpu / readers.length };
  } finally {
    if (pollers.exitCode === null && pollers.signalCode === null) pollers.kill('SIGKILL');
  }
}

async function seedRooms(server: DevServer): Promise<void> {
  const [alice] = server.users;
  for (const name of ['Release planning', 'Design review', 'Support']) {
    const room = await call(server, alice, 'POST', ROOM_PATH, { roomType: 2, roomName: name });
    await call(server, alice, 'POST', `/ocs/v2.php/apps/spreed/api/v4/room/${room.ocs.data.token}/participants`, { newParticipant: 'bob' });
    for (let i = 0; i < 20; i++) await call(server, alice, 'POST', `${CHAT_PATH}/${room.ocs.data.token}`, { message: `message ${i} for @bob` });
  }
}

/** The GET /room and write throughput rows (dev server in memory and with --data, Prism as the baseline). */
async function throughputRows(): Promise<BenchRow[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'talk-devserver-bench-'));
  const server = await createDevServer({ port: 0 });
  const durable = await createDevServer({ port: 0, dataFile: path.join(dir, 'talk.json') });
  const mock = await startMock({ apiVersion: 'v4' });
  try {
    const [alice] = server.users;
    await seedRooms(server);
    await seedRooms(durable);
    const [devRps, durableRps, prismRps] = await compareThroughput([
      { url: server.url + ROOM_PATH, authorization: basic(alice) },
      { url: durable.url + ROOM_PATH, authorization: basic(durable.users[0]) },
      { url: mock.url + ROOM_PATH, authorization: basic(alice) },
    ]);
    const writeToken = (await call(server, alice, 'POST', ROOM_PATH, { roomType: 2, roomName: 'Writes' })).ocs.data.token;
    const durableWriteToken = (await call(durable, durable.users[0], 'POST', ROOM_PATH, { roomType: 2, roomName: 'Writes' })).ocs.data.token;
    const body = JSON.stringify({ message: 'a message of about the usual length, mentioning nobody' });
    const [writeRps, durableWriteRps] = await compareThroughput([
      { url: `${server.url}${CHAT_PATH}/${writeToken}`, authorization: basic(alice), post: body },
      { url: `${durable.url}${CHAT_PATH}/${durableWriteToken}`, authorization: basic(durable.users[0]), post: body },
    ]);
    const throughputRow = (mode: string, rps: number): BenchRow => ({
      metric: `GET /room, requests/s, ${mode} (autocannon, ${CONNECTIONS} connections, median of ${ROUNDS} rotating ${DURATION_S} s rounds; 4 conversations, 20+ messages each)`,
      value: `${Math.round(rps)} req/s`,
      baseline: `${Math.round(prismRps)} req/s (Prism static mock, in-process, @talk-contract/mock)`,
      ratio: `${(rps / prismRps).toFixed(2)}×`,
      goal: '≥ 7×',
      met: rps >= 7 * prismRps,
    });
    return [
      throughputRow('in memory', devRps),
      throughputRow('with --data (journal)', durableRps),
      {
        metric: `send a chat message, requests/s, with --data: every answer after its fdatasync, group commit (${CONNECTIONS} connections, median of ${ROUNDS} rounds)`,
        value: `${Math.round(durableWriteRps)} req/s`,
        baseline: `${Math.round(writeRps)} req/s (in memory)`,
        ratio: `${(durableWriteRps / writeRps).toFixed(2)}`,
        goal: '-',
        met: true,
      },
    ];
  } finally {
    await mock.close();
    await server.close();
    await durable.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** One fan-out target's rounds after the warm-up: each round's p99, all latencies, and the CPU per answer. */
class FanOutRounds {
  readonly p99s: number[] = [];
  readonly all: number[] = [];
  readonly cpu: number[] = [];
  add(result: { latencies: number[]; cpuPerAnswer: number }): void {
    const sorted = [...result.latencies].sort((a, b) => a - b);
    this.p99s.push(percentile(sorted, 99));
    this.all.push(...sorted);
    this.cpu.push(result.cpuPerAnswer);
  }
  get p99(): number {
    return median(this.p99s);
  }
  describe(): string {
    const pooled = percentile(
      [...this.all].sort((a, b) => a - b),
      99,
    );
    return `${this.p99.toFixed(1)} ms (rounds: ${this.p99s.map((v) => v.toFixed(0)).join(', ')} ms; pooled: ${pooled.toFixed(1)} ms; server CPU ${median(this.cpu).toFixed(0)} µs per answer)`;
  }
}

/**
 * The long-poll rows: the dev server (1,000 pollers of one member, and a webinar of 1,000 members) against the
 * floor, each server in a process of its own, rounds alternating, the first rounds warm-up.
 */
async function fanOutRows(): Promise<BenchRow[]> {
  let dev: FanOutTarget | undefined;
  let floor: FanOutTarget | undefined;
  let webinar: FanOutTarget | undefined;
  try {
    dev = await startFanOutTarget('dev');
    const sample = await fetch(`${dev.hello.url}${CHAT_PATH}/${dev.hello.token}?lookIntoFuture=0&limit=1`, {
      headers: { 'OCS-APIRequest': 'true', Accept: 'application/json', Authorization: dev.hello.readers[0] ?? '' },
    });
    floor = await startFanOutTarget('bare', await sample.text());
    webinar = await startFanOutTarget('webinar');
    const rounds = { dev: new FanOutRounds(), floor: new FanOutRounds(), webinar: new FanOutRounds() };
    for (let round = 0; round < FAN_OUT_WARM_UP + FAN_OUT_ROUNDS; round++) {
      const results = { dev: await fanOut(dev), floor: await fanOut(floor), webinar: await fanOut(webinar) };
      if (round < FAN_OUT_WARM_UP) continue;
      for (const key of ['dev', 'floor', 'webinar'] as const) rounds[key].add(results[key]);
    }
    const method = `median of ${FAN_OUT_ROUNDS} rounds' p99 after ${FAN_OUT_WARM_UP} warm-up rounds; pollers: raw sockets in a child process, first byte of the answer; each server in its own process`;
    const floorText = `${rounds.floor.describe()}: bare node:http answering ${POLLERS} parked requests at once, same client, same rounds`;
    return [
      {
        metric: `long-poll fan-out: p99 delivery latency of one message to ${POLLERS} waiting pollers (${method})`,
        value: rounds.dev.describe(),
        baseline: floorText,
        ratio: `${(rounds.dev.p99 / rounds.floor.p99).toFixed(2)}× the floor`,
        goal: 'p99 ≤ 50 ms',
        met: rounds.dev.p99 <= 50,
      },
      {
        metric: `long-poll fan-out to ${POLLERS} different members of one conversation (a webinar: each poller its own user), p99 delivery (same method)`,
        value: rounds.webinar.describe(),
        baseline: 'the floor above',
        ratio: `${(rounds.webinar.p99 / rounds.floor.p99).toFixed(2)}× the floor`,
        goal: '-',
        met: true,
      },
    ];
  } finally {
    await Promise.all([dev?.stop(), floor?.stop(), webinar?.stop()]);
  }
}

export async function run(): Promise<BenchRow[]> {
  return [...(await throughputRows()), ...(await fanOutRows())];
}
