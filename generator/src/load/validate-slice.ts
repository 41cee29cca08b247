import { createConfig, lintFromString, type Config } from '@redocly/openapi-core';
import { toSpecProblem, type SpecProblem } from './load-source.js';
import { stableJson } from './stable-json.js';

/** The structural rules every written document (the full bundle and each slice) must pass. */
export const SLICE_RULES: Readonly<Record<string, 'error'>> = {
  struct: 'error',
  'no-unresolved-refs': 'error',
  'no-identical-paths': 'error',
  'operation-operationId-unique': 'error',
  'path-parameters-defined': 'error',
};

let sliceConfig: Promise<Config> | undefined;

/**
 * Validate a generated document as OpenAPI 3.1 (Redocly's `struct` rule and the reference/path rules in
 * {@link SLICE_RULES}) before it is written. `fileName` names the file in the problems it returns; their
 * lines are lines of the document as it would be written ({@link stableJson}).
 *
 * @example
 * ```ts
 * const problems = await validateOpenApiDocument(sliceForVersion(full, 'v2'), 'packages/spec/dist/openapi.v2.json');
 * if (problems.length > 0) throw new SpecLoadError(problems);
 * ```
 */
export async function validateOpenApiDocument(document: unknown, fileName: string): Promise<SpecProblem[]> {
  sliceConfig ??= createConfig({ rules: { ...SLICE_RULES } });
  const problems = await lintFromString({ source: stableJson(document), absoluteRef: fileName, config: await sliceConfig });
  return problems.filter((p) => p.severity === 'error').map(toSpecProblem);
}
