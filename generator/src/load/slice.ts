import { ADDED, REMOVED, DEFAULT_BASE_PATH, existsIn, type ApiVersion } from './api-versions.js';
import { escapePointerToken, resolveLocalRef } from './json-pointer.js';
import { SINCE, UNTIL, TALK_RELEASE_FACTS, existsInRelease, type TalkRelease } from './talk-releases.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** Keys whose values are data (not spec nodes that could carry version annotations). */
const DATA_KEYS = new Set(['example', 'value', 'default', 'const', 'enum']);
/** Keys that mark an object as a JSON schema. */
const SCHEMA_KEYS = ['type', 'properties', 'items', 'allOf', 'oneOf', 'anyOf', '$ref', 'enum', 'additionalProperties'];
const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Concrete path of a short source path in one API version.
 *
 * @example
 * ```ts
 * concretePath('/room', undefined, 'v4'); // '/ocs/v2.php/apps/spreed/api/v4/room'
 * concretePath('/chat/{token}', '/ocs/v2.php/apps/spreed/api/v1', 'v4'); // '/ocs/v2.php/apps/spreed/api/v1/chat/{token}'
 * ```
 */
export function concretePath(shortPath: string, basePath: string | undefined, version: ApiVersion): string {
  return (basePath ?? DEFAULT_BASE_PATH).replace('{apiVersion}', version) + shortPath;
}

/**
 * Cut the slice of one API version out of the full bundled contract: drop every node whose
 * `x-talk-added`/`x-talk-removed` excludes `version` (also through `$ref`s to such nodes), drop enum
 * values listed in `x-talk-enum-versions`, prune `required` to the remaining properties, trim example data
 * to the fields the version has, make paths concrete, and prune components no longer used.
 * Throws {@link SlicePathCollisionError} when two source paths become the same concrete path.
 *
 * @example
 * ```ts
 * const v1 = sliceForVersion(full, 'v1');
 * Object.keys(v1.paths); // ['/ocs/v2.php/apps/spreed/api/v1/room', ...]
 * ```
 */
