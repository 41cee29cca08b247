// The shape of the dev server's operation handlers: @talk-contract/server's `TalkHandler` typed per operation
// (input and answer as the contract declares them), with the store as context.
import type { TalkHandlerInput, TalkHandlerResult, TalkOperationId, TalkOperationInput, TalkOperationResult } from '@talk-contract/server';
import { requireMember } from '../domain/participant.js';
import type { Actor } from '../domain/records.js';
import type { TalkStore } from '../domain/store.js';
import { type RoomView, conversationView } from '../domain/views.js';

/** The actor the dev server's `authenticate` hands to @talk-contract/server. */
export type DevActor = { type: 'user'; id: string; sessionId: string | null } | { type: 'guest'; id: string };

/**
 * The input of any operation, not typed per operation (validated by @talk-contract/server): what the shared
 * answers (`successAnswer`, refusals) work on. A handler gets the typed {@link DevOperationInput}.
 */
export type DevHandlerInput = TalkOperationInput<'v4', DevActor>;

/** The answer of any operation, not typed per operation: status, OCS `data`, response headers and `meta.message`. */
export type DevHandlerResult = TalkOperationResult;

/** Context shared by all handlers. */
export interface DevHandlerContext {
  store: TalkStore;
}

/** The operationIds the dev server serves (the v4 slice). */
export type DevOperationId = TalkOperationId<'v4'>;

/** What the handler of one operation receives: `params`, `query` and `body` typed as the contract declares them. */
export type DevOperationInput<O extends DevOperationId> = TalkHandlerInput<'v4', O, DevActor>;

/** What the handler of one operation returns: a status the operation documents, with that status's `data`. */
export type DevOperationResult<O extends DevOperationId> = TalkHandlerResult<'v4', O>;

/** The handler of one operation: @talk-contract/server's `TalkHandler` with the dev context as second argument. */
export type DevOperationHandler<O extends DevOperationId> = (
  input: DevOperationInput<O>,
  context: DevHandlerContext,
) => DevOperationResult<O> | Promise<DevOperationResult<O>>;

/**
 * Handlers keyed by operationId, each typed by its operation (a table of one area uses `satisfies DevHandlers`:
 * a key that is no operation, a wrong parameter, an undocumented status or `data` of the wrong shape do not compile).
 *
 * @example
 * export const pollHandlers = {
 *   closePoll: (i, { store }) => ({ status: 200, data: closePoll(store, i.params.token, toActor(i.actor), i.params.pollId) }),
 * } satisfies DevHandlers;
 */
export type DevHandlers = { [O in DevOperationId]?: DevOperationHandler<O> };

/** The domain actor of a request. */
export function toActor(actor: DevHandlerInput['actor']): Actor {
  if (actor.type === 'user') return { kind: 'user', userId: actor.id, sessionId: actor.sessionId };
  if (actor.type === 'guest') return { kind: 'guest', sessionId: actor.id || null };
  return { kind: 'guest', sessionId: null };
}

/** Reads an optional string input. */
export function str(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? fallback : String(value);
}

/** Reads an optional integer input. */
export function int(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return undefined;
}

/** The parameter groups of an input, typed or not. */
interface InputGroups {
  params: object;
  query: object;
  body?: object | undefined;
}

/** Path/query/body value lookup: body, then query, then path parameters. */
export function input(i: InputGroups, name: string): unknown {
  if (i.body && name in i.body) return (i.body as Record<string, unknown>)[name];
  if (name in i.query) return (i.query as Record<string, unknown>)[name];
  return (i.params as Record<string, unknown>)[name];
}

/** The `{token}` path parameter. */
export function token(i: { params: { token?: unknown } }): string {
  return str(i.params.token);
}

/**
 * `data` of a success without data in the imitated release (`[]`, or `null` where Talk 21 sends it), for
 * handlers whose status is not 200 (a 200 without data is {@link EMPTY}).
 *
 * @example
 * return { status: 201, data: noData(store, 'sendBotMessage') };
 */
export function noData(store: TalkStore, operationId: string): [] | null {
  return store.profile.successAnswer(operationId) === 'null' ? null : [];
}

/**
 * The conversation as the caller sees it after a change: what the settings that answer the conversation return.
 *
 * @example
 * return conversationAnswer(store, i.params.token, i.actor);
 */
export function conversationAnswer(store: TalkStore, tokenValue: string, actor: DevHandlerInput['actor']): { status: 200; data: RoomView } {
  return { status: 200, data: conversationView(store, requireMember(store, tokenValue, toActor(actor))) };
}

/**
 * An empty OCS answer: the dev server answers it as the imitated release answers the operation (`[]`, `null`, the
 * conversation or the participant), so it is the one object with this meaning (compared by identity).
 */
export const EMPTY: { status: 200; data: [] } = { status: 200, data: [] };
