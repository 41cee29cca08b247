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
    const burst = Array.from({ length: 150 }, (_, i) =>
      ocs(started.url, 'POST', `${CHAT}/${token}`, { user: alice, body: { message: `message ${i} ${'x'.repeat(2000)}` } }).catch(() => null),
    );
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
  it('--without-feature leaves a feature out of the capabilities; a name the release does not advertise is exit 2', async () => {
    const refused = await runCliToExit(['--port', '0', '--talk', '19', '--without-feature', 'edit-draft-poll']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--without-feature: "edit-draft-poll" is not advertised by Talk 19\.0\.1 here/);
    const started = await startCli(['--port', '0', '--without-feature', 'talk-polls', '--without-feature', 'avatar']);
    try {
      const answer = await fetch(`${started.url}/ocs/v2.php/cloud/capabilities`, { headers: { 'OCS-APIRequest': 'true', Accept: 'application/json' } });
      const features = ((await answer.json()) as { ocs: { data: { capabilities: { spreed: { features: string[] } } } } }).ocs.data.capabilities.spreed.features;
      expect(features).not.toContain('talk-polls');
      expect(features).not.toContain('avatar');
      expect(features).toContain('reactions');
    } finally {
      await stop(started);
    }
  });
  it('--talk 19 --users FILE: answers like Talk 19.0.1 with the users (and app passwords) of the file', async () => {
    const usersFile = path.join(dir, 'users.json');
    const users = [
      { id: 'alice', displayName: 'Alice Liddell', appPassword: 'aaaaa-aaaaa-aaaaa-aaaaa-aaaaa', groups: ['developers'] },
      { id: 'zoe', displayName: 'Zoe Washburne', appPassword: 'zzzzz-zzzzz-zzzzz-zzzzz-zzzzz' },
    ];
    await writeFile(usersFile, JSON.stringify(users));
    const started = await startCli(['--port', '0', '--talk', '19', '--users', usersFile]);
    running.push(started);
    expect(started.users).toEqual(users.map((u) => ({ id: u.id, displayName: u.displayName, appPassword: u.appPassword })));
    const zoe = started.users[1];
    // Talk 19 answers a refusal with `[]` (Talk 21: `{"error": "type"}`).
    const created = await ocs(started.url, 'POST', `${V4}/room`, { user: zoe, body: { roomType: 2, roomName: 'Serenity' } });
    const refused = await ocs(started.url, 'PUT', `${V4}/room/${created.body?.ocs.data.token}/password`, {
      user: zoe,
      body: { password: 'Shiny-Brown-Coat-9' },
    });
    expect(refused.status).toBe(403);
    expect(refused.body?.ocs.data).toEqual([]);
    expect(await stop(started)).toBe(0);
  });

  it('TALK_DEV_USERS names the users file when --users is not given', async () => {
    const usersFile = path.join(dir, 'env-users.json');
    await writeFile(usersFile, JSON.stringify([{ id: 'kaylee', displayName: 'Kaylee Frye', appPassword: 'kkkkk-kkkkk-kkkkk-kkkkk-kkkkk' }]));
    const started = await startCli(['--port', '0'], { ...process.env, TALK_DEV_USERS: usersFile });
    running.push(started);
    const out = started.output();
    expect(out).toMatch(/kaylee +kkkkk-kkkkk-kkkkk-kkkkk-kkkkk +\(Kaylee Frye\)/);
    expect(out).toContain('answers like Talk 21.1.0');
  });

  it.each([
    ['an unknown release', ['--talk', '20'], 1, /--talk.*must be one of 19, 21/],
    ['a users file that is not an array', ['--users', 'USERS:{"id":"x"}'], 2, /users file .* expected a non-empty JSON array/],
    ['a user without a display name', ['--users', 'USERS:[{"id":"x"}]'], 2, /at \/0\/displayName: must be a non-empty string/],
  ])('refuses %s with a clear message', async (_name, args, exitCode, message) => {
    const resolved: string[] = [];
    for (const a of args) {
      if (!a.startsWith('USERS:')) {
        resolved.push(a);
        continue;
      }
      const file = path.join(dir, 'bad-users.json');
      await writeFile(file, a.slice(6));
      resolved.push(file);
    }
    const { code, stderr } = await runCliToExit(['--port', '0', ...resolved]);
    expect(code).toBe(exitCode);
    expect(stderr).toMatch(message);
  });
});
