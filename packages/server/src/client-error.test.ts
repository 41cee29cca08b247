import { describe, expect, it } from 'vitest';
import { clientErrorResponse } from './client-error.js';

describe('clientErrorResponse', () => {
  it.each([
    ['header overflow', { given: 'HPE_HEADER_OVERFLOW', status: 431, line: 'HTTP/1.1 431 Request Header Fields Too Large', error: 'headers-too-large' }],
    ['request timeout', { given: 'ERR_HTTP_REQUEST_TIMEOUT', status: 408, line: 'HTTP/1.1 408 Request Timeout', error: 'request-timeout' }],
    ['parse error', { given: 'HPE_INVALID_METHOD', status: 400, line: 'HTTP/1.1 400 Bad Request', error: 'malformed-request' }],
    ['no code', { given: undefined, status: 400, line: 'HTTP/1.1 400 Bad Request', error: 'malformed-request' }],
  ])('%s', (_name, { given, status, line, error }) => {
    const text = clientErrorResponse(given);
    const [head, body] = text.split('\r\n\r\n');
    const lines = head.split('\r\n');
    expect(lines[0]).toBe(line);
    expect(lines).toContain('connection: close');
    expect(lines).toContain(`content-length: ${Buffer.byteLength(body)}`);
    expect(JSON.parse(body)).toEqual({ ocs: { meta: { status: 'failure', statuscode: status, message: line.slice(13) }, data: { error } } });
  });
});
