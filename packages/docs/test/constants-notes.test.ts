import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { enumTable, linkConstants, renderConstantsPage, withConstantNotes } from '../src/constants-notes.mjs';
import { referenceTitle } from '../src/reference-title.mjs';

const versions = ['v1', 'v2', 'v3', 'v4'] as const;
const loadSlice = async (v: string) =>
  JSON.parse(await readFile(fileURLToPath(import.meta.resolve(`@talk-contract/spec/openapi.${v}.json`)), 'utf8')) as Record<string, unknown>;

/** Every `description` of a document (not the `x-` keys Redocly does not show), with its JSON pointer. */
function descriptions(node: unknown, pointer = '#'): [string, string][] {
  if (Array.isArray(node)) return node.flatMap((n, i) => descriptions(n, `${pointer}/${i}`));
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) =>
    k.startsWith('x-') ? [] : k === 'description' && typeof v === 'string' ? [[`${pointer}/${k}`, v] as [string, string]] : descriptions(v, `${pointer}/${k}`),
  );
}

describe('constants on the reference pages', () => {
  it.each([
    ['Type (see constants.md#conversation-types).', 'ConversationType', 'Type (see [ConversationType](constants.html#ConversationType)).'],
    ['Who may mention. See constants.md#mention-permissions.', undefined, 'Who may mention. See [the constants](constants.html).'],
    [
      'Only `0` and `1` from constants.md#recording-consent-required are allowed',
      'RecordingConsent',
      'Only `0` and `1` from [RecordingConsent](constants.html#RecordingConsent) are allowed',
    ],
    ['Polls (constants.md does not list it)', undefined, "Polls (the Talk docs' constants does not list it)"],
  ])('%s', (given, target, want) => expect(linkConstants(given, target)).toBe(want));

  it('a table of value, constant and meaning', () => {
    const table = enumTable({
      name: 'Permission',
      kind: 'flags',
      pointer: '',
      members: [{ name: 'PublishAudio', value: 16, description: 'Can publish | audio' }],
    });
    expect(table.split('\n')).toEqual([
      '**Flags** (a bit field: add the values that apply; `Permission` in `@talk-contract/client`):',
      '',
      '| Value | Constant | Meaning |',
      '|---|---|---|',
      '| `16` | `Permission.PublishAudio` | Can publish \\| audio |',
    ]);
  });

  it.each(versions)('%s: no description says constants.md; enums, flags and the properties that use them carry the table', async (v) => {
    const slice = await loadSlice(v);
    const page = withConstantNotes(slice) as {
      components: { schemas: Record<string, { description?: string; properties?: Record<string, { description?: string }> }> };
    };
    expect(
      descriptions(slice).some(([, d]) => d.includes('constants.md')),
      'the contract has references to rewrite',
    ).toBe(true);
    expect(descriptions(page).filter(([, d]) => /constants\.md/.test(d))).toEqual([]);
    const schemas = page.components.schemas;
    expect(schemas.ConversationType!.description).toContain('| `2` | `ConversationType.Group` | Group |');
    expect(schemas.ConversationType!.description).not.toMatch(/See \[/);
    if (v === 'v4') expect(schemas.Permissions!.description).toContain('| `16` | `Permission.PublishAudio` | Can publish audio stream |');
    expect(schemas.Room!.properties!.type!.description).toContain('(see [ConversationType](constants.html#ConversationType))');
    expect(schemas.Room!.properties!.type!.description).toContain('`ConversationType.OneToOne`');
    // The slice itself is untouched.
    expect((slice as { components: { schemas: Record<string, { description: string }> } }).components.schemas.ConversationType!.description).toContain(
      'See constants.md',
    );
  });

  it('the v1 tables only list what v1 has (no note-to-self)', async () => {
    const page = withConstantNotes(await loadSlice('v1')) as { components: { schemas: Record<string, { description: string }> } };
    expect(page.components.schemas.ConversationType!.description).not.toContain('NoteToSelf');
  });

  it('the constants page has a section per enum and flag set, with every value', async () => {
    const html = renderConstantsPage({ slice: await loadSlice('v4'), versions: [...versions], changePages: [] });
    for (const name of ['ConversationType', 'ParticipantType', 'Permission', 'InCallFlag', 'MentionSuggestionSource'])
      expect(html).toContain(`<section id="${name}">`);
    expect(html).toContain('<td><code>16</code></td><td><code>Permission.PublishAudio</code></td><td>Can publish audio stream</td>');
    expect(html).toContain('href="constants.html" aria-current="page"');
    expect(html).not.toContain('constants.md');
  });

  it('reference title: the API version once, the contract version named', () => {
    expect(referenceTitle({ info: { title: 'Nextcloud Talk API (API v4)', version: '19.0.0' } }, 'v4').info).toEqual({
      title: 'Nextcloud Talk API v4',
      version: 'contract 19.0.0',
    });
  });
});
