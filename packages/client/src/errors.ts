/** The OCS `meta` block of an answer. */
export interface OcsMeta {
  status: string;
  statuscode: number;
  message?: string;
  totalitems?: string;
  itemsperpage?: string;
}

/** Codes of the client's errors. */
export type TalkErrorCode =
  | 'TALK_API_ERROR'
  | 'TALK_NETWORK_ERROR'
  | 'TALK_TIMEOUT'
  | 'TALK_RESPONSE_FORMAT'
  | 'TALK_CAPABILITY_MISSING'
  | 'TALK_CONNECT_FAILED';

/**
 * Base class of every error the client throws.
 *
 * @example
 * ```ts
 * try { await talk.conversations.get('abc') } catch (e) { if (e instanceof TalkError) console.log(e.code) }
 * ```
 */
export abstract class TalkError extends Error {
  abstract readonly code: TalkErrorCode;
}

/** What {@link TalkApiError} is made of (`Data`: the type of the OCS error `data`, when known). */
export interface TalkApiErrorDetails<Data = unknown> {
  status: number;
  operationId: string;
  /** The URL that was requested: path parameters filled in, query included. */
  url: string;
  /** What the client's `describeStatus` says of this status (the documented meaning with `describeStatus`). */
  meaning?: string;
  meta?: OcsMeta;
  /** `data` of the OCS error envelope, e.g. `{ error: 'password' }`. */
  data?: Data;
  contentType: string;
  /** The first 200 characters of a body that was not an OCS envelope (an HTML error page, ...). */
  bodySnippet?: string;
}

/**
 * The server answered with an error status (4xx, 5xx, or an undocumented status).
 * `meaning` is the documented meaning of that status for that operation (412 → "When the lobby is active ...")
 * when the client was created with the `describeStatus` option; the message then carries it,
 * otherwise the OCS `message`.
 * `data` is `unknown` here; {@link TalkOperationError} (or `isTalkApiError(error, operationId)`) types it per
 * documented status from the contract.
 *
 * @example
 * ```ts
 * const talk = createTalkClient({ baseUrl, apiVersion: 'v4', auth, describeStatus });
 * try {
 *   await talk.chat.receive(token, { lookIntoFuture: 0 });
 * } catch (error) {
 *   if (error instanceof TalkApiError && error.status === 412) console.log(error.meaning);
 * }
 * ```
 */
export class TalkApiError<Data = unknown> extends TalkError implements TalkApiErrorDetails<Data> {
  readonly code = 'TALK_API_ERROR' as const;
  readonly status: number;
  readonly operationId: string;
  readonly url: string;
  readonly meaning?: string;
  readonly meta?: OcsMeta;
  readonly data?: Data;
  readonly contentType: string;
  readonly bodySnippet?: string;

  constructor(details: TalkApiErrorDetails<Data>) {
    const what = details.meaning ? `: ${details.meaning}` : details.meta?.message ? `: ${details.meta.message}` : '';
    const format = details.meta ? '' : ` (non-OCS ${details.contentType || 'body without content type'})`;
    super(`${details.operationId} failed with HTTP ${details.status}${what}${format} at ${details.url}`);
    this.name = 'TalkApiError';
    this.status = details.status;
    this.operationId = details.operationId;
    this.url = details.url;
    this.meaning = details.meaning;
    this.meta = details.meta;
    this.data = details.data;
    this.contentType = details.contentType;
    this.bodySnippet = details.bodySnippet;
  }
}

/**
 * The request never got a whole answer: connection refused, DNS failure, a reset before or while the body
 * was read. `cause` is the error of the underlying `fetch` (undici: `TypeError: terminated`, …).
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof TalkNetworkError) console.log(e.systemCode) } // 'ECONNREFUSED'
 * ```
 */
export class TalkNetworkError extends TalkError {
  readonly code = 'TALK_NETWORK_ERROR' as const;
  /** The system error code when known (`ECONNREFUSED`, `ENOTFOUND`, `ECONNRESET`, undici's `UND_ERR_SOCKET`). */
  readonly systemCode?: string;
  /** The URL that was requested: path parameters filled in, query included. */
  readonly url: string;

