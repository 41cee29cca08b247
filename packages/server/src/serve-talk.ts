import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

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

/**
 * Serve an app on Node (@hono/node-server). Listens on 127.0.0.1 and a free port unless told otherwise.
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
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port ?? 0, hostname }, (info: AddressInfo) => {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done, fail) => {
            const http = server as Server;
            http.close((error) => (error ? fail(error) : done()));
            http.closeAllConnections?.();
          }),
      });
    }) as Server;
    server.once('error', reject);
  });
}
