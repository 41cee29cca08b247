import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { ocsEnvelope, OCS_CONTENT_TYPE } from './ocs-envelope.js';

/** Status and `data.error` for what Node's HTTP parser refused before any request existed. */
function refusalOf(code: string | undefined): { status: number; error: string } {
  if (code === 'HPE_HEADER_OVERFLOW') return { status: 431, error: 'headers-too-large' };
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, error: 'request-timeout' };
  return { status: 400, error: 'malformed-request' };
}

/**
 * The raw HTTP/1.1 answer, in the OCS envelope, for a request Node's parser refused (`clientError`): 431 for
 * too large headers, 408 for a request that took too long, 400 for anything malformed. Always `Connection: close`.
 *
 * @example
 * ```ts
 * clientErrorResponse('HPE_HEADER_OVERFLOW'); // 'HTTP/1.1 431 Request Header Fields Too Large\r\n...{"ocs":...}'
 * ```
 */
export function clientErrorResponse(code: string | undefined): string {
  const { status, error } = refusalOf(code);
  const body = JSON.stringify(ocsEnvelope(status, { error }));
  return `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: ${OCS_CONTENT_TYPE}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
}

/**
 * A `clientError` listener for a Node HTTP server: answers with {@link clientErrorResponse} where the
 * connection can still take an answer (not reset, no answer of another request already started), then closes it.
 *
 * @example
 * ```ts
 * server.on('clientError', answerClientError);
 * ```
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  const inProgress = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || inProgress?.headersSent) {
    socket.destroy();
    return;
  }
  socket.end(clientErrorResponse(error.code), () => socket.destroy());
}
