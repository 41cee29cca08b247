// The talk-devserver CLI: prints the URL and the users, serves them, persists with --data, refuses corrupt files.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadState } from '../src/index.js';
import { runCliToExit, startCli, stopCli as stop } from './cli-process.js';
import type { StartedCli as Started } from './cli-process.js';
import { CHAT, V4, ocs } from './support.js';

describe('talk-devserver CLI', () => {
  let dir: string;
  const running: Started[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'talk-devserver-cli-'));
  });
  afterEach(async () => {
    for (const s of running.splice(0)) await stop(s, 'SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the URL and the seeded users with working app passwords, and stops on SIGTERM', async () => {
    const started = await startCli(['--port', '0']);
    running.push(started);
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(started.users.map((u) => u.id)).toEqual(['alice', 'bob', 'carol', 'dave']);
    const alice = started.users[0];
    expect((await ocs(started.url, 'GET', `${V4}/room`, { user: alice })).status).toBe(200);
    expect((await ocs(started.url, 'GET', `${V4}/room`, { user: alice, password: 'nope' })).status).toBe(401);
    expect(await stop(started)).toBe(0);
  });

  it('a crash (SIGKILL) during a burst of writes never leaves a half-written data file', async () => {
    const dataFile = path.join(dir, 'talk.json');
    const started = await startCli(['--port', '0', '--data', dataFile]);
    running.push(started);
    const alice = started.users[0];
    const token = (await ocs(started.url, 'POST', `${V4}/room`, { user: alice, body: { roomType: 2, roomName: 'Crash test' } })).body?.ocs.data.token as string;
    const burst = Array.from({ length: 150 }, (_, i) => ocs(started.url, 'POST', `${CHAT}/${token}`, { user: alice, body: { message: `message ${i} ${'x'.repeat(2000)}` } }).catch(() => null));
    await new Promise((r) => setTimeout(r, 150));
    await stop(started, 'SIGKILL');
    await Promise.all(burst);
    const state = loadState(dataFile);
    expect(state?.version).toBe(1);
    expect(state?.users.map((u) => u.id)).toEqual(['alice', 'bob', 'carol', 'dave']);

    const restarted = await startCli(['--port', '0', '--data', dataFile]);
    running.push(restarted);
    expect(restarted.users).toEqual(started.users);
    expect(await stop(restarted)).toBe(0);
  });

  it('refuses a corrupt data file with exit code 2, names the file and does not touch it', async () => {
    const dataFile = path.join(dir, 'broken.json');
    await writeFile(dataFile, '{"version": 1,');
    const { code, stderr } = await runCliToExit(['--port', '0', '--data', dataFile]);
    expect(code).toBe(2);
    expect(stderr).toContain(dataFile);
    expect(stderr).toMatch(/not valid JSON/);
    expect(await readFile(dataFile, 'utf8')).toBe('{"version": 1,');
  });
});
