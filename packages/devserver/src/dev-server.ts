// createDevServer: the stateful in-memory Talk on top of @talk-contract/server.
import { BodyTooLargeError, DEFAULT_BODY_LIMIT, createTalkServer, ocsEnvelope, readRequestBody, serveTalk, talkOperations } from '@talk-contract/server';
import type { TalkHandlers } from '@talk-contract/server';
import { authenticateRequest } from './auth.js';
import { CHAT_MAX_LENGTH } from './domain/constants.js';
import { conversationSettings } from './domain/conversation.js';
import { chatWriter } from './domain/chat.js';
import type { SeedUser } from './domain/store.js';
import { DEFAULT_USERS, TalkStore } from './domain/store.js';
import { TalkError } from './domain/talk-error.js';
import { parameterLimitError } from './domain/input-limits.js';
import { DEFAULT_GUEST_LIMIT, guestLimitRefusal } from './guest-limit.js';
import { avatarHandlers } from './handlers/avatar-handlers.js';
import { botHandlers } from './handlers/bot-handlers.js';
import { breakoutHandlers } from './handlers/breakout-handlers.js';
import { callHandlers } from './handlers/call-handlers.js';
import { chatHandlers } from './handlers/chat-handlers.js';
import { conversationHandlers } from './handlers/conversation-handlers.js';
import type { DevActor, DevHandler, DevHandlerInput, DevHandlerResult } from './handlers/handler-types.js';
import { toActor } from './handlers/handler-types.js';
import { participantHandlers } from './handlers/participant-handlers.js';
import { pollHandlers } from './handlers/poll-handlers.js';
import { recordingHandlers } from './handlers/recording-handlers.js';
import { settingsHandlers } from './handlers/settings-handlers.js';
import type { StateJournal } from './journal.js';
import { openDataFile } from './persistence.js';

/**
 * Every handler the dev server has, keyed by operationId (a superset of the v4 slice's operations).
 *
 * @example
 * Object.keys(devHandlers).includes('receiveMessages'); // true
 */
export const devHandlers: Readonly<Record<string, DevHandler>> = {
  ...conversationHandlers,
  ...participantHandlers,
  ...chatHandlers,
  ...callHandlers,
  ...pollHandlers,
  ...botHandlers,
  ...avatarHandlers,
  ...recordingHandlers,
  ...settingsHandlers,
  ...breakoutHandlers,
};

/** Options of {@link createDevServer}. */
export interface DevServerOptions {
  /** Port to listen on (default 0: a free port). */
  port?: number;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Users to seed (default: alice, bob, carol, dave with generated app passwords). Ignored when `dataFile` has state. */
  users?: readonly SeedUser[];
  /**
   * Keep the state in this JSON file: loaded at start, every change journaled to `<dataFile>.journal` and
   * fdatasync'ed before it is answered, compacted into `dataFile`; `<dataFile>.lock` keeps other servers out.
   */
  dataFile?: string;
  /** @deprecated Ignored: writes are no longer debounced (every answered write is on disk). */
  saveDebounceMs?: number;
  /** Compact the journal into the data file when it grows past this many bytes (default 8 MiB). */
  journalCompactBytes?: number;
  /** Check every answer against the contract (off-contract answers become 500). Default false. */
  validateResponses?: boolean;
  /**
   * Most guests one conversation can have (default {@link DEFAULT_GUEST_LIMIT}); a guest join beyond it gets
   * 429 in the OCS envelope, as Nextcloud's rate limiting answers.
   */
  maxGuestsPerConversation?: number;
  /** Told about handler errors and off-contract answers (default: console.error). */
  onError?: (error: unknown, info: { operationId: string; kind: string }) => void;
}

/** A seeded user and the app password to log in with. */
export interface DevUser {
  id: string;
  displayName: string;
  appPassword: string;
}

/** Counters for tests and debugging. */
export interface DevServerDebug {
  /** Long-poll requests currently waiting for a message. */
  waitingPollers(): number;
  /** Armed long-poll timeout timers. */
  pendingPollTimers(): number;
}

