import { BODY_DRAIN_LIMITS, BodyTooLargeError, declaresMoreThan, discardBody, readRequestBody } from '../body-reader.js';
import { parseFormParameterMap, type FormValue } from '../form-parameters.js';
import { MultipartFormError, parseMultipartForm } from '../multipart-form.js';
import { ocsErrorResponse } from '../ocs-envelope.js';
import { parseRequestJson } from '../safe-json.js';
import type { HeaderReader } from './request-headers.js';

/** The body formats the server reads (others are left unread, as Nextcloud ignores them). */
export type RequestBodyKind = 'json' | 'form' | 'multipart';

/** A read request body: a JSON object, or form fields (urlencoded or multipart), or neither (empty). */
export interface RequestBodyInput {
  json: Record<string, unknown> | null;
  form: Map<string, FormValue> | null;
  /** File parts of a multipart body, for the operation's binary fields. */
  files?: Map<string, File>;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;
const FORM_TYPE = /^application\/x-www-form-urlencoded\b/i;
const MULTIPART_TYPE = /^multipart\/form-data\b/i;
const EMPTY_BODY: RequestBodyInput = Object.freeze({ json: null, form: null });

/**
 * Which body format a `Content-Type` names, or null for none the server reads.
 *
 * @example
 * ```ts
 * bodyKindOf('application/json; charset=utf-8'); // 'json'
 * bodyKindOf('text/plain'); // null
 * ```
 */
export function bodyKindOf(contentType: string): RequestBodyKind | null {
  if (contentType === '') return null;
  return JSON_TYPE.test(contentType) ? 'json' : FORM_TYPE.test(contentType) ? 'form' : MULTIPART_TYPE.test(contentType) ? 'multipart' : null;
}

/**
 * The 413 answer. While the rest of the body is being drained the connection stays usable; a declared body
 * larger than the drain limit gets `Connection: close` (it will be cut off).
 *
 * @example
 * ```ts
 * return bodyTooLarge(header('content-length'));
 * ```
 */
export function bodyTooLarge(contentLength: string | null): Response {
  const cut = declaresMoreThan(contentLength, BODY_DRAIN_LIMITS.bytes);
  return ocsErrorResponse(413, { error: 'body-too-large' }, cut ? { connection: 'close' } : undefined);
}

/**
 * The early 413 for a declared `Content-Length` over `limit`, before authentication and before any reading;
 * the body is drained in the background so that a client still uploading reads the answer. Null when the
 * declared length is within the limit (or absent: streamed bodies are counted as they are read).
 *
 * @example
 * ```ts
 * const refused = refuseDeclaredBody(request, header, bodyLimit);
 * if (refused) return refused;
 * ```
 */
export function refuseDeclaredBody(request: Request, header: HeaderReader, limit: number): Response | null {
  const declared = header('content-length');
  if (!declaresMoreThan(declared, limit)) return null;
  void discardBody(request.body?.getReader());
  return bodyTooLarge(declared);
}

/** 400 for a body that cannot be read as its content type says. */
export const bodyProblem = (message: string, parameter = ''): Response =>
  ocsErrorResponse(400, { error: 'validation', errors: [{ parameter, in: 'body', message }] });

/**
 * Stage 3, read input: read a JSON, urlencoded or multipart body as it streams in (at most `limit` bytes,
 * else 413), and parse it (prototype-safe). The parsed body, or a `Response` (413, or 400 naming the body).
 *
 * @example
 * ```ts
 * const kind = bodyKindOf(header('content-type') ?? '');
 * const body = kind && request.body ? await readRequestInput(request, kind, contentType, 1024 * 1024) : null;
 * ```
 */
export async function readRequestInput(
  request: Request,
  kind: RequestBodyKind,
  contentType: string,
  limit: number,
  fileFields?: ReadonlySet<string>,
): Promise<RequestBodyInput | Response> {
  let bytes: Uint8Array;
  try {
    bytes = await readRequestBody(request, limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return bodyTooLarge(request.headers.get('content-length'));
    return bodyProblem('the request body could not be read');
  }
  if (kind === 'multipart') {
    try {
      const { fields, files } = await parseMultipartForm(bytes, contentType, fileFields);
      return files.size > 0 ? { json: null, form: fields, files } : { json: null, form: fields };
    } catch (error) {
      if (!(error instanceof MultipartFormError)) throw error;
      return bodyProblem(error.message, error.parameter);
    }
  }
  const text = new TextDecoder().decode(bytes);
  if (kind === 'form') return { json: null, form: parseFormParameterMap(text) };
  if (text.trim() === '') return EMPTY_BODY;
  let parsed: unknown;
  try {
    parsed = parseRequestJson(text);
  } catch {
    return bodyProblem('is not valid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return bodyProblem('must be a JSON object');
  return { json: parsed as Record<string, unknown>, form: null };
}
