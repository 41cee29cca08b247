// --data FILE: state survives a restart; a corrupt file is refused with a clear error and left untouched.
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataFileError, createDevServer, loadState } from '../src/index.js';
import { CHAT, V4, ocs } from './support.js';

describe('persistence (--data FILE)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'talk-devserver-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps users, conversations, attendees and messages across a restart', async () => {
    const dataFile = path.join(dir, 'talk.json');
    const first = await createDevServer({ dataFile, saveDebounceMs: 10 });
    const [alice, bob] = first.users;
    const token = (await ocs(first.url, 'POST', `${V4}/room`, { user: alice, body: { roomType: 2, roomName: 'Persistent' } })).body?.ocs.data.token as string;
    await ocs(first.url, 'POST', `${V4}/room/${token}/participants`, { user: alice, body: { newParticipant: 'bob' } });
    const sent = await ocs(first.url, 'POST', `${CHAT}/${token}`, { user: alice, body: { message: 'remember me' } });
    await first.close();
    expect((await readdir(dir)).sort()).toEqual(['talk.json']);

    const second = await createDevServer({ dataFile, saveDebounceMs: 10 });
    try {
      expect(second.users).toEqual(first.users);
      const history = await ocs(second.url, 'GET', `${CHAT}/${token}?lookIntoFuture=0&limit=10`, { user: bob });
      expect(history.status).toBe(200);
      expect((history.body?.ocs.data as { id: number; message: string }[])[0]).toMatchObject({ id: sent.body?.ocs.data.id, message: 'remember me' });
      const next = await ocs(second.url, 'POST', `${CHAT}/${token}`, { user: bob, body: { message: 'still here' } });
      expect(next.body?.ocs.data.id).toBeGreaterThan(sent.body?.ocs.data.id);
      const participants = await ocs(second.url, 'GET', `${V4}/room/${token}/participants`, { user: alice });
      expect((participants.body?.ocs.data as { actorId: string }[]).map((p) => p.actorId).sort()).toEqual(['alice', 'bob']);
    } finally {
      await second.close();
    }
    const saved = loadState(dataFile);
    expect(saved?.messages.some((m) => m.message === 'still here')).toBe(true);
  });

  it.each([
    ['not JSON', '{"version": 1, "nextId": ', /is not valid JSON/],
    ['an unknown version', JSON.stringify({ version: 7 }), /unsupported "version" 7/],
    [
      'a missing list',
      JSON.stringify({ version: 1, nextId: { conversation: 1, attendee: 1, message: 1 }, users: [], conversations: [], attendees: [], messages: [] }),
      /"reminders" is missing/,
    ],
    [
      'a broken record',
      JSON.stringify({
        version: 1,
        nextId: { conversation: 1, attendee: 1, message: 1 },
        users: [{ id: 'x' }],
        conversations: [],
        attendees: [],
        messages: [],
        reminders: [],
      }),
      /"users\[0\]" field "displayName" is missing/,
    ],
  ])('refuses a data file with %s, names the file and leaves it untouched', async (_what, content, problem) => {
    const dataFile = path.join(dir, 'corrupt.json');
    await writeFile(dataFile, content);
    const before = await stat(dataFile);
    const error = await createDevServer({ dataFile }).then(
      (server) => server.close().then(() => null),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DataFileError);
    expect((error as DataFileError).file).toBe(dataFile);
    expect((error as Error).message).toContain(dataFile);
    expect((error as Error).message).toMatch(problem);
    expect(await readFile(dataFile, 'utf8')).toBe(content);
    expect((await stat(dataFile)).mtimeMs).toBe(before.mtimeMs);
    expect(await readdir(dir)).toEqual(['corrupt.json']);
  });

  it('refuses a data file in a directory that does not exist', async () => {
    const dataFile = path.join(dir, 'missing', 'talk.json');
    await expect(createDevServer({ dataFile })).rejects.toThrow(/talk\.json: it cannot be written \(ENOENT\)/);
  });

  it('refuses an unreadable data file (a directory)', async () => {
    const dataFile = path.join(dir, 'a-directory');
    await (await import('node:fs/promises')).mkdir(dataFile);
    await expect(createDevServer({ dataFile })).rejects.toThrow(/cannot be read \(EISDIR\)/);
  });
});
