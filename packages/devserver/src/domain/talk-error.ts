import type { RefusalStyle } from './release-profile.js';

/**
 * A documented Talk error answer: the HTTP status, the `ocs.data.error` reason and how Talk spells the body
 * (see {@link RefusalStyle}; the release profile turns it into `[]`, `null` or `{error}`).
 *
 * @example
 * throw new TalkError(403, 'readOnly', 'The conversation is read-only', undefined, 'guard');
 */
export class TalkError extends Error {
  /** Machine-readable code, `talk_<status>`. */
  readonly code: string;
  constructor(
    /** HTTP status (400, 403, 404, 409, 412, 413, ...). */
    readonly status: number,
    /** Short reason sent as `ocs.data.error` where the release sends one (e.g. `type`, `level`, `password`). */
    readonly reason: string,
    message: string = reason,
    /** Extra `ocs.data` fields (e.g. the session of a 409 join conflict). */
    readonly data?: Record<string, unknown>,
    /** How Talk spells this refusal (default: the controller's `['error' => reason]`). */
    readonly style: RefusalStyle = 'reason',
  ) {
    super(message);
    this.name = 'TalkError';
    this.code = `talk_${status}`;
  }
}

/**
 * A refusal by Talk's middleware (hidden conversation, not a moderator, read-only, lobby): `ocs.data` is `[]`.
 *
 * @example
 * throw guardError(404, 'conversation', 'The conversation could not be found');
 */
export function guardError(status: number, reason: string, message: string = reason): TalkError {
  return new TalkError(status, reason, message, undefined, 'guard');
}
