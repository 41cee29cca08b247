// Dev server benchmarks: GET /room throughput against the Prism mock, and long-poll fan-out latency.
import { spawn } from 'node:child_process';
import { createDevServer } from '@talk-contract/devserver';
import type { DevServer, DevUser } from '@talk-contract/devserver';
import { startMock } from '@talk-contract/mock';
import { autocannon } from './autocannon.js';
import type { BenchRow } from './bench-types.js';

export const title = 'Dev server (@talk-contract/devserver)';

const ROOM_PATH = '/ocs/v2.php/apps/spreed/api/v4/room';
const CHAT_PATH = '/ocs/v2.php/apps/spreed/api/v1/chat';
const DURATION_S = 3;
const ROUNDS = 4;
const CONNECTIONS = 10;
const POLLERS = 1_000;

function basic(user: DevUser): string {
  return `Basic ${Buffer.from(`${user.id}:${user.appPassword}`).toString('base64')}`;
}

async function call(server: DevServer, user: DevUser, method: string, path: string, body?: unknown): Promise<{ ocs: { data: { token: string; id: number } } }> {
  const res = await fetch(server.url + path, {
    method,
    headers: { 'OCS-APIRequest': 'true', Accept: 'application/json', 'Content-Type': 'application/json', Authorization: basic(user) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status}`);
  return (await res.json()) as { ocs: { data: { token: string; id: number } } };
}

async function requestsPerSecond(url: string, authorization: string, seconds: number): Promise<number> {
  const headers = { 'OCS-APIRequest': 'true', Accept: 'application/json', Authorization: authorization };
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return result.requests.average;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Dev server and Prism measured in alternating rounds (the machine is shared and noisy); medians. */
async function compareThroughput(devUrl: string, prismUrl: string, authorization: string): Promise<{ dev: number; prism: number }> {
  await requestsPerSecond(devUrl, authorization, 1);
  await requestsPerSecond(prismUrl, authorization, 1);
  const dev: number[] = [];
  const prism: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      dev.push(await requestsPerSecond(devUrl, authorization, DURATION_S));
      prism.push(await requestsPerSecond(prismUrl, authorization, DURATION_S));
    } else {
      prism.push(await requestsPerSecond(prismUrl, authorization, DURATION_S));
      dev.push(await requestsPerSecond(devUrl, authorization, DURATION_S));
    }
  }
  return { dev: median(dev), prism: median(prism) };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

// The pollers run in a child process (the other core), so that the latency measured is the server's fan-out and
// not the bench's own handling of 1,000 responses on the server's event loop.
const POLLER_SCRIPT = `
import http from 'node:http';
const [url, authorization, countText] = process.argv.slice(1);
const count = Number(countText);
const agent = new http.Agent({ keepAlive: false, maxSockets: count + 10 });
const arrivals = await Promise.all(Array.from({ length: count }, () => new Promise((resolve, reject) => {
  http.get(url, { agent, headers: { 'OCS-APIRequest': 'true', Accept: 'application/json', Authorization: authorization } }, (res) => {
    res.resume();
    res.on('end', () => res.statusCode === 200 ? resolve(performance.timeOrigin + performance.now()) : reject(new Error('poll answered ' + res.statusCode)));
  }).on('error', reject);
})));
agent.destroy();
process.stdout.write(JSON.stringify(arrivals));
`;

/** Parks `count` pollers (in a child process), posts one message, returns each poller's delivery latency in ms. */
async function fanOut(server: DevServer, token: string, poster: DevUser, reader: DevUser, count: number): Promise<number[]> {
  const known = server.store.conversations.get(token)?.lastMessageId ?? 0;
  const url = `${server.url}${CHAT_PATH}/${token}?lookIntoFuture=1&timeout=60&setReadMarker=0&lastKnownMessageId=${known}`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', POLLER_SCRIPT, url, basic(reader), String(count)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    const start = Date.now();
    while (server.debug.waitingPollers() < count) {
      if (Date.now() - start > 30_000) throw new Error(`only ${server.debug.waitingPollers()} of ${count} pollers are waiting`);
      await new Promise((r) => setTimeout(r, 10));
    }
    const postedAt = performance.timeOrigin + performance.now();
    await call(server, poster, 'POST', `${CHAT_PATH}/${token}`, { message: 'fan-out' });
    if ((await exited) !== 0) throw new Error('the poller process failed');
    return (JSON.parse(out) as number[]).map((arrival) => arrival - postedAt);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

export async function run(): Promise<BenchRow[]> {
  const server = await createDevServer({ port: 0 });
  const mock = await startMock({ apiVersion: 'v4' });
  try {
    const [alice, bob] = server.users;
    for (const name of ['Release planning', 'Design review', 'Support']) {
      const room = await call(server, alice, 'POST', ROOM_PATH, { roomType: 2, roomName: name });
      await call(server, alice, 'POST', `/ocs/v2.php/apps/spreed/api/v4/room/${room.ocs.data.token}/participants`, { newParticipant: 'bob' });
      for (let i = 0; i < 20; i++) await call(server, alice, 'POST', `${CHAT_PATH}/${room.ocs.data.token}`, { message: `message ${i} for @bob` });
    }
    const { dev: devRps, prism: prismRps } = await compareThroughput(server.url + ROOM_PATH, mock.url + ROOM_PATH, basic(alice));

    const token = (await call(server, alice, 'POST', ROOM_PATH, { roomType: 2, roomName: 'Fan-out' })).ocs.data.token;
    await call(server, alice, 'POST', `/ocs/v2.php/apps/spreed/api/v4/room/${token}/participants`, { newParticipant: 'bob' });
    const single: number[] = [];
    for (let i = 0; i < 20; i++) single.push(...(await fanOut(server, token, alice, bob, 1)));
    const many: number[] = [];
    for (let round = 0; round < 3; round++) many.push(...(await fanOut(server, token, alice, bob, POLLERS)));
    single.sort((a, b) => a - b);
    many.sort((a, b) => a - b);
    const p99 = percentile(many, 99);
    const p99single = percentile(single, 99);
    return [
      {
        metric: `GET /room, requests/s (autocannon, ${CONNECTIONS} connections, median of ${ROUNDS} alternating ${DURATION_S} s rounds; 4 conversations, 20+ messages each)`,
        value: `${Math.round(devRps)} req/s`,
        baseline: `${Math.round(prismRps)} req/s (Prism static mock, in-process, @talk-contract/mock)`,
        ratio: `${(devRps / prismRps).toFixed(2)}×`,
        goal: '≥ 3×',
        met: devRps >= 3 * prismRps,
      },
      {
        metric: `long-poll fan-out: p99 delivery latency, ${POLLERS} waiting pollers (3 rounds)`,
        value: `${p99.toFixed(1)} ms (p50 ${percentile(many, 50).toFixed(1)} ms)`,
        baseline: `${p99single.toFixed(1)} ms (1 poller, 20 rounds)`,
        ratio: `${(p99 / p99single).toFixed(1)}×`,
        goal: 'p99 < 1000 ms',
        met: p99 < 1000,
      },
    ];
  } finally {
    await mock.close();
    await server.close();
  }
}
