// HTTP basic auth against the seeded users' app passwords, and guests recognised by their session cookie.
import { timingSafeEqual } from 'node:crypto';
import type { DevActor } from './handlers/handler-types.js';
import { GUEST_SESSION_COOKIE } from './handlers/participant-handlers.js';
import type { TalkStore } from './domain/store.js';

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The guest session id from the `talk_session` cookie, if any. */
export function guestSessionFrom(request: Request): string | null {
  const cookie = request.headers.get('cookie');
  if (!cookie) return null;
  for (const part of cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === GUEST_SESSION_COOKIE) return rest.join('=') || null;
  }
  return null;
}

/** Whether a session belongs to a guest attendee (guests and e-mail invitees), never to a user. */
function isGuestSession(store: TalkStore, sessionId: string): boolean {
  const session = store.sessions.get(sessionId);
  if (!session) return false;
  const attendee = store.attendees.byId(session.token, session.attendeeId);
  return attendee !== undefined && (attendee.actorType === 'guests' || attendee.actorType === 'emails');
}

/**
 * Resolves who is calling: a seeded user (basic auth with user id + app password; the session cookie then only
 * picks one of that user's own sessions), a guest whose cookie names a live *guest* session (only for operations
 * that allow guests), or nobody. A cookie holding a user's session id is not a login.
 */
export function authenticateRequest(
  store: TalkStore,
  input: { credentials: { user: string; password: string } | null; request: Request; anonymousAllowed: boolean },
): DevActor | null {
  if (input.credentials) {
    const user = store.users.get(input.credentials.user);
    if (!user || !sameSecret(user.appPassword, input.credentials.password)) return null;
    return { type: 'user', id: user.id, sessionId: guestSessionFrom(input.request) };
  }
  if (!input.anonymousAllowed) return null;
  const sessionId = guestSessionFrom(input.request);
  if (sessionId && isGuestSession(store, sessionId)) return { type: 'guest', id: sessionId };
  return null;
}
