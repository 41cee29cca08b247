import type { TalkContracts } from './generated/index.js';
import type { BinaryBody } from './request-pipeline/answer-request.js';

/** A conversation/participant API version the server can speak: `'v1'` … `'v4'`. */
export type ApiVersion = keyof TalkContracts;

/**
 * The operationIds of one API version slice that the server routes (`'getConversation'`, `'sendMessage'`, ...);
 * not the bot webhooks (`botMessageWebhook`, ...), which Talk sends and no handler serves.
 */
export type TalkOperationId<V extends ApiVersion> = TalkContracts[V]['routed'] & keyof TalkContracts[V]['operations'] & string;

/** The generated component schemas of one version: `TalkSchemas<'v4'>['Room']`. */
export type TalkSchemas<V extends ApiVersion> = TalkContracts[V]['components']['schemas'];

/**
 * A logged-in user: what `authenticate` returns for valid basic-auth credentials (Talk actor type `users`).
 *
 * @example
 * ```ts
 * const alice: TalkUserActor = { type: 'users', id: 'alice', displayName: 'Alice' };
 * ```
 */
export interface TalkUserActor {
  type: 'users';
  /** The user id. */
  id: string;
  displayName?: string;
}

/**
 * A guest of a public conversation, recognised by its session (Talk actor type `guests`).
 *
 * @example
 * ```ts
 * const guest: TalkGuestActor = { type: 'guests', id: 'a1b2c3' };
 * ```
 */
export interface TalkGuestActor {
  type: 'guests';
  /** The guest's session id (Talk's actor id of a guest). */
  id: string;
  displayName?: string;
}

/**
 * The default actor type `authenticate` returns (any object type works: see `TActor`): a discriminated union on
 * `type`, so that checking `type` narrows it. Operations that allow anonymous access get
 * `TalkActor | TalkAnonymousActor`.
 *
 * @example
 * ```ts
 * receiveMessages: ({ actor }) => {
 *   if (actor.type === 'anonymous') return { status: 404, data: [] };
 *   console.log(actor.type, actor.id); // 'users' | 'guests', string
 * }
 * ```
 */
export type TalkActor = TalkUserActor | TalkGuestActor;

/**
 * What the handler of an operation that allows anonymous access gets when the request carried no
 * credentials and `authenticate` did not recognise anyone.
 *
 * @example
 * ```ts
 * if (actor.type === 'anonymous') return { status: 404, data: [] };
 * ```
 */
export interface TalkAnonymousActor {
  type: 'anonymous';
}

type Operation<V extends ApiVersion, O extends TalkOperationId<V>> = TalkContracts[V]['operations'][O];
type Empty = Record<string, never>;
type OrEmpty<T> = [T] extends [never] ? Empty : [T] extends [undefined] ? Empty : NonNullable<T>;
type ParameterGroup<Op, K extends string> = Op extends { parameters: infer P } ? (P extends { [k in K]?: infer T } ? OrEmpty<T> : Empty) : Empty;
/** A multipart body: its binary fields (strings in the contract) arrive as a `File`. */
type MultipartBody<M> = { [K in keyof M]: M[K] extends string ? M[K] | File : M[K] };
type JsonBody<Op> = Op extends { requestBody?: infer B }
  ? [NonNullable<B>] extends [never]
    ? undefined
    : NonNullable<B> extends { content: { 'application/json': infer J } }
      ? J
      : NonNullable<B> extends { content: { 'multipart/form-data': infer M } }
        ? MultipartBody<M>
        : undefined
  : undefined;
type ResponsesOf<Op> = Op extends { responses: infer R } ? R : never;
/** Media types of a binary answer. */
type BinaryMediaType = `image/${string}` | 'application/octet-stream';
type OcsData<R> = R extends { content: { 'application/json': infer J } }
  ? J extends { ocs: { data: infer D } }
    ? D
    : J
  : R extends { content: infer C }
    ? [Extract<keyof C, BinaryMediaType>] extends [never]
      ? undefined
      : BinaryBody
    : undefined;
type StatusCode<S> = S extends number ? S : S extends `${infer N extends number}` ? N : never;

/** A header value as a handler gives it: integer headers as a number or its decimal string. */
type HeaderValue<T> = [NonNullable<T>] extends [number] ? number | `${number}` : string;
/** The headers a status documents (`X-Chat-Last-Given`, ...), each optional, typed by its schema. */
type DocumentedHeaders<R> = R extends { headers: infer H }
  ? { [K in keyof H as string extends K ? never : number extends K ? never : K]?: HeaderValue<H[K]> }
  : unknown;

/** Extra response headers and the OCS `meta.message` a handler may set. */
interface ResultExtras<R> {
  /**
   * Response headers: the documented ones typed (`{ 'X-Chat-Last-Given': 1236 }`), others (a `Set-Cookie`) as
   * strings or numbers. `validateResponses` checks the documented ones against their schema.
   */
  headers?: DocumentedHeaders<R> & Record<string, string | number>;
  /** `meta.message` of the OCS envelope (default `OK` below 400, the reason phrase otherwise). */
  message?: string;
}