export function sliceForVersion(full: JsonObject, version: ApiVersion, release?: TalkRelease): JsonObject {
  if (release !== undefined && TALK_RELEASE_FACTS[release].apiVersion !== version) {
    throw new RangeError(`Talk ${release} speaks API ${TALK_RELEASE_FACTS[release].apiVersion}, not ${version}`);
  }
  const doc = structuredClone(full);
  const exists = (node: JsonObject): boolean => existsIn(node, version) && (release === undefined || existsInRelease(node, release));
  const excluded = (node: Json): boolean => {
    if (!isObject(node)) return false;
    if (!exists(node)) return true;
    if (typeof node.$ref === 'string') {
      const target = resolveLocalRef(doc, node.$ref);
      if (isObject(target) && !exists(target)) return true;
    }
    return false;
  };

  /**
   * Drop from example data the fields that the (full) schema declares but this version does not have, so
   * that a v1 slice does not show v3 fields. Follows `$ref`, `allOf`/`oneOf`/`anyOf`, `items` and
   * `additionalProperties`; enum values are not touched (an example must use values of every version).
   */
  const trimExample = (value: Json, schema: Json, depth = 0): Json => {
    let current: Json = schema;
    for (let hops = 0; isObject(current) && typeof current.$ref === 'string' && hops < 20; hops++) current = resolveLocalRef(doc, current.$ref) as Json;
    if (!isObject(current) || depth > 64) return value;
    let result = value;
    for (const combinator of ['allOf', 'oneOf', 'anyOf']) {
      const branches = current[combinator];
      if (Array.isArray(branches)) for (const branch of branches) if (!excluded(branch)) result = trimExample(result, branch, depth + 1);
    }
    if (Array.isArray(result) && current.items !== undefined) return result.map((item) => trimExample(item, current.items, depth + 1));
    if (!isObject(result)) return result;
    const properties = isObject(current.properties) ? current.properties : {};
    const trimmed: JsonObject = {};
    for (const [key, field] of Object.entries(result)) {
      const property = Object.hasOwn(properties, key) ? properties[key] : undefined;
      if (property !== undefined) {
        if (!excluded(property)) trimmed[key] = trimExample(field, property, depth + 1);
      } else if (isObject(current.additionalProperties)) {
        trimmed[key] = trimExample(field, current.additionalProperties, depth + 1);
      } else {
        trimmed[key] = field;
      }
    }
    return trimmed;
  };

  const prune = (node: Json, isPropertyMap = false): Json => {
    if (Array.isArray(node)) return node.filter((item) => !excluded(item)).map((item) => prune(item));
    if (!isObject(node)) return node;
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) {
      if (excluded(value) && key !== 'components') continue;
      // Example data and enum values are data, not spec nodes: copy them (examples are trimmed below).
      if (!isPropertyMap && (DATA_KEYS.has(key) || (key === 'examples' && Array.isArray(value)))) {
        out[key] = value;
        continue;
      }
      out[key] = prune(value, !isPropertyMap && (key === 'properties' || key === 'patternProperties'));
    }
    if (isPropertyMap) return out;
    if (isObject(out.properties) && Array.isArray(out.required)) {
      const props = out.properties;
      out.required = out.required.filter((name) => typeof name === 'string' && name in props);
      // A document for every release (no release given) cannot require a field that only some releases send.
      if (release === undefined) {
        out.required = out.required.filter((name) => {
          const property = props[name as string];
          return !(isObject(property) && (SINCE in property || UNTIL in property));
        });
      }
    }
    applyEnumVersions(out, version, release);
    if (release !== undefined) collapseSingleBranch(out);
    // Media types, parameters and headers: the example belongs to the sibling `schema`.
    if (node.schema !== undefined) {
      if ('example' in out) out.example = trimExample(out.example, node.schema);
      if (isObject(out.examples)) {
        for (const example of Object.values(out.examples)) {
          if (isObject(example) && 'value' in example) example.value = trimExample(example.value, node.schema);
        }
      }
    } else if (SCHEMA_KEYS.some((key) => key in node)) {
      // Schemas: `example` and the JSON Schema `examples` list belong to the schema itself.
      if ('example' in out) out.example = trimExample(out.example, node);
      if (Array.isArray(out.examples)) out.examples = out.examples.map((example) => trimExample(example, node));
    }
    return out;
  };

  const sliced = prune(doc) as JsonObject;
  const paths: JsonObject = {};
  const claimedBy = new Map<string, string>();
  const collisions: PathCollision[] = [];
  for (const [shortPath, item] of Object.entries((sliced.paths ?? {}) as JsonObject)) {
    if (!isObject(item)) continue;
    const hasOperation = HTTP_METHODS.some((m) => m in item);
    if (!hasOperation) continue;
    const base = typeof item['x-talk-base-path'] === 'string' ? item['x-talk-base-path'] : undefined;
    const { 'x-talk-base-path': _base, ...rest } = item;
    const concrete = concretePath(shortPath, base, version);
    // `/room/{token}` and `/room/{id}` are the same path to a router: compare with anonymous templates.
    const shape = concrete.replace(/\{[^}]*\}/g, '{}');
    const earlier = claimedBy.get(shape);
    if (earlier !== undefined) {
      collisions.push({ version, path: concrete, sources: [earlier, shortPath] });
      continue;
    }
    claimedBy.set(shape, shortPath);
    paths[concrete] = rest;
  }
  if (collisions.length > 0) throw new SlicePathCollisionError(collisions);
  sliced.paths = paths;
  // Webhooks (what Talk sends to a bot) are sliced like paths: an entry left without an operation is dropped.
  if (isObject(sliced.webhooks)) {
    for (const [name, item] of Object.entries(sliced.webhooks)) {
      if (!isObject(item) || !HTTP_METHODS.some((m) => m in item)) delete sliced.webhooks[name];
    }
    if (Object.keys(sliced.webhooks).length === 0) delete sliced.webhooks;
  }
  sliced.servers = [
    {
      url: '{origin}',
      description: release === undefined ? `A Nextcloud server with Talk speaking API ${version}` : `A Nextcloud server with Talk ${release}`,
      variables: { origin: { default: 'https://cloud.example.com', description: 'Scheme, host and port of the Nextcloud server' } },
    },
  ];
  const info = sliced.info as JsonObject;
  sliced.info = { ...info, title: `${String(info.title)} (API ${version}${release === undefined ? '' : `, Talk ${release}`})` };
  sliced['x-talk-api-version'] = version;
  if (release !== undefined) {
    sliced['x-talk-release'] = release;
    sliced['x-talk-release-source'] = TALK_RELEASE_FACTS[release].source;
  }
  pruneUnusedComponents(sliced);
  return sliced;
}

