// What Nextcloud itself answers around Talk's controllers: a wrong password (OCS XML 401 from the login layer),
// a missing login (`[]`, OCS status 997), the CSRF check (a bare `{"message": ...}`), and refused parameters in
// the release's own spelling. @talk-contract/server's generic refusals are turned into these answers here.
import type { TalkStore } from './domain/store.js';

const OCS_PREFIX = '/ocs/v2.php/';
const JSON_TYPE = 'application/json; charset=utf-8';

const UNAUTHORISED_XML = `<?xml version="1.0"?>
<ocs>
 <meta>
  <status>failure</status>
  <statuscode>997</statuscode>
  <message>Unauthorised</message>
 </meta>
 <data/>
</ocs>
`;

const INTERNAL_ERROR_XML = `<?xml version="1.0"?>
<ocs>
 <meta>
  <status>failure</status>
  <statuscode>996</statuscode>
  <message>Internal Server Error
</message>
 </meta>
 <data/>
</ocs>
`;

/** Whether the request goes to the OCS API (where Nextcloud's login layer answers in OCS). */
export function isOcsRequest(request: Request): boolean {
  const start = request.url.indexOf('/', request.url.indexOf('//') + 2);
  return request.url.startsWith(OCS_PREFIX, start);
}

/**
 * Nextcloud's answer to wrong basic-auth credentials: the login layer refuses before any app runs, in OCS XML.
 *
 * @example
 * const answer = wrongCredentials(); // 401, text/xml, WWW-Authenticate: Basic realm="Authorisation Required"
 */
export function wrongCredentials(): Response {
  return new Response(UNAUTHORISED_XML, {
    status: 401,
    headers: { 'content-type': 'text/xml; charset=UTF-8', 'www-authenticate': 'Basic realm="Authorisation Required"' },
  });
}

function ocs(status: number, statuscode: number, message: string, data: unknown, headers?: Headers): Response {
  const out = new Headers(headers);
  out.set('content-type', JSON_TYPE);
  out.delete('content-length');
  return new Response(JSON.stringify({ ocs: { meta: { status: 'failure', statuscode, message }, data } }), { status, headers: out });
}

interface GenericRefusal {
  ocs?: { data?: { error?: unknown; message?: unknown; errors?: { parameter?: unknown; in?: unknown; message?: unknown }[] } };
}

/**
 * Rewrites @talk-contract/server's generic refusals (401 `unauthorized`, 412 CSRF, 400 `validation`) into what
 * Nextcloud and the imitated Talk release answer; every other response passes unchanged.
 *
 * @example
 * const response = await nextcloudAnswer(await app.fetch(request), store);
 */
export function nextcloudAnswer(response: Response, store: TalkStore, request?: Request): Response | Promise<Response> {
  if (response.status !== 401 && response.status !== 412 && response.status !== 400) return response;
  if (!(response.headers.get('content-type') ?? '').includes('json')) return response;
  return nextcloudRefusal(response, store, request);
}

async function nextcloudRefusal(response: Response, store: TalkStore, request?: Request): Promise<Response> {
  let body: GenericRefusal;
  try {
    body = (await response.clone().json()) as GenericRefusal;
  } catch {
    return response;
  }
  const data = body.ocs?.data;
  if (response.status === 401 && data?.error === 'unauthorized') {
    const headers = new Headers(response.headers);
    headers.delete('www-authenticate');
    return ocs(401, 997, 'Current user is not logged in', [], headers);
  }
  if (response.status === 412 && data?.message === 'CSRF check failed') {
    return new Response(JSON.stringify({ message: 'CSRF check failed' }), { status: 412, headers: { 'content-type': JSON_TYPE } });
  }
  if (response.status === 400 && data?.error === 'validation') {
    // The release's spelling in ocs.data; which parameter was refused (and why) stays readable in meta.message.
    const issues = data.errors ?? [];
    const missing = issues.filter((i) => i.message === 'is required');
    if (missing.length > 0) {
      // Talk's controllers take required parameters as PHP arguments: a missing one is an uncaught TypeError,
      // Nextcloud's OCS XML 500 (the contract's MissingParameter). The header says what was missing.
      const reason = missing.map((i) => `${String(i.parameter ?? '')} (${String(i.in ?? '')}) is required`).join('; ');
      return new Response(INTERNAL_ERROR_XML, { status: 500, headers: { 'content-type': 'text/xml; charset=UTF-8', 'x-talk-devserver-reason': reason } });
    }
    const parameter = String(issues[0]?.parameter ?? '') || 'value';
    const message = issues.map((i) => `${String(i.parameter ?? '')} (${String(i.in ?? '')}): ${String(i.message ?? 'is invalid')}`).join('; ');
    // Nextcloud's own APIs (files_sharing) answer `[]`; Talk's the release's spelling.
    const core = request !== undefined && /\/ocs\/v2\.php\/apps\/files_sharing\//.test(request.url);
    return ocs(400, 400, message, core ? [] : store.profile.refusalData('reason', parameter), response.headers);
  }
  return response;
}
