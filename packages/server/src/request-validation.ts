import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { ContractAjv } from './contract-ajv.js';
import type { JsonSchema, OperationDescriptor, ParameterDescriptor } from './contract-descriptor.js';
import { parseFormParameterMap, type FormValue } from './form-parameters.js';
import { compileQueryReader, type QueryField } from './query-reader.js';
import type { StringCoercer } from './string-coercion.js';

/**
 * Where a request parameter was expected.
 *
 * @example
 * ```ts
 * const where: ParameterLocation = 'query';
 * ```
 */
export type ParameterLocation = 'path' | 'query' | 'header' | 'body';

/**
 * One problem with a request, as listed in the 400 answer's `data.errors`.
 *
 * @example
 * ```ts
 * const issue: ValidationIssue = { parameter: 'limit', in: 'query', message: 'must be <= 200' };
 * ```
 */
export interface ValidationIssue {
  /** Name of the parameter (a top-level body property for `in: 'body'`); `''` for the body as a whole. */
  parameter: string;
  in: ParameterLocation;
  /** What is wrong, e.g. `must be integer` or `/0 must be string` (the pointer is below the parameter). */
  message: string;
}

/** The request as the server read it, before coercion and validation. */
export interface RawRequestInput {
  /** Path parameters as the router decoded them. */
  path: Record<string, string>;
  /** Query string, and form body merged over it (PHP-style parsing). */
  strings: Map<string, FormValue>;
  /** The JSON body object, or null. */
  json: Record<string, unknown> | null;
  /** A request header by lower-case name, or null. */
  header: (name: string) => string | null;
  /** File parts of a multipart body, by field (only the operation's binary fields). */
  files?: ReadonlyMap<string, File>;
}

/** Input of a handler after coercion and validation. */
export interface ValidatedInput {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: Record<string, unknown> | undefined;
}

/** The result of checking a request against one operation. */
export type InputCheck = { ok: true; input: ValidatedInput } | { ok: false; issues: ValidationIssue[] };

/** Header parameters the server itself checks (Nextcloud's CSRF header answers 412, not 400). */
const SERVER_HEADERS = new Set(['ocs-apirequest']);
const COMPONENT_REF = '#/components/schemas/';

type SchemaObject = Record<string, unknown>;
const isSchemaObject = (s: unknown): s is SchemaObject => s !== null && typeof s === 'object' && !Array.isArray(s);

/**
 * The top-level properties a body schema documents, also through `$ref` and `oneOf`/`anyOf`/`allOf`
 * branches (a property in several branches gets an `anyOf` of its schemas). `closed` is false when the
 * schema admits keys it does not name (an `additionalProperties` that is not `false`, or no `properties`).
 */
export function bodyPropertiesOf(schema: JsonSchema, schemas: Record<string, JsonSchema>): { properties: Record<string, JsonSchema>; closed: boolean } {
  const found = new Map<string, JsonSchema[]>();
  let closed = true;
  const visit = (node: unknown, depth: number): void => {
    let current = node;
    for (let i = 0; i < 16 && isSchemaObject(current) && typeof current.$ref === 'string' && current.$ref.startsWith(COMPONENT_REF); i++) {
      current = schemas[current.$ref.slice(COMPONENT_REF.length)];
    }
    if (!isSchemaObject(current) || depth > 16) {
      closed = false;
      return;
    }
    const branches = ['oneOf', 'anyOf', 'allOf'].flatMap((k) => (Array.isArray(current[k]) ? (current[k] as unknown[]) : []));
    if (isSchemaObject(current.properties)) {
      for (const [name, s] of Object.entries(current.properties)) found.set(name, [...(found.get(name) ?? []), s as JsonSchema]);
      if (current.additionalProperties !== undefined && current.additionalProperties !== false) closed = false;
    } else if (branches.length === 0) closed = false;
    for (const branch of branches) visit(branch, depth + 1);
  };
  visit(schema, 0);
  const properties: Record<string, JsonSchema> = {};
  for (const [name, list] of found) properties[name] = list.length === 1 ? list[0] : { anyOf: list };
  return { properties, closed };
}

function objectSchema(params: ParameterDescriptor[]): JsonSchema {
  return {
    type: 'object',
    properties: Object.fromEntries(params.map((p) => [p.name, p.schema])),
    required: params.filter((p) => p.required).map((p) => p.name),
  };
}

