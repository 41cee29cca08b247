import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { API_VERSIONS, type ApiVersion } from '../spec/api-versions.js';
import type { JsonObject } from '../spec/slice.js';
import { writeFilesAtomically } from '../spec/atomic-write.js';
import { emitters } from '../emit/index.js';
import type { GenerateContext } from '../emit/emitter.js';

/** Load the bundled contract and its slices from `specDir` (normally `packages/spec/dist`). */
export async function loadGenerateContext(repoRoot: string, specDir: string): Promise<GenerateContext> {
  const fullText = await readFile(path.join(specDir, 'openapi.json'), 'utf8');
  const slices = {} as Record<ApiVersion, JsonObject>;
  for (const version of API_VERSIONS) {
    slices[version] = JSON.parse(await readFile(path.join(specDir, `openapi.${version}.json`), 'utf8')) as JsonObject;
  }
  return {
    repoRoot,
    full: JSON.parse(fullText) as JsonObject,
    slices,
    specHash: createHash('sha256').update(fullText).digest('hex'),
  };
}

/** Run every emitter and write all generated files at once (none are written if any emitter fails). */
export async function runGenerate(repoRoot: string, specDir: string): Promise<string[]> {
  const context = await loadGenerateContext(repoRoot, specDir);
  const files = [];
  for (const emitter of emitters) files.push(...(await emitter.emit(context)));
  files.sort((a, b) => a.path.localeCompare(b.path));
  await writeFilesAtomically(files.map((f) => ({ path: path.join(repoRoot, f.path), content: f.content })));
  return files.map((f) => f.path);
}
