// Server stub throughput: the same GET operation served by @talk-contract/server (auth, OCS header check,
// query coercion and full request validation) and by bare Hono without validation, same run, autocannon
// against 127.0.0.1. Each server runs in its own child process so it gets a core of its own.
import { loadSpec } from '@talk-contract/spec';
import { talkOperations } from '@talk-contract/server';
import { autocannon } from './autocannon.js';
import { type BenchChild, forkBenchChild } from './bench-child.js';
import type { BenchRow } from './bench-types.js';
import type { BenchTarget } from './server-bench-target.js';

export const title = 'Server stubs (@talk-contract/server)';

/** Short rounds, many of them: neighbours on a shared machine come and go, so each ratio pairs runs taken seconds apart. */
const DURATION_S = 2;
const WARMUP_S = 2;
const CONNECTIONS = 10;
/** Rounds of (bare, stub, plumbed) in rotating order; the ratios are medians of the per-round ratios. */
const ROUNDS = 9;
const GOAL = 0.85;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

function deref(doc: JsonObject, node: Json | undefined): Json | undefined {
  let current = node;
  for (let i = 0; i < 10 && isObject(current) && typeof current.$ref === 'string'; i++) {
    current = current.$ref
      .slice(2)
      .split('/')
      .reduce<Json | undefined>((n, t) => (isObject(n) ? n[t] : undefined), doc);
  }
  return current;
}

/** The GET operation of the v4 slice with the most query parameters and a 200 example (chosen from the spec). */
function chooseTarget(): { target: BenchTarget; url: string } {
  const doc = loadSpec('v4') as unknown as JsonObject;
  const candidates = talkOperations('v4')
    .filter((op) => op.method === 'get')
    .map((op) => {
      const item = deref(doc, (doc.paths as JsonObject)[op.path]) as JsonObject;
      const operation = item.get as JsonObject;
      const params = [...(Array.isArray(item.parameters) ? item.parameters : []), ...(Array.isArray(operation.parameters) ? operation.parameters : [])]
        .map((p) => deref(doc, p))
        .filter(isObject);
      const ok = deref(doc, (operation.responses as JsonObject)['200']);
      const example = isObject(ok) && isObject(ok.content) && isObject(ok.content['application/json']) ? ok.content['application/json'].example : undefined;
      return { op, params, example };
    })
    .filter((c) => isObject(c.example) && isObject(c.example.ocs))
    .sort((a, b) => b.params.length - a.params.length || a.op.operationId.localeCompare(b.op.operationId));
  const chosen = candidates[0];
  if (!chosen) throw new Error('the v4 slice has no GET operation with a 200 example');
  const sample = (p: JsonObject): string => {
    const schema = deref(doc, p.schema);
    const value =
      'example' in p
        ? p.example
        : isObject(schema)
          ? (schema.default ?? (Array.isArray(schema.enum) ? schema.enum[0] : (schema.minimum ?? 'abcd1234')))
          : 'abcd1234';
    return typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
  };
  let path = chosen.op.path;
  const query = new URLSearchParams();
  for (const p of chosen.params) {
    if (p.in === 'path') path = path.replace(`{${String(p.name)}}`, encodeURIComponent(sample(p)));
    if (p.in === 'query') query.set(String(p.name), sample(p));
  }
  const data = ((chosen.example as JsonObject).ocs as JsonObject).data;
  return {
    target: { operationId: chosen.op.operationId, path: chosen.op.path, status: 200, data },
    url: `${path}${query.size ? `?${query}` : ''}`,
  };
}

type Target = BenchChild<{ url: string }>;

function startTarget(mode: 'stub' | 'bare' | 'bare-plumbed', target: BenchTarget): Promise<Target> {
  return forkBenchChild(new URL('./server-bench-target.ts', import.meta.url), [mode, JSON.stringify(target)]);
}

/** Requests per second, and the server's CPU time per request (µs) during the measured run. */
const HEADERS = { 'OCS-APIRequest': 'true', Accept: 'application/json', Authorization: `Basic ${Buffer.from('alice:secret').toString('base64')}` };

/** Bring a server's code to its optimised state before the rounds. */
async function warmUp(target: Target, path: string): Promise<void> {
  await autocannon({ url: target.hello.url + path, connections: CONNECTIONS, duration: WARMUP_S, headers: HEADERS });
}

async function measure(target: Target, path: string): Promise<{ rate: number; cpuPerRequest: number }> {
  const url = target.hello.url + path;
  const headers = HEADERS;
  const before = await target.cpu();
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers });
  const after = await target.cpu();
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { rate: result.requests.total / result.duration, cpuPerRequest: (after - before) / result.requests.total };
}

export async function run(): Promise<BenchRow[]> {
  const { target, url } = chooseTarget();
  const stub = await startTarget('stub', target);
  const bare = await startTarget('bare', target);
  const plumbed = await startTarget('bare-plumbed', target);
  try {
    type Sample = { rate: number; cpuPerRequest: number };
    const samples: Record<'stub' | 'bare' | 'plumbed', Sample[]> = { stub: [], bare: [], plumbed: [] };
    const targets = { stub, bare, plumbed };
    for (const target of [bare, stub, plumbed]) await warmUp(target, url);
    for (let round = 0; round < ROUNDS; round++) {
      // Rotate the order every round: the machine is shared, so compare paired rounds.
      const order = (['bare', 'stub', 'plumbed'] as const).map((_, i, all) => all[(i + round) % all.length]);
      for (const name of order) samples[name].push(await measure(targets[name], url));
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    const ratios = (base: Sample[], key: 'rate' | 'cpu') =>
      samples.stub.map((s, i) => (key === 'rate' ? s.rate / base[i].rate : base[i].cpuPerRequest / s.cpuPerRequest));
    const rounds = (xs: number[]) => xs.map((r) => r.toFixed(2)).join(', ');
    const query = url.includes('?') ? url.slice(url.indexOf('?') + 1).split('&').length : 0;
    const row = (metric: string, value: string, baseline: string, rs: number[]): BenchRow => ({
      metric,
      value,
      baseline,
      ratio: `${median(rs).toFixed(2)} (rounds ${rounds(rs)})`,
      goal: `≥ ${GOAL}`,
      met: median(rs) >= GOAL,
    });
    const stubRate = `${Math.round(median(samples.stub.map((s) => s.rate)))} req/s`;
    const stubCpu = `${median(samples.stub.map((s) => s.cpuPerRequest)).toFixed(0)} µs`;
    return [
      row(
        `${target.operationId} (GET, ${query} query parameters) req/s: stub with full validation vs bare Hono returning the same answer (median of ${ROUNDS} rounds)`,
        stubRate,
        `${Math.round(median(samples.bare.map((s) => s.rate)))} req/s`,
        ratios(samples.bare, 'rate'),
      ),
      row(
        'same, server CPU per request: bare ÷ stub',
        stubCpu,
        `${median(samples.bare.map((s) => s.cpuPerRequest)).toFixed(0)} µs`,
        ratios(samples.bare, 'cpu'),
      ),
      row(
        'same req/s vs bare Hono with the plumbing a handler needs (basic auth decode, OCS header, c.req.query()), no validation',
        stubRate,
        `${Math.round(median(samples.plumbed.map((s) => s.rate)))} req/s`,
        ratios(samples.plumbed, 'rate'),
      ),
    ];
  } finally {
    await Promise.all([stub.stop(), bare.stop(), plumbed.stop()]);
  }
}
