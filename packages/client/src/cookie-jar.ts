import type { FetchFunction } from './transport.js';

/**
 * One cookie as the client keeps it (host-only: it is sent to the client's origin only).
 *
 * @example
 * ```ts
 * const cookie: TalkStoredCookie = { name: 'nc_session', value: 'abc', path: '/', expires: Date.now() + 3_600_000 };
 * ```
 */
export interface TalkStoredCookie {
  name: string;
  value: string;
  /** Sent on request paths below this one (RFC 6265 path-match). */
  path: string;
  /** Expiry in ms since the epoch; absent = until the store is dropped (a session cookie). */
  expires?: number;
  /** Only sent over https. */
  secure?: boolean;
}

/**
 * Where a client keeps its cookies (Nextcloud's `nc_session`, a guest's Talk session): `get` the stored cookies,
 * `set` the whole new list after an answer changed it. Both may be async (a file, a database, `localStorage`).
 *
 * @example
 * ```ts
 * const store: TalkSessionStore = {
 *   get: async () => JSON.parse(await readFile('cookies.json', 'utf8').catch(() => '[]')),
 *   set: (cookies) => writeFile('cookies.json', JSON.stringify(cookies)),
 * };
 * const talk = createTalkClient({ baseUrl, apiVersion: 'v4', session: store });
 * ```
 */
export interface TalkSessionStore {
  get(): readonly TalkStoredCookie[] | undefined | Promise<readonly TalkStoredCookie[] | undefined>;
  set(cookies: readonly TalkStoredCookie[]): void | Promise<void>;
}

/**
 * The `session` option: `'memory'` (cookies live as long as the client) or a {@link TalkSessionStore}.
 *
 * @example
 * ```ts
 * const talk = createTalkClient({ baseUrl, apiVersion: 'v4', session: 'memory' });
 * ```
 */
export type TalkSessionOption = 'memory' | TalkSessionStore;

/**
 * A {@link TalkSessionStore} in memory.
 *
 * @example
 * ```ts
 * const session = memorySessionStore(); // share it between clients of one origin
 * ```
 */
export function memorySessionStore(): TalkSessionStore {
  let cookies: readonly TalkStoredCookie[] = [];
  return { get: () => cookies, set: (next) => void (cookies = next) };
}

const pathMatches = (requestPath: string, cookiePath: string) =>
  requestPath === cookiePath || (requestPath.startsWith(cookiePath) && (cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/'));

/** RFC 6265 §5.2, the subset a client of one origin needs: `Path`, `Max-Age`, `Expires`, `Secure`, `Domain` (checked). */
function parseSetCookie(line: string, url: URL, now: number): TalkStoredCookie | undefined {
  const [pair = '', ...attributes] = line.split(';');
  const eq = pair.indexOf('=');
  const name = pair.slice(0, eq).trim();
  if (!name) return undefined;
  const cookie: TalkStoredCookie = { name, value: pair.slice(eq + 1).trim(), path: url.pathname.replace(/\/[^/]*$/, '') || '/' };
  let maxAge = false;
  for (const attribute of attributes) {
    const [, key = '', value = ''] = /^\s*([^=]*?)\s*(?:=\s*(.*?))?\s*$/.exec(attribute)!;
    const lower = key.toLowerCase();
    const date = Date.parse(value);
    if (lower === 'path' && value[0] === '/') cookie.path = value;
    else if (lower === 'secure') cookie.secure = true;
    else if (lower === 'max-age' && /^-?\d+$/.test(value)) (cookie.expires = now + Number(value) * 1000), (maxAge = true);
    else if (lower === 'expires' && !maxAge && !Number.isNaN(date)) cookie.expires = date;
    else if (lower === 'domain') {
      const domain = value.replace(/^\./, '').toLowerCase();
      if (domain && url.hostname !== domain && !url.hostname.endsWith(`.${domain}`)) return undefined;
    }
  }
  return cookie;
}

/**
 * Wrap a `fetch` with a cookie jar scoped to `origin`: a request to the origin carries the stored cookies that
 * match its path (besides a `Cookie` header of its own), and the `Set-Cookie` headers of the answer update the
 * store (a past `Expires` or `Max-Age=0` removes a cookie). Requests to other origins are left alone.
 *
 * @example
 * ```ts
 * const fetchWithCookies = withCookieJar((r) => fetch(r), memorySessionStore(), 'https://cloud.example.com');
 * ```
 */
export function withCookieJar(fetch: FetchFunction, store: TalkSessionStore, origin: string): FetchFunction {
  const scope = new URL(origin).origin;
  return async (request, init) => {
    const url = new URL(request.url);
    if (url.origin !== scope) return fetch(request, init);
    const now = Date.now();
    const live = ((await store.get()) ?? []).filter((c) => !(c.expires! <= now));
    const jar = live
      .filter((c) => pathMatches(url.pathname, c.path) && (!c.secure || url.protocol === 'https:'))
      .sort((a, b) => b.path.length - a.path.length)
      .map((c) => `${c.name}=${c.value}`);
    if (jar.length > 0) request.headers.set('Cookie', [request.headers.get('Cookie'), ...jar].filter(Boolean).join('; '));
    const response = await fetch(request, init);
    // `getSetCookie` (Node 20, undici, Deno, Bun): one entry per header; a browser never shows Set-Cookie to scripts.
    const lines = response.headers.getSetCookie?.() ?? [];
    if (lines.length > 0) {
      let next = live;
      for (const line of lines) {
        const cookie = parseSetCookie(line, url, now);
        if (cookie) next = [...next.filter((c) => c.name !== cookie.name || c.path !== cookie.path), ...(cookie.expires! <= now ? [] : [cookie])];
      }
      await store.set(next);
    }
    return response;
  };
}
