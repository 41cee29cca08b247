import Ajv2020Module from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { FormatsPlugin } from 'ajv-formats';
import type { ContractDescriptor, JsonSchema } from './contract-descriptor.js';

const Ajv2020 = Ajv2020Module.default;
const addFormats: FormatsPlugin = (addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? (addFormatsModule as unknown as FormatsPlugin);

const COMPONENT_REF = '#/components/schemas/';

/** Ajv compiled for one contract slice: `compile` accepts schemas that refer to `#/components/schemas/*`. */
export interface ContractAjv {
  compile(schema: JsonSchema): ValidateFunction;
}

function rewriteRefs(node: unknown, target: string): unknown {
  if (Array.isArray(node)) return node.map((n) => rewriteRefs(n, target));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] =
      key === '$ref' && typeof value === 'string' && value.startsWith(COMPONENT_REF)
        ? `${target}${value.slice(COMPONENT_REF.length)}`
        : key === 'enum' || key === 'const' || key === 'default'
          ? value
          : rewriteRefs(value, target);
  }
  return out;
}

/**
 * One Ajv (JSON Schema 2020-12, ajv-formats, all errors) per contract slice; the slice's component
 * schemas are added once as `$defs` of a schema with its own `$id`, so every operation schema compiled
 * afterwards shares them. No `useDefaults`, no `coerceTypes`: coercion is done before validation.
 *
 * @example
 * ```ts
 * const ajv = createContractAjv(contracts.v4);
 * const validate = ajv.compile({ $ref: '#/components/schemas/Room' });
 * ```
 */
export function createContractAjv(contract: ContractDescriptor): ContractAjv {
  const ajv = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true, validateFormats: true });
  addFormats(ajv);
  const id = `https://talk-contract.invalid/${contract.apiVersion}/components.json`;
  ajv.addSchema({ $id: id, $defs: rewriteRefs(contract.schemas, '#/$defs/') as Record<string, unknown> });
  const target = `${id}#/$defs/`;
  return { compile: (schema) => ajv.compile(rewriteRefs(schema, target) as Record<string, unknown> | boolean) };
}
