// Child process of devserver.bench.ts's long-poll rows: a server of its own, as users run one (not sharing the
// bench process with Prism and the throughput servers), that pollers wait on. Modes:
//   dev      the dev server, one conversation, every poller is bob (one member)
//   webinar  the dev server, one conversation with 1,000 members, every poller its own member
//   bare     the floor: node:http parking every request and answering them all at once with argv[3] as body
// IPC (bench-child.ts): sends { url, token?, poster?, readers } once listening; answers { waiting } to 'waiting'
// and { pollUrl } to 'poll-url' (the dev modes' poll URL after the newest message).
import http from 'node:http';
import { DEFAULT_USERS, createDevServer } from '@talk-contract/devserver';
import { serveBenchChild } from './bench-child.js';
import { basic, call } from './dev-requests.js';

const mode = process.argv[2] as 'dev' | 'webinar' | 'bare';
const POLLERS = Number(process.argv[3]);
const ROOM_PATH = '/ocs/v2.php/apps/spreed/api/v4/room';
const CHAT_PATH = '/ocs/v2.php/apps/spreed/api/v1/chat';

/** A fan-out server: its hello, its answers to the bench's questions, and how it closes. */
interface Target {
  hello: object;
  answer: (message: unknown) => unknown;
  close: () => Promise<void>;
}

async function devTarget(webinar: boolean): Promise<Target> {
  const audience = webinar ? Array.from({ length: POLLERS }, (_, i) => ({ id: `listener${i}`, displayName: `Listener ${i}` })) : [];
  const server = await createDevServer({ port: 0, users: [...DEFAULT_USERS, ...audience] });
  const [alice, bob] = server.users;
  const token = (await call(server, alice, 'POST', ROOM_PATH, { roomType: 2, roomName: webinar ? 'Webinar' : 'Fan-out' })).ocs.data.token;
  const members = webinar ? server.users.filter((u) => u.id.startsWith('listener')) : [bob];
  for (const u of members) await call(server, alice, 'POST', `${ROOM_PATH}/${token}/participants`, { newParticipant: u.id });
  const readers = webinar ? members.map(basic) : Array.from({ length: POLLERS }, () => basic(bob));
  return {
    hello: { url: server.url, token, poster: basic(alice), readers },
    answer: (message) => {
      if (message === 'waiting') return { waiting: server.debug.waitingPollers() };
      if (message === 'poll-url') {
        const known = server.store.conversations.get(token)?.lastMessageId ?? 0;
        return { pollUrl: `${server.url}${CHAT_PATH}/${token}?lookIntoFuture=1&timeout=60&setReadMarker=0&lastKnownMessageId=${known}` };
      }
      return undefined;
    },
    close: () => server.close(),
  };
}

async function bareTarget(body: string): Promise<Target> {
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
  const url = `http://127.0.0.1:${port}`;
  return {
    hello: { url, readers: Array.from({ length: POLLERS }, () => 'Basic eDp5') },
    answer: (message) => {
      if (message === 'waiting') return { waiting: parked.length };
      if (message === 'poll-url') return { pollUrl: `${url}/poll` };
      return undefined;
    },
    close: () => {
      bare.closeAllConnections();
      return new Promise<void>((resolve) => bare.close(() => resolve()));
    },
  };
}

const target = mode === 'bare' ? await bareTarget(process.argv[4] ?? '{}') : await devTarget(mode === 'webinar');
serveBenchChild(target.hello, target.answer, target.close);
