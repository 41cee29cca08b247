import type { ApiVersion } from '../../load/api-versions.js';
import type { Json, JsonObject } from '../../load/slice.js';
import type { OperationModel } from '../../model/index.js';
import { cleanSchema } from './clean-schema.js';

const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The run-time descriptor of one slice (the shape of `ContractDescriptor` in packages/server/src). */
export function contractDescriptor(slice: JsonObject, version: ApiVersion, operations: OperationModel[]): JsonObject {
  const components = isObject(slice.components) ? slice.components : {};
  const schemas = isObject(components.schemas) ? components.schemas : {};
  return {
    apiVersion: version,
    operations: operations.map((op) => ({
      operationId: op.operationId,
      method: op.method,
      path: op.path,
      anonymous: op.anonymous,
      parameters: op.parameters.map((p) => ({ name: p.name, in: p.in, required: p.required, schema: cleanSchema(p.schema) })),
      requestBody: op.requestBody
        ? { required: op.requestBody.required, contentType: op.requestBody.contentType, schema: cleanSchema(op.requestBody.schema) }
        : null,
      responses: op.responses.map((r) => ({
        status: r.status,
        schema: r.schema ? cleanSchema(r.schema) : null,
        ...(r.binaryMediaTypes ? { mediaTypes: r.binaryMediaTypes } : {}),
        headers: r.headers.map((h) => ({ name: h.name, required: h.required, schema: cleanSchema(h.schema) })),
      })),
    })),
    schemas: Object.fromEntries(
      Object.keys(schemas)
        .sort()
        .map((name) => [name, cleanSchema(schemas[name] as Json)]),
    ),
  };
}

/** `'a' | 'b'` (or `never`) from a list of string literals. */
export function tsStringUnion(values: string[]): string {
  return values.length === 0 ? 'never' : values.map((v) => JSON.stringify(v)).join(' | ');
}

/** A JSDoc block. */
export function tsDoc(lines: string[]): string {
  return ['/**', ...lines.map((l) => ` * ${l}`), ' */'].join('\n');
}

/** `export type Name = <type>;` with its JSDoc. */
export function tsTypeAlias(name: string, type: string, doc: string[]): string {
  return `${tsDoc(doc)}\nexport type ${name} = ${type};\n`;
}

/** `export const name: Type = <json>;` with its JSDoc. */
export function tsJsonConst(name: string, type: string, value: Json, doc: string[]): string {
  return `${tsDoc(doc)}\nexport const ${name}: ${type} = ${JSON.stringify(value, null, 2)};\n`;
}

/** `import type { a, b } from 'from';` */
export function tsImportType(names: string[], from: string): string {
  return `import type { ${names.join(', ')} } from '${from}';\n`;
}