function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function issueOf(error: ErrorObject): ValidationIssue | undefined {
  const tokens = error.instancePath.split('/').slice(1).map(unescapeToken);
  const where = tokens[0] as ParameterLocation | undefined;
  if (!where) return undefined;
  let parameter = tokens[1];
  let rest = tokens.slice(2);
  if (parameter === undefined) {
    const missing = (error.params as { missingProperty?: unknown }).missingProperty;
    const extra = (error.params as { additionalProperty?: unknown }).additionalProperty;
    if (typeof missing === 'string') return { parameter: missing, in: where, message: 'is required' };
    if (typeof extra === 'string') return { parameter: extra, in: where, message: 'is not allowed' };
    parameter = '';
    rest = [];
  }
  const pointer = rest.length ? `/${rest.join('/')} ` : '';
  return { parameter, in: where, message: `${pointer}${error.message ?? 'is invalid'}` };
}

/**
 * The request checker of one operation (see {@link compileRequestCheck}).
 *
 * @example
 * ```ts
 * const check: RequestCheck = compileRequestCheck(operation, ajv, coerce, schemas);
 * check.fromQueryString({ token: 'abc123xy' }, 'limit=50&lookIntoFuture=1', headers);
 * ```
 */
export interface RequestCheck {
  /** Check a request whose query string and body have been parsed. */
  (raw: RawRequestInput): InputCheck;
  /**
   * Check a request without a body from its raw query string. Only the documented parameters are decoded;
   * the result is the same as parsing the whole query string first.
   */
  fromQueryString(path: Record<string, string>, queryString: string, header: RawRequestInput['header']): InputCheck;
  /** Body fields that take a file part (`type: string` with `format: binary` or `contentMediaType`) of a multipart body. */
  fileFields: ReadonlySet<string>;
}

/** Whether a body property is binary: `type: string` with `format: binary` or a `contentMediaType`. */
function isBinaryProperty(schema: JsonSchema): boolean {
  return isSchemaObject(schema) && schema.type === 'string' && (schema.format === 'binary' || typeof schema.contentMediaType === 'string');
}

/** What Ajv sees in place of a file part: binary fields are strings in the contract. */
const FILE_STAND_IN = 'file';

/**
 * The request checker of one operation: picks the documented parameters out of the merged request input
 * (path > JSON body > form body > query string, as Nextcloud merges them), coerces the strings to the
 * schema types, and validates everything with one Ajv function compiled here, once. Undocumented extra
 * parameters are ignored, as Nextcloud does; each invalid parameter is named once.
 *
 * @example
 * ```ts
 * const check = compileRequestCheck(operation, ajv, coerce, schemas);
 * const result = check({ path: { token: 'abc123xy' }, strings: new Map([['limit', '500']]), json: null, header: () => null });
 * if (!result.ok) console.log(result.issues); // [{ parameter: 'limit', in: 'query', message: 'must be <= 200' }]
 * ```
 */
