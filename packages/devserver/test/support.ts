// Shared test helpers: start a dev server that records off-contract answers, clients per user, raw OCS calls.
import { createTalkClient } from '@talk-contract/client';
import type { TalkClient } from '@talk-contract/client';
import { createDevServer } from '../src/index.js';
import type { DevServer, DevServerOptions, DevUser } from '../src/index.js';

export const V4 = '/ocs/v2.php/apps/spreed/api/v4';
export const CHAT = '/ocs/v2.php/apps/spreed/api/v1/chat';

/** A dev server with `validateResponses` on; `problems` collects every handler error / off-contract answer. */
export async function startServer(options: DevServerOptions = {}): Promise<DevServer & { problems: string[] }> {
  const problems: string[] = [];
  const server = await createDevServer({
    validateResponses: true,
    onError: (error, info) =>
      problems.push(
        `${info.kind} ${info.operationId}: ${error instanceof Error ? error.message : String(error)} ${JSON.stringify((error as { issues?: unknown }).issues ?? '')}`,
      ),
    ...options,
  });
  return Object.assign(server, { problems });
}

/** A v4 client logged in as `user`. */
export function clientFor(baseUrl: string, user: DevUser, fetchFn?: typeof fetch): TalkClient<'v4'> {
  return createTalkClient({ baseUrl, apiVersion: 'v4', auth: { user: user.id, appPassword: user.appPassword }, fetch: fetchFn });
}

/** Basic auth header of a user. */
export function basic(user: { id: string; appPassword: string }, password = user.appPassword): string {
  return `Basic ${Buffer.from(`${user.id}:${password}`).toString('base64')}`;
}

/** A raw OCS request: returns status, parsed JSON body (null when empty or not JSON, e.g. Nextcloud's XML 401), text and headers. */
export async function ocs(
  baseUrl: string,
  method: string,
  path: string,
  options: { user?: DevUser; password?: string; body?: unknown; headers?: Record<string, string>; cookie?: string; ocsHeader?: boolean } = {},
): Promise<{ status: number; body: { ocs: { meta: { statuscode: number; message?: string }; data: any } } | null; text: string; headers: Headers }> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.ocsHeader !== false) headers['OCS-APIRequest'] = 'true';
  if (options.user) headers.Authorization = basic(options.user, options.password);
  if (options.cookie) headers.Cookie = options.cookie;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(baseUrl + path, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return { status: response.status, body, text, headers: response.headers };
}

/** Uploads a file of `user` by WebDAV (`PUT /remote.php/dav/files/{user}/{path}`); returns the HTTP status. */
export async function upload(baseUrl: string, user: { id: string; appPassword: string }, path: string, content: string): Promise<number> {
  const response = await fetch(`${baseUrl}/remote.php/dav/files/${user.id}/${path}`, { method: 'PUT', headers: { Authorization: basic(user) }, body: content });
  await response.arrayBuffer();
  return response.status;
}

/** Joins a public conversation as a guest; returns the guest's session cookie. */
export async function joinAsGuest(baseUrl: string, token: string, password?: string): Promise<string> {
  const res = await ocs(baseUrl, 'POST', `${V4}/room/${token}/participants/active`, { body: password === undefined ? {} : { password } });
  if (res.status !== 200) throw new Error(`guest join failed: ${res.status}`);
  const cookie = res.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0];
}

/** Creates a group conversation owned by `owner` with the given user ids added; returns its token. */
export async function groupWith(baseUrl: string, owner: DevUser, roomName: string, members: string[]): Promise<string> {
  const token = (await ocs(baseUrl, 'POST', `${V4}/room`, { user: owner, body: { roomType: 2, roomName } })).body?.ocs.data.token as string;
  for (const member of members) await ocs(baseUrl, 'POST', `${V4}/room/${token}/participants`, { user: owner, body: { newParticipant: member } });
  return token;
}
