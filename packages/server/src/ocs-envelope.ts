import { STATUS_CODES } from 'node:http';

/**
 * `meta` of an OCS v2 answer.
 *
 * @example
 * ```ts
 * const meta: OcsMeta = { status: 'ok', statuscode: 200, message: 'OK' };
 * ```
 */
export interface OcsMeta {
  status: 'ok' | 'failure';
  statuscode: number;
  message: string;
}

/**
 * The OCS envelope every Talk answer with a body is wrapped in.
 *
 * @example
 * ```ts
 * const body: OcsEnvelope<[]> = { ocs: { meta: { status: 'ok', statuscode: 200, message: 'OK' }, data: [] } };
 * ```
 */
export interface OcsEnvelope<TData = unknown> {
  ocs: { meta: OcsMeta; data: TData };
}

/**
 * Wrap `data` in the OCS envelope the way Nextcloud's OCS v2 does: `meta.status` is `ok` below 400,
 * `statuscode` mirrors the HTTP status, `message` defaults to `OK` on success and to the reason phrase otherwise.
 *
 * @example
 * ```ts
 * ocsEnvelope(404, { error: 'not-found' }); // { ocs: { meta: { status: 'failure', statuscode: 404, message: 'Not Found' }, data: { error: 'not-found' } } }
 * ```
 */
export function ocsEnvelope<TData>(status: number, data: TData, message?: string): OcsEnvelope<TData> {
  const ok = status < 400;
  return {
    ocs: {
      meta: { status: ok ? 'ok' : 'failure', statuscode: status, message: message ?? (ok ? 'OK' : (STATUS_CODES[status] ?? '')) },
      data,
    },
  };
}

/** The content type of every OCS answer with a body. */
export const OCS_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * The server's own refusals (4xx/5xx) as a `Response` in the OCS envelope: `meta.status` is `failure`, `message`
 * the reason phrase, `data` what went wrong (`{ error: 'not-found' }`, the validation issues, ...).
 *
 * @example
 * ```ts
 * ocsErrorResponse(404, { error: 'not-found' });
 * ocsErrorResponse(401, { error: 'unauthorized' }, { 'www-authenticate': 'Basic realm="Nextcloud"' });
 * ```
 */
export function ocsErrorResponse(status: number, data: Record<string, unknown>, headers?: Record<string, string>): Response {
  return jsonResponse(status, JSON.stringify(ocsEnvelope(status, data)), headers);
}

/**
 * An already serialised body as a JSON `Response`. Headers stay a plain object: @hono/node-server writes
 * such responses without building a `Headers` instance.
 */
export function jsonResponse(status: number, body: string | null, headers?: Record<string, string>): Response {
  if (body === null) return new Response(null, headers ? { status, headers } : { status });
  const all: Record<string, string> = { 'content-type': OCS_CONTENT_TYPE };
  if (headers) for (const name of Object.keys(headers)) if (name.toLowerCase() !== 'content-type') all[name] = headers[name];
  return new Response(body, { status, headers: all });
}
