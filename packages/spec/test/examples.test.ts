// Every example in every written document validates against its schema in that document (ajv, JSON Schema 2020-12).
import Ajv2020Module from 'ajv/dist/2020.js';
import * as addFormatsModule from 'ajv-formats';
import { describe, expect, test } from 'vitest';
import { DOCUMENTS, HTTP_METHODS, loadDocument, type Doc } from './support.js';

const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as typeof Ajv2020Module.default;
type Ajv = InstanceType<typeof Ajv2020>;
const addFormats = ((addFormatsModule as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

const escapeToken = (token: string | number) => String(token).replace(/~/g, '~0').replace(/\//g, '~1');
const pointer = (tokens: Array<string | number>) => tokens.map((t) => '/' + escapeToken(t)).join('');

function resolve(doc: Doc, node: unknown): unknown {
  let current = node as Doc | undefined;
  for (let hops = 0; current && typeof current.$ref === 'string' && hops < 20; hops++) {
    current = current.$ref
      .slice(2)
      .split('/')
      .map((t: string) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((n: Doc | undefined, t: string) => n?.[t], doc);
  }
  return current;
}

interface ExampleCase {
  /** Where the example is, as a JSON pointer into the document. */
  at: string;
  /** JSON pointer of the schema it must validate against. */
  schema: string;
  value: unknown;
}

const SCHEMA_CHILDREN_MAPS = ['properties', 'patternProperties', '$defs', 'dependentSchemas'];
const SCHEMA_CHILDREN_LISTS = ['allOf', 'oneOf', 'anyOf', 'prefixItems'];
const SCHEMA_CHILDREN = [
  'items',
  'additionalProperties',
  'unevaluatedProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedItems',
];

/** Collect the examples of a document: media types, parameters, headers (with `schema`) and schemas themselves. */
function collectExamples(doc: Doc): ExampleCase[] {
  const cases: ExampleCase[] = [];
  const seenSchemas = new Set<string>();

  const schemaNode = (node: unknown, at: Array<string | number>) => {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return;
    const schema = node as Doc;
    if (typeof schema.$ref === 'string') return; // the target is visited as a component
    const here = pointer(at);
    if (seenSchemas.has(here)) return;
    seenSchemas.add(here);
    if ('example' in schema) cases.push({ at: pointer([...at, 'example']), schema: here, value: schema.example });
    if (Array.isArray(schema.examples))
      schema.examples.forEach((value: unknown, i: number) => cases.push({ at: pointer([...at, 'examples', i]), schema: here, value }));
    for (const key of SCHEMA_CHILDREN_MAPS)
      if (schema[key] && typeof schema[key] === 'object') for (const [name, child] of Object.entries(schema[key])) schemaNode(child, [...at, key, name]);
    for (const key of SCHEMA_CHILDREN_LISTS)
      if (Array.isArray(schema[key])) schema[key].forEach((child: unknown, i: number) => schemaNode(child, [...at, key, i]));
    for (const key of SCHEMA_CHILDREN) schemaNode(schema[key], [...at, key]);
  };

  /** A media type, parameter or header: `example`/`examples` belong to its `schema`. */
  const withSchema = (node: unknown, at: Array<string | number>) => {
    const target = node as Doc | undefined;
    if (!target || typeof target !== 'object' || typeof target.$ref === 'string') return;
    if (target.schema === undefined) {
      if (target.content) for (const [type, media] of Object.entries(target.content)) withSchema(media, [...at, 'content', type]);
      return;
    }
    const schemaAt = pointer([...at, 'schema']);
    if ('example' in target) cases.push({ at: pointer([...at, 'example']), schema: schemaAt, value: target.example });
    if (target.examples && typeof target.examples === 'object') {
      for (const [name, example] of Object.entries(target.examples as Record<string, unknown>)) {
        const resolved = resolve(doc, example) as Doc | undefined;
        if (resolved && 'value' in resolved) cases.push({ at: pointer([...at, 'examples', name]), schema: schemaAt, value: resolved.value });
      }
    }
    schemaNode(target.schema, [...at, 'schema']);
  };

  const operationLike = (item: Doc, at: Array<string | number>) => {
    (item.parameters ?? []).forEach((p: unknown, i: number) => withSchema(p, [...at, 'parameters', i]));
    if (item.requestBody) withSchema(item.requestBody, [...at, 'requestBody']);
    for (const [status, response] of Object.entries((item.responses ?? {}) as Record<string, Doc>)) {
      withSchema(response, [...at, 'responses', status]);
      for (const [name, header] of Object.entries((response.headers ?? {}) as Record<string, unknown>))
        withSchema(header, [...at, 'responses', status, 'headers', name]);
    }
  };

  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Doc>)) {
    operationLike(item, ['paths', path]);
    for (const method of HTTP_METHODS) if (item[method]) operationLike(item[method], ['paths', path, method]);
  }
  const components = (doc.components ?? {}) as Record<string, Record<string, Doc>>;
  for (const [name, schema] of Object.entries(components.schemas ?? {})) schemaNode(schema, ['components', 'schemas', name]);
  for (const kind of ['parameters', 'headers', 'requestBodies'] as const) {
    for (const [name, node] of Object.entries(components[kind] ?? {})) withSchema(node, ['components', kind, name]);
  }
  for (const [name, response] of Object.entries(components.responses ?? {})) operationLike({ responses: { [name]: response } }, ['components']);
  return cases;
}

function validatorFor(doc: Doc) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  for (const name of ['int32', 'int64']) ajv.addFormat(name, { type: 'number', validate: (n: number) => Number.isInteger(n) });
  for (const name of ['float', 'double']) ajv.addFormat(name, { type: 'number', validate: () => true });
  for (const name of ['byte', 'binary', 'password']) ajv.addFormat(name, () => true);
  ajv.addSchema(doc, 'doc');
  return (schemaPointer: string, value: unknown) => {
    const validate = ajv.getSchema(`doc#${schemaPointer.split('/').map(encodeURIComponent).join('/')}`);
    if (!validate) throw new Error(`cannot compile the schema at ${schemaPointer}`);
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
  };
}

describe.each(DOCUMENTS)('examples of %s', (name) => {
  const doc = loadDocument(name);
  const cases = collectExamples(doc);
  const validate = validatorFor(doc);

  test('there are response, request and schema examples to check', () => {
    expect(cases.filter((c) => c.at.includes('/responses/')).length).toBeGreaterThan(0);
    expect(cases.filter((c) => c.at.includes('/requestBody/')).length).toBeGreaterThan(0);
  });

  test('the check itself catches a wrong example (a response example replaced by 42)', () => {
    const broken = structuredClone(doc);
    const target = cases.find((c) => c.at.includes('/responses/') && c.at.endsWith('/example'))!;
    const tokens = target.at
      .split('/')
      .slice(1)
      .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
    const parent = tokens.slice(0, -1).reduce((n: Doc, t) => n[t], broken);
    parent.example = 42;
    expect(validatorFor(broken)(target.schema, 42).length).toBeGreaterThan(0);
  });

  test.each(cases.map((c) => [c.at, c] as const))('%s', (_at, example) => {
    expect(validate(example.schema, example.value)).toEqual([]);
  });
});
