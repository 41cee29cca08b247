// Issue #17: every operation the Talk docs of a release document (every API doc of talk-docs/<release>/, the
// `* Method:` / `* Endpoint:` lines) is in that release's slice: the 19.0.1 docs against openapi.v4.talk-19.json,
// the 21.1.0 docs against openapi.v4.talk-21.json. The few endpoints left out on purpose are in LEFT_OUT below, each
// with its reason; the test prints them, and fails when one of them is in the slice after all (remove it then).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { talkSource } from '../../../test/support/talk-sources.js';
import { type DocumentedEndpoint, missingEndpoints, operationShapes, parseDocumentedEndpoints, pathShape } from './documented-endpoints.js';
import { findTalkSources, loadDocument } from './support.js';

/** Doc release folder → the release slice it is checked against. */
const DOC_RELEASES = [
  { folder: '19.0.1', slice: 'openapi.v4.talk-19.json' },
  { folder: '21.1.0', slice: 'openapi.v4.talk-21.json' },
] as const;

/** Documented operations deliberately not in the contract (method + concrete path, as parsed), with the reason. */
export const LEFT_OUT: ReadonlyArray<{ operation: string; reason: string }> = [
  {
    operation: 'POST /ocs/v2.php/apps/spreed/api/v1/recording/backend',
    reason:
      'called by the recording server, not by a client: authenticated by the recording secret (Talk-Recording-* headers); recording.md "Recording server requests"',
  },
  {
    operation: 'POST /ocs/v2.php/apps/spreed/api/v1/recording/{token}/store',
    reason:
      'called by the recording server to upload the file, not by a client: authenticated by the recording secret (TALK_RECORDING_RANDOM / TALK_RECORDING_CHECKSUM); recording.md "Store call recording"',
  },
];

const key = (e: Pick<DocumentedEndpoint, 'method' | 'path'>) => `${e.method.toUpperCase()} ${pathShape(e.path)}`;
const leftOutKeys = new Set(
  LEFT_OUT.map((l) => {
    const [method, p] = l.operation.split(' ');
    return key({ method, path: p });
  }),
);

/** Every documented operation of one doc release folder (docs without `Endpoint:` lines, like constants.md, add none). */
function documentedIn(folder: string): DocumentedEndpoint[] {
  const dir = path.join(talkSource.talkDocs, folder);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .flatMap((file) => {
      const markdown = readFileSync(path.join(dir, file), 'utf8');
      return /^\* Endpoint:/m.test(markdown) ? parseDocumentedEndpoints(markdown, `${folder}/${file}`) : [];
    });
}

const sources = findTalkSources('talkDocs');
if (!sources.present) console.log(`all-endpoints suite ${sources.reason}`);

describe.skipIf(!sources.present)('every documented Talk operation is in its release slice', () => {
  test('the parser reads every base-endpoint form of the docs', () => {
    const docs = documentedIn('21.1.0');
    const pathOf = (file: string) => docs.find((e) => e.source.startsWith(`21.1.0/${file}:`))?.path;
    expect(pathOf('bot-management.md')).toBe('/ocs/v2.php/apps/spreed/api/v1/bot/admin');
    expect(pathOf('avatar.md')).toBe('/ocs/v2.php/apps/spreed/api/v1/room/{token}/avatar');
    expect(pathOf('internal-signaling.md')).toBe('/ocs/v2.php/apps/spreed/api/v3/signaling/settings');
    expect(pathOf('settings.md')).toBe('/ocs/v2.php/apps/spreed/api/v1/settings/user');
    expect(pathOf('call.md')).toBe('/ocs/v2.php/apps/spreed/api/v4/call/{token}');
    expect(pathOf('webinar.md')).toBe('/ocs/v2.php/apps/spreed/api/v4/room/{token}/webinar/lobby');
  });

  test('the comparison notices a missing operation (self-check on a copy without one path)', () => {
    const slice = loadDocument('openapi.v4.talk-21.json');
    const documented = documentedIn('21.1.0');
    const [first] = Object.keys(slice.paths).filter((p) => documented.some((e) => pathShape(e.path) === pathShape(p)));
    delete slice.paths[first];
    expect(missingEndpoints(documented, slice as never).map((e) => pathShape(e.path))).toContain(pathShape(first));
  });

  for (const { folder, slice } of DOC_RELEASES) {
    test(`the Talk ${folder} docs against ${slice}`, () => {
      const doc = loadDocument(slice);
      const documented = documentedIn(folder);
      const unique = new Set(documented.map(key));
      const leftOut = documented.filter((e) => leftOutKeys.has(key(e)));
      const missing = missingEndpoints(
        documented.filter((e) => !leftOutKeys.has(key(e))),
        doc as never,
      );
      console.log(
        `Talk ${folder} docs: ${unique.size} documented operations, ${unique.size - new Set(missing.map(key)).size - new Set(leftOut.map(key)).size} in ${slice}, ${new Set(leftOut.map(key)).size} left out, ${new Set(missing.map(key)).size} missing`,
      );
      for (const l of LEFT_OUT)
        if (leftOut.some((e) => key(e) === key({ method: l.operation.split(' ')[0], path: l.operation.split(' ')[1] })))
          console.log(`  left out: ${l.operation}: ${l.reason}`);
      expect(
        missing.map((e) => `${key(e)}  (${e.source})`),
        `documented operations missing from ${slice}`,
      ).toEqual([]);
      const present = operationShapes(doc as never);
      const stale = LEFT_OUT.filter((l) => {
        const [method, p] = l.operation.split(' ');
        return present.has(`${method.toLowerCase()} ${pathShape(p)}`);
      });
      expect(
        stale.map((l) => l.operation),
        `left-out operations that ${slice} has after all: remove them from LEFT_OUT`,
      ).toEqual([]);
    });
  }
});