export function compileRequestCheck(
  operation: OperationDescriptor,
  ajv: ContractAjv,
  coerce: StringCoercer,
  schemas: Record<string, JsonSchema>,
): RequestCheck {
  const pathParams = operation.parameters.filter((p) => p.in === 'path');
  const queryParams = operation.parameters.filter((p) => p.in === 'query');
  const headerParams = operation.parameters.filter((p) => p.in === 'header' && !SERVER_HEADERS.has(p.name.toLowerCase()));
  const body = operation.requestBody;
  const parameterNames = new Set(operation.parameters.map((p) => p.name));

  const { properties: bodyProperties, closed } = body ? bodyPropertiesOf(body.schema, schemas) : { properties: {}, closed: true };
  // Pick only the documented body properties (Nextcloud ignores others) unless the schema admits any key.
  const bodyKeys = closed ? Object.keys(bodyProperties) : null;
  const multipart = body !== null && /^multipart\/form-data\b/i.test(body.contentType);
  const fileFields: ReadonlySet<string> = new Set(multipart ? Object.keys(bodyProperties).filter((name) => isBinaryProperty(bodyProperties[name]!)) : []);

  const validate: ValidateFunction = ajv.compile({
    type: 'object',
    properties: {
      path: objectSchema(pathParams),
      query: objectSchema(queryParams),
      header: objectSchema(headerParams),
      ...(body ? { body: body.schema } : {}),
    },
  });

  const pathCoercers = pathParams.map((p) => [p.name, coerce.forSchema(p.schema)] as const);
  const headerCoercers = headerParams.map((p) => [p.name.toLowerCase(), p.name, coerce.forSchema(p.schema)] as const);
  const bodyCoercers = new Map(Object.entries(bodyProperties).map(([name, schema]) => [name, coerce.forSchema(schema)]));
  const EMPTY_HEADERS: Record<string, unknown> = {};

  const queryFields: QueryField[] = queryParams.map((p) => ({ name: p.name, coerce: coerce.forSchema(p.schema) }));
  // Requests without a body: only the documented names are read from the query string (when they are a closed list).
  const readQuery = bodyKeys
    ? compileQueryReader(queryFields, body ? bodyKeys.map((key) => ({ name: key, coerce: bodyCoercers.get(key) as (v: FormValue) => unknown })) : null)
    : null;

  const pathInput = (path: Record<string, string>): Record<string, unknown> => {
    const params: Record<string, unknown> = {};
    for (const [name, coerceParam] of pathCoercers) {
      const value = path[name];
      if (value !== undefined) params[name] = coerceParam(value);
    }
    return params;
  };

  const headerInput = (read: RawRequestInput['header']): Record<string, unknown> => {
    if (headerCoercers.length === 0) return EMPTY_HEADERS;
    const header: Record<string, unknown> = {};
    for (const [lower, name, coerceParam] of headerCoercers) {
      const value = read(lower);
      if (value !== null) header[name] = coerceParam(value);
    }
    return header;
  };

  const finish = (
    params: Record<string, unknown>,
    query: Record<string, unknown>,
    header: Record<string, unknown>,
    bodyValue: Record<string, unknown> | undefined,
    files?: ReadonlyMap<string, File>,
  ): InputCheck => {
    const issues: ValidationIssue[] = [];
    if (fileFields.size > 0 && bodyValue) {
      for (const name of fileFields) {
        if (files?.has(name)) bodyValue[name] = FILE_STAND_IN;
        else if (bodyValue[name] !== undefined) {
          delete bodyValue[name];
          issues.push({ parameter: name, in: 'body', message: 'must be a file upload' });
        }
      }
    }
    if (validate({ path: params, query, header, body: bodyValue }) && issues.length === 0) {
      if (files && bodyValue) for (const [name, file] of files) bodyValue[name] = file;
      return { ok: true, input: { params, query, body: bodyValue } };
    }
    const seen = new Set<string>(issues.map((issue) => `${issue.in}\u0000${issue.parameter}`));
    for (const error of validate.errors ?? []) {
      const issue = issueOf(error);
      if (!issue) continue;
      const key = `${issue.in}\u0000${issue.parameter}`;
      if (seen.has(key)) continue;
      seen.add(key);
      issues.push(issue);
    }
    if (issues.length === 0) issues.push({ parameter: '', in: 'body', message: 'is invalid' });
    return { ok: false, issues };
  };

  const check = ((raw: RawRequestInput): InputCheck => {
    const params = pathInput(raw.path);
    const { strings, json } = raw;
    const query: Record<string, unknown> = {};
    for (const { name, coerce: coerceParam } of queryFields) {
      if (json && Object.hasOwn(json, name)) query[name] = json[name];
      else {
        const value = strings.get(name);
        if (value !== undefined) query[name] = coerceParam(value);
      }
    }
    let bodyValue: Record<string, unknown> | undefined;
    if (body) {
      bodyValue = {};
      if (bodyKeys) {
        for (const key of bodyKeys) {
          if (json && Object.hasOwn(json, key)) bodyValue[key] = json[key];
          else {
            const value = strings.get(key);
            if (value !== undefined) bodyValue[key] = (bodyCoercers.get(key) as (v: FormValue) => unknown)(value);
          }
        }
      } else {
        for (const [key, value] of strings) {
          if (parameterNames.has(key)) continue;
          const coerceProperty = bodyCoercers.get(key);
          bodyValue[key] = coerceProperty ? coerceProperty(value) : coerce(undefined, value);
        }
        if (json) for (const key of Object.keys(json)) if (!parameterNames.has(key)) bodyValue[key] = json[key];
      }
    }
    return finish(params, query, headerInput(raw.header), bodyValue, raw.files);
  }) as RequestCheck;
  check.fileFields = fileFields;

  check.fromQueryString = (path, queryString, header) => {
    // Without a closed list of body properties every key matters: parse the whole query string.
    const read = readQuery ? readQuery(queryString) : null;
    if (read === null) return check({ path, strings: parseFormParameterMap(queryString), json: null, header });
    return finish(pathInput(path), read.query, headerInput(header), read.body);
  };
  return check;
}
