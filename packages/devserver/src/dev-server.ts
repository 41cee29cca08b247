// createDevServer: the stateful in-memory Talk on top of @talk-contract/server.
import { DEFAULT_BODY_LIMIT, createTalkRouter, createTalkServer, serveTalk, talkOperations } from '@talk-contract/server';
import type { TalkBeforeRoute, TalkOperationHandler, TalkOperationId, TalkRequestTools } from '@talk-contract/server';
import { authenticateRequest } from './auth.js';
import type { BotDeliveryReport } from './bot-webhook-delivery.js';
import { BotWebhookDelivery } from './bot-webhook-delivery.js';
import type { BotInstall, InstalledBot } from './domain/bots.js';
import { withoutFeaturesProblem } from './handlers/capabilities.js';
import { ensureBot, installBot, installedBots, setBotWebhookSink } from './domain/bots.js';
import { CHAT_MAX_LENGTH } from './domain/constants.js';
import { conversationSettings } from './domain/conversation.js';
import { chatWriter } from './domain/chat.js';
import { parameterLimitError } from './domain/input-limits.js';
import { DEFAULT_GUEST_LIMIT, guestLimitRefusal } from './guest-limit.js';
import type { StateJournal } from './journal.js';
import type { TalkRelease } from './domain/release-profile.js';
import { TALK_RELEASES, isTalkRelease, releaseProfile } from './domain/release-profile.js';
import type { SeedUser } from './domain/store.js';
import { DEFAULT_USERS, TalkStore } from './domain/store.js';
import { TalkError } from './domain/talk-error.js';
import { avatarHandlers } from './handlers/avatar-handlers.js';
import { botHandlers } from './handlers/bot-handlers.js';
import { breakoutHandlers } from './handlers/breakout-handlers.js';
import { callHandlers } from './handlers/call-handlers.js';
import { chatHandlers } from './handlers/chat-handlers.js';
import { conversationHandlers } from './handlers/conversation-handlers.js';
import type { DevActor, DevHandlerContext, DevHandlerInput, DevHandlerResult, DevHandlers, DevOperationId } from './handlers/handler-types.js';
import { EMPTY, conversationAnswer, int, toActor, token } from './handlers/handler-types.js';
import { requireMember } from './domain/participant.js';
import { participantView } from './domain/views.js';
import { participantHandlers } from './handlers/participant-handlers.js';
import { pollHandlers } from './handlers/poll-handlers.js';
import { recordingHandlers } from './handlers/recording-handlers.js';
import { settingsHandlers } from './handlers/settings-handlers.js';
import { isOcsRequest, nextcloudAnswer, wrongCredentials } from './nextcloud-front.js';
import { openDataFile } from './persistence.js';
import { TALK_QUERY_READERS } from './talk-parameters.js';
import { webdav } from './webdav.js';
import { SIP_BRIDGE_OPERATIONS, sipBridgeRefusal } from './domain/sip-bridge.js';

/** Every handler, one per operation of the v4 slice: a missing one, or one of the wrong type, does not compile. */
const handlers = {
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
} satisfies Required<DevHandlers>;

/**
 * Every handler the dev server has, keyed by operationId (one per operation of the v4 slice), each typed by its
 * operation.
 *
 * @example
 * Object.keys(devHandlers).includes('receiveMessages'); // true
 */
export const devHandlers: Readonly<Required<DevHandlers>> & Readonly<Record<string, unknown>> = handlers;

/** A handler as `run` calls it: input and answer of any operation. */
type AnyDevHandler = (input: DevHandlerInput, context: DevHandlerContext) => DevHandlerResult | Promise<DevHandlerResult>;

/**
 * The handler of an operation as `run` calls it. The cast only forgets the operation's types (TypeScript cannot tie
 * the handler of "some operation" to that operation's input): @talk-contract/server calls it only with input it
 * validated against that operation.
 */