/** Two source paths that end up as the same concrete path in one version slice. */
export interface PathCollision {
  version: ApiVersion;
  /** The concrete path in the slice. */
  path: string;
  /** The two short source paths (keys of `paths` in openapi/openapi.yaml). */
  sources: [string, string];
}

/**
 * Thrown by {@link sliceForVersion} when two source paths map to one concrete path (e.g. through `x-talk-base-path`).
 *
 * @example
 * ```ts
 * try { sliceForVersion(full, 'v2'); } catch (e) { if (e instanceof SlicePathCollisionError) console.error(e.collisions); }
 * ```
 */
export class SlicePathCollisionError extends Error {
  readonly code = 'SLICE_PATH_COLLISION';
  constructor(readonly collisions: PathCollision[]) {
    super(collisions.map((c) => `${c.version}: ${c.sources.map((s) => `#/paths/${escapePointerToken(s)}`).join(' and ')} both become ${c.path}`).join('\n'));
    this.name = 'SlicePathCollisionError';
  }
}

function applyEnumVersions(node: JsonObject, version: ApiVersion, release: TalkRelease | undefined): void {
  const versions = node['x-talk-enum-versions'];
  if (!isObject(versions) || !Array.isArray(node.enum)) return;
  const keep = node.enum.map((value) => {
    const range = versions[String(value)];
    // A range is `{added?, removed?, since?, until?}` (not the x-talk-* keys of a node).
    if (!isObject(range)) return true;
    if (!existsIn({ [ADDED]: range.added, [REMOVED]: range.removed }, version)) return false;
    return release === undefined || existsInRelease({ [SINCE]: range.since, [UNTIL]: range.until }, release);
  });
  for (const key of ['enum', 'x-enum-varnames', 'x-enum-descriptions']) {
    const list = node[key];
    if (Array.isArray(list)) node[key] = list.filter((_, i) => keep[i]);
  }
  delete node['x-talk-enum-versions'];
}

/**
 * In a release slice, a `oneOf`/`anyOf` whose other branches belong to other releases has one branch left: the
 * schema is then that branch (the union existed only to document both releases in the combined slice).
 */
function collapseSingleBranch(node: JsonObject): void {
  for (const key of ['oneOf', 'anyOf'] as const) {
    const branches = node[key];
    if (!Array.isArray(branches) || branches.length !== 1 || !isObject(branches[0])) continue;
    const [branch] = branches;
    if (Object.keys(branch).some((k) => k in node && k !== key)) continue;
    delete node[key];
    if (typeof branch.$ref === 'string' && Object.keys(node).length > 0) node.allOf = [branch];
    else Object.assign(node, branch);
  }
}

/**
 * Remove components that nothing outside `components` reaches (transitively); `securitySchemes` stay.
 *
 * @example
 * ```ts
 * const doc = { paths: {}, components: { schemas: { Unused: { type: 'string' } } } };
 * pruneUnusedComponents(doc); // doc.components is now {}
 * ```
 */
export function pruneUnusedComponents(doc: JsonObject): void {
  const components = doc.components;
  if (!isObject(components)) return;
  const used = new Set<string>();
  const visit = (node: Json): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isObject(node)) return;
    if (typeof node.$ref === 'string' && node.$ref.startsWith('#/components/') && !used.has(node.$ref)) {
      used.add(node.$ref);
      visit(resolveLocalRef(doc, node.$ref) as Json);
    }
    for (const value of Object.values(node)) visit(value);
  };
  for (const [key, value] of Object.entries(doc)) if (key !== 'components') visit(value);
  for (const [kind, group] of Object.entries(components)) {
    if (kind === 'securitySchemes' || !isObject(group)) continue;
    for (const name of Object.keys(group)) {
      if (!used.has(`#/components/${kind}/${name}`)) delete group[name];
    }
    if (Object.keys(group).length === 0) delete components[kind];
  }
}

export { ADDED, REMOVED };
export type { Json, JsonObject };
