// The version and release lists live in generator/src/load; the lint plugin and @talk-contract/spec keep copies
// (a Redocly plugin is plain JS loaded on its own; the spec package must type its literals). They must agree.
import { describe, expect, test } from 'vitest';
import { API_VERSIONS } from '../../src/load/api-versions.js';
import { TALK_RELEASES } from '../../src/load/talk-releases.js';

describe('one list of API versions and Talk releases', () => {
  test('the house lint plugin knows the same releases', async () => {
    const pluginFile = new URL('../../../openapi/plugins/talk-rules.js', import.meta.url).href;
    const plugin = (await import(pluginFile)) as { RELEASES: string[]; VERSIONS: string[] };
    expect(plugin.RELEASES).toEqual([...TALK_RELEASES]);
    expect(plugin.VERSIONS).toEqual([...API_VERSIONS]);
  });
  test('@talk-contract/spec exports the same lists', async () => {
    const spec = await import('../../../packages/spec/src/index.js');
    expect(spec.apiVersions).toEqual(API_VERSIONS);
    expect(spec.talkReleases).toEqual(TALK_RELEASES);
  });
});
