// The SIP bridge operations (`pin/{pin}`, `verify-dialin`, `verify-dialout`, `rejected-dialout`, phone
// participants): the dev server has no SIP bridge, so it answers what Talk answers when none is configured.
import type { TalkOperationId } from '@talk-contract/server';
import type { TalkStore } from './store.js';
import { TalkError, guardError } from './talk-error.js';

/**
 * Talk's refusal of a SIP bridge request on a server without SIP: 404 for an unknown conversation, else Talk 19's
 * 401 `[]` (the request cannot be validated) or Talk 21's 501 `null` (SIP is not configured) — before any
 * parameter is read.
 *
 * @example
 * throw sipBridgeRefusal(store, 'abcd1234');
 */
export function sipBridgeRefusal(store: TalkStore, token: string): TalkError {
  if (!store.conversations.has(token)) return guardError(404, 'conversation', 'The conversation could not be found');
  const { status, style } = store.profile.sipBridgeRefusal;
  return new TalkError(status, 'sip', 'SIP is not configured: the dev server has no SIP bridge', undefined, style);
}

/** Talk's answer to adding a phone number as a participant without SIP dial-out: 501. */
export function phoneParticipantRefusal(): TalkError {
  return new TalkError(501, 'sip', 'SIP dial-out is not configured (the dev server has no SIP bridge)');
}

/** "Enable or disable SIP dial-in": moderators get 412 `config` (no SIP bridge is configured). */
export function sipDialInRefusal(): TalkError {
  return new TalkError(412, 'config', 'SIP is not configured (the dev server has no SIP bridge)');
}

/**
 * The SIP bridge operations: refused before their parameters are validated, as Talk does (their paths are the
 * contract's, routed by @talk-contract/server's router).
 *
 * @example
 * SIP_BRIDGE_OPERATIONS.has('verifyDialInPin'); // true
 */
export const SIP_BRIDGE_OPERATIONS: ReadonlySet<TalkOperationId<'v4'>> = new Set<TalkOperationId<'v4'>>([
  'getParticipantByPin',
  'verifyDialInPin',
  'verifyDialOutNumber',
  'resetRejectedDialOut',
]);
