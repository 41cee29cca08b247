// --data FILE keeps every area, not only conversations and chat: each area is written over HTTP, read back, the
// server stopped and started again on the same file, and read back equal (answers and stored records). The
// journal alone (before any compaction) holds the same records.
import { signBotRequest } from '@talk-contract/client';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installBot } from '../src/domain/bots.js';
import { userSettings } from '../src/domain/settings.js';
import { createDevServer, loadState } from '../src/index.js';
import type { DevServer, DevUser, TalkState } from '../src/index.js';
import { CHAT, V4, groupWith, ocs, upload } from './support.js';

const V1 = '/ocs/v2.php/apps/spreed/api/v1';
const SECRET = 'a-very-long-bot-secret-of-at-least-forty-characters';
const USERS = [
  { id: 'alice', displayName: 'Alice', groups: ['phone'] },
  { id: 'bob', displayName: 'Bob' },
  { id: 'root', displayName: 'Admin', groups: ['admin'] },
];

/** What a test of one area works with: the server, its users, a group conversation with alice and bob and a message in it. */
interface Context {
  server: DevServer;
  url: string;
  alice: DevUser;
  bob: DevUser;
  root: DevUser;
  room: string;
  messageId: number;
  /** Values a write hands to the reads (poll ids, ...). */
  ids: Record<string, number | string>;
}

type Area = [name: string, write: (c: Context) => Promise<void>, read: (c: Context) => Promise<unknown>];

const data = async (answer: Promise<{ status: number; body: { ocs: { data: unknown } } | null }>) => {
  const { status, body } = await answer;
  return { status, data: body?.ocs.data };
};
const expectOk = async (answer: Promise<{ status: number; text: string }>) => {
  const { status, text } = await answer;
  expect(status, text).toBeLessThan(300);
};
const room = (c: Context, token = c.room, user = c.bob) => data(ocs(c.url, 'GET', `${V4}/room/${token}`, { user }));
const history = (c: Context) => data(ocs(c.url, 'GET', `${CHAT}/${c.room}?lookIntoFuture=0&limit=50`, { user: c.alice }));

