import type { Json, JsonObject } from '../../load/slice.js';

/** Keywords whose value is a map from names to schemas (the names are data, not keywords). */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
/** Keywords whose value is data and must be copied untouched. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'required', 'type', 'format', 'pattern']);
/** Annotations the server does not need at run time (documentation only). */
const DROPPED = new Set(['example', 'examples', 'description', 'title', 'summary', 'externalDocs', 'xml', 'discriminator', '$comment']);

const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * A schema as the server validates it: documentation annotations (`description`, `example`, `x-*`, ...)
 * removed, property names and data keywords (`enum`, `default`, ...) kept as they are.
 *
 * @example
 * ```ts
 * cleanSchema({ type: 'string', description: 'Token', 'x-talk-added': 'v2' }); // { type: 'string' }
 * ```
 */
export function cleanSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(cleanSchema);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED.has(key) || key.startsWith('x-')) continue;
    if (DATA_KEYWORDS.has(key)) out[key] = value;
    else if (SCHEMA_MAPS.has(key) && isObject(value)) {
      const map: JsonObject = {};
      for (const [name, schema] of Object.entries(value)) map[name] = cleanSchema(schema);
      out[key] = map;
    } else out[key] = cleanSchema(value);
  }
  return out;
}
