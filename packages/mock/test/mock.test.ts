// startMock and the talk-mock CLI: real Prism on 127.0.0.1, requests with the global fetch.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '@talk-contract/spec';
import { MockError, startMock } from '../src/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.join(here, '../dist/cli.js');
const headers = { 'OCS-APIRequest': 'true', Authorization: `Basic ${Buffer.from('alice:secret').toString('base64')}` };

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** GET operations of a slice without required parameters besides the path token, with a 200 example. */
function plainGets(version: 'v1' | 'v4') {
  const spec = loadSpec(version) as unknown as { paths: Record<string, Obj>; components: { parameters: Record<string, Obj> } };
  const out: Array<{ path: string; example: unknown }> = [];
  for (const [p, item] of Object.entries(spec.paths)) {
    const get = item.get;
    if (!isObject(get) || p.includes('{')) continue;
    const params = [...((item.parameters as Obj[]) ?? []), ...((get.parameters as Obj[]) ?? [])].map((x) =>
      typeof x.$ref === 'string' ? spec.components.parameters[x.$ref.split('/').pop()!]! : x,
    );
    if (params.some((x) => x.required === true && x.in === 'query')) continue;
    const media = ((get.responses as Obj)['200'] as Obj | undefined)?.content as Obj | undefined;
    const example = isObject(media?.['application/json']) ? (media['application/json'] as Obj).example : undefined;
    if (example !== undefined) out.push({ path: p, example });
  }
  return out;
}

describe('startMock', () => {
  it.each(['v1', 'v4'] as const)('serves the documented examples of the %s slice on 127.0.0.1', async (version) => {
    const gets = plainGets(version);
    expect(gets.length).toBeGreaterThan(0);
    const mock = await startMock({ apiVersion: version });
    try {
      expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      for (const { path: p, example } of gets) {
        const res = await fetch(mock.url + p, { headers });
        expect(res.status, p).toBe(200);
        expect(await res.json()).toEqual(example);
      }
    } finally {
      await mock.close();
    }
  });

  it('answers an invalid request with 422 and the validation list', async () => {
    const mock = await startMock({ apiVersion: 'v4' });
    try {
      const res = await fetch(`${mock.url}/ocs/v2.php/apps/spreed/api/v1/chat/abc123xy`, { headers });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await res.json()) as { validation: Array<{ location: string[]; message: string }> };
      expect(problem.validation.some((v) => v.location[0] === 'query' && /lookintofuture/i.test(v.message))).toBe(true);
    } finally {
      await mock.close();
    }
  });

  it('--dynamic with a seed answers the same twice and without invented properties', async () => {
    const answers: unknown[] = [];
    for (let i = 0; i < 2; i++) {
      const mock = await startMock({ apiVersion: 'v4', dynamic: true, seed: 42 });
      try {
        const res = await fetch(`${mock.url}/ocs/v2.php/apps/spreed/api/v4/room/abc123xy/participants`, { headers });
        expect(res.status).toBe(200);
        answers.push(await res.json());
      } finally {
        await mock.close();
      }
    }
    expect(answers[0]).toEqual(answers[1]);
    const envelope = answers[0] as { ocs: Obj };
    expect(Object.keys(envelope).sort()).toEqual(['ocs']);
    expect(Object.keys(envelope.ocs).sort()).toEqual(['data', 'meta']);
    const participant = loadSpec('v4').components!.schemas!.Participant as { properties: Obj };
    const data = envelope.ocs.data as Obj[];
    expect(data.length).toBeGreaterThan(0);
    for (const p of data) for (const key of Object.keys(p)) expect(Object.keys(participant.properties)).toContain(key);
  });

  it('rejects an unknown API version', async () => {
    const error = await startMock({ apiVersion: 'v9' as 'v4' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MockError);
    expect(error).toMatchObject({ code: 'UNKNOWN_API_VERSION' });
    expect((error as Error).message).toContain('v1, v2, v3, v4');
  });

  it('reports a busy port', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(startMock({ apiVersion: 'v4', port })).rejects.toMatchObject({ code: 'PORT_IN_USE' });
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});

function runCli(args: string[], untilLine?: RegExp): Promise<{ code: number | null; stdout: string; stderr: string; kill(): void }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const result = (code: number | null) => ({ code, stdout, stderr, kill: () => child.kill('SIGTERM') });
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (untilLine?.test(stdout)) resolve(result(null));
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve(result(code)));
  });
}

describe('startMock per Talk release', () => {
  const room = '/ocs/v2.php/apps/spreed/api/v4/room/abc123xy';
  it.each([
    ['19', [], []],
    ['21', null, 'room'],
  ] as const)("Talk %s: error bodies and setter answers are that release's", async (talk, errorData, setterData) => {
    const mock = await startMock({ apiVersion: 'v4', talk });
    try {
      expect(mock.talk).toBe(talk);
      const notFound = await fetch(`${mock.url}${room}`, { headers: { ...headers, Prefer: 'code=404' } });
      expect(notFound.status).toBe(404);
      const body = (await notFound.json()) as { ocs: { meta: { statuscode: unknown; status: string }; data: unknown } };
      expect(body.ocs.meta).toMatchObject({ status: 'failure', statuscode: 404 });
      expect(body.ocs.data).toEqual(errorData);
      const renamed = await fetch(`${mock.url}${room}`, {
        method: 'PUT',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify({ roomName: 'New name' }),
      });
      expect(renamed.status).toBe(200);
      const data = ((await renamed.json()) as { ocs: { data: unknown } }).ocs.data;
      if (setterData === 'room') expect(data).toMatchObject({ token: expect.any(String), type: expect.any(Number) });
      else expect(data).toEqual(setterData);
    } finally {
      await mock.close();
    }
  });

  it('refuses an unknown release and a release on another API version', async () => {
    await expect(startMock({ apiVersion: 'v4', talk: '18' as never })).rejects.toMatchObject({ code: 'UNKNOWN_TALK_RELEASE' });
    await expect(startMock({ apiVersion: 'v3', talk: '21' })).rejects.toMatchObject({ code: 'UNKNOWN_TALK_RELEASE' });
  });
});

describe('talk-mock CLI', () => {
  it('serves the slice on the given port and stops on SIGTERM', async () => {
    const run = await runCli(['--api', 'v1', '--port', '0'], /on http:\/\/127\.0\.0\.1:\d+/);
    try {
      const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(run.stdout)![1]!;
      expect(run.stdout).toContain('API v1 (static examples)');
      const res = await fetch(`${url}/ocs/v2.php/apps/spreed/api/v1/room`, { headers });
      expect(res.status).toBe(200);
    } finally {
      run.kill();
    }
  });

  it('exits with a clear message for an unknown --api', async () => {
    const run = await runCli(['--api', 'v7', '--port', '0']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown API version "v7"');
  });

  it('exits with a clear message for a busy port', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const run = await runCli(['--api', 'v4', '--port', String(port)]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});
