import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { LineCounter, parseDocument, isMap, isScalar } from 'yaml';
import { API_VERSIONS } from '../load/api-versions.js';
import { TALK_RELEASES, TALK_RELEASE_FACTS, releaseSliceFile } from '../load/talk-releases.js';
import { checkAnnotations } from '../load/annotations.js';
import { lintSourceSpec, type LintProblem } from '../load/lint-source.js';
import { loadSourceSpec, SpecLoadError, type SpecProblem } from '../load/load-source.js';
import { sliceForVersion, SlicePathCollisionError, type JsonObject } from '../load/slice.js';
import { validateOpenApiDocument } from '../load/validate-slice.js';
import { preflightSpec } from '../load/spec-preflight.js';
import { writeFilesAtomically } from '../load/atomic-write.js';
import { stableJson } from '../load/stable-json.js';

export interface BundleOptions {
  /** Root of the source spec, default `openapi/openapi.yaml`. */
  source: string;
  /** Output folder, default `packages/spec/dist`. */
  outDir: string;
  /** Lint configuration; default: the nearest `redocly.yaml` above the source (else the repository's). */
  lintConfig?: string;
}

export interface BundleResult {
  files: string[];
  specHash: string;
  /** Lint warnings (not blocking); errors throw instead. */
  warnings: LintProblem[];
}

/**
 * Bundle the source spec and write the full contract plus one slice per API version — but only if the
 * spec is sound. In order: preflight every file ({@link preflightSpec}: size, UTF-8, YAML alias and depth
 * limits, OpenAPI 3, resolvable and non-looping `$ref`s), lint the source (house rules included), bundle, check the version annotations,
 * slice (no path collisions), validate every document as OpenAPI 3.1. Any error throws
 * {@link SpecLoadError} (each problem with file and line or JSON pointer) before a single file is written;
 * the files are then replaced all together ({@link writeFilesAtomically}).
 *
 * @example
 * ```ts
 * const { files } = await runBundle({ source: 'openapi/openapi.yaml', outDir: 'packages/spec/dist' });
 * ```
 */
export async function runBundle(options: BundleOptions): Promise<BundleResult> {
  const source = path.resolve(options.source);
  // Before any library walks the files: limits, UTF-8, OpenAPI 3, resolvable refs (throws SpecLoadError).
  preflightSpec(source);
  const lintProblems = await lintSourceSpec(source, options.lintConfig ? path.resolve(options.lintConfig) : undefined);
  const lintErrors = lintProblems.filter((p) => p.severity === 'error');
  if (lintErrors.length > 0) throw new SpecLoadError(lintErrors);

  const { document } = await loadSourceSpec(source);
  const annotationProblems = checkAnnotations(document);
  if (annotationProblems.length > 0) {
    throw new SpecLoadError(
      annotationProblems.map((p) => ({ message: p.message, file: `${source} (bundled)`, pointer: `#${p.pointer}`, ruleId: 'talk/version-annotations' })),
    );
  }

  const outDir = path.resolve(options.outDir);
  const full = stableJson(document);
  const specHash = createHash('sha256').update(full).digest('hex');
  const documents: Array<{ path: string; document: JsonObject }> = [{ path: path.join(outDir, 'openapi.json'), document }];
  const collisions: SpecProblem[] = [];
  for (const version of API_VERSIONS) {
    try {
      documents.push({ path: path.join(outDir, `openapi.${version}.json`), document: sliceForVersion(document, version) });
    } catch (error) {
      if (!(error instanceof SlicePathCollisionError)) throw error;
      for (const c of error.collisions) {
        collisions.push({
          message: `In the ${c.version} slice the paths ${c.sources.join(' and ')} both become ${c.path}. Fix: rename one of them or correct its x-talk-base-path.`,
          file: source,
          line: lineOfPath(source, c.sources[1]),
          pointer: `#/paths/${c.sources[1].replace(/~/g, '~0').replace(/\//g, '~1')}`,
          ruleId: 'slice-path-collision',
        });
      }
    }
  }
  if (collisions.length > 0) throw new SpecLoadError(collisions);
  // One slice per Talk release, exact for that release (cut like its API version's slice, plus x-talk-since/until).
  if (collisions.length === 0) {
    for (const release of TALK_RELEASES) {
      documents.push({
        path: path.join(outDir, releaseSliceFile(release)),
        document: sliceForVersion(document, TALK_RELEASE_FACTS[release].apiVersion, release),
      });
    }
  }

  const invalid = (await Promise.all(documents.map((d) => validateOpenApiDocument(d.document, d.path)))).flat();
  if (invalid.length > 0) throw new SpecLoadError(invalid.map((p) => ({ ...p, message: `generated document is not valid OpenAPI 3.1: ${p.message}` })));

  const outputs = documents.map((d) => ({ path: d.path, content: d === documents[0] ? full : stableJson(d.document) }));
  await writeFilesAtomically(outputs);
  return { files: outputs.map((o) => o.path), specHash, warnings: lintProblems.filter((p) => p.severity !== 'error') };
}

/** Line of the key `shortPath` under `paths:` in the root file (for messages); undefined when not found. */
function lineOfPath(rootFile: string, shortPath: string): number | undefined {
  try {
    const lineCounter = new LineCounter();
    const doc = parseDocument(readFileSync(rootFile, 'utf8'), { lineCounter });
    const paths = doc.get('paths', true);
    if (!isMap(paths)) return undefined;
    const pair = paths.items.find((item) => isScalar(item.key) && item.key.value === shortPath);
    const offset = pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  } catch {
    return undefined;
  }
}
