// Issue #3: every endpoint the reference docs describe is in the v4 slice (method + concrete path).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { HTTP_METHODS, REFERENCE_DOCS, findTalkSources, loadDocument } from './support.js';

const AREAS = ['conversation.md', 'chat.md', 'participant.md'];

interface DocumentedEndpoint {
  method: string;
  path: string;
  source: string;
}

/**
 * The `* Method:` / `* Endpoint:` pairs of one doc, made concrete with the doc's API v4 base endpoint
 * (`* API v4: Base endpoint ...` or `Base endpoint is: ...`), `* API: Only v1` sections on the v1 base, and
 * endpoints that start with `ocs/` taken as absolute.
 */
function parseDocumentedEndpoints(markdown: string, file: string): DocumentedEndpoint[] {
  const lines = markdown.split('\n');
  const baseLine = lines.find((l) => /Base endpoint/.test(l) && /`\/ocs\/[^`]+`/.test(l) && (/API v4/.test(l) || !/API v\d/.test(l)));
  const base = baseLine?.match(/`(\/ocs\/[^`]+)`/)?.[1];
  if (!base) throw new Error(`${file}: no base endpoint line`);
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
      const endpoint = e[1];
      const sectionBase = onlyVersion ? base.replace(/\/api\/v\d+$/, `/api/${onlyVersion}`) : base;
      const concrete = endpoint.startsWith('ocs/') || endpoint.startsWith('/ocs/') ? `/${endpoint.replace(/^\//, '')}` : sectionBase + endpoint;
      endpoints.push({ method: method.toLowerCase(), path: concrete, source: `${file}:${index + 1} (${section})` });
      method = undefined;
    }
  });
  return endpoints;
}

/** Path templates compare without parameter names: `/room/{token}` = `/room/{roomToken}`. */
const shape = (p: string) => p.replace(/\{[^}]*\}/g, '{}');

function missingFrom(doc: Record<string, any>): DocumentedEndpoint[] {
  const present = new Set<string>();
  for (const [p, item] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
    for (const method of HTTP_METHODS) if (item[method]) present.add(`${method} ${shape(p)}`);
  }
  return documented.filter((e) => !present.has(`${e.method} ${shape(e.path)}`));
}

const sources = findTalkSources('referenceDocs');
if (!sources.present) console.log(`endpoint-list suite ${sources.reason}`);
const documented = sources.present ? AREAS.flatMap((file) => parseDocumentedEndpoints(readFileSync(path.join(REFERENCE_DOCS, file), 'utf8'), file)) : [];

describe.skipIf(!sources.present)('endpoint completeness of the v4 slice (reference docs, API v4)', () => {
  test('the docs parse into endpoints of every area', () => {
    for (const file of AREAS) expect(documented.filter((e) => e.source.startsWith(file)).length, file).toBeGreaterThan(0);
    expect(documented.find((e) => e.path.endsWith('/guest/{token}/name'))?.path).toBe('/ocs/v2.php/apps/spreed/api/v1/guest/{token}/name');
    expect(documented.find((e) => e.path.endsWith('/shares'))?.path).toBe('/ocs/v2.php/apps/files_sharing/api/v1/shares');
    expect(documented.filter((e) => e.source.startsWith('chat.md')).every((e) => e.path.includes('/api/v1/'))).toBe(true);
  });

  test('the comparison notices a missing endpoint (self-check on a copy without one path)', () => {
    const v4 = loadDocument('openapi.v4.json');
    const [first] = Object.keys(v4.paths).filter((p) => documented.some((e) => shape(e.path) === shape(p)));
    delete v4.paths[first];
    expect(missingFrom(v4).length).toBeGreaterThan(0);
  });

  test('every documented endpoint is in openapi.v4.json', () => {
    const missing = missingFrom(loadDocument('openapi.v4.json'));
    expect(
      missing.map((e) => `${e.method.toUpperCase()} ${e.path}  (${e.source})`),
      `${missing.length} of ${documented.length} documented endpoints are missing from the v4 slice`,
    ).toEqual([]);
  });
});
