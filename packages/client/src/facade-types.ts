import type { DeprecatedFacadeNames, FacadeOperations } from './generated/operations.js';
import type { OcsMeta } from './errors.js';
import type { ApiVersion } from './operation-info.js';

type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 206;
type OcsDataOf<R> = R extends { content: { 'application/json': { ocs: { data: infer D } } } } ? D : undefined;
type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** `data` of the OCS envelope of the success answers of an operation (openapi-typescript `operations[id]`). */
export type SuccessData<Op> = Op extends { responses: infer R } ? { [S in keyof R & SuccessStatus]: OcsDataOf<R[S]> }[keyof R & SuccessStatus] : never;

type QueryOf<Op> = Op extends { parameters: { query?: infer Q } } ? ([NonNullable<Q>] extends [never] ? {} : NonNullable<Q>) : {};
/** Fields of a multipart body: text fields also take a `Blob`/`File` (the contract's binary fields are strings). */
type MultipartFields<M> = { [K in keyof M]: M[K] extends string ? M[K] | Blob : M[K] };
type BodyOf<Op> = Op extends { requestBody?: infer B }
  ? NonNullable<B> extends { content: { 'application/json': infer J } }
    ? J extends Record<string, unknown>
      ? J
      : {}
    : NonNullable<B> extends { content: { 'multipart/form-data': infer M } }
      ? MultipartFields<M>
      : {}
  : {};

/** The input object of a facade method: query parameters and JSON body fields in one object. */
export type FacadeInput<Op> = Simplify<QueryOf<Op> & BodyOf<Op>>;

/** Per-call options of every facade method. */
export interface CallOptions {
  /** Aborts the request (the call rejects with the signal's reason, an `AbortError`). */
  signal?: AbortSignal;
  /** Extra request headers. */
  headers?: Record<string, string>;
  /** Timeout of this call in ms (overrides the client's `timeoutMs`; 0 = none). */
  timeoutMs?: number;
}

type InputArgs<I> = [keyof I] extends [never]
  ? [options?: CallOptions] | [input: Record<string, never> | undefined, options?: CallOptions]
  : [RequiredKeys<I>] extends [never]
    ? [input?: I, options?: CallOptions]
    : [input: I, options?: CallOptions];

/**
 * What a facade method resolves to: the unwrapped OCS `data`, the OCS `meta`, the HTTP status and the
 * documented response headers of the operation (`lastGiven`, `lastCommonRead`, `talkHash`, `modifiedBefore`).
 */
export interface TalkResponse<Data, Headers> {
  data: Data;
  meta: OcsMeta;
  status: number;
  headers: Headers;
}

/**
 * What a binary operation (an avatar: `image/*`) resolves to: the body as a `Blob` (its `type` is the answer's
 * media type), the HTTP status, the answer's `Content-Type` and the documented response headers.
 *
 * @example
 * ```ts
 * const { data } = await talk.conversations.getAvatar(token);
 * await writeFile('avatar.png', new Uint8Array(await data.arrayBuffer()));
 * ```
 */
export interface TalkBinaryResponse<Headers> {
  data: Blob;
  meta?: undefined;
  status: number;
  contentType: string;
  headers: Headers;
}

/** Result of an operation that documents 304: `notModified: true` means "nothing new" (`data` is empty). */
export type TalkPollResponse<Data, Headers> =
  | (TalkResponse<Data, Headers> & { notModified: false })
  | { data: Data extends readonly unknown[] ? Data : null; meta?: undefined; status: 304; headers: Headers; notModified: true };

type FacadeEntry = {
  operationId: string;
  area: string;
  name: string;
  operation: unknown;
  pathArgs: unknown[];
  headers: unknown;
  notModified: boolean;
  binary: boolean;
};

/** The type of one facade method, from its generated entry. */
export type FacadeMethod<E> = E extends FacadeEntry
  ? (
      ...args: [...E['pathArgs'], ...InputArgs<FacadeInput<E['operation']>>]
    ) => Promise<
      E['binary'] extends true
        ? TalkBinaryResponse<E['headers']>
        : E['notModified'] extends true
          ? TalkPollResponse<SuccessData<E['operation']>, E['headers']>
          : TalkResponse<SuccessData<E['operation']>, E['headers']>
    >
  : never;

/** The operations of API version `V` (generated), keyed by operationId. */
export type OperationsOf<V extends ApiVersion> = FacadeOperations[V];

/**
 * The facade group `Area` of a table of generated operation entries `Ops` (keyed by operationId), with the old
 * names `Aliases` of renamed methods: what {@link FacadeGroup} is made of, also for a Talk release's operations.
 *
 * @example
 * ```ts
 * type Chat = FacadeGroupOf<OperationsOf<'v4'>, 'chat'>;
 * ```
 */
export type FacadeGroupOf<Ops, Area extends string, Aliases = {}> = {
  [K in keyof Ops as Ops[K] extends { area: Area; name: infer N extends string } ? N : never]: FacadeMethod<Ops[K]>;
} & DeprecatedMethods<Aliases>;

/**
 * The facade group `Area` of API version `V`: one method per operation of that group that exists in `V`.
 *
 * @example
 * ```ts
 * type Conversations = FacadeGroup<'v4', 'conversations'>;
 * type Get = Conversations['get']; // (token: string, input?, options?) => Promise<TalkResponse<Room, {}>>
 * ```
 */
export type FacadeGroup<V extends ApiVersion, Area extends string> = FacadeGroupOf<
  OperationsOf<V>,
  Area,
  Area extends keyof DeprecatedFacadeNames[V] ? DeprecatedFacadeNames[V][Area] : {}
>;

/** The old names of renamed methods (their `@deprecated` JSDoc carried through the mapped type). */
type DeprecatedMethods<Aliases> = { [K in keyof Aliases]: FacadeMethod<Aliases[K]> };
