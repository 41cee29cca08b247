import { getRequestListener, RequestError } from '@hono/node-server';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerClientError } from './client-error.js';
import { ocsErrorResponse } from './ocs-envelope.js';

/**
 * Anything with a Fetch API `fetch` handler (a Hono app).
 *
 * @example
 * ```ts
 * const app: FetchApp = createTalkServer({ apiVersion: 'v4', authenticate, handlers: {} });
 * ```
 */
export interface FetchApp {
  fetch: (request: Request) => Response | Promise<Response>;
}

/**
 * A running server started by {@link serveTalk}.
 *
 * @example
 * ```ts
 * const server: RunningTalkServer = await serveTalk(app);
 * console.log(server.url); // http://127.0.0.1:40123
 * await server.close();
 * ```
 */
export interface RunningTalkServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Stop listening and close every connection (also idle keep-alive ones). */
  close(): Promise<void>;
}

/** What @hono/node-server answers itself when it cannot build a Request (bad Host, bad target), in the OCS envelope. */
function adapterError(error: unknown): Response {
  if (error instanceof RequestError) return ocsErrorResponse(400, { error: 'malformed-request' });
  console.error('[talk-server] internal error:', error);
  return ocsErrorResponse(500, { error: 'internal' });
}

/**
 * Serve an app on Node (@hono/node-server). Listens on 127.0.0.1 and a free port unless told otherwise.
 * Requests that never reach the app are answered in the OCS envelope too: Node's own refusals (`clientError`:
 * 400 malformed, 431 headers too large, 408 too slow) and the adapter's (400 for a bad Host or target).
 * Bodies the app refuses (413) are drained by the app, not cut off by the adapter after 500 ms.
 *
 * @example
 * ```ts
 * const server = await serveTalk(app, { port: 0 });
 * await fetch(`${server.url}/ocs/v2.php/apps/spreed/api/v4/room`, { headers: { 'OCS-APIRequest': 'true' } });
 * await server.close();
 * ```
 */
export function serveTalk(app: FetchApp, options: { port?: number; hostname?: string } = {}): Promise<RunningTalkServer> {
  const hostname = options.hostname ?? '127.0.0.1';
  const listener = getRequestListener(app.fetch, { hostname, errorHandler: adapterError, autoCleanupIncoming: false });
  const server: Server = createServer(listener);
  server.on('clientError', answerClientError);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, hostname, () => {
      const info = server.address() as AddressInfo;
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}