  constructor(url: string, cause: unknown) {
    const systemCode = findSystemCode(cause);
    super(`request to ${url} failed${systemCode ? ` (${systemCode})` : ''}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'TalkNetworkError';
    this.url = url;
    this.systemCode = systemCode;
  }
}

/**
 * No whole answer within `timeoutMs` (headers and body).
 *
 * @example
 * ```ts
 * const talk = createTalkClient({ baseUrl, apiVersion: 'v4', auth, timeoutMs: 5000 });
 * catch (e) { if (e instanceof TalkTimeoutError) console.log(e.timeoutMs) }
 * ```
 */
export class TalkTimeoutError extends TalkError {
  readonly code = 'TALK_TIMEOUT' as const;
  readonly timeoutMs: number;
  /** The URL that was requested: path parameters filled in, query included. */
  readonly url: string;

  constructor(url: string, timeoutMs: number) {
    super(`request to ${url} timed out after ${timeoutMs} ms`);
    this.name = 'TalkTimeoutError';
    this.url = url;
    this.timeoutMs = timeoutMs;
  }
}

/**
 * A success status whose body is not the expected OCS JSON envelope (HTML page, invalid JSON, ...).
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof TalkResponseFormatError) console.log(e.status, e.contentType) }
 * ```
 */
export class TalkResponseFormatError extends TalkError {
  readonly code = 'TALK_RESPONSE_FORMAT' as const;
  readonly status: number;
  readonly operationId: string;
  /** The URL that was requested: path parameters filled in, query included. */
  readonly url: string;
  readonly contentType: string;
  readonly bodySnippet: string;

  constructor(details: { status: number; operationId: string; url: string; contentType: string; bodySnippet: string; reason: string }) {
    super(
      `${details.operationId}: HTTP ${details.status} answer from ${details.url} with content type "${details.contentType || 'none'}" is not an OCS JSON envelope (${details.reason})`,
    );
    this.name = 'TalkResponseFormatError';
    this.status = details.status;
    this.operationId = details.operationId;
    this.url = details.url;
    this.contentType = details.contentType;
    this.bodySnippet = details.bodySnippet;
  }
}

/**
 * A facade call of an operation that needs a capability (`x-talk-capability`) the server does not advertise:
 * thrown before anything is sent. Turn the check off with `checkCapabilities: false`.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof TalkCapabilityError) console.log(e.operationId, e.capability) } // 'createPoll' 'talk-polls'
 * ```
 */
export class TalkCapabilityError extends TalkError {
  readonly code = 'TALK_CAPABILITY_MISSING' as const;
  readonly operationId: string;
  /** The feature (`spreed.features`) the operation needs. */
  readonly capability: string;

  constructor(operationId: string, capability: string) {
    super(`${operationId} needs the Talk capability "${capability}", which the server does not advertise (spreed.features); not sent`);
    this.name = 'TalkCapabilityError';
    this.operationId = operationId;
    this.capability = capability;
  }
}

/**
 * `connectTalk` could not read a usable capabilities document: `url` is the capabilities URL asked, `status` the
 * HTTP status when there was an answer (404: `baseUrl` is not a Nextcloud root), `cause` the underlying error.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof TalkConnectError) console.log(e.url, e.status) }
 * ```
 */
export class TalkConnectError extends TalkError {
  readonly code = 'TALK_CONNECT_FAILED' as const;
  readonly url: string;
  readonly status?: number;

  constructor(url: string, reason: string, status?: number, cause?: unknown) {
    super(`connectTalk: no Talk capabilities at ${url}${status === undefined ? '' : ` (HTTP ${status})`}: ${reason}`, { cause });
    this.name = 'TalkConnectError';
    this.url = url;
    this.status = status;
  }
}

function findSystemCode(error: unknown): string | undefined {
  for (let e = error, i = 0; e && i < 5; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length > 0) e = errors[0];
    else e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
