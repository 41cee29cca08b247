import path from 'node:path';
import { readdir, readFile, rm, rmdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { API_VERSIONS, type ApiVersion } from '../load/api-versions.js';
import { TALK_RELEASES, releaseSliceFile, type TalkRelease } from '../load/talk-releases.js';
import type { JsonObject } from '../load/slice.js';
import { writeFilesAtomically } from '../load/atomic-write.js';
import { emitters } from '../emit/index.js';
import { GENERATED_MARK } from '../emit/header.js';
import type { GenerateContext } from '../emit/emitter.js';

/** Load the bundled contract and its slices from `specDir` (normally `packages/spec/dist`). */
export async function loadGenerateContext(repoRoot: string, specDir: string): Promise<GenerateContext> {
  const fullText = await readFile(path.join(specDir, 'openapi.json'), 'utf8');
  const slices = {} as Record<ApiVersion, JsonObject>;
  for (const version of API_VERSIONS) {
    slices[version] = JSON.parse(await readFile(path.join(specDir, `openapi.${version}.json`), 'utf8')) as JsonObject;
  }
  const releaseSlices = {} as Record<TalkRelease, JsonObject>;
  for (const release of TALK_RELEASES) {
    releaseSlices[release] = JSON.parse(await readFile(path.join(specDir, releaseSliceFile(release)), 'utf8')) as JsonObject;
  }
  return {
    repoRoot,
    full: JSON.parse(fullText) as JsonObject,
    slices,
    releaseSlices,
    specHash: createHash('sha256').update(fullText).digest('hex'),
  };
}

/**
 * Generated files (they start with the do-not-edit header) in the `src/generated/` folders that `written` writes
 * to, which `written` no longer contains: the leftovers of a renamed or removed output.
 *
 * @example
 * ```ts
 * await staleGeneratedFiles('/repo', ['packages/types/src/generated/v4.ts']); // ['packages/types/src/generated/v5.ts']
 * ```
 */
export async function staleGeneratedFiles(repoRoot: string, written: readonly string[]): Promise<string[]> {
  const keep = new Set(written);
  const roots = new Set(written.flatMap((p) => /^(.+\/src\/generated)\//.exec(p)?.[1] ?? []));
  const stale: string[] = [];
  for (const root of [...roots].sort()) {
    const entries = await readdir(path.join(repoRoot, root), { recursive: true, withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const relative = path.relative(repoRoot, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
      if (keep.has(relative)) continue;
      const head = await readFile(path.join(repoRoot, relative), 'utf8').then(
        (t) => t.slice(0, GENERATED_MARK.length),
        () => '',
      );
      if (head === GENERATED_MARK) stale.push(relative);
    }
  }
  return stale.sort();
}

/**
 * Run every emitter and write all generated files at once (none are written if any emitter fails), then remove
 * the generated files the emitters no longer write, so a renamed output leaves nothing behind.
 */
export async function runGenerate(repoRoot: string, specDir: string): Promise<string[]> {
  const context = await loadGenerateContext(repoRoot, specDir);
  const files = [];
  for (const emitter of emitters) files.push(...(await emitter.emit(context)));
  files.sort((a, b) => a.path.localeCompare(b.path));
  await writeFilesAtomically(files.map((f) => ({ path: path.join(repoRoot, f.path), content: f.content })));
  for (const stale of await staleGeneratedFiles(
    repoRoot,
    files.map((f) => f.path),
  )) {
    await rm(path.join(repoRoot, stale));
    await rmdir(path.dirname(path.join(repoRoot, stale))).catch(() => undefined); // only when now empty
  }
  return files.map((f) => f.path);
}
