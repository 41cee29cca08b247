// A bound on guest creation: "Join a conversation" without credentials creates a guest attendee each time.
import type { TalkRequestTools } from '@talk-contract/server';
import { guestSessionFrom } from './auth.js';
import type { TalkStore } from './domain/store.js';

/**
 * Default most guests per conversation (`maxGuestsPerConversation`).
 *
 * @example
 * createDevServer({ maxGuestsPerConversation: 5 * DEFAULT_GUEST_LIMIT });
 */
export const DEFAULT_GUEST_LIMIT = 1_000;

/**
 * The 429 (OCS envelope, as Nextcloud's rate limiting answers) for a "Join a conversation" request (`joinConversation`
 * of `token`) that would create one guest too many in the conversation; null for users and for guests who already
 * have a session there.
 *
 * @example
 * guestLimitRefusal(store, request, 'abc123xy', 1000, tools); // Response | null
 */
export function guestLimitRefusal(store: TalkStore, request: Request, token: string, limit: number, tools: TalkRequestTools): Response | null {
  if (request.headers.has('authorization')) return null;
  const attendees = store.attendees.get(token);
  if (!attendees) return null;
  const sessionId = guestSessionFrom(request);
  if (sessionId && store.sessions.get(sessionId)?.token === token) return null;
  let guests = 0;
  for (const a of attendees) if (a.actorType === 'guests') guests++;
  if (guests < limit) return null;
  const message = `The conversation has reached the dev server's limit of ${limit} guests (maxGuestsPerConversation)`;
  return tools.ocsResponse(429, { error: 'guest-limit', limit }, { message, headers: { 'retry-after': '60' } });
}
