// Whether one recorded exchange is on-contract: documented status, body valid against that status's schema,
// documented headers valid, and no field the contract does not declare.
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import type { MatchedOperation } from './operation-matcher.js';
import type { RecordedExchange } from './recorded-exchange.js';

type JsonObject = Record<string, unknown>;
const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js').default as typeof import('ajv').default;
const addFormatsModule = require('ajv-formats');
const addFormats = (addFormatsModule.default ?? addFormatsModule) as (ajv: unknown) => void;

/** What is wrong with an exchange (empty: on-contract). `undeclared` lists fields the contract does not name. */
export interface ExchangeFindings {
  violations: string[];
  undeclared: string[];
}

const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);
const esc = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');
const MAX_DEPTH = 64;

/**
 * A checker for one contract slice: compiles the schemas it needs once (Ajv 2020, formats), by JSON pointer.
 *
 * @example
 * ```ts
 * const check = exchangeChecker(slice);
 * const { violations, undeclared } = check(exchange, matchedOperation);
 * ```
 */
export function exchangeChecker(slice: JsonObject): (exchange: RecordedExchange, match: MatchedOperation) => ExchangeFindings {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema(slice, 'spec');
  const validators = new Map<string, ValidateFunction>();
  const validatorAt = (pointer: string): ValidateFunction => {
    let v = validators.get(pointer);
    if (!v) {
      v = ajv.compile({ $ref: `spec#${pointer}` });
      validators.set(pointer, v);
    }
    return v;
  };
  const at = (pointer: string): unknown => {
    let node: unknown = slice;
    for (const part of pointer.split('/').slice(1))
      node = isObject(node) || Array.isArray(node) ? (node as JsonObject)[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    return node;
  };
  /** Follow `$ref`s: the pointer of the schema itself. */
  const deref = (pointer: string): string => {
    for (let hops = 0; hops < 32; hops++) {
      const node = at(pointer);
      if (!isObject(node) || typeof node.$ref !== 'string' || !node.$ref.startsWith('#')) return pointer;
      pointer = node.$ref.slice(1);
    }
    return pointer;
  };
  /** The schemas that describe `value` (union of `pointers`): `$ref`s followed, all of `allOf`, the matching branches of `oneOf`/`anyOf`. */
  const describing = (pointers: string[], value: unknown, depth: number): string[] => {
    const out: string[] = [];
    const visit = (pointer: string, d: number): void => {
      if (d > MAX_DEPTH) return;
      pointer = deref(pointer);
      const node = at(pointer);
      if (!isObject(node) || out.includes(pointer)) return;
      out.push(pointer);
      (Array.isArray(node.allOf) ? node.allOf : []).forEach((_, i) => visit(`${pointer}/allOf/${i}`, d + 1));
      for (const key of ['oneOf', 'anyOf'] as const) {
        const branches = Array.isArray(node[key]) ? (node[key] as unknown[]) : [];
        const all = branches.map((_, i) => `${pointer}/${key}/${i}`);
        const matching = all.filter((p) => validatorAt(p)(value));
        (matching.length > 0 ? matching : all).forEach((p) => visit(p, d + 1));
      }
    };
    pointers.forEach((p) => visit(p, depth));
    return out;
  };
  const undeclaredFields = (value: unknown, pointers: string[], where: string, out: Set<string>, depth: number): void => {
    if (value === null || typeof value !== 'object' || pointers.length === 0 || depth > MAX_DEPTH) return;
    const schemas = describing(pointers, value, depth).map((p) => ({ p, s: at(p) as JsonObject }));
    if (Array.isArray(value)) {
      const items = schemas.filter(({ s }) => s.items !== undefined && isObject(s.items)).map(({ p }) => `${p}/items`);
      value.forEach((item) => undeclaredFields(item, items, `${where}/*`, out, depth + 1));
      return;
    }
    if (schemas.some(({ s }) => s.additionalProperties === true || isObject(s.patternProperties))) return;
    const mapValues = schemas.filter(({ s }) => isObject(s.additionalProperties)).map(({ p }) => `${p}/additionalProperties`);
    const properties = new Map<string, string[]>();
    for (const { p, s } of schemas) {
      if (!isObject(s.properties)) continue;
      for (const name of Object.keys(s.properties)) properties.set(name, [...(properties.get(name) ?? []), `${p}/properties/${esc(name)}`]);
    }
    const describesObject = schemas.some(({ s }) => s.type === 'object' || (Array.isArray(s.type) && s.type.includes('object')) || isObject(s.properties));
    if (!describesObject && mapValues.length === 0) return;
    for (const [key, field] of Object.entries(value)) {
      const declared = properties.get(key);
      if (declared) undeclaredFields(field, declared, `${where}/${esc(key)}`, out, depth + 1);
      else if (mapValues.length > 0) undeclaredFields(field, mapValues, `${where}/{key}`, out, depth + 1);
      else out.add(`${where}/${esc(key)}`);
    }
  };

  return (exchange, match) => {
    const violations: string[] = [];
    const undeclared = new Set<string>();
    const opPointer = `/paths/${esc(match.template)}/${match.method.toLowerCase()}`;
    const responses = (match.operation.responses ?? {}) as JsonObject;
    const status = String(exchange.status);
    const key = [status, `${status[0]}XX`, 'default'].find((k) => k in responses);
    if (key === undefined) return { violations: [`status ${status} is not documented (documented: ${Object.keys(responses).join(', ')})`], undeclared: [] };
    const responsePointer = deref(`${opPointer}/responses/${key}`);
    const response = at(responsePointer) as JsonObject;
    const content = isObject(response.content) ? response.content : {};

    if (exchange.mediaType === undefined) {
      // A media type annotated with a release range is absent in the other releases: an empty body is theirs.
      const inEveryRelease = Object.values(content).some((m) => isObject(m) && m['x-talk-since'] === undefined && m['x-talk-until'] === undefined);
      if (inEveryRelease && exchange.status !== 304) violations.push(`${status}: empty body, but the contract documents ${Object.keys(content).join(', ')}`);
    } else if (!(exchange.mediaType in content)) {
      violations.push(`${status}: media type ${exchange.mediaType} is not documented (documented: ${Object.keys(content).join(', ') || 'no body'})`);
    } else if (exchange.mediaType === 'application/json') {
      const schemaPointer = `${responsePointer}/content/${esc('application/json')}/schema`;
      let body: unknown;
      try {
        body = JSON.parse(exchange.body);
      } catch {
        violations.push(`${status}: body is not JSON`);
      }
      if (body !== undefined && at(schemaPointer) !== undefined) {
        const validate = validatorAt(schemaPointer);
        if (!validate(body)) {
          for (const e of (validate.errors ?? []).slice(0, 8))
            violations.push(`${status}: ${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
        }
        undeclaredFields(body, [schemaPointer], '', undeclared, 0);
      }
    }

    const headers = isObject(response.headers) ? response.headers : {};
    for (const name of Object.keys(headers)) {
      const headerPointer = deref(`${responsePointer}/headers/${esc(name)}`);
      const header = at(headerPointer) as JsonObject;
      const raw = exchange.headers[name.toLowerCase()];
      if (raw === undefined) {
        if (header.required === true) violations.push(`${status}: required header ${name} is missing`);
        continue;
      }
      if (!isObject(header.schema)) continue;
      const schema = header.schema as JsonObject;
      const types = Array.isArray(schema.type) ? schema.type : [schema.type];
      const value = (types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
      const validate = validatorAt(`${headerPointer}/schema`);
      if (!validate(value)) violations.push(`${status}: header ${name}: ${JSON.stringify(raw)} ${validate.errors?.[0]?.message ?? 'is invalid'}`);
    }
    return { violations, undeclared: [...undeclared] };
  };
}
