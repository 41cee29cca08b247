// The shape of the dev server's operation handlers: @talk-contract/server's `TalkOperationHandler` input and
// result, with the store as context.
import type { TalkOperationInput, TalkOperationResult } from '@talk-contract/server';
import type { Actor } from '../domain/records.js';
import type { TalkStore } from '../domain/store.js';

/** The actor the dev server's `authenticate` hands to @talk-contract/server. */
export type DevActor = { type: 'user'; id: string; sessionId: string | null } | { type: 'guest'; id: string };

/** What a handler receives (validated by @talk-contract/server). */
export type DevHandlerInput = TalkOperationInput<'v4', DevActor>;

/** What a handler returns: status, OCS `data`, response headers and `meta.message`. */
export type DevHandlerResult = TalkOperationResult;

/** Context shared by all handlers. */
export interface DevHandlerContext {
  store: TalkStore;
}

/** A dev server operation handler. */
export type DevHandler = (input: DevHandlerInput, context: DevHandlerContext) => DevHandlerResult | Promise<DevHandlerResult>;

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

/** Reads an optional boolean input (`true/false/1/0`). */
export function bool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === '1' || value === 'true') return true;
  if (value === 0 || value === '0' || value === 'false') return false;
  return undefined;
}

/** Path/query/body value lookup: body, then query, then path parameters. */
export function input(i: DevHandlerInput, name: string): unknown {
  if (i.body && name in i.body) return i.body[name];
  if (name in i.query) return i.query[name];
  return i.params[name];
}

/** The `{token}` path parameter. */
export function token(i: DevHandlerInput): string {
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

/** An empty OCS answer. */
export const EMPTY: DevHandlerResult = { status: 200, data: [] };