/** One possible answer: a documented status, the `ocs.data` and the headers that status documents. */
type ResultFor<S, R> = [OcsData<R>] extends [undefined]
  ? { status: StatusCode<S>; data?: undefined } & ResultExtras<R>
  : { status: StatusCode<S>; data: OcsData<R> } & ResultExtras<R>;

/**
 * What a handler returns: one of the statuses the operation documents, with `data` typed for that status
 * (the server wraps it in the OCS envelope). Statuses documented without content (304) carry no data.
 *
 * @example
 * ```ts
 * const answer: TalkHandlerResult<'v4', 'getConversation'> = { status: 404, data: [] };
 * ```
 */
export type TalkHandlerResult<V extends ApiVersion, O extends TalkOperationId<V>> = {
  [S in keyof ResponsesOf<Operation<V, O>>]: ResultFor<S, ResponsesOf<Operation<V, O>>[S]>;
}[keyof ResponsesOf<Operation<V, O>>];

/**
 * What a handler gets: input already coerced and validated against the contract, and the actor.
 *
 * @example
 * ```ts
 * const receiveMessages: TalkHandler<'v4', 'receiveMessages'> = ({ params, query }) => {
 *   console.log(params.token, query.limit); // string, number | undefined
 *   return { status: 304 };
 * };
 * ```
 */
export interface TalkHandlerInput<V extends ApiVersion, O extends TalkOperationId<V>, TActor extends object = TalkActor> {
  operationId: O;
  /** Path parameters (`token`, `messageId`, ...). */
  params: ParameterGroup<Operation<V, O>, 'path'>;
  /** The documented query parameters that were sent (from the query string, a form or a JSON body). */
  query: ParameterGroup<Operation<V, O>, 'query'>;
  /** The documented request body (from a JSON body, a form body or the query string); `undefined` when the operation has none. */
  body: JsonBody<Operation<V, O>>;
  /** Who is calling; `{ type: 'anonymous' }` only for operations that allow anonymous access. */
  actor: O extends TalkContracts[V]['anonymous'] ? TActor | TalkAnonymousActor : TActor;
  /** The Fetch API request (headers, cookies, URL). */
  request: Request;
  /** Aborted when the client goes away, or when `handlerTimeoutMs` is over (reason: a `TalkHandlerTimeoutError`). */
  signal: AbortSignal;
}

/**
 * The handler of one operation.
 *
 * @example
 * ```ts
 * const getConversation: TalkHandler<'v4', 'getConversation'> = ({ params }) => ({ status: 404, data: [] });
 * ```
 */
export type TalkHandler<V extends ApiVersion, O extends TalkOperationId<V>, TActor extends object = TalkActor> = (
  input: TalkHandlerInput<V, O, TActor>,
) => TalkHandlerResult<V, O> | Promise<TalkHandlerResult<V, O>>;

/**
 * Handlers keyed by operationId for one API version (pass a `Partial` of it to `createTalkServer`).
 *
 * @example
 * ```ts
 * const handlers: Partial<TalkHandlers<'v4'>> = {
 *   addConversationToFavorites: () => ({ status: 200, data: [] }),
 * };
 * ```
 */
export type TalkHandlers<V extends ApiVersion, TActor extends object = TalkActor> = {
  [O in TalkOperationId<V>]: TalkHandler<V, O, TActor>;
};

/**
 * What a {@link TalkOperationHandler} gets: the validated input as plain records (not typed per operation).
 *
 * @example
 * ```ts
 * const input: TalkOperationInput<'v4'> = { operationId: 'getConversation', params: { token: 'abc' }, query: {}, body: undefined, actor, request, signal };
 * ```
 */
export interface TalkOperationInput<V extends ApiVersion, TActor extends object = TalkActor> {
  operationId: TalkOperationId<V>;
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: Record<string, unknown> | undefined;
  /** `{ type: 'anonymous' }` only for operations that allow anonymous access. */
  actor: TActor | TalkAnonymousActor;
  request: Request;
  signal: AbortSignal;
}

/**
 * What a {@link TalkOperationHandler} returns: any status and `data` (checked against the contract at run time
 * with `validateResponses`), response headers and the OCS `meta.message`.
 *
 * @example
 * ```ts
 * const answer: TalkOperationResult = { status: 404, data: [], message: 'Conversation not found' };
 * ```
 */
export interface TalkOperationResult {
  status: number;
  data?: unknown;
  headers?: Record<string, string | number>;
  message?: string;
}

/**
 * A handler typed by what every operation shares, for `operationHandlers` (one table serving many operations).
 *
 * @example
 * ```ts
 * const ping: TalkOperationHandler<'v4'> = ({ operationId }) => ({ status: 200, data: [], message: operationId });
 * ```
 */
export type TalkOperationHandler<V extends ApiVersion, TActor extends object = TalkActor> = (
  input: TalkOperationInput<V, TActor>,
) => TalkOperationResult | Promise<TalkOperationResult>;
