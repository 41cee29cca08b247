import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { createConfig, lint, YamlParseError, type NormalizedProblem, type RawUniversalConfig } from '@redocly/openapi-core';
import { toSpecProblem, type SpecProblem } from './load-source.js';

/** The house lint plugin of this repository (`openapi/plugins/talk-rules.js`). */
export const HOUSE_PLUGIN = fileURLToPath(new URL('../../../openapi/plugins/talk-rules.js', import.meta.url));

/** The repository's `redocly.yaml`, used when no config is found next to (or above) the source spec. */
export const REPO_LINT_CONFIG = fileURLToPath(new URL('../../../redocly.yaml', import.meta.url));

/**
 * Rules the bundle step always runs as errors, whatever the config says: without them a spec could slice
 * into something wrong (bad version annotations) or not bundle into one valid document.
 */
export const ENFORCED_RULES: Readonly<Record<string, 'error'>> = {
  struct: 'error',
  'no-unresolved-refs': 'error',
  'operation-operationId-unique': 'error',
  'no-identical-paths': 'error',
  'talk/version-annotations': 'error',
  'talk/release-annotations': 'error',
  'talk/base-path-placement': 'error',
};

/**
 * The nearest `redocly.yaml` in `dir` or one of its parents; the repository's one when there is none.
 *
 * @example
 * ```ts
 * findLintConfig('/tmp/copy/openapi'); // '/tmp/copy/redocly.yaml' if it exists, else the repository's
 * ```
 */
export function findLintConfig(dir: string): string {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const candidate = path.join(current, 'redocly.yaml');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(current) === current) return REPO_LINT_CONFIG;
  }
}

/**
 * Lint the multi-file source spec in-process with the same configuration as `npm run lint` (the nearest
 * `redocly.yaml`, its plugins and rules), plus {@link ENFORCED_RULES}. Returns the problems, errors first.
 *
 * @example
 * ```ts
 * const problems = await lintSourceSpec('openapi/openapi.yaml');
 * const errors = problems.filter((p) => p.severity === 'error');
 * ```
 */
export async function lintSourceSpec(rootFile: string, configFile = findLintConfig(path.dirname(rootFile))): Promise<LintProblem[]> {
  const raw = (parseYaml(readFileSync(configFile, 'utf8')) ?? {}) as RawUniversalConfig & { plugins?: unknown[]; rules?: Record<string, unknown> };
  const configDir = path.dirname(configFile);
  const plugins = Array.isArray(raw.plugins) ? [...raw.plugins] : [];
  // A copy of the spec may bring its own copy of the plugin (same id `talk`); only add ours when it does not.
  const hasHousePlugin = plugins.some(
    (p) => typeof p === 'string' && path.basename(p) === path.basename(HOUSE_PLUGIN) && existsSync(path.resolve(configDir, p)),
  );
  if (!hasHousePlugin) plugins.push(HOUSE_PLUGIN);
  const rules = { ...(raw.rules ?? {}) };
  for (const [rule, severity] of Object.entries(ENFORCED_RULES)) {
    const current = rules[rule];
    rules[rule] = current !== null && typeof current === 'object' ? { ...current, severity } : severity;
  }
  const config = await createConfig({ ...raw, plugins, rules } as RawUniversalConfig, { configPath: configFile });
  let problems: NormalizedProblem[];
  try {
    problems = await lint({ ref: rootFile, config });
  } catch (error) {
    // A YAML syntax error in the root file is thrown, not reported (in other files it is a problem).
    if (error instanceof YamlParseError) {
      return [
        {
          message: `YAML syntax error: ${error.message}`,
          file: error.source.absoluteRef,
          line: error.line || undefined,
          column: error.col || undefined,
          ruleId: 'yaml-syntax',
          severity: 'error',
        },
      ];
    }
    throw error;
  }
  return problems
    .map((problem: NormalizedProblem) => ({ ...toSpecProblem(problem), severity: problem.severity }))
    .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}

/** A lint finding: where, which rule, and whether it blocks the bundle (`error`). */
export interface LintProblem extends SpecProblem {
  severity: 'error' | 'warn';
}