/** A running dev server. */
export interface DevServer {
  /** `http://127.0.0.1:<port>` (the Nextcloud base URL: APIs live below `/ocs/v2.php/...`). */
  url: string;
  port: number;
  /** The seeded users with their app passwords. */
  users: DevUser[];
  /** The in-memory state (for tests and tooling). */
  store: TalkStore;
  /** Dev-only controls for things the contract has no operation for (yet). */
  admin: {
    /** Sets the webinar lobby state (0 none, 1 non-moderators) of a conversation. */
    setLobbyState(token: string, state: 0 | 1): void;
  };
  debug: DevServerDebug;
  /** Wakes waiting pollers, stops listening, writes pending state and releases the data file's lock. */
  close(): Promise<void>;
}

function failure(error: TalkError): DevHandlerResult {
  if (error.status === 409 && error.data) return { status: 409, data: error.data, message: error.message };
  return { status: error.status, data: { error: error.reason, ...(error.data ?? {}) }, message: error.message };
}

async function run(handler: DevHandler, store: TalkStore, input: DevHandlerInput): Promise<DevHandlerResult> {
  try {
    const tooLarge = parameterLimitError(input.body, input.query);
    if (tooLarge) throw tooLarge;
    return await handler(input, { store });
  } catch (error) {
    if (error instanceof TalkError) return failure(error);
    throw error;
  }
}

/**
 * A handler as @talk-contract/server calls it. With a journal, the answer waits until every change it made or
 * shows is on disk (read committed: nobody sees, or is told about, a write a crash could lose).
 */
function wrap(handler: DevHandler, store: TalkStore, journal: StateJournal | null): (input: DevHandlerInput) => Promise<DevHandlerResult> {
  if (!journal) return (input) => run(handler, store, input);
  return async (input) => {
    const result = await run(handler, store, input);
    if (!journal.needsCommit() && input.request.method === 'GET') return result;
    try {
      await journal.commit();
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      return { status: 503, data: { error: 'data-file' }, message: `The data file cannot be written (${reason}); the change was not saved` };
    }
    return result;
  };
}

/** @talk-contract/server's default body limit: larger bodies get its 413 before any parsing. */
const BODY_LIMIT = DEFAULT_BODY_LIMIT;
const CHAT_SEND_PATH = /^\/ocs\/v2\.php\/apps\/spreed\/api\/v1\/chat\/([^/]+)$/;

function ocsAnswer(status: number, data: unknown, message?: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(ocsEnvelope(status, data, message)), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
}

/**
 * Reads a chat message body (at most {@link BODY_LIMIT} bytes, counted while it streams, chunked or not) and
 * returns it as a new request, or the 413/400 answer when it is too large or cannot be read.
 */
async function bufferedBody(request: Request): Promise<Request | Response> {
  let bytes: Uint8Array;
  try {
    bytes = await readRequestBody(request, BODY_LIMIT);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return ocsAnswer(413, { error: 'body-too-large' }, undefined, { connection: 'close' });
    return ocsAnswer(400, { error: 'body', message: 'the request body could not be read' });
  }
  const headers = new Headers(request.headers);
  headers.delete('transfer-encoding');
  headers.set('content-length', String(bytes.byteLength));
  return new Request(request.url, { method: request.method, headers, body: bytes as Uint8Array<ArrayBuffer>, signal: request.signal });
}

/** The Talk answer for a chat message over the documented limit (413), checked in the documented order. */
function oversizeMessage(request: Request, body: string, store: TalkStore, actor: DevActor | null): Response | null {
  if (request.headers.get('ocs-apirequest') !== 'true') return null;
  const match = CHAT_SEND_PATH.exec(new URL(request.url).pathname);
  if (!match) return null;
  let message: unknown;
  try {
    const type = request.headers.get('content-type') ?? '';
    if (/json/i.test(type)) message = (JSON.parse(body) as { message?: unknown }).message;
    else if (/x-www-form-urlencoded/i.test(type)) message = new URLSearchParams(body).get('message');
  } catch {
    return null;
  }
  if (typeof message !== 'string' || [...message].length <= CHAT_MAX_LENGTH) return null;
  let refusal = new TalkError(413, 'message', `The message is longer than ${CHAT_MAX_LENGTH} characters`);
  try {
    chatWriter(store, decodeURIComponent(match[1]), toActor(actor ?? { type: 'anonymous' }));
  } catch (error) {
    if (!(error instanceof TalkError)) throw error;
    refusal = error;
  }
  return ocsAnswer(refusal.status, { error: refusal.reason }, refusal.message);
}

