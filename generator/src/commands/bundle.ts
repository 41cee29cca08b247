import path from 'node:path';
import { createHash } from 'node:crypto';
import { API_VERSIONS } from '../spec/api-versions.js';
import { loadSourceSpec } from '../spec/load-source.js';
import { sliceForVersion } from '../spec/slice.js';
import { writeFilesAtomically } from '../spec/atomic-write.js';
import { stableJson } from '../spec/stable-json.js';

export interface BundleOptions {
  /** Root of the source spec, default `openapi/openapi.yaml`. */
  source: string;
  /** Output folder, default `packages/spec/dist`. */
  outDir: string;
}

/** Bundle the source spec and write the full contract plus one slice per API version. */
export async function runBundle(options: BundleOptions): Promise<{ files: string[]; specHash: string }> {
  const { document } = await loadSourceSpec(path.resolve(options.source));
  const full = stableJson(document);
  const specHash = createHash('sha256').update(full).digest('hex');
  const outputs = [{ path: path.join(options.outDir, 'openapi.json'), content: full }];
  for (const version of API_VERSIONS) {
    outputs.push({ path: path.join(options.outDir, `openapi.${version}.json`), content: stableJson(sliceForVersion(document, version)) });
  }
  await writeFilesAtomically(outputs);
  return { files: outputs.map((o) => o.path), specHash };
}
