// Facade call overhead (vs raw fetch and plain openapi-fetch, one local node:http server) and the
// minified + gzipped size of an app bundle that imports the facade.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import createClient from 'openapi-fetch';
import { createTalkClient, type TalkPaths } from '@talk-contract/client';
import { bundleApp } from './app-bundle.js';
import type { BenchRow } from './bench-types.js';

export const title = 'Client: facade overhead and bundle size';

const here = path.dirname(fileURLToPath(import.meta.url));
const BODY = JSON.stringify({
  ocs: {
    meta: { status: 'ok', statuscode: 200, message: 'OK' },
    data: [{ id: 23, token: 'abc123xy', type: 2, name: 'Marketing team', displayName: 'Marketing team', unreadMessages: 3 }],
  },
});

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

async function callOverhead(): Promise<BenchRow[]> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(BODY) });
    res.end(BODY);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const base = `${origin}/ocs/v2.php/apps/spreed/api/v4`;
  const headers = { 'OCS-APIRequest': 'true', Accept: 'application/json', Authorization: 'Basic YWxpY2U6c2VjcmV0' };

  const plain = createClient<TalkPaths['v4']>({ baseUrl: base, headers });
  const talk = createTalkClient({ baseUrl: origin, apiVersion: 'v4', auth: { user: 'alice', appPassword: 'secret' } });
  const timed = createTalkClient({ baseUrl: origin, apiVersion: 'v4', auth: { user: 'alice', appPassword: 'secret' }, timeoutMs: 30_000 });
  const variants: Record<string, () => Promise<unknown>> = {
    fetch: async () => {
      const res = await fetch(`${base}/room`, { headers });
      return ((await res.json()) as { ocs: { data: unknown } }).ocs.data;
    },
    openapiFetch: async () => (await plain.GET('/room')).data?.ocs.data,
    facade: async () => (await talk.conversations.list()).data,
    facadeTimeout: async () => (await timed.conversations.list()).data,
  };
  const samples: Record<string, number[]> = { fetch: [], openapiFetch: [], facade: [], facadeTimeout: [] };
  try {
    for (const fn of Object.values(variants)) for (let i = 0; i < 300; i++) await fn();
    // Interleaved rounds in a rotating order, so that load changes on the shared machine (and the garbage
    // one variant leaves for the next) hit every variant alike.
    const entries = Object.entries(variants);
    for (let round = 0; round < 40; round++) {
      for (let k = 0; k < entries.length; k++) {
        const [name, fn] = entries[(round + k) % entries.length]!;
        for (let i = 0; i < 50; i++) {
          const started = performance.now();
          await fn();
          samples[name]!.push(performance.now() - started);
        }
      }
    }
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  const [f, o, c, t] = [median(samples.fetch!), median(samples.openapiFetch!), median(samples.facade!), median(samples.facadeTimeout!)];
  const ms = (v: number) => `${(v * 1000).toFixed(0)} µs`;
  return [
    {
      metric: 'facade `conversations.list()`, median per call vs plain openapi-fetch',
      value: ms(c),
      baseline: ms(o),
      ratio: (c / o).toFixed(2),
      goal: '≤ 1.05',
      met: c / o <= 1.05,
    },
    {
      metric: 'facade with `timeoutMs: 30000` vs plain openapi-fetch (context: the deadline signal)',
      value: ms(t),
      baseline: ms(o),
      ratio: (t / o).toFixed(2),
      goal: '-',
      met: true,
    },
    { metric: 'facade vs raw `fetch` + `json()` (context)', value: ms(c), baseline: ms(f), ratio: (c / f).toFixed(2), goal: '-', met: true },
    { metric: 'plain openapi-fetch vs raw `fetch` (context)', value: ms(o), baseline: ms(f), ratio: (o / f).toFixed(2), goal: '-', met: true },
  ];
}

/** The apps whose bundle is measured: the facade alone, and the facade with `connectTalk` (the goal). */
const APPS: [what: string, source: string[]][] = [
  [
    'the facade',
    [
      "import { createTalkClient } from '@talk-contract/client';",
      "const talk = createTalkClient({ baseUrl: 'https://cloud.example.com', apiVersion: 'v4', auth: { user: 'alice', appPassword: 'secret' } });",
      'const { data } = await talk.conversations.list();',
      'console.log(data.length);',
    ],
  ],
  [
    'the facade and `connectTalk` (capabilities, cookie jar)',
    [
      "import { connectTalk } from '@talk-contract/client';",
      "const talk = await connectTalk({ baseUrl: 'https://cloud.example.com', auth: { user: 'alice', appPassword: 'secret' }, session: 'memory' });",
      "if (talk.apiVersion !== 'v4') throw new Error(talk.apiVersion);",
      'const { data } = await talk.conversations.list();',
      "console.log(data.length, talk.capabilities.has('talk-polls'));",
    ],
  ],
];

async function bundleSizes(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const [what, source] of APPS) {
    const { code } = await bundleApp(source.join('\n'), here);
    const gz = gzipSync(code, { level: 9 }).length;
    rows.push({
      metric: `app bundle importing ${what} (esbuild, minified ${(code.length / 1024).toFixed(1)} KB) + gzip`,
      value: `${(gz / 1024).toFixed(1)} KB`,
      baseline: '-',
      ratio: `${((gz / 1024 / 12) * 100).toFixed(0)} % of goal`,
      goal: '≤ 12 KB',
      met: gz <= 12 * 1024,
    });
  }
  return rows;
}

export async function run(): Promise<BenchRow[]> {
  return [...(await callOverhead()), ...(await bundleSizes())];
}
