import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The API versions that `@talk-contract/spec` ships a slice for. */
export const apiVersions = ['v1', 'v2', 'v3', 'v4'] as const;
/** A conversation/participant API version: `'v1'` … `'v4'`. */
export type ApiVersion = (typeof apiVersions)[number];

/**
 * The Talk server releases with a slice of their own (`openapi.v4.talk-19.json` …), oldest first. Talk 19 and 21 are
 * checked against recordings of real servers; Talk 20 is derived from the docs (unverified).
 */
export const talkReleases = ['19', '20', '21'] as const;
/** A Talk server release with its own slice: `'19'`, `'20'`, `'21'`. */
export type TalkRelease = (typeof talkReleases)[number];

/**
 * Whether `value` is one of {@link talkReleases}.
 *
 * @example
 * ```ts
 * isTalkRelease('21'); // true
 * ```
 */
export function isTalkRelease(value: unknown): value is TalkRelease {
  return typeof value === 'string' && (talkReleases as readonly string[]).includes(value);
}

/**
 * Whether `value` is one of {@link apiVersions}.
 *
 * @example
 * ```ts
 * import { isApiVersion } from '@talk-contract/spec';
 * isApiVersion('v4'); // true
 * isApiVersion('v7'); // false
 * ```
 */
export function isApiVersion(value: unknown): value is ApiVersion {
  return typeof value === 'string' && (apiVersions as readonly string[]).includes(value);
}

/**
 * Absolute file path of the full contract (no argument) or of one API version slice.
 *
 * @example
 * ```ts
 * import { specPath } from '@talk-contract/spec';
 * const file = specPath('v4'); // …/node_modules/@talk-contract/spec/dist/openapi.v4.json
 * const talk21 = specPath('v4', '21'); // …/dist/openapi.v4.talk-21.json: exact for Talk 21
 * ```
 */
export function specPath(apiVersion?: ApiVersion, talk?: TalkRelease): string {
  if (apiVersion !== undefined && !isApiVersion(apiVersion)) {
    throw new RangeError(`unknown Talk API version ${JSON.stringify(apiVersion)} (expected one of ${apiVersions.join(', ')})`);
  }
  if (talk !== undefined) {
    if (!isTalkRelease(talk)) throw new RangeError(`unknown Talk release ${JSON.stringify(talk)} (expected one of ${talkReleases.join(', ')})`);
    if (apiVersion !== 'v4') throw new RangeError(`Talk ${talk} speaks API v4 only (got ${JSON.stringify(apiVersion)})`);
  }
  const name = apiVersion ? `openapi.${apiVersion}${talk ? `.talk-${talk}` : ''}.json` : 'openapi.json';
  return fileURLToPath(new URL(`./${name}`, import.meta.url));
}

/**
 * The parsed OpenAPI 3.1 document: the full annotated contract (short paths, `x-talk-*` annotations), or the
 * slice of one API version (concrete paths such as `/ocs/v2.php/apps/spreed/api/v4/room/{token}`), or with `talk` the
 * slice of API v4 exact for one Talk release (`openapi.v4.json` is true for every release and documents both sides
 * where they differ). Every call
 * reads the file again and returns a new object, so callers may modify it.
 *
 * @example
 * ```ts
 * import { loadSpec } from '@talk-contract/spec';
 * const v1 = loadSpec('v1');
 * console.log(Object.keys(v1.paths));
 * ```
 */
export function loadSpec(apiVersion?: ApiVersion, talk?: TalkRelease): OpenApiDocument {
  return JSON.parse(readFileSync(specPath(apiVersion, talk), 'utf8')) as OpenApiDocument;
}

/** The minimal shape of an OpenAPI 3.1 document that this package promises. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; [key: string]: unknown };
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
  /** Set on the slices: the API version the slice describes. */
  'x-talk-api-version'?: ApiVersion;
  /** Set on the release slices: the Talk release the slice describes. */
  'x-talk-release'?: TalkRelease;
  [key: string]: unknown;
}
