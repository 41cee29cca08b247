// Dev server benchmarks: GET /room throughput against the Prism mock (in memory and with --data), write throughput
// with the journal, and long-poll fan-out latency against a bare node:http server answering as many parked requests.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
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
/** Fan-out rounds per server: the first are warm-up (the wake path runs once per round, 1,000 times). */
const FAN_OUT_WARM_UP = 2;
const FAN_OUT_ROUNDS = 5;

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
const POLLER_SCRIPT = `
import net from 'node:net';
const [url, authorization, countText] = process.argv.slice(1);
const count = Number(countText);
const { hostname, port, pathname, search } = new URL(url);
const request = 'GET ' + pathname + search + ' HTTP/1.1\\r\\nHost: ' + hostname + ':' + port +
  '\\r\\nOCS-APIRequest: true\\r\\nAccept: application/json\\r\\nAuthorization: ' + authorization +
  '\\r\\nConnection: close\\r\\n\\r\\n';
const arrivals = await Promise.all(Array.from({ length: count }, () => new Promise((resolve, reject) => {
  const socket = net.connect(Number(port), hostname, () => socket.write(request));
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

/** Runs the poller child against `url`, calls `release()` once `count` pollers wait, returns latencies in ms. */
async function measureFanOut(url: string, authorization: string, count: number, waiting: () => number, release: () => Promise<void>): Promise<number[]> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', POLLER_SCRIPT, url, authorization, String(count)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    const start = Date.now();
    while (waiting() < count) {
      if (Date.now() - start > 30_000) throw new Error(`only ${waiting()} of ${count} pollers are waiting`);
      await new Promise((r) => setTimeout(r, 10));
    }
    const postedAt = performance.timeOrigin + performance.now();
    await release();
    if ((await exited) !== 0) throw new Error('the poller process failed');
    return (JSON.parse(out) as number[]).map((arrival) => arrival - postedAt);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

/** Parks `count` pollers on the dev server, posts one message, returns each poller's delivery latency in ms. */
function fanOut(server: DevServer, token: string, poster: DevUser, reader: DevUser, count: number): Promise<number[]> {
  const known = server.store.conversations.get(token)?.lastMessageId ?? 0;
  const url = `${server.url}${CHAT_PATH}/${token}?lookIntoFuture=1&timeout=60&setReadMarker=0&lastKnownMessageId=${known}`;
  return measureFanOut(
    url,
    basic(reader),
    count,
    () => server.debug.waitingPollers(),
    async () => {
      await call(server, poster, 'POST', `${CHAT_PATH}/${token}`, { message: 'fan-out' });
    },
  );
}

/**
 * The floor this machine allows right now: a bare node:http server that parks the same pollers and answers them
 * all at once with a message of the same size, when it gets a request (the same client, the same process layout).
 */
async function bareFanOut(count: number, body: string): Promise<number[]> {
  const parked: http.ServerResponse[] = [];
  const bare = http.createServer((request, response) => {
    if (request.url?.startsWith('/poll')) {
      parked.push(response);
      return;
    }
    response.end('{}');
    for (const r of parked.splice(0)) {
      r.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      r.end(body);
    }
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const { port } = bare.address() as { port: number };
  try {
    return await measureFanOut(
      `http://127.0.0.1:${port}/poll`,
      'Basic eDp5',
      count,
      () => parked.length,
      async () => {
        await (await fetch(`http://127.0.0.1:${port}/post`, { method: 'POST' })).text();
      },
    );
  } finally {
    bare.closeAllConnections();
    await new Promise<void>((resolve) => bare.close(() => resolve()));
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

export async function run(): Promise<BenchRow[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'talk-devserver-bench-'));
  const server = await createDevServer({ port: 0 });
  const durable = await createDevServer({ port: 0, dataFile: path.join(dir, 'talk.json') });
  const mock = await startMock({ apiVersion: 'v4' });
  try {
    const [alice, bob] = server.users;
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

    const token = (await call(server, alice, 'POST', ROOM_PATH, { roomType: 2, roomName: 'Fan-out' })).ocs.data.token;
    await call(server, alice, 'POST', `/ocs/v2.php/apps/spreed/api/v4/room/${token}/participants`, { newParticipant: 'bob' });
    const sample = await fetch(`${server.url}${CHAT_PATH}/${token}?lookIntoFuture=0&limit=1`, {
      headers: { 'OCS-APIRequest': 'true', Accept: 'application/json', Authorization: basic(bob) },
    });
    const sampleBody = await sample.text();
    // Rounds alternate between the dev server and the floor; each round's p99 is one message's p99 delivery.
    const many: number[] = [];
    const floor: number[] = [];
    for (let round = 0; round < FAN_OUT_WARM_UP + FAN_OUT_ROUNDS; round++) {
      const dev = (await fanOut(server, token, alice, bob, POLLERS)).sort((a, b) => a - b);
      const bare = (await bareFanOut(POLLERS, sampleBody)).sort((a, b) => a - b);
      if (round < FAN_OUT_WARM_UP) continue;
      many.push(percentile(dev, 99));
      floor.push(percentile(bare, 99));
    }
    const p99 = median(many);
    const p99floor = median(floor);
    const rounds = (values: number[]) => values.map((v) => v.toFixed(0)).join(', ');
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
      {
        metric: `long-poll fan-out: p99 delivery latency of one message to ${POLLERS} waiting pollers, median of ${FAN_OUT_ROUNDS} rounds after ${FAN_OUT_WARM_UP} warm-up rounds (pollers: raw sockets in a child process, first byte of the answer)`,
        value: `${p99.toFixed(1)} ms (rounds: ${rounds(many)} ms)`,
        baseline: `${p99floor.toFixed(1)} ms (rounds: ${rounds(floor)} ms): bare node:http answering ${POLLERS} parked requests at once, same client, same rounds`,
        ratio: `${(p99 / p99floor).toFixed(2)}× the floor`,
        goal: 'p99 ≤ 50 ms',
        met: p99 <= 50,
      },
    ];
  } finally {
    await mock.close();
    await server.close();
    await durable.close();
    await rm(dir, { recursive: true, force: true });
  }
}
