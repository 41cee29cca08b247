/**
 * A documented Talk error answer: the HTTP status and the `ocs.data.error` reason.
 *
 * @example
 * throw new TalkError(403, 'readOnly', 'The conversation is read-only');
 */
export class TalkError extends Error {
  /** Machine-readable code, `talk_<status>`. */
  readonly code: string;
  constructor(
    /** HTTP status (400, 403, 404, 409, 412, 413, ...). */
    readonly status: number,
    /** Short reason sent as `ocs.data.error` (e.g. `readOnly`, `lobby`, `password`). */
    readonly reason: string,
    message: string = reason,
    /** Extra `ocs.data` fields (e.g. the session of a 409 join conflict). */
    readonly data?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'TalkError';
    this.code = `talk_${status}`;
  }
}