function handlerOf(operationId: DevOperationId): AnyDevHandler {
  return handlers[operationId] as AnyDevHandler;
}

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
  /** The Talk release whose answers to reproduce (default: the newest, `'21'`). */
  talk?: TalkRelease;
  /**
   * Capability features to leave out of `GET /ocs/v2.php/cloud/capabilities` and the conversation capabilities, as
   * a server without them would (to test a client's feature gating, e.g. `['talk-polls']`). The operations still
   * answer. Names the release does not advertise are refused.
   */
  withoutFeatures?: readonly string[];
  /** Told about handler errors and off-contract answers (default: console.error). */
  onError?: (error: unknown, info: { operationId: string; kind: string }) => void;
  /**
   * Bots to install at start (`occ talk:bot:install`): moderators enable them per conversation, and the server then
   * POSTs the signed webhooks to their URL, which must be `http://` on 127.0.0.1, localhost or [::1].
   */
  bots?: readonly BotInstall[];
  /** Timeout of one webhook request (default 5000 ms, as Talk). */
  botWebhookTimeoutMs?: number;
  /** Most webhooks waiting to be sent (default 100); more are dropped and reported. */
  botWebhookQueue?: number;
  /** Told about every webhook delivery (default: failures and drops logged with console.error). */
  onBotDelivery?: (report: BotDeliveryReport) => void;
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
  /** The Talk version whose answers the server reproduces (`'21.1.0'`). */
  talkVersion: string;
  /** The seeded users with their app passwords. */
  users: DevUser[];
  /** The in-memory state (for tests and tooling). */
  store: TalkStore;
  /** Dev-only controls for things the contract has no operation for (yet). */
  admin: {
    /** Sets the webinar lobby state (0 none, 1 non-moderators) of a conversation. */
    setLobbyState(token: string, state: 0 | 1): void;
    /** Installs a bot (`occ talk:bot:install`); throws a `BotInstallError` for what Talk or the dev server refuses. */
    installBot(bot: BotInstall): InstalledBot;
    /** The installed bots (with their secrets and delivery error counts). */
    listBots(): InstalledBot[];
  };
  /** Resolves when no bot webhook is queued or in flight (for tests). */
  botWebhooksIdle(): Promise<void>;
  debug: DevServerDebug;
  /** Wakes waiting pollers, stops listening and writes pending state. */
  close(): Promise<void>;
}

/** `ocs.data` of a refusal as the imitated release spells it (`[]`, `null` or `{error}`, plus any extra fields). */
export function refusalData(store: TalkStore, error: TalkError): unknown {
  if (error.status === 409 && error.data) return error.data;
  const base = store.profile.refusalData(error.style, error.reason);
  if (!error.data) return base;
  return base !== null && !Array.isArray(base) ? { ...base, ...error.data } : { ...error.data };
}

/** The answer of an operation that has none of its own (`EMPTY`), as the imitated release gives it. */
function successAnswer(store: TalkStore, operationId: string, input: DevHandlerInput): DevHandlerResult {
  const kind = store.profile.successAnswer(operationId);
  if (kind === 'null') return { status: 200, data: null };
  if (kind === 'empty') return EMPTY;
  if (kind === 'room') return conversationAnswer(store, token(input), input.actor);
  const p = requireMember(store, token(input), toActor(input.actor));
  const attendee = store.attendees.byId(p.conversation.token, int(input.body?.attendeeId ?? input.query.attendeeId) ?? -1);
  const options = { includeStatus: true, viewerIsModerator: true };
  return { status: 200, data: attendee ? [participantView(store, p.conversation, attendee, options)] : [], headers: { 'X-Nextcloud-Has-User-Statuses': '1' } };
}

async function run(operationId: string, handler: AnyDevHandler, store: TalkStore, input: DevHandlerInput): Promise<DevHandlerResult> {
  try {
    // The dev server's own limits (not Talk's): the answer names the parameter and where, whatever the release.
    const tooLarge = parameterLimitError(input.body, input.query);
    if (tooLarge) return { status: tooLarge.status, data: { error: tooLarge.reason, ...(tooLarge.data ?? {}) }, message: tooLarge.message };
    const result = await handler(input, { store });
    return result === EMPTY ? successAnswer(store, operationId, input) : result;
  } catch (error) {
    if (error instanceof TalkError) return { status: error.status, data: refusalData(store, error), message: error.message };
    throw error;
  }
}

