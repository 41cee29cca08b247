// The published surface of @talk-contract/spec: its exports map, its files, and the built index.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { API_VERSIONS, DIST, DOCUMENTS, REPO_ROOT, TALK_RELEASES, loadDocument } from './support.js';

const PACKAGE_DIR = path.join(REPO_ROOT, 'packages/spec');
const manifest = JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8')) as {
  exports: Record<string, string | Record<string, string>>;
  files: string[];
  main: string;
  types: string;
};
const jsonFiles = readdirSync(DIST)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('@talk-contract/spec package', () => {
  test('dist has the full contract and one slice per API version', () => {
    expect(jsonFiles).toEqual([...DOCUMENTS].sort());
  });

  test.each(jsonFiles)('exports ./%s and ships it', (file) => {
    expect(manifest.exports[`./${file}`]).toBe(`./dist/${file}`);
    expect(manifest.files).toContain('dist');
  });

  test('the main entry, its types and the README ship', () => {
    const main = manifest.exports['.'] as Record<string, string>;
    for (const file of [main.default, main.types, manifest.main, manifest.types]) {
      expect(file.startsWith('./dist/')).toBe(true);
      expect(existsSync(path.join(PACKAGE_DIR, file)), file).toBe(true);
    }
    expect(manifest.files).toContain('README.md');
    expect(existsSync(path.join(PACKAGE_DIR, 'README.md'))).toBe(true);
  });

  test('import by package name: loadSpec, specPath and the JSON exports agree', async () => {
    const spec = await import('@talk-contract/spec');
    expect(spec.specPath('v4')).toBe(path.join(DIST, 'openapi.v4.json'));
    expect(spec.specPath()).toBe(path.join(DIST, 'openapi.json'));
    for (const version of API_VERSIONS) expect(spec.loadSpec(version)).toEqual(loadDocument(`openapi.${version}.json`));
    for (const release of TALK_RELEASES) expect(spec.loadSpec('v4', release)).toEqual(loadDocument(`openapi.v4.talk-${release}.json`));
    expect(spec.talkReleases).toEqual(TALK_RELEASES);
    expect(() => spec.specPath('v3', '21' as never)).toThrow(/API v4 only/);
    expect(() => spec.specPath('v4', '18' as never)).toThrow(/unknown Talk release/);
    const v4 = (await import('@talk-contract/spec/openapi.v4.json', { with: { type: 'json' } })).default as unknown;
    expect(v4).toEqual(spec.loadSpec('v4'));
    expect(spec.loadSpec('v2')['x-talk-api-version']).toBe('v2');
    expect(() => spec.specPath('v7' as never)).toThrow(/unknown Talk API version "v7"/);
    expect(spec.isApiVersion('v3')).toBe(true);
    expect(spec.isApiVersion('v0')).toBe(false);
  });
});
