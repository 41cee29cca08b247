// Issue #3: every endpoint the reference docs describe is in the v4 slice (method + concrete path).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { missingEndpoints, parseDocumentedEndpoints, pathShape } from './documented-endpoints.js';
import { REFERENCE_DOCS, findTalkSources, loadDocument } from './support.js';

const AREAS = ['conversation.md', 'chat.md', 'participant.md'];

const missingFrom = (doc: Record<string, any>) => missingEndpoints(documented, doc as { paths: Record<string, Record<string, unknown>> });
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
    const [first] = Object.keys(v4.paths).filter((p) => documented.some((e) => pathShape(e.path) === pathShape(p)));
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
