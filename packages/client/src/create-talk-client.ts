import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { withDeadline } from './call-deadline.js';
import { callUrl } from './call-url.js';
import { createChatHelpers, type ChatHelpers } from './chat-helpers.js';
import { buildFacade, type RuntimeMethod } from './facade.js';
import type { FacadeGroup, OperationsOf, SuccessData } from './facade-types.js';
import type { paths as PathsV1, components as ComponentsV1 } from '@talk-contract/types/v1';
import type { paths as PathsV2, components as ComponentsV2 } from '@talk-contract/types/v2';
import type { paths as PathsV3, components as ComponentsV3 } from '@talk-contract/types/v3';
import type { paths as PathsV4, components as ComponentsV4 } from '@talk-contract/types/v4';
import { defaultBasePath } from './generated/operations.js';
import type { ApiVersion, OperationInfo } from './operation-info.js';
import { operationRowsFor, type OperationRow } from './operation-rows.js';
import type { StatusDescriber } from './status-meaning.js';
import { CALL_STATE_PROPERTY, createTransport, type CallState, type FetchFunction, type RetryOptions } from './transport.js';
import { capabilityCheck, sessionFetch } from './client-session.js';
import type { TalkCapabilities } from './capabilities.js';
import type { TalkSessionOption, TalkSessionStore } from './cookie-jar.js';

/** openapi-typescript `paths` of each API version (short paths below the API base). */
export interface TalkPaths {
  v1: PathsV1;
  v2: PathsV2;
  v3: PathsV3;
  v4: PathsV4;
}

/**
 * The component schemas of API version `V`.
 *
 * @example
 * ```ts
 * type Room = TalkSchemas<'v4'>['Room'];
 * ```
 */
export type TalkSchemas<V extends ApiVersion> = {
  v1: ComponentsV1;
  v2: ComponentsV2;
  v3: ComponentsV3;
  v4: ComponentsV4;
}[V]['schemas'];

/** HTTP basic credentials: a Nextcloud user name and an app password. */
export interface TalkBasicAuth {
  user: string;
  appPassword: string;
}

/** Options of {@link createTalkClient}. */
export interface TalkClientOptions<V extends ApiVersion> {
  /** Origin (and sub folder, if any) of the Nextcloud server: `https://cloud.example.com`. */
  baseUrl: string;
  /** Conversation API version the server speaks (see the `spreed.config` capabilities). */
  apiVersion: V;
  /** Basic auth credentials; leave out for a guest. */
  auth?: TalkBasicAuth;
  /** Custom fetch (tests, proxies). Default: `globalThis.fetch`. */
  fetch?: FetchFunction;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /**
   * Time limit in ms of every call, facade and raw: retries and reading the body included (a raw call with
   * `parseAs: 'stream'` ends when the headers arrive). Off by default (like `fetch`); set it in production.
   * A long poll (`chat.watch`) always uses its own limit (poll timeout + 15 s).
   */
  timeoutMs?: number;
  /** Retries of idempotent requests on connection errors, 429 and 503. Off by default. */
  retry?: boolean | RetryOptions;
  /**
   * Keep cookies (`Set-Cookie` of the server: Nextcloud's session, a guest's Talk session) and send them on later
   * calls to `baseUrl`: `'memory'` or your own {@link TalkSessionStore}. Off by default (a browser keeps them itself).
   */
  session?: TalkSessionOption;
  /**
   * The server's capabilities (see {@link talkCapabilities}; `connectTalk` reads them for you): facade calls of an
   * operation needing a feature not in them throw {@link TalkCapabilityError} before sending.
   */
  capabilities?: TalkCapabilities;
  /** `false` turns the capability check of `capabilities` off. Default `true`. */
  checkCapabilities?: boolean;
  /**
   * Explains error statuses: pass `describeStatus` (the contract's documented meanings, ~6 KB gzipped in a
   * bundle) or your own (translated) texts. `TalkApiError.meaning` and the error message carry what it returns;
   * without it they carry no meaning (the OCS `message` is still in the error message).
   */
  describeStatus?: StatusDescriber;
}

type ReceiveMessage<V extends ApiVersion> =
  OperationsOf<V> extends { receiveMessages: { operation: infer Op } } ? (SuccessData<Op> extends readonly (infer M)[] ? M : unknown) : never;