const AREAS: Area[] = [
  [
    'polls and votes (open, voted, closed)',
    async (c) => {
      const open = await data(
        ocs(c.url, 'POST', `${V1}/poll/${c.room}`, { user: c.alice, body: { question: 'Lunch?', options: ['Pizza', 'Sushi'], maxVotes: 1 } }),
      );
      const closed = await data(ocs(c.url, 'POST', `${V1}/poll/${c.room}`, { user: c.alice, body: { question: 'Done?', options: ['Yes', 'No'] } }));
      c.ids.open = (open.data as { id: number }).id;
      c.ids.closed = (closed.data as { id: number }).id;
      await expectOk(ocs(c.url, 'POST', `${V1}/poll/${c.room}/${c.ids.open}`, { user: c.bob, body: { optionIds: [1] } }));
      await expectOk(ocs(c.url, 'POST', `${V1}/poll/${c.room}/${c.ids.open}`, { user: c.alice, body: { optionIds: [0] } }));
      await expectOk(ocs(c.url, 'POST', `${V1}/poll/${c.room}/${c.ids.closed}`, { user: c.bob, body: { optionIds: [0] } }));
      await expectOk(ocs(c.url, 'DELETE', `${V1}/poll/${c.room}/${c.ids.closed}`, { user: c.alice }));
    },
    async (c) => [
      await data(ocs(c.url, 'GET', `${V1}/poll/${c.room}/${c.ids.open}`, { user: c.alice })),
      await data(ocs(c.url, 'GET', `${V1}/poll/${c.room}/${c.ids.open}`, { user: c.bob })),
      await data(ocs(c.url, 'GET', `${V1}/poll/${c.room}/${c.ids.closed}`, { user: c.bob })),
    ],
  ],
  [
    'reactions',
    async (c) => {
      await expectOk(ocs(c.url, 'POST', `${V1}/reaction/${c.room}/${c.messageId}`, { user: c.bob, body: { reaction: '👍' } }));
      await expectOk(ocs(c.url, 'POST', `${V1}/reaction/${c.room}/${c.messageId}`, { user: c.alice, body: { reaction: '👍' } }));
      await expectOk(ocs(c.url, 'POST', `${V1}/reaction/${c.room}/${c.messageId}`, { user: c.alice, body: { reaction: '🎉' } }));
    },
    async (c) => [await data(ocs(c.url, 'GET', `${V1}/reaction/${c.room}/${c.messageId}`, { user: c.bob })), await history(c)],
  ],
  [
    'bots, the conversations they are enabled in, their messages and reactions',
    async (c) => {
      const bot = installBot(c.server.store, { name: 'Echo', url: 'http://127.0.0.1:9/hook', secret: SECRET });
      c.ids.bot = bot.id;
      await expectOk(ocs(c.url, 'POST', `${V1}/bot/${c.room}/${bot.id}`, { user: c.alice }));
      const signed = await signBotRequest(SECRET, 'beep');
      await expectOk(ocs(c.url, 'POST', `${V1}/bot/${c.room}/message`, { headers: signed.headers, body: { message: 'beep' } }));
      const react = await signBotRequest(SECRET, '🤖');
      await expectOk(ocs(c.url, 'POST', `${V1}/bot/${c.room}/reaction/${c.messageId}`, { headers: react.headers, body: { reaction: '🤖' } }));
    },
    async (c) => {
      // The bot's reaction is there: reacting so again is 200 (not 201); a second signed message is accepted.
      const react = await signBotRequest(SECRET, '🤖');
      const again = await ocs(c.url, 'POST', `${V1}/bot/${c.room}/reaction/${c.messageId}`, { headers: react.headers, body: { reaction: '🤖' } });
      return [
        await data(ocs(c.url, 'GET', `${V1}/bot/${c.room}`, { user: c.alice })),
        await data(ocs(c.url, 'GET', `${V1}/bot/admin`, { user: c.root })),
        again.status,
        (await history(c)).data,
      ];
    },
  ],
  [
    'conversation avatars',
    async (c) => {
      await expectOk(ocs(c.url, 'POST', `${V1}/room/${c.room}/avatar/emoji`, { user: c.alice, body: { emoji: '🚀', color: '0082c9' } }));
    },
    async (c) => {
      const { data: r } = await room(c);
      const { isCustomAvatar, avatarVersion } = r as { isCustomAvatar: boolean; avatarVersion: string };
      expect(isCustomAvatar).toBe(true);
      return { isCustomAvatar, avatarVersion };
    },
  ],
  [
    'SIP settings, SIP dial-in and mention permissions of a conversation',
    async (c) => {
      const sip = { sipGroups: ['phone'], dialInInfo: '+49 30 1234', sharedSecret: 's3cret' };
      await expectOk(ocs(c.url, 'POST', `${V1}/settings/sip`, { user: c.root, body: sip }));
      await expectOk(ocs(c.url, 'PUT', `${V4}/room/${c.room}/webinar/sip`, { user: c.alice, body: { state: 1 } }));
      await expectOk(ocs(c.url, 'PUT', `${V4}/room/${c.room}/mention-permissions`, { user: c.alice, body: { mentionPermissions: 1 } }));
    },
    async (c) => {
      const { data: r } = await room(c);
      const { sipEnabled, mentionPermissions } = r as { sipEnabled: number; mentionPermissions: number };
      const signaling = await data(ocs(c.url, 'GET', `/ocs/v2.php/apps/spreed/api/v3/signaling/settings?token=${c.room}`, { user: c.bob }));
      return { sipEnabled, mentionPermissions, sipDialinInfo: (signaling.data as { sipDialinInfo: string }).sipDialinInfo };
    },
  ],
  [
    'breakout room configuration, status and assistance requests',
    async (c) => {
      const configured = await data(ocs(c.url, 'POST', `${V1}/breakout-rooms/${c.room}`, { user: c.alice, body: { mode: 1, amount: 2 } }));
      expect(configured.status).toBe(200);
      await expectOk(ocs(c.url, 'POST', `${V1}/breakout-rooms/${c.room}/rooms`, { user: c.alice }));
      const rooms = (configured.data as { token: string; objectType: string }[]).filter((r) => r.objectType === 'room');
      const bobs = rooms.find((r) => c.server.store.attendeesOf(r.token).some((a) => a.actorId === 'bob')) ?? rooms[0];
      c.ids.breakout = bobs.token;
      await expectOk(ocs(c.url, 'POST', `${V1}/breakout-rooms/${bobs.token}/request-assistance`, { user: c.bob }));
    },
    async (c) => {
      const fields = (r: unknown) => {
        const { breakoutRoomMode, breakoutRoomStatus, lobbyState } = r as Record<string, number>;
        return { breakoutRoomMode, breakoutRoomStatus, lobbyState };
      };
      const parent = fields((await room(c)).data);
      const breakout = fields((await room(c, String(c.ids.breakout))).data);
      expect(parent.breakoutRoomStatus).toBe(1);
      return { parent, breakout, store: [...c.server.store.breakoutRooms].map(([t, s]) => [t, s.mode, s.status, [...s.assistance]]) };
    },
  ],
  [
    'Talk user settings',
    async (c) => {
      await expectOk(ocs(c.url, 'POST', `${V1}/settings/user`, { user: c.bob, body: { key: 'play_sounds', value: 'no' } }));
      await expectOk(ocs(c.url, 'POST', `${V1}/settings/user`, { user: c.bob, body: { key: 'attachment_folder', value: '/Talk/Shared' } }));
    },
    async (c) => {
      const settings = userSettings(c.server.store, 'bob');
      expect(settings).toEqual({ play_sounds: 'no', attachment_folder: '/Talk/Shared' });
      return settings;
    },
  ],
  [
    'uploaded files and their shares into conversations',
    async (c) => {
      expect(await upload(c.url, c.alice, 'Talk/notes.txt', 'hello')).toBe(201);
      const shared = await ocs(c.url, 'POST', '/ocs/v2.php/apps/files_sharing/api/v1/shares', {
        user: c.alice,
        body: { shareType: 10, shareWith: c.room, path: '/Talk/notes.txt' },
      });
      expect(shared.status, shared.text).toBe(200);
    },
    async (c) => {
      // Sharing the same file again is refused (the share is known), replacing the upload is a 204 (the file is known).
      const again = await ocs(c.url, 'POST', '/ocs/v2.php/apps/files_sharing/api/v1/shares', {
        user: c.alice,
        body: { shareType: 10, shareWith: c.room, path: '/Talk/notes.txt' },
      });
      return { again: again.status, files: [...(c.server.store.files.get('alice')?.values() ?? [])].map((f) => [f.id, f.path, f.size, f.mimetype]) };
    },
  ],
];

