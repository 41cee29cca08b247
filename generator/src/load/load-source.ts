import path from 'node:path';
import { bundle, createConfig, getLineColLocation, type NormalizedProblem } from '@redocly/openapi-core';
import type { JsonObject } from './slice.js';

/** A problem found in the source spec, located at `file:line` (and a JSON pointer where known). */
export interface SpecProblem {
  message: string;
  file?: string;
  line?: number;
  column?: number;
  pointer?: string;
  ruleId?: string;
}

/** Thrown when the source spec cannot be bundled; `problems` says what and where. */
export class SpecLoadError extends Error {
  readonly code = 'SPEC_LOAD_FAILED';
  constructor(readonly problems: SpecProblem[]) {
    super(problems.map(formatSpecProblem).join('\n'));
    this.name = 'SpecLoadError';
  }
}

/** `openapi/paths/room.yaml:12:5 [rule] message (#/pointer)` relative to the working directory. */
export function formatSpecProblem(problem: SpecProblem): string {
  const where = problem.file
    ? `${path.relative(process.cwd(), problem.file) || problem.file}${problem.line ? `:${problem.line}${problem.column ? `:${problem.column}` : ''}` : ''}`
    : '<spec>';
  const rule = problem.ruleId ? ` [${problem.ruleId}]` : '';
  const pointer = problem.pointer ? ` (at ${problem.pointer})` : '';
  return `${where}${rule} ${problem.message}${pointer}`;
}

export function toSpecProblem(problem: NormalizedProblem): SpecProblem {
  const location = problem.location[0];
  if (!location) return { message: problem.message, ruleId: problem.ruleId };
  let line: number | undefined;
  let column: number | undefined;
  try {
    const lc = getLineColLocation(location);
    line = lc.start.line;
    column = lc.start.col;
  } catch {
    // the source could not be parsed (e.g. YAML syntax error); the message carries the position
  }
  return {
    message: problem.message,
    file: location.source.absoluteRef,
    line,
    column,
    pointer: location.pointer,
    ruleId: problem.ruleId,
  };
}

/**
 * Bundle the multi-file source spec (`openapi/openapi.yaml`) into one document with local `$ref`s.
 * Throws {@link SpecLoadError} on unresolvable refs or unparsable files.
 */
export async function loadSourceSpec(rootFile: string): Promise<{ document: JsonObject; files: string[] }> {
  const config = await createConfig({}, {});
  const result = await bundle({ ref: rootFile, config, dereference: false, removeUnusedComponents: false });
  const errors = result.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new SpecLoadError(errors.map(toSpecProblem));
  return { document: result.bundle.parsed as JsonObject, files: [...result.fileDependencies] };
}
