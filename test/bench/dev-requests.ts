// Requests to a dev server as one of its users (basic auth with the app password), shared by the dev server
// bench and its fan-out target.
import type { DevServer, DevUser } from '@talk-contract/devserver';

/**
 * The `Authorization` header of a dev server user.
 *
 * @example
 * basic(server.users[0]); // 'Basic YWxpY2U6...'
 */
export function basic(user: DevUser): string {
  return `Basic ${Buffer.from(`${user.id}:${user.appPassword}`).toString('base64')}`;
}

/**
 * One OCS call as `user`; throws naming the call on 4xx/5xx.
 *
 * @example
 * const token = (await call(server, alice, 'POST', '/ocs/v2.php/apps/spreed/api/v4/room', { roomType: 2, roomName: 'x' })).ocs.data.token;
 */
export async function call(
  server: DevServer,
  user: DevUser,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ ocs: { data: { token: string; id: number } } }> {
  const res = await fetch(server.url + path, {
    method,
    headers: { 'OCS-APIRequest': 'true', Accept: 'application/json', 'Content-Type': 'application/json', Authorization: basic(user) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status}`);
  return (await res.json()) as { ocs: { data: { token: string; id: number } } };
}
