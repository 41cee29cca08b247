// --data FILE never loses an acknowledged write: kill -9 at random moments under write load, one server per data
// file, corrupt or inconsistent files refused and left byte-identical.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataFileError, createDevServer, loadState } from '../src/index.js';
import type { TalkState } from '../src/index.js';
import { runCliToExit, startCli, stopCli } from './cli-process.js';
import type { StartedCli } from './cli-process.js';
import { CHAT, V4, basic, ocs } from './support.js';

const KILLS = 20;
const WRITERS = 6;
const DATA_FILES = ['talk.json', 'talk.json.journal', 'talk.json.lock'];

type User = StartedCli['users'][number];

async function post(url: string, user: User, path: string, body: unknown): Promise<{ status: number; data: { id?: number; token?: string } } | null> {
  try {
    const res = await fetch(url + path, {
      method: 'POST',
      headers: { 'OCS-APIRequest': 'true', Accept: 'application/json', 'Content-Type': 'application/json', Authorization: basic(user) },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { ocs: { data: { id?: number; token?: string } } };
    return { status: res.status, data: json.ocs.data };
  } catch {
    return null; // the server died mid-request: not acknowledged
  }
}

function seed(): TalkState {
  return {
    version: 1,
    nextId: { conversation: 2, attendee: 2, message: 2 },
    users: [{ id: 'alice', displayName: 'Alice', appPassword: 'aaaaa-aaaaa-aaaaa-aaaaa-aaaaa', groups: [] }],
    conversations: [
      {
        id: 1,
        token: 'room0001',
        type: 2,
        name: 'Team',
        description: '',
        password: '',
        readOnly: 0,
        listable: 0,
        lobbyState: 0,
        lobbyTimer: 0,
        defaultPermissions: 0,
        callPermissions: 0,
        messageExpiration: 0,
        recordingConsent: 0,
        objectType: '',
        objectId: '',
        lastActivity: 0,
        lastMessageId: 1,
      },
    ],
    attendees: [
      {
        id: 1,
        token: 'room0001',
        actorType: 'users',
        actorId: 'alice',
        displayName: 'Alice',
        participantType: 1,
        permissions: 0,
        favorite: false,
        notificationLevel: 0,
        notificationCalls: 1,
        lastReadMessage: 1,
        lastMentionMessage: 0,
        lastMentionDirect: 0,
        readPrivacy: 0,
        pin: '',
      },
    ],
    messages: [
      {
        id: 1,
        token: 'room0001',
        actorType: 'users',
        actorId: 'alice',
        actorDisplayName: 'Alice',
        timestamp: 0,
        systemMessage: 'conversation_created',
        messageType: 'system',
        message: '{actor} created the conversation',
        messageParameters: {},
        referenceId: '',
        parentId: 0,
        silent: false,
        markdown: false,
        expirationTimestamp: 0,
        sharedItemType: '',
      },
    ],
    reminders: [],
  };
}

const journalLines = async (dataFile: string) => (await readFile(`${dataFile}.journal`, 'utf8')).split('\n').filter(Boolean).length;
const line = (seq: number, put: unknown[] = [], del: unknown[] = [], nextId = { conversation: 2, attendee: 2, message: 3 }) =>
  `${JSON.stringify({ seq, nextId, put, del })}\n`;
const message = (id: number, extra: Record<string, unknown> = {}) => ({
  ...seed().messages[0],
  id,
  systemMessage: '',
  messageType: 'comment',
  message: `m${id}`,
  ...extra,
});

const poll = (extra: Record<string, unknown> = {}) => ({
  id: 1,
  token: 'room0001',
  question: 'Lunch?',
  options: ['Pizza', 'Sushi'],
  actorType: 'users',
  actorId: 'alice',
  actorDisplayName: 'Alice',
  status: 0,
  resultMode: 0,
  maxVotes: 0,
  votes: [{ actorType: 'users', actorId: 'alice', actorDisplayName: 'Alice', optionId: 1 }],
  ...extra,
});
const bot = { id: 1, name: 'Echo', description: '', url: 'http://127.0.0.1:9/hook', secret: 'x'.repeat(40), state: 1 };
const file = { id: 1, owner: 'alice', path: '/a.txt', size: 1, mimetype: 'text/plain', mtime: 0, etag: 'e' };
const areaSnapshot = (areas: Record<string, unknown[]>, nextId: Record<string, number> = {}) =>
  JSON.stringify({ ...seed(), nextId: { ...seed().nextId, poll: 2, bot: 2, file: 3, ...nextId }, ...areas });

/** One inconsistent (or malformed) data file per area added after conversations and chat: [what, snapshot, journal, blamed file, problem]. */
const AREA_REFUSALS: [string, string | null, string | null, string, RegExp][] = [
  [
    'a poll of a conversation that does not exist',
    areaSnapshot({ polls: [poll({ token: 'gone0001' })] }),
    null,
    'talk.json',
    /polls 1 \(from "polls\[0\]" of .*talk\.json\): its conversation "gone0001" is not in the state/,
  ],
  ['a poll id at or above nextId.poll', areaSnapshot({ polls: [poll()] }, { poll: 1 }), null, 'talk.json', /poll id 1 is not below nextId\.poll 1/],
  [
    'a vote for an option the poll does not have',
    areaSnapshot({ polls: [poll({ votes: [{ ...poll().votes[0], optionId: 2 }] })] }),
    null,
    'talk.json',
    /is for option 2, which the poll does not have/,
  ],
  ['a poll whose votes are not votes', areaSnapshot({ polls: [poll({ votes: [1] })] }), null, 'talk.json', /"polls\[0\]" field "votes" \[0\] must be a vote/],
  [
    'a reaction to a message that does not exist',
    areaSnapshot({ reactions: [{ messageId: 9, actorType: 'users', actorId: 'alice', actorDisplayName: 'Alice', reaction: '👍', timestamp: 0 }] }),
    null,
    'talk.json',
    /reactions \[9,"users","alice","👍"\] \(from "reactions\[0\]" of .*\): its message 9 is not in the state/,
  ],
  [
    'a reaction to a missing message put by a journal line',
    JSON.stringify(seed()),
    line(1, [['reactions', { messageId: 9, actorType: 'users', actorId: 'alice', actorDisplayName: 'Alice', reaction: '👍', timestamp: 0 }]]),
    'talk.json',
    /reactions \[9,"users","alice","👍"\] \(from line 1 of .*talk\.json\.journal\): its message 9 is not in the state/,
  ],
  ['a bot id at or above nextId.bot', areaSnapshot({ bots: [bot] }, { bot: 1 }), null, 'talk.json', /bot id 1 is not below nextId\.bot 1/],
  [
    // A data file must not turn the dev server into a tool that posts to other machines.
    'a bot whose webhook URL is not on a loopback host',
    areaSnapshot({ bots: [{ ...bot, url: 'http://169.254.169.254/latest' }] }),
    null,
    'talk.json',
    /bots 1 \(from "bots\[0\]" of .*\): The bot URL "http:\/\/169\.254\.169\.254\/latest" is refused/,
  ],
  [
    'a bot enabled in a conversation that is not installed',
    areaSnapshot({ botConversations: [{ token: 'room0001', botId: 7 }] }),
    null,
    'talk.json',
    /its bot 7 is not in the state/,
  ],
  [
    'a bot enabled in a conversation that does not exist',
    areaSnapshot({ bots: [bot], botConversations: [{ token: 'gone0001', botId: 1 }] }),
    null,
    'talk.json',
    /botConversations \["gone0001",1\].*its conversation "gone0001" is not in the state/,
  ],
  [
    'a bot reaction to a message that does not exist',
    areaSnapshot({ botReactions: [{ messageId: 9, reaction: '👍', actorId: 'bot-x' }] }),
    null,
    'talk.json',
    /its message 9 is not in the state/,
  ],
  [
    'an avatar of a conversation that does not exist',
    areaSnapshot({ conversationExtras: [{ token: 'gone0001', sipEnabled: 0, mentionPermissions: 0, avatar: { contentType: 'image/svg+xml', base64: '' } }] }),
    null,
    'talk.json',
    /conversationExtras gone0001 .*its conversation "gone0001" is not in the state/,
  ],
  [
    'an avatar that is not an avatar',
    areaSnapshot({ conversationExtras: [{ token: 'room0001', sipEnabled: 0, mentionPermissions: 0, avatar: 'rocket' }] }),
    null,
    'talk.json',
    /"conversationExtras\[0\]" field "avatar" must be null or an object/,
  ],
  [
    'a breakout room configuration of a conversation that does not exist',
    areaSnapshot({ breakoutRooms: [{ token: 'gone0001', mode: 1, status: 0, assistance: [] }] }),
    null,
    'talk.json',
    /breakoutRooms gone0001 .*its conversation "gone0001" is not in the state/,
  ],
  [
    'an assistance request of a breakout room that does not exist',
    areaSnapshot({ breakoutRooms: [{ token: 'room0001', mode: 1, status: 1, assistance: ['gone0001'] }] }),
    null,
    'talk.json',
    /its breakout room "gone0001" \(assistance\) is not in the state/,
  ],
  [
    'SIP settings with a wrong field type',
    areaSnapshot({ sipSettings: [{ sipGroups: 'phone', dialInInfo: '', sharedSecret: '' }] }),
    null,
    'talk.json',
    /"sipSettings\[0\]" field "sipGroups" must be an array of strings/,
  ],
  [
    'user settings of a user that does not exist',
    areaSnapshot({ userSettings: [{ userId: 'zoe', settings: { play_sounds: 'no' } }] }),
    null,
    'talk.json',
    /userSettings zoe .*its user "zoe" is not in the state/,
  ],
  [
    'a file of a user that does not exist',
    areaSnapshot({ files: [{ ...file, owner: 'zoe' }] }),
    null,
    'talk.json',
    /files 1 .*its owner "zoe" is not in the state/,
  ],
  [
    'a share of a file that does not exist',
    areaSnapshot({ fileShares: [{ fileId: 1, shareId: 2, token: 'room0001' }] }),
    null,
    'talk.json',
    /fileShares 2 .*its file 1 is not in the state/,
  ],
  [
    'a share id at or above nextId.file',
    areaSnapshot({ files: [file], fileShares: [{ fileId: 1, shareId: 2, token: 'room0001' }] }, { file: 2 }),
    null,
    'talk.json',
    /share id 2 is not below nextId\.file 2/,
  ],
];

describe('durability of --data FILE', () => {
  let dir: string;
  const running: StartedCli[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'talk-devserver-durable-'));
  });
  afterEach(async () => {
    for (const s of running.splice(0)) await stopCli(s, 'SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it(`every write answered 2xx (messages, conversations, polls, votes, reactions) survives ${KILLS} kill -9 at random moments of a write load; ids are never reused; no temp files`, async () => {
    const dataFile = path.join(dir, 'talk.json');
    const acked = new Map<number, string>();
    const rooms = new Set<string>();
    /** Poll id → question, and the option ids of the last answered vote (with the one sent but unanswered when killed). */
    const polls = new Map<number, { question: string; voted: number[] | null; unanswered: number[] | null }>();
    /** `messageId emoji` of every answered reaction. */
    const reacted = new Set<string>();
    let users: User[] = [];
    let token = '';
    const verify = (when: string) => {
      const state = loadState(dataFile) as TalkState;
      const stored = new Map(state.messages.map((m) => [m.id, m.message]));
      expect(stored.size, `${when}: message ids are unique`).toBe(state.messages.length);
      const lost = [...acked].filter(([id, text]) => stored.get(id) !== text);
      expect(lost, `${when}: acknowledged messages missing or changed`).toEqual([]);
      const tokens = new Set(state.conversations.map((c) => c.token));
      expect(
        [...rooms].filter((t) => !tokens.has(t)),
        `${when}: acknowledged conversations missing`,
      ).toEqual([]);
      const storedPolls = new Map((state.polls ?? []).map((p) => [p.id, p]));
      expect(storedPolls.size, `${when}: poll ids are unique`).toBe(state.polls?.length ?? 0);
      for (const [id, expected] of polls) {
        const stored = storedPolls.get(id);
        expect(stored?.question, `${when}: acknowledged poll ${id}`).toBe(expected.question);
        const votes = (stored?.votes ?? []).map((v) => v.optionId);
        // The last answered vote, or the one sent after it that a kill interrupted (it may or may not be on disk).
        const allowed = [expected.voted ?? [], ...(expected.unanswered ? [expected.unanswered] : [])].map((v) => JSON.stringify(v));
        expect(allowed, `${when}: votes of poll ${id} are ${JSON.stringify(votes)}`).toContain(JSON.stringify(votes));
      }
      const storedReactions = new Set((state.reactions ?? []).map((r) => `${r.messageId} ${r.reaction}`));
      expect(
        [...reacted].filter((r) => !storedReactions.has(r)),
        `${when}: acknowledged reactions missing`,
      ).toEqual([]);
    };
    let writes = 0;
    for (let round = 0; round <= KILLS; round++) {
      const server = await startCli(['--port', '0', '--data', dataFile]);
      running.push(server);
      if (round === 0) {
        users = server.users;
        const created = await post(server.url, users[0], `${V4}/room`, { roomType: 2, roomName: 'Kill -9' });
        token = created?.data.token as string;
        rooms.add(token);
      } else {
        expect(server.users).toEqual(users);
      }
      expect(
        (await readdir(dir)).filter((f) => !DATA_FILES.includes(f)),
        `round ${round}: files other than the data files`,
      ).toEqual([]);
      verify(`after restart ${round}`);
      if (round === KILLS) break;

      let alive = true;
      const writer = async (w: number) => {
        // Each writer votes only on its own polls, one request at a time: its last answered vote is the stored one.
        const mine: number[] = [];
        for (let n = 0; alive; n++) {
          if (n % 10 === 0) {
            const question = `poll ${round}-${w}-${n}`;
            const res = await post(server.url, users[0], `/ocs/v2.php/apps/spreed/api/v1/poll/${token}`, { question, options: ['a', 'b', 'c'] });
            if (!res) return;
            if (res.status === 201) {
              const id = res.data.id as number;
              expect(polls.has(id), `poll id ${id} answered twice`).toBe(false);
              polls.set(id, { question, voted: null, unanswered: null });
              mine.push(id);
            }
            continue;
          }
          if (n % 10 === 2 && mine.length > 0) {
            const id = mine[n % mine.length];
            const optionIds = [n % 3];
            const entry = polls.get(id) as { voted: number[] | null; unanswered: number[] | null };
            entry.unanswered = optionIds;
            const res = await post(server.url, users[0], `/ocs/v2.php/apps/spreed/api/v1/poll/${token}/${id}`, { optionIds });
            if (!res) return;
            entry.unanswered = null;
            if (res.status >= 200 && res.status < 300) entry.voted = optionIds;
            continue;
          }
          if (n % 10 === 1 && acked.size > 0) {
            const messageId = [...acked.keys()][Math.floor(Math.random() * acked.size)];
            const reaction = ['👍', '🎉', '🚀'][Math.floor(Math.random() * 3)];
            const res = await post(server.url, users[0], `/ocs/v2.php/apps/spreed/api/v1/reaction/${token}/${messageId}`, { reaction });
            if (!res) return;
            if (res.status === 201 || res.status === 200) reacted.add(`${messageId} ${reaction}`);
            continue;
          }
          if (n % 15 === 14) {
            const res = await post(server.url, users[0], `${V4}/room`, { roomType: 2, roomName: `r${round}-${w}-${n}` });
            if (!res) return;
            if (res.status === 201 || res.status === 200) rooms.add(res.data.token as string);
            continue;
          }
          const text = `round ${round} writer ${w} #${n}`;
          const res = await post(server.url, users[0], `${CHAT}/${token}`, { message: text });
          if (!res) return;
          if (res.status === 201) {
            const id = res.data.id as number;
            expect(acked.has(id), `message id ${id} answered twice ("${acked.get(id)}", then "${text}")`).toBe(false);
            acked.set(id, text);
            writes++;
          }
        }
      };
      const load = Array.from({ length: WRITERS }, (_, w) => writer(w));
      await new Promise((r) => setTimeout(r, 150 + Math.random() * 450));
      server.child.kill('SIGKILL');
      await server.exited;
      alive = false;
      await Promise.all(load);
    }
    expect(writes).toBeGreaterThan(KILLS * 10);
    expect(polls.size).toBeGreaterThan(KILLS);
    expect([...polls.values()].filter((p) => p.voted !== null).length).toBeGreaterThan(KILLS / 2);
    expect(reacted.size).toBeGreaterThan(KILLS);
  }, 180_000);

  it('a second server on the same data file is refused, naming the holder pid; after the holder is killed its stale lock is taken over', async () => {
    const dataFile = path.join(dir, 'talk.json');
    const first = await startCli(['--port', '0', '--data', dataFile]);
    running.push(first);
    const before = await readFile(dataFile);
    const second = await runCliToExit(['--port', '0', '--data', dataFile]);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(`in use by another talk-devserver (pid ${first.child.pid}`);
    expect(second.stderr).toContain(dataFile);
    expect(await readFile(dataFile)).toEqual(before);
    await expect(createDevServer({ dataFile })).rejects.toMatchObject({ code: 'data-file-locked' });

    first.child.kill('SIGKILL');
    await first.exited;
    expect(await readdir(dir)).toContain('talk.json.lock');
    const third = await startCli(['--port', '0', '--data', dataFile]);
    running.push(third);
    expect(third.users).toEqual(first.users);
    expect(JSON.parse(await readFile(`${dataFile}.lock`, 'utf8')).pid).toBe(third.child.pid);
    expect(await stopCli(third)).toBe(0);
    expect(await readdir(dir)).toEqual(['talk.json']);
  });

  it('two servers in one process on one data file: the second is refused', async () => {
    const dataFile = path.join(dir, 'talk.json');
    const first = await createDevServer({ dataFile });
    try {
      const error = await createDevServer({ dataFile }).then(
        (s) => s.close().then(() => null),
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DataFileError);
      expect((error as Error).message).toContain(`pid ${process.pid}`);
    } finally {
      await first.close();
    }
  });

  const snapshotWith = (change: (s: TalkState) => void) => {
    const s = seed();
    change(s);
    return JSON.stringify(s);
  };

  it.each([
    [
      'an attendee of a conversation that does not exist',
      snapshotWith((s) => (s.attendees[0].token = 'gone0001')),
      null,
      'talk.json',
      /attendees 1 \(from "attendees\[0\]" of .*talk\.json\): its conversation "gone0001" is not in the state/,
    ],
    [
      'a message id at or above nextId (it would be handed out again)',
      snapshotWith((s) => (s.nextId.message = 1)),
      null,
      'talk.json',
      /message id 1 is not below nextId\.message 1/,
    ],
    [
      'a message whose text is not a string',
      snapshotWith((s) => ((s.messages[0] as unknown as { message: unknown }).message = [[[]]])),
      null,
      'talk.json',
      /"messages\[0\]" field "message" must be a string/,
    ],
    [
      'a journal line that is not JSON (line 2 of 3)',
      JSON.stringify(seed()),
      `${line(1, [['messages', message(2)]])}{"seq":2,,\n${line(3)}`,
      'talk.json.journal',
      /line 2 is not valid JSON/,
    ],
    [
      'a journal record with a wrong field type',
      JSON.stringify(seed()),
      `${line(1, [['messages', message(2, { id: '2' })]])}`,
      'talk.json.journal',
      /line 1: "put\[0\]" \(messages\) field "id" must be an integer/,
    ],
    [
      'a journal with a missing entry (seq 1, then 3)',
      JSON.stringify(seed()),
      `${line(1, [['messages', message(2)]])}${line(3)}`,
      'talk.json.journal',
      /line 2 has seq 3 where 2 was expected/,
    ],
    [
      'a journal line that makes the state inconsistent',
      JSON.stringify(seed()),
      `${line(1, [['messages', message(2, { token: 'nowhere1' })]])}`,
      'talk.json',
      /messages 2 \(from line 1 of .*talk\.json\.journal\): its conversation "nowhere1" is not in the state/,
    ],
    ['a journal without its data file', null, `${line(1, [['messages', message(2)]])}`, 'talk.json.journal', /has entries but the data file .* is missing/],
    ...AREA_REFUSALS,
  ])('refuses %s with the file and line/record, leaving every file byte-identical', async (_what, snapshot, journal, blamed, problem) => {
    const dataFile = path.join(dir, 'talk.json');
    if (snapshot !== null) await writeFile(dataFile, snapshot);
    if (journal !== null) await writeFile(`${dataFile}.journal`, journal);
    const files = (await readdir(dir)).sort();
    const bytes = await Promise.all(files.map((f) => readFile(path.join(dir, f))));
    const error = await createDevServer({ dataFile }).then(
      (s) => s.close().then(() => null),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DataFileError);
    expect((error as DataFileError).file).toBe(path.join(dir, blamed));
    expect((error as Error).message).toMatch(problem);
    expect((await readdir(dir)).sort()).toEqual(files);
    expect(await Promise.all(files.map((f) => readFile(path.join(dir, f))))).toEqual(bytes);

    const cli = await runCliToExit(['--port', '0', '--data', dataFile]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(problem);
    expect(await Promise.all(files.map((f) => readFile(path.join(dir, f))))).toEqual(bytes);
  });

  it('group commit: 200 concurrent writes are each on disk when answered, in fewer journal lines; reads and no-op writes do not wait', async () => {
    const dataFile = path.join(dir, 'talk.json');
    const server = await createDevServer({ dataFile });
    try {
      const [alice] = server.users;
      const token = (await post(server.url, alice, `${V4}/room`, { roomType: 2, roomName: 'Burst' }))?.data.token as string;
      const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => post(server.url, alice, `${CHAT}/${token}`, { message: `burst ${i}` })));
      expect(answers.map((a) => a?.status)).toEqual(Array(200).fill(201));
      const lines = await journalLines(dataFile);
      expect(lines).toBeGreaterThan(0);
      expect(lines).toBeLessThan(200);
      const stored = new Set((loadState(dataFile) as TalkState).messages.map((m) => m.message));
      expect(answers.every((_, i) => stored.has(`burst ${i}`))).toBe(true);
      // Nothing to write: every read (and a request that changes nothing persisted) is answered, repeatedly. (The
      // first GET /room creates alice's changelog conversation: one more line.)
      const rooms = async () => (await ocs(server.url, 'GET', `${V4}/room`, { user: alice })).status;
      expect(await rooms()).toBe(200);
      const settled = await journalLines(dataFile);
      for (let i = 0; i < 20; i++) {
        expect(await rooms()).toBe(200);
        expect((await post(server.url, alice, `${V4}/room/${token}/participants/active`, {}))?.status).toBe(200);
      }
      expect(await journalLines(dataFile)).toBe(settled);
    } finally {
      await server.close();
    }
  });

  it('long polls are woken once the new message is on disk', async () => {
    const dataFile = path.join(dir, 'talk.json');
    const server = await createDevServer({ dataFile });
    try {
      const [alice, bob] = server.users;
      const token = (await post(server.url, alice, `${V4}/room`, { roomType: 2, roomName: 'Polls' }))?.data.token as string;
      await post(server.url, alice, `${V4}/room/${token}/participants`, { newParticipant: 'bob' });
      const known = server.store.conversations.get(token)?.lastMessageId ?? 0;
      const polls = Array.from({ length: 20 }, () =>
        ocs(server.url, 'GET', `${CHAT}/${token}?lookIntoFuture=1&timeout=30&lastKnownMessageId=${known}`, { user: bob }),
      );
      for (let i = 0; i < 200 && server.debug.waitingPollers() < 20; i++) await new Promise((r) => setTimeout(r, 20));
      expect(server.debug.waitingPollers()).toBe(20);
      const started = Date.now();
      const sent = await post(server.url, alice, `${CHAT}/${token}`, { message: 'durable news' });
      const answers = await Promise.all(polls);
      expect(Date.now() - started).toBeLessThan(10_000);
      for (const a of answers) expect((a.body?.ocs.data as { id: number }[]).map((m) => m.id)).toEqual([sent?.data.id]);
      expect((loadState(dataFile) as TalkState).messages.some((m) => m.id === sent?.data.id)).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('when the journal cannot be written, the write is not acknowledged (503), nor is any later one', async () => {
    const dataFile = path.join(dir, 'talk.json');
    const server = await createDevServer({ dataFile });
    try {
      const [alice] = server.users;
      const token = (await post(server.url, alice, `${V4}/room`, { roomType: 2, roomName: 'Doomed' }))?.data.token as string;
      expect((await post(server.url, alice, `${CHAT}/${token}`, { message: 'saved' }))?.status).toBe(201);
      // A value JSON cannot write (as a 50,000-deep array could not): every later commit fails.
      (server.store.conversations.get(token) as unknown as { name: unknown }).name = 10n;
      const refused = await post(server.url, alice, `${CHAT}/${token}`, { message: 'not saved' });
      expect(refused?.status).toBe(503);
      expect(refused?.data).toMatchObject({ error: 'data-file' });
      expect((await post(server.url, alice, `${V4}/room`, { roomType: 2, roomName: 'Later' }))?.status).toBe(503);
      const onDisk = loadState(dataFile) as TalkState;
      expect(onDisk.messages.map((m) => m.message)).toContain('saved');
      expect(onDisk.messages.map((m) => m.message)).not.toContain('not saved');
      (server.store.conversations.get(token) as unknown as { name: unknown }).name = 'Doomed';
    } finally {
      await server.close();
    }
  });

  it('replays the journal over the snapshot and drops a torn last line (a write the crash interrupted, never answered)', async () => {
    const dataFile = path.join(dir, 'talk.json');
    await writeFile(dataFile, JSON.stringify(seed()));
    await writeFile(
      `${dataFile}.journal`,
      `${line(1, [['messages', message(2)]])}${line(2, [['messages', message(3)]], [], { conversation: 2, attendee: 2, message: 4 })}{"seq":3,"nextId":{"conv`,
    );
    const state = loadState(dataFile) as TalkState;
    expect(state.messages.map((m) => m.id)).toEqual([1, 2, 3]);
    expect(state.nextId.message).toBe(4);
    const server = await createDevServer({ dataFile });
    try {
      expect(server.store.messagesOf('room0001').map((m) => m.message)).toEqual(['{actor} created the conversation', 'm2', 'm3']);
      expect(server.store.nextId.message).toBe(4);
      expect(await readFile(`${dataFile}.journal`, 'utf8')).toBe('');
    } finally {
      await server.close();
    }
    expect(await readdir(dir)).toEqual(['talk.json']);
  });
});
