// Dev server benchmarks: GET /room throughput against the Prism mock (in memory and with --data), write throughput
// with the journal, and long-poll fan-out latency against a bare node:http server answering as many parked requests.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_USERS, createDevServer } from '@talk-contract/devserver';
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

/** Runs the poller child (one poller per authorization) against `url`, calls `release()` once all wait; latencies in ms. */
async function measureFanOut(url: string, authorizations: string[], waiting: () => number, release: () => Promise<void>): Promise<number[]> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', POLLER_SCRIPT, url], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdin.end(JSON.stringify(authorizations));
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    const start = Date.now();
    while (waiting() < authorizations.length) {
      if (Date.now() - start > 30_000) throw new Error(`only ${waiting()} of ${authorizations.length} pollers are waiting`);
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

/** Parks one poller per reader on the dev server, posts one message, returns each poller's delivery latency in ms. */
function fanOut(server: DevServer, token: string, poster: DevUser, readers: DevUser[]): Promise<number[]> {
  const known = server.store.conversations.get(token)?.lastMessageId ?? 0;
  const url = `${server.url}${CHAT_PATH}/${token}?lookIntoFuture=1&timeout=60&setReadMarker=0&lastKnownMessageId=${known}`;
  return measureFanOut(
    url,
    readers.map(basic),
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
      Array.from({ length: count }, () => 'Basic eDp5'),
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
  // A webinar: one conversation whose 1,000 pollers are 1,000 different members.
  const audience = Array.from({ length: POLLERS }, (_, i) => ({ id: `listener${i}`, displayName: `Listener ${i}` }));
  const webinar = await createDevServer({ port: 0, users: [...DEFAULT_USERS, ...audience] });
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
    const host = webinar.users[0];
    const webinarToken = (await call(webinar, host, 'POST', ROOM_PATH, { roomType: 2, roomName: 'Webinar' })).ocs.data.token;
    const listeners = webinar.users.filter((u) => u.id.startsWith('listener'));
    for (const u of listeners) await call(webinar, host, 'POST', `${ROOM_PATH}/${webinarToken}/participants`, { newParticipant: u.id });

    // Rounds alternate between the dev server and the floor; each round's p99 is one message's p99 delivery.
    const webinarRounds: number[] = [];
    const many: number[] = [];
    const floor: number[] = [];
    const pooled: number[] = [];
    const pooledFloor: number[] = [];
    for (let round = 0; round < FAN_OUT_WARM_UP + FAN_OUT_ROUNDS; round++) {
      const dev = (
        await fanOut(
          server,
          token,
          alice,
          Array.from({ length: POLLERS }, () => bob),
        )
      ).sort((a, b) => a - b);
      const bare = (await bareFanOut(POLLERS, sampleBody)).sort((a, b) => a - b);
      const distinct = (await fanOut(webinar, webinarToken, host, listeners)).sort((a, b) => a - b);
      if (round < FAN_OUT_WARM_UP) continue;
      webinarRounds.push(percentile(distinct, 99));
      many.push(percentile(dev, 99));
      floor.push(percentile(bare, 99));
      pooled.push(...dev);
      pooledFloor.push(...bare);
    }
    const p99 = median(many);
    const p99floor = median(floor);
    const rounds = (values: number[]) => values.map((v) => v.toFixed(0)).join(', ');
    const pooledP99 = (values: number[]) =>
      percentile(
        values.sort((a, b) => a - b),
        99,
      ).toFixed(1);
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
        value: `${p99.toFixed(1)} ms (rounds: ${rounds(many)} ms; all rounds pooled: ${pooledP99(pooled)} ms)`,
        baseline: `${p99floor.toFixed(1)} ms (rounds: ${rounds(floor)} ms; pooled: ${pooledP99(pooledFloor)} ms): bare node:http answering ${POLLERS} parked requests at once, same client, same rounds`,
        ratio: `${(p99 / p99floor).toFixed(2)}× the floor`,
        goal: 'p99 ≤ 50 ms',
        met: p99 <= 50,
      },
      {
        metric: `long-poll fan-out to ${POLLERS} different members of one conversation (a webinar; each poller its own user), p99 delivery, median of ${FAN_OUT_ROUNDS} rounds after ${FAN_OUT_WARM_UP} warm-up rounds`,
        value: `${median(webinarRounds).toFixed(1)} ms (rounds: ${rounds(webinarRounds)} ms)`,
        baseline: `${p99floor.toFixed(1)} ms (the floor above)`,
        ratio: `${(median(webinarRounds) / p99floor).toFixed(2)}× the floor`,
        goal: '-',
        met: true,
      },
    ];
  } finally {
    await mock.close();
    await webinar.close();
    await server.close();
    await durable.close();
    await rm(dir, { recursive: true, force: true });
  }
}
