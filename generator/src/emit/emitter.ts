import type { ApiVersion } from '../load/api-versions.js';
import type { JsonObject } from '../load/slice.js';
import type { TalkRelease } from '../load/talk-releases.js';

/** What every emitter gets: the bundled contract and its slices, already loaded. */
export interface GenerateContext {
  /** Repository root. */
  repoRoot: string;
  /** The full annotated contract (`packages/spec/dist/openapi.json`). */
  full: JsonObject;
  /** The slice of each API version (`packages/spec/dist/openapi.vN.json`). */
  slices: Record<ApiVersion, JsonObject>;
  /** The slice of each Talk release (`packages/spec/dist/openapi.v4.talk-NN.json`), exact for that release. */
  releaseSlices: Record<TalkRelease, JsonObject>;
  /** sha256 of `openapi.json`, for the do-not-edit header. */
  specHash: string;
}

/** A file an emitter wants written, path relative to the repository root. */
export interface GeneratedFile {
  path: string;
  content: string;
}

/** One output target of the generator (types, operation table, server validators, ...). */
export interface Emitter {
  name: string;
  emit(context: GenerateContext): Promise<GeneratedFile[]> | GeneratedFile[];
}
