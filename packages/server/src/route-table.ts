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
