import type { Context } from 'hono';

/** A request header by lower-case name, or null. */
export type HeaderReader = (name: string) => string | null;

type NodeHeaders = Record<string, string | string[] | undefined>;

/**
 * A header reader for one request. On Node (@hono/node-server) it reads the IncomingMessage's header object
 * directly, which is much cheaper than the Fetch API `Headers` wrapper; elsewhere it uses `request.headers`.
 *
 * @example
 * ```ts
 * const header = headerReader(c);
 * header('ocs-apirequest'); // 'true'
 * ```
 */
export function headerReader(c: Context): HeaderReader {
  const incoming = (c.env as { incoming?: { headers?: NodeHeaders } } | undefined)?.incoming;
  const headers = incoming?.headers;
  if (!headers || typeof headers !== 'object') {
    const fetchHeaders = c.req.raw.headers;
    return (name) => fetchHeaders.get(name);
  }
  return (name) => {
    const value = Object.hasOwn(headers, name) ? headers[name] : undefined;
    if (typeof value === 'string') return value; // Node has already trimmed it
    return Array.isArray(value) ? value.join(', ') : null;
  };
}
