// The operations a Talk doc documents: its `* Method:` / `* Endpoint:` pairs, made concrete with the doc's base
// endpoint. Shared by the endpoint-completeness tests (reference docs and both talk-docs releases).
import { HTTP_METHODS } from './support.js';

export interface DocumentedEndpoint {
  /** Lower-case HTTP method. */
  method: string;
  /** Concrete path template below the server origin, e.g. `/ocs/v2.php/apps/spreed/api/v4/room/{token}`. */
  path: string;
  /** `file:line (section)` of the `Endpoint:` line. */
  source: string;
}

/**
 * The base endpoint of a doc: the `/ocs/...` code span of its "Base endpoint" lines, the API v4 one when the doc
 * names several (conversation.md), else the one line that has a code span (internal-signaling.md: v1 and v2 are
 * "Removed", v3 has the path).
 */
function baseEndpoint(lines: string[], file: string): string {
  const candidates = lines.filter((l) => /Base endpoint/.test(l) && /`\/ocs\/[^`]+`/.test(l));
  const line = candidates.find((l) => /API v4/.test(l)) ?? candidates[0];
  const base = line?.match(/`(\/ocs\/[^`]+)`/)?.[1];
  if (!base) throw new Error(`${file}: no base endpoint line`);
  return base;
}

/**
 * The `* Method:` / `* Endpoint:` pairs of one doc, made concrete with the doc's base endpoint, `* API: Only v1`
 * sections on the v1 base, and endpoints that start with `ocs/` taken as absolute. Endpoints are joined to the
 * base with one `/` (bot-management.md writes `bot/admin`).
 *
 * @example
 * ```ts
 * parseDocumentedEndpoints('Base endpoint is: `/ocs/v2.php/apps/spreed/api/v1`\n## Poll\n* Method: `POST`\n* Endpoint: `/poll/{token}`', 'poll.md');
 * // [{ method: 'post', path: '/ocs/v2.php/apps/spreed/api/v1/poll/{token}', source: 'poll.md:4 (Poll)' }]
 * ```
 */
export function parseDocumentedEndpoints(markdown: string, file: string): DocumentedEndpoint[] {
  const lines = markdown.split('\n');
  const base = baseEndpoint(lines, file);
  const endpoints: DocumentedEndpoint[] = [];
  let section = '';
  let onlyVersion: string | undefined;
  let method: string | undefined;
  lines.forEach((line, index) => {
    if (line.startsWith('## ')) {
      section = line.slice(3).trim();
      onlyVersion = undefined;
      method = undefined;
    }
    const only = line.match(/^\* API: Only `(v\d)`/);
    if (only) onlyVersion = only[1];
    const m = line.match(/^\* Method: `([A-Z]+)`/);
    if (m) method = m[1];
    const e = line.match(/^\* Endpoint: `([^`]+)`/);
    if (e && method) {
      const endpoint = e[1].replace(/^\//, '');
      const sectionBase = onlyVersion ? base.replace(/\/api\/v\d+$/, `/api/${onlyVersion}`) : base;
      const concrete = endpoint.startsWith('ocs/') ? `/${endpoint}` : `${sectionBase}/${endpoint}`;
      endpoints.push({ method: method.toLowerCase(), path: concrete, source: `${file}:${index + 1} (${section})` });
      method = undefined;
    }
  });
  return endpoints;
}

/** Path templates compare without parameter names: `/room/{token}` = `/room/{roomToken}`. */
export const pathShape = (p: string) => p.replace(/\{[^}]*\}/g, '{}');

/** `method shape` of every operation of a (sliced) document. */
export function operationShapes(doc: { paths: Record<string, Record<string, unknown>> }): Set<string> {
  const present = new Set<string>();
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const method of HTTP_METHODS) if (item[method]) present.add(`${method} ${pathShape(p)}`);
  }
  return present;
}

/** The documented endpoints a document lacks. */
export function missingEndpoints(documented: DocumentedEndpoint[], doc: { paths: Record<string, Record<string, unknown>> }): DocumentedEndpoint[] {
  const present = operationShapes(doc);
  return documented.filter((e) => !present.has(`${e.method} ${pathShape(e.path)}`));
}
