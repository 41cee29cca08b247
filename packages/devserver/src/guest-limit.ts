// A bound on guest creation: "Join a conversation" without credentials creates a guest attendee each time.
import { ocsEnvelope } from '@talk-contract/server';
import { guestSessionFrom } from './auth.js';
import type { TalkStore } from './domain/store.js';

/**
 * Default most guests per conversation (`maxGuestsPerConversation`).
 *
 * @example
 * createDevServer({ maxGuestsPerConversation: 5 * DEFAULT_GUEST_LIMIT });
 */
export const DEFAULT_GUEST_LIMIT = 1_000;

const JOIN_PATH = /^\/ocs\/v2\.php\/apps\/spreed\/api\/v4\/room\/([^/]+)\/participants\/active$/;

/**
 * The 429 (OCS envelope, as Nextcloud's rate limiting answers) for a join that would create one guest too many in
 * the conversation; null for every other request (users, guests who already have a session there, other paths).
 *
 * @example
 * guestLimitRefusal(store, request, '/ocs/v2.php/apps/spreed/api/v4/room/abc123xy/participants/active', 1000); // Response | null
 */
export function guestLimitRefusal(store: TalkStore, request: Request, pathname: string, limit: number): Response | null {
  const match = JOIN_PATH.exec(pathname);
  if (!match || request.headers.has('authorization')) return null;
  const token = decodeURIComponent(match[1]);
  const attendees = store.attendees.get(token);
  if (!attendees) return null;
  const sessionId = guestSessionFrom(request);
  if (sessionId && store.sessions.get(sessionId)?.token === token) return null;
  let guests = 0;
  for (const a of attendees) if (a.actorType === 'guests') guests++;
  if (guests < limit) return null;
  const message = `The conversation has reached the dev server's limit of ${limit} guests (maxGuestsPerConversation)`;
  const body = ocsEnvelope(429, { error: 'guest-limit', limit }, message);
  return new Response(JSON.stringify(body), { status: 429, headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': '60' } });
}
