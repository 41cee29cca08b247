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
  for (const r of routes) r.allow = allowHeader(r.operations.keys());
  return routes;
}

/** The `Allow` value for a set of methods: sorted, `HEAD` wherever `GET` is (HEAD is answered like GET). */
function allowHeader(methods: Iterable<string>): string {
  const all = new Set(methods);
  if (all.has('GET')) all.add('HEAD');
  return [...all].sort().join(', ');
}

/** The result of matching a request path against the route table. */
export type RouteMatch =
  | { kind: 'operation'; route: RouteEntry; operation: OperationDescriptor; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: string }
  | { kind: 'not-found' };

interface CompiledRoute {
  entry: RouteEntry;
  /** Per segment: the parameter name, or null for a literal. */
  names: Array<string | null>;
}

/** A node of the path tree: one per path prefix, concrete children apart from the parameter child. */
interface PathNode {
  literals: Map<string, PathNode>;
  param: PathNode | null;
  /** Routes ending here (several only when two contract paths differ in parameter names alone). */
  routes: CompiledRoute[];
}

const newPathNode = (): PathNode => ({ literals: new Map(), param: null, routes: [] });

/**
 * The path tree as the raw-path walk uses it: chains of single literal children are merged into one edge
 * (`/ocs/v2.php/apps/spreed/api`), so a request path is compared in a few slices instead of split.
 */
interface PackedNode {
  /** Literal edges: one or more segments joined by `/`; their first segments differ. */
  edges: Array<{ text: string; node: PackedNode }>;
  param: PackedNode | null;
  /** For each method, the first route ending here that has it. */
  byMethod: Map<string, PackedMatch>;
}

/** A route and operation found by the raw-path walk (built once, so a match allocates nothing). */
interface PackedMatch {
  route: CompiledRoute;
  operation: OperationDescriptor;
  /** The names of the route's parameters in path order. */
  paramNames: string[];
}

function pack(node: PathNode): PackedNode {
  const edges: PackedNode['edges'] = [];
  for (const [segment, child] of node.literals) {
    let text = segment;
    let next = child;
    while (next.routes.length === 0 && next.param === null && next.literals.size === 1) {
      const [[s, c]] = next.literals;
      text += `/${s}`;
      next = c;
    }
    edges.push({ text, node: pack(next) });
  }
  const byMethod = new Map<string, PackedMatch>();
  for (const route of node.routes) {
    const paramNames = route.names.filter((n): n is string => n !== null);
    for (const [method, operation] of route.entry.operations) if (!byMethod.has(method)) byMethod.set(method, { route, operation, paramNames });
  }
  return { edges, param: node.param && pack(node.param), byMethod };
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
 * A path matcher over a route table: a tree of path segments searched concrete segment first, so `/chat/{token}/read` wins over `/chat/{token}/{messageId}` (the order of
 * {@link buildRouteTable}). A path that only matches routes without the request's method gives
 * `method-not-allowed` with the union of their methods. `HEAD` matches what `GET` does. `path` is the raw (percent-encoded) path; each
 * segment is decoded once. An empty segment never matches a parameter. Paths without escapes are matched
 * without splitting them (chains of literal segments compared at once), the request's hot path.
 *
 * @example
 * ```ts
 * const match = createRouteMatcher(buildRouteTable(contracts.v4.operations));
 * match('POST', '/ocs/v2.php/apps/spreed/api/v1/chat/abc123xy/read'); // { kind: 'operation', operation: markChatRead, ... }
 * ```
 */
export function createRouteMatcher(routes: readonly RouteEntry[]): (method: string, path: string) => RouteMatch {
  // One tree over whole paths, a level per segment: the API bases (`/ocs/v2.php/apps/spreed/api/v4`) are shared prefixes.
  const root = newPathNode();
  for (const entry of routes) {
    const segments = entry.path.split('/');
    let node = root;
    for (const segment of segments) {
      if (PARAM.test(segment)) node = node.param ??= newPathNode();
      else {
        let child = node.literals.get(segment);
        if (!child) node.literals.set(segment, (child = newPathNode()));
        node = child;
      }
    }
    node.routes.push({ entry, names: segments.map((s) => PARAM.exec(s)?.[1] ?? null) });
  }

  /** The first route below `node` for `segments[i..]` that has `method`, or, with `allowed`, every route's methods. */
  const search = (
    node: PathNode,
    segments: string[],
    i: number,
    method: string,
    allowed?: Set<string>,
  ): { route: CompiledRoute; operation: OperationDescriptor } | undefined => {
    if (i === segments.length) {
      for (const route of node.routes) {
        if (allowed) for (const m of route.entry.operations.keys()) allowed.add(m);
        else {
          const operation = route.entry.operations.get(method);
          if (operation) return { route, operation };
        }
      }
      return undefined;
    }
    const segment = segments[i];
    const literal = node.literals.get(segment);
    const found = literal && search(literal, segments, i + 1, method, allowed);
    if (found) return found;
    return node.param && segment !== '' ? search(node.param, segments, i + 1, method, allowed) : undefined;
  };

  const packed = pack(root);
  /**
   * The first route for the raw path from `pos` (the start of a segment) that has `method`, walking the
   * packed tree concrete edges first; parameter values go to `values`. Only for paths without `%`.
   */
  const walk = (node: PackedNode, path: string, pos: number, method: string, values: string[]): PackedMatch | undefined => {
    const length = path.length;
    if (pos > length) return node.byMethod.get(method);
    for (const { text, node: child } of node.edges) {
      const end = pos + text.length;
      if (end <= length && (end === length || path.charCodeAt(end) === 47) /* / */ && path.slice(pos, end) === text) {
        const found = walk(child, path, end + 1, method, values);
        if (found) return found;
        break; // edges differ in their first segment: no other one can match
      }
    }
    if (node.param) {
      let end = path.indexOf('/', pos);
      if (end < 0) end = length;
      if (end > pos) {
        const count = values.length;
        values.push(path.slice(pos, end));
        const found = walk(node.param, path, end + 1, method, values);
        if (found) return found;
        values.length = count;
      }
    }
    return undefined;
  };

  return (requested, path) => {
    const method = requested === 'HEAD' ? 'GET' : requested;
    if (!path.includes('%')) {
      const values: string[] = [];
      const found = walk(packed, path, 0, method, values);
      if (found) {
        const params: Record<string, string> = {};
        for (let i = 0; i < values.length; i++) params[found.paramNames[i]] = values[i];
        return { kind: 'operation', route: found.route.entry, operation: found.operation, params };
      }
    }
    // Escaped segments (decoded once, so `%2F` stays inside its segment), 404 and 405: the segment tree.
    const segments = path.split('/');
    if (path.includes('%')) for (let i = 0; i < segments.length; i++) segments[i] = decodeSegment(segments[i]);
    const found = search(root, segments, 0, method);
    if (!found) {
      // No route has this method: the methods of the routes that match the path make the Allow header.
      const allowed = new Set<string>();
      search(root, segments, 0, method, allowed);
      return allowed.size > 0 ? { kind: 'method-not-allowed', allow: allowHeader(allowed) } : { kind: 'not-found' };
    }
    const params: Record<string, string> = {};
    const { names } = found.route;
    for (let i = 0; i < segments.length; i++) {
      const name = names[i];
      if (name !== null) params[name] = segments[i];
    }
    return { kind: 'operation', route: found.route.entry, operation: found.operation, params };
  };
}
