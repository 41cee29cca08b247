import { jsonResponse, ocsEnvelope } from '../ocs-envelope.js';
import { encodeResponseHeaders, ResponseHeaderProblem } from '../response-headers.js';
import type { AnswerStage } from './call-handler.js';
import type { ErrorReporter } from './report-error.js';

const NO_BODY_STATUS = new Set([204, 205, 304]);

/**
 * Stage 6, answer: a handler's `{ status, data, headers?, message? }` wrapped in the OCS envelope. A result
 * that cannot be sent (no integer status 200-599, headers that are not header text: CR/LF, characters outside
 * ASCII, invalid names, framing headers) and, with `validateResponses`, an off-contract one (undocumented
 * status, data or documented headers off their schema) become a 500 reported as `response`.
 *
 * @example
 * ```ts
 * const answer = createAnswerStage({ validateResponses: true, reporter });
 * answer(op, { status: 200, data: [] }, request); // 200 { ocs: { meta: ..., data: [] } }
 * ```
 */
export function createAnswerStage(options: { validateResponses: boolean; reporter: ErrorReporter }): AnswerStage {
  const { validateResponses, reporter } = options;
  const { offContract } = reporter;
  return (op, result, request) => {
    const operationId = op.descriptor.operationId;
    if (result === null || typeof result !== 'object' || !Number.isInteger((result as { status?: unknown }).status)) {
      return offContract(request, operationId, NaN, 'invalid-result', ['the handler did not return { status, data }']);
    }
    const { status, data, headers, message } = result as { status: number; data?: unknown; headers?: unknown; message?: unknown };
    if (status < 200 || status > 599) return offContract(request, operationId, status, 'invalid-result', ['status must be 200-599']);
    const outgoing = headers === undefined ? undefined : encodeResponseHeaders(headers);
    if (outgoing instanceof ResponseHeaderProblem) return offContract(request, operationId, status, outgoing.code, [outgoing.issue]);
    if (message !== undefined && typeof message !== 'string') {
      return offContract(request, operationId, status, 'invalid-result', ['message must be a string']);
    }
    const documented = op.documentedResponse(status);
    if (documented?.mediaTypes && isBinaryBody(data)) {
      const { contentType, headers: binaryHeaders } = binaryContentType(documented.mediaTypes, data, outgoing);
      if (validateResponses) {
        if (!inMediaRanges(contentType, documented.mediaTypes)) {
          return offContract(request, operationId, status, 'invalid-data', [
            `content type ${contentType} is not the documented ${documented.mediaTypes.join(' or ')}`,
          ]);
        }
        const headerIssues = op.responseHeaderIssues(documented, outgoing ?? {});
        if (headerIssues.length > 0) return offContract(request, operationId, status, 'invalid-headers', headerIssues);
      }
      return new Response(data as BodyInit, { status, headers: binaryHeaders });
    }
    const hasBody = !NO_BODY_STATUS.has(status) && documented?.schema !== null;
    const envelope = hasBody ? ocsEnvelope(status, data === undefined ? [] : data, message) : null;
    if (validateResponses) {
      if (!documented)
        return offContract(request, operationId, status, 'undocumented-status', [`documented: ${op.descriptor.responses.map((r) => r.status).join(', ')}`]);
      if (!hasBody && data !== undefined) return offContract(request, operationId, status, 'invalid-data', ['this status has no body']);
      const validate = op.responseValidator(documented);
      if (validate && !validate(envelope)) {
        return offContract(
          request,
          operationId,
          status,
          'invalid-data',
          (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`),
        );
      }
      const headerIssues = op.responseHeaderIssues(documented, outgoing ?? {});
      if (headerIssues.length > 0) return offContract(request, operationId, status, 'invalid-headers', headerIssues);
    }
    try {
      return jsonResponse(status, envelope === null ? null : JSON.stringify(envelope), outgoing);
    } catch (error) {
      return reporter.internalError(error, operationId, request, 'response');
    }
  };
}

/** A body a handler may answer for a status documented with a binary media type (`image/*`). */
export type BinaryBody = Blob | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array>;

const isBinaryBody = (data: unknown): data is BinaryBody =>
  data instanceof Blob || data instanceof Uint8Array || data instanceof ArrayBuffer || data instanceof ReadableStream;

/** Whether a media type is in one of the documented ranges (`image/png` in `image/*`). */
function inMediaRanges(type: string, ranges: readonly string[]): boolean {
  const t = type.split(';')[0]!.trim().toLowerCase();
  return ranges.some((r) => r === '*/*' || r.toLowerCase() === t || (r.endsWith('/*') && t.startsWith(r.slice(0, -1).toLowerCase())));
}

/**
 * The content type of a binary answer: the handler's `Content-Type` header, else the `Blob`'s type, else the
 * documented media type when it is a single concrete one, else `application/octet-stream`; and the headers to send.
 */
function binaryContentType(
  mediaTypes: readonly string[],
  data: BinaryBody,
  outgoing: Record<string, string> | undefined,
): { contentType: string; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  let contentType = '';
  if (outgoing) {
    for (const name of Object.keys(outgoing)) {
      if (name.toLowerCase() === 'content-type') contentType = outgoing[name]!;
      else headers[name] = outgoing[name]!;
    }
  }
  const single = mediaTypes.length === 1 && !mediaTypes[0]!.includes('*') ? mediaTypes[0]! : 'application/octet-stream';
  contentType ||= (data instanceof Blob && data.type) || single;
  headers['content-type'] = contentType;
  return { contentType, headers };
}

/**
 * The answer to a `HEAD` request: the `GET` answer's status and headers, its `Content-Length` included,
 * without the body.
 *
 * @example
 * ```ts
 * return headAnswer(handleAsGet(c)); // Hono drops the body; the length stays
 * ```
 */
export async function headAnswer(answer: Response | Promise<Response>): Promise<Response> {
  const full = await answer;
  const body = await full.arrayBuffer();
  const headers = new Headers(full.headers);
  if (!headers.has('content-length') && body.byteLength > 0) headers.set('content-length', String(body.byteLength));
  return new Response(null, { status: full.status, headers });
}