/**
 * Starts the dev server: a stateful in-memory Nextcloud Talk (API v4) for client developers.
 *
 * @example
 * const server = await createDevServer({ port: 0 });
 * const alice = server.users[0];
 * await fetch(`${server.url}/ocs/v2.php/apps/spreed/api/v4/room`, {
 *   headers: { 'OCS-APIRequest': 'true', Authorization: `Basic ${btoa(`${alice.id}:${alice.appPassword}`)}` },
 * });
 * await server.close();
 */
export async function createDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const data = options.dataFile ? openDataFile(options.dataFile) : null;
  const store = data?.state ? TalkStore.fromState(data.state) : TalkStore.create(options.users ?? DEFAULT_USERS);
  let journal: StateJournal | null = null;
  if (data) {
    try {
      journal = await data.startJournal(() => store.toState(), options.journalCompactBytes);
    } catch (error) {
      data.release();
      throw error;
    }
    const running = journal;
    store.onChange = () => running.markDirty();
    store.waiters.deferWake = (wake) => running.afterDurable(wake);
  }

  const operations = talkOperations('v4');
  const anonymous = new Map(operations.map((op) => [op.operationId as string, op.anonymous]));
  const handlers: Record<string, (input: DevHandlerInput) => Promise<DevHandlerResult>> = {};
  for (const op of operations) {
    const handler = devHandlers[op.operationId];
    if (handler) handlers[op.operationId] = wrap(handler, store, journal);
  }
  const app = createTalkServer<'v4', DevActor>({
    apiVersion: 'v4',
    handlers: handlers as unknown as Partial<TalkHandlers<'v4', DevActor>>,
    validateResponses: options.validateResponses ?? false,
    authenticate: ({ credentials, request, operationId }) =>
      authenticateRequest(store, { credentials, request, anonymousAllowed: anonymous.get(operationId) ?? false }),
    onError: options.onError ? (error, info) => options.onError?.(error, { operationId: info.operationId, kind: info.kind }) : undefined,
  });

  const guestLimit = options.maxGuestsPerConversation ?? DEFAULT_GUEST_LIMIT;
  const fetchApp = {
    // `env` (@hono/node-server's { incoming, outgoing }) is passed on: the server reads headers from it directly.
    fetch: (request: Request, env?: unknown): Response | Promise<Response> => {
      if (request.method !== 'POST') return app.fetch(request, env);
      const pathname = new URL(request.url).pathname;
      const refusedGuest = guestLimitRefusal(store, request, pathname, guestLimit);
      if (refusedGuest) return refusedGuest;
      const length = Number(request.headers.get('content-length') ?? Number.NaN);
      const mayBeOversize = !(length <= CHAT_MAX_LENGTH) && !(length > BODY_LIMIT);
      if (!mayBeOversize || !CHAT_SEND_PATH.test(pathname)) return app.fetch(request, env);
      return bufferedBody(request).then((buffered) => {
        if (buffered instanceof Response) return buffered;
        return buffered
          .clone()
          .text()
          .then((body) => {
            const credentials = basicCredentials(buffered);
            const actor = authenticateRequest(store, { credentials, request: buffered, anonymousAllowed: true });
            const refused = credentials && !actor ? null : oversizeMessage(buffered, body, store, actor);
            return refused ?? app.fetch(buffered, env);
          });
      });
    },
  };
  let running: Awaited<ReturnType<typeof serveTalk>>;
  try {
    running = await serveTalk(fetchApp, { port: options.port ?? 0, hostname: options.host ?? '127.0.0.1' });
  } catch (error) {
    await journal?.close();
    data?.release();
    throw error;
  }
  return {
    url: running.url,
    port: running.port,
    users: [...store.users.values()].map((u) => ({ id: u.id, displayName: u.displayName, appPassword: u.appPassword })),
    store,
    admin: {
      setLobbyState: (token, lobbyState) => conversationSettings.setLobby(store, token, lobbyState),
    },
    debug: {
      waitingPollers: () => store.waiters.waiting,
      pendingPollTimers: () => store.waiters.timers,
    },
    async close() {
      store.waiters.closeAll();
      await running.close();
      try {
        await journal?.close();
      } finally {
        data?.release();
      }
    },
  };
}

function basicCredentials(request: Request): { user: string; password: string } | null {
  const header = request.headers.get('authorization');
  if (!header || !/^basic /i.test(header)) return null;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return i < 0 ? null : { user: decoded.slice(0, i), password: decoded.slice(i + 1) };
}
