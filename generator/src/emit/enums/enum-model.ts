import type { JsonObject } from '../../load/slice.js';

/** One named value of an enum or one bit of a bit field. */
export interface EnumMember {
  /** PascalCase member name (`x-enum-varnames` / the flag's `name`): `ONE_TO_ONE` → `OneToOne`. */
  name: string;
  value: string | number;
  /** Meaning (`x-enum-descriptions` / the flag's `description`), if the contract has one. */
  description?: string;
}

/** An enum (`enum` + `x-enum-varnames`) or a bit field (`x-talk-flags`) of the contract. */
export interface EnumModel {
  /** The exported name: the component name; bit fields singular (`Permissions` → `Permission`). */
  name: string;
  /** Where it is in the slice: `#/components/schemas/ConversationType`. */
  pointer: string;
  kind: 'enum' | 'flags';
  description?: string;
  members: EnumMember[];
}

const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `ONE_TO_ONE` → `OneToOne`, `federated_users` → `FederatedUsers`, `START_CALL` → `StartCall`. */
export function pascalCase(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const joined = words.map((w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase()).join('');
  return /^[0-9]/.test(joined) ? `Value${joined}` : joined;
}

/** A description without the Talk docs' "See constants.md." pointer (the constants are right here). */
export function withoutConstantsPointer(text: string | undefined): string | undefined {
  const cleaned = text?.replace(/\s*See constants\.md\.?/g, '').trim();
  return cleaned ? cleaned : undefined;
}

function enumOf(name: string, pointer: string, schema: JsonObject): EnumModel | undefined {
  const description = withoutConstantsPointer(typeof schema.description === 'string' ? schema.description : undefined);
  if (Array.isArray(schema['x-talk-flags'])) {
    const members = (schema['x-talk-flags'] as JsonObject[]).map((flag) => ({
      name: pascalCase(String(flag.name)),
      value: Number(flag.value),
      description: typeof flag.description === 'string' ? flag.description : undefined,
    }));
    return { name: name.endsWith('s') ? name.slice(0, -1) : name, pointer, kind: 'flags', description, members };
  }
  if (!Array.isArray(schema.enum) || !Array.isArray(schema['x-enum-varnames'])) return undefined;
  const names = schema['x-enum-varnames'] as string[];
  const descriptions = Array.isArray(schema['x-enum-descriptions']) ? (schema['x-enum-descriptions'] as string[]) : [];
  if (names.length !== schema.enum.length) {
    throw new Error(`${pointer}: x-enum-varnames has ${names.length} names for ${schema.enum.length} enum values`);
  }
  const members = (schema.enum as (string | number)[]).map((value, i) => ({ name: pascalCase(names[i]!), value, description: descriptions[i] }));
  return { name, pointer, kind: 'enum', description, members };
}

/**
 * Every enum and bit field of a slice: the component schemas, and the enum properties of component schemas
 * (`MentionSuggestion.source` → `MentionSuggestionSource`). Sorted by name; a duplicate name or member name is
 * an error naming the schema.
 *
 * @example
 * ```ts
 * enumModels(context.slices.v4).find((e) => e.name === 'ConversationType')?.members[1]; // { name: 'Group', value: 2, … }
 * ```
 */
export function enumModels(slice: JsonObject): EnumModel[] {
  const schemas = isObject(slice.components) && isObject(slice.components.schemas) ? slice.components.schemas : {};
  const out: EnumModel[] = [];
  for (const [name, schema] of Object.entries(schemas)) {
    if (!isObject(schema)) continue;
    const pointer = `#/components/schemas/${name}`;
    const own = enumOf(name, pointer, schema);
    if (own) out.push(own);
    const properties = isObject(schema.properties) ? schema.properties : {};
    for (const [property, sub] of Object.entries(properties)) {
      if (!isObject(sub)) continue;
      const nested = enumOf(name + property[0]!.toUpperCase() + property.slice(1), `${pointer}/properties/${property}`, sub);
      if (nested) out.push(nested);
    }
  }
  const seen = new Map<string, string>();
  for (const e of out) {
    const other = seen.get(e.name);
    if (other) throw new Error(`${e.pointer}: constant name ${e.name} is taken by ${other}`);
    seen.set(e.name, e.pointer);
    const members = new Set<string>();
    for (const m of e.members) {
      if (members.has(m.name)) throw new Error(`${e.pointer}: two values are named ${m.name}`);
      members.add(m.name);
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
