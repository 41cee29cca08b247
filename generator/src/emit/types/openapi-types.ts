import { createConfig, type Config } from '@redocly/openapi-core';
import { astToString, resolveRef, scanDiscriminators, transformSchema } from 'openapi-typescript';
import type { GlobalContext, OpenAPI3 } from 'openapi-typescript';
import { API_VERSIONS, type ApiVersion } from '../../load/api-versions.js';
import { resolveLocalRef } from '../../load/json-pointer.js';
import type { JsonObject } from '../../load/slice.js';
import { splitPath } from '../../model/index.js';
import type { GenerateContext, GeneratedFile } from '../emitter.js';
import { TALK_RELEASES, TALK_RELEASE_FACTS, type TalkRelease } from '../../load/talk-releases.js';
import { generatedHeader } from '../header.js';

/** Options of {@link emitOpenApiTypes}. */
export interface OpenApiTypesOptions {
  /** Folder (relative to the repository root) that receives `v1.ts` … `v4.ts`, e.g. `packages/client/src/generated`. */
  outDir: string;
  /**
   * Header parameters to leave out of the types because the caller sets them itself
   * (the client sets `OCS-APIRequest`). Default: none.
   */
  omitHeaderParameters?: string[];
  /** API versions to emit. Default: all of them. */
  versions?: readonly ApiVersion[];
}

const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * A copy of a version slice whose path keys are the short paths below the API base
 * (`/room/{token}`, `/chat/{token}`, `/shares`), optionally without some header parameters.
 * Throws when two concrete paths share one short path.
 */
export function shortPathSlice(slice: JsonObject, omitHeaderParameters: readonly string[] = []): JsonObject {
  const copy = structuredClone(slice);
  const omit = new Set(omitHeaderParameters.map((h) => h.toLowerCase()));
  const keep = (raw: unknown): boolean => {
    if (omit.size === 0) return true;
    let p = raw;
    for (let i = 0; i < 10 && isObject(p) && typeof p.$ref === 'string'; i++) p = resolveLocalRef(copy, p.$ref);
    return !(isObject(p) && p.in === 'header' && typeof p.name === 'string' && omit.has(p.name.toLowerCase()));
  };
  const paths: JsonObject = {};
  const origin = new Map<string, string>();
  for (const [path, item] of Object.entries(isObject(copy.paths) ? copy.paths : {})) {
    const { shortPath } = splitPath(path);
    const seen = origin.get(shortPath);
    if (seen !== undefined) throw new Error(`paths ${seen} and ${path} have the same short path ${shortPath}`);
    origin.set(shortPath, path);
    if (isObject(item)) {
      if (Array.isArray(item.parameters)) item.parameters = item.parameters.filter(keep);
      for (const op of Object.values(item)) {
        if (isObject(op) && Array.isArray(op.parameters)) op.parameters = op.parameters.filter(keep);
      }
    }
    paths[shortPath] = item;
  }
  copy.paths = Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b)));
  return copy;
}

// openapi-typescript's `openapiTS()` = Redocly parse + lint + bundle, then `transformSchema()`. The slices are
// bundled and linted already (`talk-contract bundle`), so the emitter runs only the transform, with the
// options `openapiTS()` would use (`alphabetize: true`, defaults otherwise): 2-3× faster, the same output
// (generator/src/emit/types/openapi-types.test.ts compares both on the real slices).
let redoclyConfig: Promise<Config> | undefined;
const sharedRedoclyConfig = () => (redoclyConfig ??= createConfig({ extends: [], rules: {} }));

/** The openapi-typescript AST of a bundled OpenAPI 3.1 document, as `openapiTS(doc, { alphabetize: true })`. */
export async function openApiTypesAst(doc: JsonObject): Promise<ReturnType<typeof transformSchema>> {
  const schema = doc as unknown as OpenAPI3;
  const ctx: GlobalContext = {
    additionalProperties: false,
    alphabetize: true,
    arrayLength: false,
    defaultNonNullable: true,
    discriminators: scanDiscriminators(schema, {}),
    emptyObjectsUnknown: false,
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: false,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: undefined,
    propertiesRequiredByDefault: false,
    redoc: await sharedRedoclyConfig(),
    silent: true,
    inject: undefined,
    transform: undefined,
    transformProperty: undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: false,
    resolve: <T>($ref: string) => resolveRef<T>(schema, $ref, { silent: true }),
  };
  return transformSchema(schema, ctx);
}