/** The chat group of API version `V`: every chat operation, plus `history()` and `watch()` when polling exists. */
export type TalkChat<V extends ApiVersion> = FacadeGroup<V, 'chat'> & ('receiveMessages' extends keyof OperationsOf<V> ? ChatHelpers<ReceiveMessage<V>> : {});

/** The raw openapi-fetch client of API version `V`: short paths, every base chosen automatically. */
export type TalkRawClient<V extends ApiVersion> = Client<TalkPaths[V], 'application/json'>;

/**
 * A Talk client for API version `V`.
 *
 * @example
 * ```ts
 * const talk = createTalkClient({ baseUrl: 'https://cloud.example.com', apiVersion: 'v4', auth: { user, appPassword } });
 * const { data: room } = await talk.conversations.get('abc123xy');
 * ```
 */
export interface TalkClient<V extends ApiVersion> {
  readonly apiVersion: V;
  /** The typed openapi-fetch client: `talk.raw.GET('/room/{token}', { params: { path: { token } } })`. */
  readonly raw: TalkRawClient<V>;
  /** Every conversation operation of `V`, unwrapping the OCS envelope. */
  readonly conversations: FacadeGroup<V, 'conversations'>;
  /** Every participant operation of `V`. */
  readonly participants: FacadeGroup<V, 'participants'>;
  /** Every chat operation of `V`, plus `history()` and `watch()`. */
  readonly chat: TalkChat<V>;
  /** Call operations of `V` (join, leave, ring, dial-out, recording, signaling settings). */
  readonly calls: FacadeGroup<V, 'calls'>;
  /** Poll operations of `V`. */
  readonly polls: FacadeGroup<V, 'polls'>;
  /** Bot operations of `V` (management, and what a bot calls). */
  readonly bots: FacadeGroup<V, 'bots'>;
  /** Breakout-room operations of `V`. */
  readonly breakoutRooms: FacadeGroup<V, 'breakoutRooms'>;
  /** Settings operations of `V`. */
  readonly settings: FacadeGroup<V, 'settings'>;
  /** Integration operations of `V` (file and public-share conversations). */
  readonly integrations: FacadeGroup<V, 'integrations'>;
  /**
   * The operation table of `V` (statuses, capabilities, headers). A status maps to its meaning when the client was
   * given `describeStatus`, to `''` otherwise.
   * @deprecated Use `operationsFor(talk.apiVersion)`, which always has the meanings; removed in the next minor version.
   */
  readonly operations: readonly OperationInfo[];
}

const RAW_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'] as const;

