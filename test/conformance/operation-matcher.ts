// Which operation of a contract slice an exchange belongs to: method + path template.
type JsonObject = Record<string, unknown>;

/** An operation of a slice, found by method and concrete path. */
export interface MatchedOperation {
  operationId: string;
  method: string;
  /** The path template of the slice: `/ocs/v2.php/apps/spreed/api/v4/room/{token}`. */
  template: string;
  operation: JsonObject;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/**
 * A matcher over the paths of one slice. Templates with more literal segments win (`/room/note-to-self` before
 * `/room/{token}`), so a literal route is never taken for a parameter value.
 *
 * @example
 * ```ts
 * const match = operationMatcher(slice);
 * match('GET', '/ocs/v2.php/apps/spreed/api/v4/room/abc123xy')?.operationId; // 'getConversation'
 * ```
 */
export function operationMatcher(slice: JsonObject): (method: string, pathname: string) => MatchedOperation | undefined {
  const routes: Array<{ segments: string[]; literals: number; match: MatchedOperation }> = [];
  for (const [template, item] of Object.entries((slice.paths ?? {}) as Record<string, JsonObject>)) {
    const segments = template.split('/');
    const literals = segments.filter((s) => !/^\{.+\}$/.test(s)).length;
    for (const method of METHODS) {
      const operation = item[method] as JsonObject | undefined;
      if (!operation) continue;
      routes.push({ segments, literals, match: { operationId: String(operation.operationId), method: method.toUpperCase(), template, operation } });
    }
  }
  routes.sort((a, b) => b.literals - a.literals);
  return (method, pathname) => {
    const parts = pathname.split('/');
    const upper = method.toUpperCase();
    // HEAD is answered like GET (the OCS framework routes it so).
    const wanted = upper === 'HEAD' ? ['HEAD', 'GET'] : [upper];
    for (const want of wanted) {
      const route = routes.find(
        (r) =>
          r.match.method === want && r.segments.length === parts.length && r.segments.every((s, i) => (/^\{.+\}$/.test(s) ? parts[i] !== '' : s === parts[i])),
      );
      if (route) return route.match;
    }
    return undefined;
  };
}