/**
 * Drop the `example`/`examples` of media types (whole OCS envelopes): openapi-typescript would copy each of
 * them into a JSDoc comment, which made the files several times larger and slower to generate and check.
 */
export function withoutMediaExamples(doc: JsonObject): JsonObject {
  const visit = (node: unknown, key: string): void => {
    if (Array.isArray(node)) return node.forEach((item) => visit(item, ''));
    if (!isObject(node)) return;
    if (key === 'content') {
      for (const media of Object.values(node)) {
        if (isObject(media)) {
          delete media.example;
          delete media.examples;
        }
      }
    }
    for (const [k, v] of Object.entries(node)) visit(v, k);
  };
  visit(doc.paths, 'paths');
  visit(doc.components, 'components');
  return doc;
}

// Several emitters ask for the same types (client and server): compute each (context, version, omit) once.
const sourceCache = new WeakMap<GenerateContext, Map<string, Promise<string>>>();

/** TypeScript declarations (openapi-typescript) of one version slice, keyed by short paths, with the header. */
export function openApiTypesSource(context: GenerateContext, version: ApiVersion, omitHeaderParameters: readonly string[] = []): Promise<string> {
  let cache = sourceCache.get(context);
  if (!cache) sourceCache.set(context, (cache = new Map()));
  const key = `${version}\n${[...omitHeaderParameters].sort().join(',')}`;
  let source = cache.get(key);
  if (!source) cache.set(key, (source = computeTypesSource(context, version, omitHeaderParameters)));
  return source;
}

async function computeTypesSource(
  context: GenerateContext,
  version: ApiVersion,
  omitHeaderParameters: readonly string[],
  release?: TalkRelease,
): Promise<string> {
  const slice = release === undefined ? context.slices[version] : context.releaseSlices[release];
  const doc = withoutMediaExamples(shortPathSlice(slice, omitHeaderParameters));
  const body = astToString(await openApiTypesAst(doc))
    .replace(/\r\n/g, '\n')
    .trimEnd();
  const what = release === undefined ? `the API ${version} slice` : `the API ${version} slice of Talk ${release} (exact for that release)`;
  return `${generatedHeader(context.specHash)}// Types of ${what}: paths below the API base (chat: api/v1).\n\n${body}\n`;
}

/**
 * Emit `v4-talk-19.ts`, … into `outDir`: the types of each Talk release slice (see {@link emitOpenApiTypes}).
 *
 * @example
 * ```ts
 * const files = await emitReleaseTypes(context, { outDir: 'packages/types/src/generated', omitHeaderParameters: ['OCS-APIRequest'] });
 * ```
 */
export async function emitReleaseTypes(context: GenerateContext, options: OpenApiTypesOptions): Promise<GeneratedFile[]> {
  const files: GeneratedFile[] = [];
  for (const release of TALK_RELEASES) {
    const version = TALK_RELEASE_FACTS[release].apiVersion;
    files.push({
      path: `${options.outDir.replace(/\/+$/, '')}/${version}-talk-${release}.ts`,
      content: await computeTypesSource(context, version, options.omitHeaderParameters ?? [], release),
    });
  }
  return files;
}

/**
 * Emit `v1.ts` … `v4.ts` into `outDir`: openapi-typescript's `paths`, `components` and `operations` of each
 * version slice, with path keys rewritten to the short path below the API base, so that
 * `client.GET('/room/{token}')` and `client.GET('/chat/{token}')` type-check for every version.
 *
 * @example
 * ```ts
 * const files = await emitOpenApiTypes(context, { outDir: 'packages/types/src/generated' });
 * // → [{ path: 'packages/types/src/generated/v1.ts', content: '// This file is generated …' }, …]
 * ```
 */
export async function emitOpenApiTypes(context: GenerateContext, options: OpenApiTypesOptions): Promise<GeneratedFile[]> {
  const files: GeneratedFile[] = [];
  for (const version of options.versions ?? API_VERSIONS) {
    files.push({
      path: `${options.outDir.replace(/\/+$/, '')}/${version}.ts`,
      content: await openApiTypesSource(context, version, options.omitHeaderParameters),
    });
  }
  return files;
}
