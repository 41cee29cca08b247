import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { API_VERSIONS, DIST, DOCUMENTS, describeProblems, loadDocument, parseLintReports, runRedocly, runTalkContract } from './support.js';

/** Structural OpenAPI 3.1 validation only: the shape, references and path parameters; no style rules. */
const STRUCTURAL_CONFIG = `extends: []
rules:
  struct: error
  no-unresolved-refs: error
  no-identical-paths: error
  path-parameters-defined: error
  operation-operationId-unique: error
  no-path-trailing-slash: error
`;

let fresh: string;
beforeAll(() => {
  fresh = mkdtempSync(path.join(tmpdir(), 'talk-slices-'));
  const result = runTalkContract(['bundle', '--out', fresh]);
  if (result.status !== 0) throw new Error(`talk-contract bundle failed:\n${result.stderr}`);
});
afterAll(() => rmSync(fresh, { recursive: true, force: true }));

describe('packages/spec/dist', () => {
  test.each(DOCUMENTS)('%s is what the current openapi/ bundles to (else run `npm run build -w @talk-contract/spec`)', (name) => {
    expect(readFileSync(path.join(DIST, name), 'utf8')).toBe(readFileSync(path.join(fresh, name), 'utf8'));
  });

  test('every document is valid OpenAPI 3.1 (redocly lint with the structural rules only)', () => {
    const config = path.join(fresh, 'structural.redocly.yaml');
    writeFileSync(config, STRUCTURAL_CONFIG);
    const result = runRedocly(['lint', ...DOCUMENTS.map((name) => path.join(DIST, name)), '--config', config, '--format=json']);
    const reports = parseLintReports(result.stdout);
    expect(reports.length, result.stderr).toBeGreaterThan(0);
    for (const report of reports) expect(report.totals.errors, describeProblems(report)).toBe(0);
    expect(result.status).toBe(0);
  });

  test.each(DOCUMENTS)('%s declares OpenAPI 3.1', (name) => {
    expect(loadDocument(name).openapi).toMatch(/^3\.1\.\d+$/);
  });

  test.each(API_VERSIONS)('the %s slice has concrete paths, and no annotation the slicer consumes', (version) => {
    const slice = loadDocument(`openapi.${version}.json`);
    expect(slice['x-talk-api-version']).toBe(version);
    const paths = Object.keys(slice.paths);
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) expect(p).toMatch(/^\/ocs\/v2\.php\/(?:apps\/[a-z_]+\/api\/v\d\/|cloud\/capabilities$)/);
    // Besides the api/v1 areas (chat, polls, bots, ...), only the signaling API keeps its own version (api/v3 on every v4 server).
    const fixedBase = (p: string) => p.includes('/apps/spreed/api/v1/') || p.startsWith('/ocs/v2.php/apps/spreed/api/v3/signaling/');
    expect(paths.filter((p) => p.includes('/apps/spreed/api/') && !fixedBase(p)).every((p) => p.includes(`/api/${version}/`))).toBe(true);
    // x-talk-added/-removed stay as information ("since v3"); these two are applied and removed.
    const text = JSON.stringify(slice);
    for (const key of ['x-talk-enum-versions', 'x-talk-base-path']) expect(text).not.toContain(`"${key}"`);
  });
});
