import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { HOUSE_PLUGIN, REPO_LINT_CONFIG, findLintConfig } from '../../src/load/lint-source.js';

const root = mkdtempSync(path.join(tmpdir(), 'talk-lint-config-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(path.join(root, 'project/openapi/paths'), { recursive: true });
mkdirSync(path.join(root, 'bare/openapi'), { recursive: true });
writeFileSync(path.join(root, 'project/redocly.yaml'), 'extends: [minimal]\n');

describe('findLintConfig', () => {
  const table: Array<[string, { given: string; want: string }]> = [
    ['config in the folder itself', { given: 'project', want: path.join(root, 'project/redocly.yaml') }],
    ['config in a parent folder', { given: 'project/openapi/paths', want: path.join(root, 'project/redocly.yaml') }],
    ['no config above: the repository one', { given: 'bare/openapi', want: REPO_LINT_CONFIG }],
  ];
  test.each(table)('%s', (_name, { given, want }) => {
    expect(findLintConfig(path.join(root, given))).toBe(want);
  });

  test('the repository config and the house plugin exist where the bundle step looks for them', () => {
    expect(existsSync(REPO_LINT_CONFIG)).toBe(true);
    expect(existsSync(HOUSE_PLUGIN)).toBe(true);
  });
});