/** A server on `dataFile` with a group conversation of alice and bob holding one message. */
async function startWithRoom(dataFile: string, roomName: string): Promise<Context> {
  const server = await createDevServer({ dataFile, users: USERS });
  const [alice, bob, root] = server.users;
  const token = await groupWith(server.url, alice, roomName, ['bob']);
  const sent = await ocs(server.url, 'POST', `${CHAT}/${token}`, { user: alice, body: { message: 'react to me' } });
  return { server, url: server.url, alice, bob, root, room: token, messageId: sent.body?.ocs.data.id, ids: {} };
}

/** The stored records by kind, each kind as a sorted list of JSON texts (the order records are kept in is not state). */
function records(state: TalkState): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [kind, value] of Object.entries(state)) {
    if (Array.isArray(value)) out[kind] = value.map((r) => JSON.stringify(r)).sort();
  }
  out.nextId = [JSON.stringify(state.nextId)];
  return out;
}

describe('every area survives a restart on the same --data FILE', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'talk-devserver-areas-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(AREAS)('%s', async (_name, write, read) => {
    const dataFile = path.join(dir, 'talk.json');
    const c = await startWithRoom(dataFile, 'Areas');
    const first = c.server;
    let before: unknown;
    let stored: Record<string, string[]>;
    try {
      await write(c);
      before = await read(c);
      stored = records(first.store.toState());
      // What the journal holds (snapshot + journal lines, read while the server runs) is the live state.
      expect(records(loadState(dataFile) as TalkState)).toEqual(stored);
    } finally {
      await first.close();
    }
    const second = await createDevServer({ dataFile, users: USERS });
    try {
      expect(second.users).toEqual(first.users);
      Object.assign(c, { server: second, url: second.url });
      expect(records(second.store.toState())).toEqual(stored);
      expect(await read(c)).toEqual(before);
    } finally {
      await second.close();
    }
  });

  it('a bot of createDevServer({ bots }) is kept, not installed twice, when the server starts again on its data file', async () => {
    const dataFile = path.join(dir, 'talk.json');
    const echo = { name: 'Echo', url: 'http://127.0.0.1:9/echo', secret: SECRET };
    const first = await createDevServer({ dataFile, users: USERS, bots: [echo], onBotDelivery: () => {} });
    const id = first.admin.listBots()[0]?.id;
    await first.close();
    const newSecret = `${SECRET}-rotated`;
    const second = await createDevServer({ dataFile, users: USERS, bots: [{ ...echo, secret: newSecret }], onBotDelivery: () => {} });
    try {
      expect(second.admin.listBots().map((b) => [b.id, b.name, b.secret])).toEqual([[id, 'Echo', newSecret]]);
    } finally {
      await second.close();
    }
  });

  it('a WebDAV upload is on disk when it is answered', async () => {
    const dataFile = path.join(dir, 'talk.json');
    const server = await createDevServer({ dataFile, users: USERS });
    try {
      expect(await upload(server.url, server.users[0], 'Talk/now.txt', 'durable')).toBe(201);
      expect((loadState(dataFile) as TalkState).files?.map((f) => [f.owner, f.path, f.size])).toEqual([['alice', '/Talk/now.txt', 7]]);
    } finally {
      await server.close();
    }
  });

  it('ids of polls, bots and files are not handed out again after a restart', async () => {
    const dataFile = path.join(dir, 'talk.json');
    const ids = async (server: DevServer) => {
      const [alice] = server.users;
      const token = await groupWith(server.url, alice, 'Ids', ['bob']);
      const poll = await ocs(server.url, 'POST', `${V1}/poll/${token}`, { user: alice, body: { question: 'Q?', options: ['a', 'b'] } });
      expect(await upload(server.url, alice, `f-${token}.txt`, 'x')).toBe(201);
      return {
        poll: poll.body?.ocs.data.id as number,
        bot: installBot(server.store, { name: `Bot ${token}`, url: `http://127.0.0.1:9/${token}`, secret: SECRET }).id,
        file: server.store.files.get('alice')?.get(`/f-${token}.txt`)?.id as number,
      };
    };
    const first = await createDevServer({ dataFile, users: USERS });
    const a = await ids(first).finally(() => first.close());
    const second = await createDevServer({ dataFile, users: USERS });
    const b = await ids(second).finally(() => second.close());
    expect(b.poll).toBeGreaterThan(a.poll);
    expect(b.bot).toBeGreaterThan(a.bot);
    expect(b.file).toBeGreaterThan(a.file);
  });

  it('deleting a conversation forgets its polls, reactions, bots, extras and shares, so the data file stays consistent', async () => {
    const dataFile = path.join(dir, 'talk.json');
    const c = await startWithRoom(dataFile, 'Doomed');
    const first = c.server;
    try {
      for (const [, write] of AREAS) await write(c);
      await expectOk(ocs(first.url, 'DELETE', `${V4}/room/${c.room}`, { user: c.alice }));
    } finally {
      await first.close();
    }
    const state = loadState(dataFile) as TalkState;
    for (const kind of ['polls', 'reactions', 'botConversations', 'botReactions', 'conversationExtras', 'fileShares'] as const) {
      expect(state[kind], kind).toEqual([]);
    }
    const second = await createDevServer({ dataFile, users: USERS });
    await second.close();
  });
});
