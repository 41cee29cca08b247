import { describe, expect, test } from 'vitest';
import { releaseRange, withReleaseNotes } from '../src/release-notes.mjs';

const RELEASES = ['19', '20', '21'];

describe('release notes on the reference pages', () => {
  test.each([
    [{ 'x-talk-since': '20' }, 'Talk 20 and later'],
    [{ 'x-talk-since': '21' }, 'Talk 21 and later'],
    [{ 'x-talk-until': '21' }, 'Talk 19 and 20 (not Talk 21)'],
    [{ 'x-talk-until': '20' }, 'Talk 19 (not Talk 20 and later)'],
    [{ 'x-talk-since': '20', 'x-talk-until': '21' }, 'Talk 20 (not Talk 21)'],
  ])('%j reads "%s"', (node, want) => {
    expect(releaseRange(node, RELEASES)).toBe(want);
  });

  test('annotated schema properties, branches and responses get the line; data and the original stay untouched', () => {
    const doc = {
      paths: { '/x': { get: { responses: { '501': { description: 'No SIP.', 'x-talk-differs-from-docs': 'Empty body in Talk 19.' } } } } },
      components: {
        schemas: {
          Room: {
            properties: {
              isImportant: { type: 'boolean', description: 'Important.', 'x-talk-since': '21' },
              level: { oneOf: [{ type: 'integer' }, { type: 'null', 'x-talk-until': '21' }] },
            },
            example: { isImportant: true, 'x-talk-since': '21' },
          },
        },
      },
    };
    const out = withReleaseNotes(doc, RELEASES) as typeof doc;
    expect(out.components.schemas.Room.properties.isImportant.description).toBe('**Talk releases:** Talk 21 and later.\n\nImportant.');
    expect((out.components.schemas.Room.properties.level.oneOf[1] as { description?: string }).description).toBe(
      '**Talk releases:** Talk 19 and 20 (not Talk 21).',
    );
    expect(out.paths['/x'].get.responses['501'].description).toBe('> **Differs from the Talk docs:** Empty body in Talk 19.\n\nNo SIP.');
    expect(out.components.schemas.Room.example).toEqual({ isImportant: true, 'x-talk-since': '21' });
    expect(doc.components.schemas.Room.properties.isImportant.description).toBe('Important.');
  });
});
