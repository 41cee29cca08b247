import type { JsonSchema } from './contract-descriptor.js';
import type { FormValue } from './form-parameters.js';

type SchemaObject = { [keyword: string]: unknown };
type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'null' | 'array' | 'object';

const NUMBER = /^\s*-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
/** `123`, `-7`: up to 15 digits, so that the value is exact (anything else goes through {@link NUMBER}); else NaN. */
function decimalInteger(value: string): number {
  const length = value.length;
  const negative = length > 0 && value.charCodeAt(0) === 45; /* - */
  const first = negative ? 1 : 0;
  if (length === first || length - first > 15) return NaN;
  let n = 0;
  for (let i = first; i < length; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return NaN;
    n = n * 10 + digit;
  }
  return negative ? -n : n;
}

const COMPONENT_REF = '#/components/schemas/';
const isSchemaObject = (s: unknown): s is SchemaObject => s !== null && typeof s === 'object' && !Array.isArray(s);

/** Turns the strings of a query string or form body into the types the contract's schemas ask for. */
export interface StringCoercer {
  (schema: JsonSchema | undefined, value: FormValue): unknown;
  /** The same coercion with the schema resolved once, for hot paths. */
  forSchema(schema: JsonSchema | undefined): (value: FormValue) => unknown;
}

/**
 * A coercer for strings from query strings and form bodies, Nextcloud style: `"1"`/`"true"` and
 * `"0"`/`"false"`/`""` are booleans where the schema wants a boolean, numeric strings are numbers where it
 * wants an integer or number, `""` is `null` where it allows null but not a string. A value the schema also
 * accepts as a string stays a string; a value that cannot be converted is left as it is (validation names it).
 * Lists and objects (`a[]=1`, `o[k]=v`) are coerced item by item. `$ref`s into `#/components/schemas/`
 * are followed; the types of each schema are computed once.
 *
 * @example
 * ```ts
 * const coerce = createStringCoercer({});
 * coerce({ type: 'boolean' }, '1'); // true
 * coerce({ type: 'array', items: { type: 'integer' } }, ['1', '2']); // [1, 2]
 * ```
 */
export function createStringCoercer(schemas: Record<string, JsonSchema>): StringCoercer {
  const typeCache = new WeakMap<object, Set<JsonType>>();

  const resolve = (schema: unknown, depth = 0): SchemaObject | undefined => {
    if (!isSchemaObject(schema)) return undefined;
    const ref = schema.$ref;
    if (typeof ref === 'string' && ref.startsWith(COMPONENT_REF) && depth < 32) {
      return resolve(schemas[ref.slice(COMPONENT_REF.length)], depth + 1);
    }
    return schema;
  };

  const typesOf = (schema: SchemaObject, depth = 0): Set<JsonType> => {
    const cached = typeCache.get(schema);
    if (cached) return cached;
    const types = new Set<JsonType>();
    const add = (t: unknown): void => {
      if (typeof t === 'string') types.add(t as JsonType);
    };
    if (Array.isArray(schema.type)) schema.type.forEach(add);
    else add(schema.type);
    const literals = Array.isArray(schema.enum) ? schema.enum : 'const' in schema ? [schema.const] : [];
    for (const v of literals) add(v === null ? 'null' : Number.isInteger(v) ? 'integer' : typeof v);
    if (depth < 16) {
      for (const key of ['oneOf', 'anyOf', 'allOf']) {
        const branches = schema[key];
        if (!Array.isArray(branches)) continue;
        for (const branch of branches) {
          const resolved = resolve(branch);
          if (resolved) typesOf(resolved, depth + 1).forEach((t) => types.add(t));
        }
      }
    }
    typeCache.set(schema, types);
    return types;
  };

  const itemsOf = (schema: SchemaObject): unknown => {
    if (schema.items !== undefined) return schema.items;
    for (const key of ['oneOf', 'anyOf', 'allOf']) {
      const branches = schema[key];
      if (!Array.isArray(branches)) continue;
      for (const branch of branches) {
        const resolved = resolve(branch);
        if (resolved?.items !== undefined) return resolved.items;
      }
    }
    return undefined;
  };

  const propertyOf = (schema: SchemaObject, name: string): unknown => {
    const props = schema.properties;
    if (isSchemaObject(props) && Object.hasOwn(props, name)) return props[name];
    return isSchemaObject(schema.additionalProperties) ? schema.additionalProperties : undefined;
  };

  /** The coercion of a single string for a set of schema types, with the type tests done once. */
  const stringCoercion = (types: Set<JsonType>): ((value: string) => unknown) => {
    if (types.size === 0 || types.has('string')) return (value) => value;
    const nullable = types.has('null');
    const numeric = types.has('integer') || types.has('number');
    const fractions = types.has('number');
    const boolean = types.has('boolean');
    return (value) => {
      if (nullable && value === '') return null;
      if (numeric) {
        const integer = decimalInteger(value);
        if (!Number.isNaN(integer)) return integer;
        if (NUMBER.test(value)) {
          const n = Number(value);
          if (fractions || Number.isInteger(n)) return n;
        }
      }
      if (boolean) {
        if (value === '1' || value === 'true') return true;
        if (value === '0' || value === 'false' || value === '') return false;
      }
      return value;
    };
  };
  const coercions = new WeakMap<Set<JsonType>, (value: string) => unknown>();
  /** The cached {@link stringCoercion} of a type set from `typesOf`. */
  const coercionOf = (types: Set<JsonType>): ((value: string) => unknown) => {
    let coercion = coercions.get(types);
    if (!coercion) coercions.set(types, (coercion = stringCoercion(types)));
    return coercion;
  };

  const coerce = ((rawSchema: JsonSchema | undefined, value: FormValue): unknown => {
    const schema = resolve(rawSchema);
    if (!schema) return value;
    if (typeof value === 'string') return coercionOf(typesOf(schema))(value);
    if (Array.isArray(value)) {
      const items = resolve(itemsOf(schema));
      return items ? value.map((v) => coerce(items as JsonSchema, v)) : value;
    }
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(value)) out[key] = coerce(propertyOf(schema, key) as JsonSchema | undefined, value[key]);
    return out;
  }) as StringCoercer;

  coerce.forSchema = (rawSchema) => {
    const schema = resolve(rawSchema);
    if (!schema) return (value) => value;
    const coerceOne = coercionOf(typesOf(schema));
    return (value) => (typeof value === 'string' ? coerceOne(value) : coerce(schema as JsonSchema, value));
  };
  return coerce;
}