/** Waits until every change so far is on disk; the 503 answer when the journal cannot be written, else null. */
async function durable(journal: StateJournal, tools: TalkRequestTools): Promise<Response | null> {
  try {
    await journal.commit();
    return null;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return tools.ocsResponse(503, { error: 'data-file' }, { message: `The data file cannot be written (${reason}); the change was not saved` });
  }
}

/**
 * A handler as @talk-contract/server calls it. With a journal, the answer waits until every change it made or
 * shows is on disk (read committed: nobody sees, or is told about, a write a crash could lose).
 */
function wrap(operationId: string, handler: AnyDevHandler, store: TalkStore, journal: StateJournal | null): TalkOperationHandler<'v4', DevActor> {
  if (!journal) return (input) => run(operationId, handler, store, input);
  return async (input) => {
    const result = await run(operationId, handler, store, input);
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
/** Which operation a request is, as @talk-contract/server routes it. */
const route = createTalkRouter('v4');

/** The Talk answer for a chat message over the documented limit (413), checked in the documented order. */
async function oversizeMessage(request: Request, token: string, store: TalkStore, actor: DevActor | null, tools: TalkRequestTools): Promise<Response | null> {
  if (request.headers.get('ocs-apirequest') !== 'true') return null;
  let message: unknown;
  try {
    const type = request.headers.get('content-type') ?? '';
    if (/json/i.test(type)) message = ((await request.clone().json()) as { message?: unknown }).message;
    else if (/x-www-form-urlencoded/i.test(type)) message = new URLSearchParams(await request.clone().text()).get('message');
  } catch {
    return null;
  }
  if (typeof message !== 'string' || [...message].length <= CHAT_MAX_LENGTH) return null;
  let refusal = new TalkError(413, 'message', `The message is longer than ${CHAT_MAX_LENGTH} characters`);
  try {
    chatWriter(store, token, toActor(actor ?? { type: 'anonymous' }));
  } catch (error) {
    if (!(error instanceof TalkError)) throw error;
    refusal = error;
  }
  return refusalResponse(store, refusal, tools);
}

/** A refusal answered before @talk-contract/server routes the request, in the OCS envelope. */
function refusalResponse(store: TalkStore, refusal: TalkError, tools: TalkRequestTools): Response {
  return tools.ocsResponse(refusal.status, refusalData(store, refusal), { message: refusal.message });
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
  if (options.talk !== undefined && !isTalkRelease(options.talk)) {
    throw new TypeError(`createDevServer: talk must be one of ${TALK_RELEASES.join(', ')} (got ${JSON.stringify(options.talk)})`);
  }
  const profile = releaseProfile(options.talk);
  const featureProblem = withoutFeaturesProblem(profile, options.withoutFeatures ?? []);
  if (featureProblem) throw new TypeError(`createDevServer: withoutFeatures: ${featureProblem}`);
  const data = options.dataFile ? openDataFile(options.dataFile) : null;
  const store = data?.state ? TalkStore.fromState(data.state) : TalkStore.create(options.users ?? DEFAULT_USERS);
  store.profile = options.withoutFeatures?.length ? { ...profile, withoutFeatures: [...options.withoutFeatures] } : profile;
  try {
    for (const bot of options.bots ?? []) ensureBot(store, bot);
  } catch (error) {
    data?.release();
    throw error;
  }
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
  const operationHandlers: Partial<Record<TalkOperationId<'v4'>, TalkOperationHandler<'v4', DevActor>>> = {};
  for (const op of operations) {
    operationHandlers[op.operationId] = wrap(op.operationId, handlerOf(op.operationId), store, journal);
  }
  const guestLimit = options.maxGuestsPerConversation ?? DEFAULT_GUEST_LIMIT;

  /** What Nextcloud and the dev server answer before Talk's routes: WebDAV, the login layer, the SIP bridge, limits. */
  const beforeRoute: TalkBeforeRoute = async (original, tools) => {
    let request = original;
    const given = tools.credentialsOf(request);
    const user = given ? authenticateRequest(store, { credentials: given, request, anonymousAllowed: false }) : null;
    const dav = await webdav(request, store, user?.type === 'user' ? user.id : null);
    if (dav) return journal?.needsCommit() ? ((await durable(journal, tools)) ?? dav) : dav;
    const ocs = isOcsRequest(request);
    // Which operation it is, as @talk-contract/server will route it (only OCS paths have operations).
    const found = ocs ? route(request.method, request.url) : null;
    const operation = found?.kind === 'operation' ? found : null;
    if (ocs) {
      if (given && !user) return wrongCredentials();
      if (operation && SIP_BRIDGE_OPERATIONS.has(operation.operationId) && request.headers.get('ocs-apirequest') === 'true')
        return refusalResponse(store, sipBridgeRefusal(store, operation.params.token), tools);
    }
    if (operation?.operationId === 'joinConversation') {
      const refusedGuest = guestLimitRefusal(store, request, operation.params.token, guestLimit, tools);
      if (refusedGuest) return refusedGuest;
    }
    const length = Number(request.headers.get('content-length') ?? Number.NaN);
    const mayBeOversize = !(length <= CHAT_MAX_LENGTH) && !(length > BODY_LIMIT);
    if (mayBeOversize && operation?.operationId === 'sendMessage') {
      // Read the body once, counted while it streams (chunked included), before looking at the message.
      const buffered = await tools.bufferBody(request);
      if (buffered instanceof Response) return buffered;
      request = buffered;
      const credentials = tools.credentialsOf(request);
      const actor = authenticateRequest(store, { credentials, request, anonymousAllowed: true });
      if (!(credentials && !actor)) {
        const refused = await oversizeMessage(request, operation.params.token, store, actor, tools);
        if (refused) return refused;
      }
    }
    return request;
  };

  const app = createTalkServer<'v4', DevActor>({
    apiVersion: 'v4',
    operationHandlers,
    queryReaders: TALK_QUERY_READERS,
    bodyLimit: BODY_LIMIT,
    validateResponses: options.validateResponses ?? false,
    authenticate: ({ credentials, request, operationId }) =>
      authenticateRequest(store, { credentials, request, anonymousAllowed: anonymous.get(operationId) ?? false }),
    onError: options.onError ? (error, info) => options.onError?.(error, { operationId: info.operationId, kind: info.kind }) : undefined,
    beforeRoute,
    afterRoute: (response, request) => nextcloudAnswer(response, store, request),
  });

  let running: Awaited<ReturnType<typeof serveTalk>>;
  try {
    running = await serveTalk(app, { port: options.port ?? 0, hostname: options.host ?? '127.0.0.1' });
  } catch (error) {
    await journal?.close();
    data?.release();
    throw error;
  }
  store.baseUrl = running.url;
  const delivery = new BotWebhookDelivery(store, {
    backendUrl: `${running.url}/`,
    timeoutMs: options.botWebhookTimeoutMs,
    maxQueue: options.botWebhookQueue,
    onReport: options.onBotDelivery,
  });
  // Like a woken poller, a bot hears of a change only once it is on disk.
  setBotWebhookSink(store, (bot, activity) => (journal ? journal.afterDurable(() => delivery.enqueue(bot, activity)) : delivery.enqueue(bot, activity)));
  return {
    url: running.url,
    port: running.port,
    talkVersion: store.profile.version,
    users: [...store.users.values()].map((u) => ({ id: u.id, displayName: u.displayName, appPassword: u.appPassword })),
    store,
    admin: {
      setLobbyState: (token, lobbyState) => conversationSettings.setLobby(store, token, lobbyState),
      installBot: (bot) => installBot(store, bot),
      listBots: () => installedBots(store),
    },
    botWebhooksIdle: () => delivery.idle(),
    debug: {
      waitingPollers: () => store.waiters.waiting,
      pendingPollTimers: () => store.waiters.timers,
    },
    async close() {
      store.waiters.closeAll();
      setBotWebhookSink(store, null);
      await delivery.close();
      await running.close();
      try {
        await journal?.close();
      } finally {
        data?.release();
      }
    },
  };
}
