import type { OperationDescriptor } from './contract-descriptor.js';

/** The operations of one concrete path, keyed by upper-case HTTP method. */
export interface RouteEntry {
  /** Contract path: `/ocs/v2.php/apps/spreed/api/v4/room/{token}`. */
  path: string;
  /** Hono path: `/ocs/v2.php/apps/spreed/api/v4/room/:token`. */
  honoPath: string;
  operations: Map<string, OperationDescriptor>;
  /** `Allow` header value for 405 answers. */
  allow: string;
}

const PARAM = /^\{([^}]+)\}$/;
const BASE_PATH = /^\/ocs\/v[12]\.php\/apps\/[^/{}]+\/api\/v\d+(?=\/)/;

/** `/room/{token}` → `/room/:token`. */
export function toHonoPath(path: string): string {
  return path
    .split('/')
    .map((segment) => {
      const m = PARAM.exec(segment);
      return m ? `:${m[1]}` : segment;
    })
    .join('/');
}

/** Negative when `a` must be tried before `b`: at the first differing segment a concrete one wins over a parameter. */
export function compareRouteSpecificity(a: string, b: string): number {
  const sa = a.split('/');
  const sb = b.split('/');
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    const pa = PARAM.test(sa[i]);
    const pb = PARAM.test(sb[i]);
    if (pa !== pb) return pa ? 1 : -1;
  }
  return sa.length - sb.length || a.localeCompare(b);
}

/**
 * The routes of a slice, one per concrete path, most specific first (`/room/note-to-self` before
 * `/room/{token}`, `/chat/{token}/read` before `/chat/{token}/{messageId}`).
 *
 * @example
 * ```ts
 * buildRouteTable(contracts.v4.operations).map((r) => r.honoPath);
 * ```
 */
export function buildRouteTable(operations: readonly OperationDescriptor[]): RouteEntry[] {
  const byPath = new Map<string, RouteEntry>();
  for (const op of operations) {
    let entry = byPath.get(op.path);
    if (!entry) byPath.set(op.path, (entry = { path: op.path, honoPath: toHonoPath(op.path), operations: new Map(), allow: '' }));
    entry.operations.set(op.method.toUpperCase(), op);
  }
  const routes = [...byPath.values()].sort((a, b) => compareRouteSpecificity(a.path, b.path));
  for (const r of routes) r.allow = [...r.operations.keys()].sort().join(', ');
  return routes;
}

/** The result of matching a request path against the route table. */
export type RouteMatch =
  | { kind: 'operation'; route: RouteEntry; operation: OperationDescriptor; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: string }
  | { kind: 'not-found' };

interface CompiledRoute {
  entry: RouteEntry;
  /** Per segment: the literal, or null for a parameter. */
  literals: Array<string | null>;
  /** Per segment: the parameter name, or null for a literal. */
  names: Array<string | null>;
}

function decodeSegment(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * A path matcher over a route table: routes are grouped by segment count and tried most specific first,
 * so `/chat/{token}/read` wins over `/chat/{token}/{messageId}`. A path that only matches routes without the
 * request's method gives `method-not-allowed` with the union of their methods. `path` is the raw
 * (percent-encoded) path; each segment is decoded once. An empty segment never matches a parameter.
 *
 * @example
 * ```ts
 * const match = createRouteMatcher(buildRouteTable(contracts.v4.operations));
 * match('POST', '/ocs/v2.php/apps/spreed/api/v1/chat/abc123xy/read'); // { kind: 'operation', operation: markChatRead, ... }
 * ```
 */
export function createRouteMatcher(routes: readonly RouteEntry[]): (method: string, path: string) => RouteMatch {
  // Routes grouped by API base (`/ocs/v2.php/apps/spreed/api/v4`, ...), then by segment count below it.
  const groups = new Map<string, Map<number, CompiledRoute[]>>();
  for (const entry of routes) {
    const base = BASE_PATH.exec(entry.path)?.[0] ?? '';
    const segments = entry.path.slice(base.length).split('/');
    const compiled: CompiledRoute = {
      entry,
      literals: segments.map((s) => (PARAM.test(s) ? null : s)),
      names: segments.map((s) => PARAM.exec(s)?.[1] ?? null),
    };
    let byLength = groups.get(base);
    if (!byLength) groups.set(base, (byLength = new Map()));
    const list = byLength.get(segments.length) ?? [];
    list.push(compiled);
    byLength.set(segments.length, list);
  }
  // Longest bases first, so that a base that is a prefix of another cannot shadow it.
  const bases = [...groups.keys()].sort((a, b) => b.length - a.length);
  return (method, path) => {
    let allowed: Set<string> | undefined;
    for (const base of bases) {
      if (!path.startsWith(base) || (base !== '' && path.charCodeAt(base.length) !== 47 /* / */)) continue;
      const segments = path.slice(base.length).split('/');
      const candidates = (groups.get(base) as Map<number, CompiledRoute[]>).get(segments.length);
      if (!candidates) continue;
      for (let i = 0; i < segments.length; i++) if (segments[i].includes('%')) segments[i] = decodeSegment(segments[i]);
      for (const route of candidates) {
        let matches = true;
        for (let i = 0; i < segments.length; i++) {
          const literal = route.literals[i];
          if (literal === null ? segments[i] === '' : literal !== segments[i]) {
            matches = false;
            break;
          }
        }
        if (!matches) continue;
        const operation = route.entry.operations.get(method);
        if (!operation) {
          allowed ??= new Set();
          for (const m of route.entry.operations.keys()) allowed.add(m);
          continue;
        }
        const params: Record<string, string> = {};
        for (let i = 0; i < segments.length; i++) {
          const name = route.names[i];
          if (name !== null) params[name] = segments[i];
        }
        return { kind: 'operation', route: route.entry, operation, params };
      }
    }
    return allowed ? { kind: 'method-not-allowed', allow: [...allowed].sort().join(', ') } : { kind: 'not-found' };
  };
}
