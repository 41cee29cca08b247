/** The conversation/participant API versions that Talk servers speak. */
export const API_VERSIONS = ['v1', 'v2', 'v3', 'v4'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];

/** Base path of an operation unless its path item sets `x-talk-base-path`. */
export const DEFAULT_BASE_PATH = '/ocs/v2.php/apps/spreed/api/{apiVersion}';

export function isApiVersion(value: unknown): value is ApiVersion {
  return typeof value === 'string' && (API_VERSIONS as readonly string[]).includes(value);
}

/** Position of a version in {@link API_VERSIONS}; `v1` → 0. */
export function versionIndex(version: ApiVersion): number {
  return API_VERSIONS.indexOf(version);
}

/** Annotation keys that restrict a node to a range of API versions. */
export const ADDED = 'x-talk-added';
export const REMOVED = 'x-talk-removed';

/**
 * Whether a node annotated with `x-talk-added` / `x-talk-removed` exists in `version`.
 * Absent `added` means v1, absent `removed` means "still there".
 */
export function existsIn(node: Record<string, unknown>, version: ApiVersion): boolean {
  const added = node[ADDED];
  const removed = node[REMOVED];
  const v = versionIndex(version);
  if (isApiVersion(added) && v < versionIndex(added)) return false;
  if (isApiVersion(removed) && v >= versionIndex(removed)) return false;
  return true;
}
