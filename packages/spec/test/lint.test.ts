import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, test } from 'vitest';
import { REPO_ROOT, describeProblems, parseLintReports, runRedocly } from './support.js';

const temp: string[] = [];
afterAll(() => temp.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('npm run lint (redocly CLI 2.x with redocly.yaml and the house plugin)', () => {
  test('the spec has zero problems: no errors, no warnings, nothing ignored', () => {
    const result = runRedocly(['lint', '--format=json']);
    const [report] = parseLintReports(result.stdout);
    expect(report, result.stderr).toBeDefined();
    expect(report.totals, describeProblems(report)).toEqual({ errors: 0, warnings: 0, ignored: 0 });
    expect(result.status).toBe(0);
  });

  test('the CLI loads the house plugin: a copy with `x-talk-added: v7` fails with talk/version-annotations at the right line', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'talk-lint-'));
    temp.push(dir);
    cpSync(path.join(REPO_ROOT, 'openapi'), path.join(dir, 'openapi'), { recursive: true });
    cpSync(path.join(REPO_ROOT, 'redocly.yaml'), path.join(dir, 'redocly.yaml'));
    const root = parse(readFileSync(path.join(dir, 'openapi/openapi.yaml'), 'utf8')) as { paths: Record<string, { $ref: string }> };
    const firstPathFile = Object.values(root.paths)[0].$ref;
    const file = path.join(dir, 'openapi', firstPathFile);
    writeFileSync(file, `x-talk-added: v7\n${readFileSync(file, 'utf8')}`);

    const result = runRedocly(['lint', '--format=json'], dir);
    const [report] = parseLintReports(result.stdout);
    expect(result.status).not.toBe(0);
    const problem = report.problems.find((p) => p.ruleId === 'talk/version-annotations');
    expect(problem, describeProblems(report)).toBeDefined();
    expect(problem!.location[0].source.ref).toBe(path.join('openapi', firstPathFile));
    expect(problem!.location[0].start?.line).toBe(1);
    expect(problem!.message).toContain('Fix:');
  });
});
