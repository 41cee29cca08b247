// A short `@talk-contract/client` call for every operation of a slice, shown by Redocly as `x-codeSamples`.
// The facade names come from the generator's operation table (the one the client is generated from); the
// inputs are the required parameters and body fields, filled from the contract's examples. The docs test
// type-checks every sample against the built client, so a sample cannot drift from the client.
import { buildOperationTable } from '../../../generator/src/emit/operations/index.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const SAMPLE = { lang: 'TypeScript', label: '@talk-contract/client' };

/**
 * The Redoc options of the reference pages: JSON examples expanded to every level, and the request sample
 * languages (Redoc shows only the `x-codeSamples` of a listed language): the client sample first, then the payload.
 */
export const referenceOptions = {
  scrollYOffset: 48,
  jsonSamplesExpandLevel: 'all',
  codeSamples: { languages: [SAMPLE, { lang: 'payload', label: 'Payload' }] },
};
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function deref(doc, node) {
  let current = node;
  for (let i = 0; i < 20 && isObject(current) && typeof current.$ref === 'string'; i++) {
    current = current.$ref
      .slice(2)
      .split('/')
      .reduce((n, k) => n?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  }
  return current;
}

/** Marks a sample value that is TypeScript code, not data (a file to upload). */
const RAW = Symbol('raw TypeScript');

/** A JSON value as a short TypeScript literal: bare keys, single quotes. */
function tsValue(value) {
  if (isObject(value) && typeof value[RAW] === 'string') return value[RAW];
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  if (Array.isArray(value)) return `[${value.map(tsValue).join(', ')}]`;
  if (isObject(value)) {
    const entries = Object.entries(value).map(([k, v]) => `${IDENTIFIER.test(k) ? k : tsValue(k)}: ${tsValue(v)}`);
    return entries.length ? `{ ${entries.join(', ')} }` : '{}';
  }
  return JSON.stringify(value);
}

/** A value of `schema` for a sample: its example, const, first enum value, default, or a placeholder of its type. */
function sampleValue(doc, schema, depth = 0) {
  const s = deref(doc, schema);
  if (!isObject(s) || depth > 4) return 'text';
  if (s.example !== undefined) return s.example;
  if (Array.isArray(s.examples) && s.examples.length) return s.examples[0];
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum) && s.enum.length) return s.enum[0];
  if (s.default !== undefined) return s.default;
  const branches = s.oneOf ?? s.anyOf;
  if (Array.isArray(branches) && branches.length) return sampleValue(doc, branches[0], depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (type === 'string' && (s.format === 'binary' || /^(image\/|application\/octet-stream)/.test(String(s.contentMediaType ?? '')))) {
    return {
      [RAW]: `new Blob([imageBytes], { type: '${typeof s.contentMediaType === 'string' && !s.contentMediaType.includes('*') ? s.contentMediaType : 'image/png'}' })`,
    };
  }
  if (type === 'integer' || type === 'number') return s.minimum ?? 1;
  if (type === 'boolean') return true;
  if (type === 'array') return [];
  if (type === 'object' || isObject(s.properties)) return requiredFields(doc, s, depth + 1);
  return 'text';
}

function requiredFields(doc, schema, depth) {
  const s = deref(doc, schema);
  const out = {};
  if (!isObject(s)) return out;
  if (Array.isArray(s.allOf)) for (const part of s.allOf) Object.assign(out, requiredFields(doc, part, depth));
  const branches = s.oneOf ?? s.anyOf;
  if (Array.isArray(branches) && branches.length) Object.assign(out, requiredFields(doc, branches[0], depth));
  if (!Array.isArray(s.required)) return out;
  for (const name of s.required) if (isObject(s.properties) && s.properties[name]) out[name] = sampleValue(doc, s.properties[name], depth);
  return out;
}

function paramValue(doc, parameter) {
  const p = deref(doc, parameter);
  return p.example !== undefined ? p.example : sampleValue(doc, p.schema);
}

const CLIENT = (version) =>
  [
    "import { createTalkClient } from '@talk-contract/client';",
    '',
    'const talk = createTalkClient({',
    "  baseUrl: 'https://cloud.example.com',",
    `  apiVersion: '${version}',`,
    "  auth: { user: 'alice', appPassword: 'xxxxx-xxxxx-xxxxx-xxxxx-xxxxx' },",
    '});',
  ].join('\n');

/**
 * The TypeScript sample of every operation of API `version`, keyed by operationId.
 *
 * @example
 * codeSamples({ full, slices }, 'v4').get('getConversation');
 * // "import { createTalkClient } …\nconst { data } = await talk.conversations.get('abc123xy');\nconsole.log(data);"
 */
export function codeSamples({ full, slices }, version) {
  const slice = slices[version];
  const rows = buildOperationTable({ full, slices }).filter((r) => r.versions.includes(version));
  const byId = new Map(rows.map((r) => [r.operationId, r]));
  const samples = new Map();
  for (const item of Object.values(slice.paths ?? {})) {
    const pathItem = deref(slice, item);
    for (const method of METHODS) {
      const operation = pathItem?.[method];
      const row = operation && byId.get(operation.operationId);
      if (!row) continue;
      const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((p) => deref(slice, p));
      const pathArgs = row.pathParams.map((name) => tsValue(paramValue(slice, parameters.find((p) => p.in === 'path' && p.name === name) ?? {})));
      const input = {};
      for (const p of parameters) if (p.in === 'query' && p.required) input[p.name] = paramValue(slice, p);
      const body = deref(slice, operation.requestBody);
      const json = body?.content?.['application/json']?.schema ?? body?.content?.['multipart/form-data']?.schema;
      if (json) Object.assign(input, requiredFields(slice, json, 0));
      const upload = Object.values(input).some((v) => isObject(v) && RAW in v);
      const args = [...pathArgs, ...(Object.keys(input).length ? [tsValue(input)] : [])].join(', ');
      samples.set(
        row.operationId,
        [
          CLIENT(version),
          '',
          ...(upload ? ["const imageBytes = new Uint8Array(await (await fetch('https://example.com/avatar.png')).arrayBuffer());"] : []),
          `const { data } = await talk.${row.area}.${row.name}(${args});`,
          'console.log(data);',
          '',
        ].join('\n'),
      );
    }
  }
  return samples;
}

/**
 * Copy of a slice with an `x-codeSamples` entry (TypeScript, `@talk-contract/client`) on every operation.
 *
 * @example
 * const page = withCodeSamples(slices.v4, codeSamples({ full, slices }, 'v4'));
 */
export function withCodeSamples(doc, samples) {
  const copy = structuredClone(doc);
  for (const item of Object.values(copy.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item?.[method];
      const source = operation && samples.get(operation.operationId);
      if (source) operation['x-codeSamples'] = [{ ...SAMPLE, source }];
    }
  }
  return copy;
}