function basicAuthHeader(auth: TalkBasicAuth): string {
  const bytes = new TextEncoder().encode(`${auth.user}:${auth.appPassword}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

/** A row of `talk.operations`: each status with what `describe` says of it (`''` without `describe`). */
function withDescriptions(op: OperationRow, version: ApiVersion, describe: StatusDescriber | undefined): OperationInfo {
  const statuses: Record<string, string> = {};
  for (const status of op.statuses) statuses[status] = describe?.(op.operationId, status, version) ?? '';
  return { ...op, statuses };
}

/**
 * Create a typed client of one Talk API version. Every request carries `OCS-APIRequest: true` and
 * `Accept: application/json` (and basic auth when `auth` is given); chat, guest and file-share operations go to
 * their fixed base (`api/v1`, `files_sharing`) automatically.
 *
 * @example
 * ```ts
 * import { createTalkClient, TalkApiError } from '@talk-contract/client';
 *
 * const talk = createTalkClient({
 *   baseUrl: 'https://cloud.example.com',
 *   apiVersion: 'v4',
 *   auth: { user: 'alice', appPassword: 'xxxxx-xxxxx-xxxxx-xxxxx-xxxxx' },
 * });
 * const { data: rooms } = await talk.conversations.list();
 * const { data: message } = await talk.chat.send(rooms[0].token, { message: 'Hello' });
 * ```
 */
export function createTalkClient<V extends ApiVersion>(options: TalkClientOptions<V>): TalkClient<V> {
  const origin = options.baseUrl.replace(/\/+$/, '');
  const operations = operationRowsFor(options.apiVersion);
  const headers: Record<string, string> = { 'OCS-APIRequest': 'true', Accept: 'application/json', ...options.headers };
  if (options.auth) headers.Authorization = basicAuthHeader(options.auth);
  const timeoutMs = options.timeoutMs ?? 0;
  const transport = { fetch: sessionFetch(options.fetch, options.session, origin), retry: options.retry };
  const inner = createClient<Record<string, never>>({ baseUrl: origin, headers, fetch: createTransport(transport) });
  // Facade calls skip openapi-fetch's per-call work while no middleware is registered (see `directExchange`).
  const middleware = new Set<Middleware>();

  const bases = new Map<string, string>();
  for (const op of operations) {
    bases.set(`${op.method} ${op.path}`, origin + op.basePath);
    if (!bases.has(op.path)) bases.set(op.path, origin + op.basePath);
  }
  const fallbackBase = origin + defaultBasePath.replace('{apiVersion}', options.apiVersion);
  const baseFor = (method: string, path: string) => bases.get(`${method} ${path}`) ?? bases.get(path) ?? fallbackBase;
  type RawCall = (url: string, init?: Record<string, unknown>) => Promise<unknown>;
  const innerAny = inner as unknown as Record<string, RawCall> & {
    request(method: string, url: string, init?: Record<string, unknown>): Promise<unknown>;
  };
  // One raw call: the base of its operation, and with `timeoutMs` a deadline over the whole call.
  const rawCall = (method: string, url: string, init: Record<string, unknown> | undefined, send: RawCall): Promise<unknown> => {
    const baseUrl = baseFor(method, url);
    if (timeoutMs <= 0) return send(url, { baseUrl, ...init });
    const state: CallState = {};
    const outer = init?.signal as AbortSignal | undefined;
    return withDeadline(
      (signal) => send(url, { baseUrl, ...init, signal, [CALL_STATE_PROPERTY]: state }),
      timeoutMs,
      outer,
      () => callUrl(state, (init?.baseUrl as string | undefined) ?? baseUrl, url, init?.params),
      init?.parseAs === 'stream',
    );
  };
  const raw: Record<string, unknown> = {
    request: (method: string, url: string, init?: Record<string, unknown>) =>
      rawCall(method.toUpperCase(), url, init, (u, i) => innerAny.request(method, u, i)),
    use: (...m: Middleware[]) => {
      inner.use(...m);
      for (const one of m) if (one) middleware.add(one);
    },
    eject: (...m: Middleware[]) => {
      inner.eject(...m);
      for (const one of m) middleware.delete(one);
    },
  };
  for (const method of RAW_METHODS) {
    const send = innerAny[method]!;
    raw[method] = (url: string, init?: Record<string, unknown>) => rawCall(method, url, init, send);
  }

  const describe = options.describeStatus;
  const context = {
    client: inner,
    origin,
    timeoutMs,
    apiVersion: options.apiVersion,
    headers,
    send: createTransport(transport, false),
    middleware,
    describeStatus: describe,
    check: capabilityCheck(options),
  };
  const groups = buildFacade(context, operations);
  const receive = operations.find((op) => op.operationId === 'receiveMessages');
  const chat: Record<string, unknown> = { ...groups.chat };
  if (receive) Object.assign(chat, createChatHelpers(groups[receive.area]![receive.name] as RuntimeMethod));

  let table: OperationInfo[] | undefined;
  return {
    apiVersion: options.apiVersion,
    raw: raw as unknown as TalkRawClient<V>,
    conversations: (groups.conversations ?? {}) as unknown as FacadeGroup<V, 'conversations'>,
    participants: (groups.participants ?? {}) as unknown as FacadeGroup<V, 'participants'>,
    chat: chat as TalkChat<V>,
    calls: (groups.calls ?? {}) as unknown as FacadeGroup<V, 'calls'>,
    polls: (groups.polls ?? {}) as unknown as FacadeGroup<V, 'polls'>,
    bots: (groups.bots ?? {}) as unknown as FacadeGroup<V, 'bots'>,
    breakoutRooms: (groups.breakoutRooms ?? {}) as unknown as FacadeGroup<V, 'breakoutRooms'>,
    settings: (groups.settings ?? {}) as unknown as FacadeGroup<V, 'settings'>,
    integrations: (groups.integrations ?? {}) as unknown as FacadeGroup<V, 'integrations'>,
    get operations() {
      return (table ??= operations.map((op) => withDescriptions(op, options.apiVersion, describe)));
    },
  };
}
