// The mutation catalog: single-change mutations of our own bundled spec, each labelled with the change id
// and severity the diff must report. Targets are found by shape (spec-walk.ts), so the catalog follows the
// spec as it grows; the "no change" cases prove that reordering, $ref moves and reformatting are not changes.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { diffContracts } from '../../src/diff/compare-contracts.js';
import { SEVERITIES, type ContractChange, type Severity } from '../../src/diff/change.js';
import { RULES } from '../../src/diff/rules.js';
import { loadSourceSpec } from '../../src/load/load-source.js';
import type { Json, JsonObject } from '../../src/load/slice.js';
import {
  deref,
  everVersionOperations,
  findOperation,
  findProperty,
  inlineParameters,
  inlineRefs,
  isObject,
  isRequired,
  operations,
  plainProperty,
  reachableRefs,
  reverseKeys,
  rewriteRefs,
  unversioned,
  type OperationHit,
  type PropertyHit,
} from './spec-walk.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const B: Severity = 'breaking';
const NB: Severity = 'non-breaking';
const D: Severity = 'docs-only';

type Phase = 'base' | 'head';
interface Case {
  /** Applied to a copy of the spec for the base (phase 'base') and for the head (phase 'head'). */
  edit: (doc: JsonObject, phase: Phase) => void;
  /** The change the diff must report (the most serious one), or `none`: a refactoring that changes nothing on the wire (`allow`: ids that may still be reported, docs-only). */
  want: { id: string; severity: Severity; versions?: string[]; pointerEndsWith?: string; webhook?: boolean } | { none: true; allow?: string[] };
}

/** Both directions of one edit: `a` in the base and `b` in the head, then the reverse. */
const both = (
  name: string,
  a: (p: JsonObject) => object,
  b: (p: JsonObject) => object,
  find: (doc: JsonObject) => PropertyHit,
  forward: Case['want'],
  backward: Case['want'],
): Array<[string, Case]> => [
  [`${name}`, { edit: swap(find, a, b), want: forward }],
  [`${name} (reverse)`, { edit: swap(find, b, a), want: backward }],
];
const NONE: Case['want'] = { none: true };
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
/** An object schema split into two inline `allOf` members with the same properties and required list. */
function splitObject(p: JsonObject, base?: (part: JsonObject) => JsonObject): JsonObject {
  const { properties, required, type: _type, ...rest } = p;
  const names = Object.keys(properties as JsonObject);
  const half = Math.ceil(names.length / 2);
  const part = (list: string[]): JsonObject => {
    const req = Array.isArray(required) ? required.filter((n) => list.includes(String(n))) : [];
    return { type: 'object', properties: Object.fromEntries(list.map((n) => [n, (properties as JsonObject)[n]])), ...(req.length ? { required: req } : {}) };
  };
  const first = part(names.slice(0, half));
  return { ...rest, allOf: [base ? base(first) : first, part(names.slice(half))] };
}
/** A response component that is a plain object of unversioned properties (at least 3). */
function plainComponent(doc: JsonObject): string {
  const schemas = (doc.components as JsonObject).schemas as JsonObject;
  const used = reachableRefs(doc, 'response');
  const name = Object.keys(schemas).find((n) => {
    const c = schemas[n] as JsonObject;
    return (
      used.has(`#/components/schemas/${n}`) &&
      unversioned(c) &&
      c.type === 'object' &&
      isObject(c.properties) &&
      Object.keys(c.properties).length >= 3 &&
      Object.values(c.properties).every((p) => isObject(p) && unversioned(p)) &&
      !c.allOf
    );
  });
  if (!name) throw new Error('no plain object component');
  return name;
}
const splitComponent = (withBase: boolean) => (doc: JsonObject, phase: Phase) => {
  if (phase === 'base') return;
  const schemas = (doc.components as JsonObject).schemas as JsonObject;
  const name = plainComponent(doc);
  schemas[name] = splitObject(
    schemas[name] as JsonObject,
    withBase ? (part) => ((schemas.MutationBase = part), { $ref: '#/components/schemas/MutationBase' }) : undefined,
  );
};
/** A component written as `allOf: [{$ref: Base}, {type: object, properties}]` (ChatMessage) flattened into one object. */
const flattenAllOfComponent = (doc: JsonObject, phase: Phase) => {
  if (phase === 'base') return;
  const schemas = (doc.components as JsonObject).schemas as JsonObject;
  const name = Object.keys(schemas).find((n) => {
    const members = (schemas[n] as JsonObject).allOf;
    return (
      Array.isArray(members) &&
      members.length === 2 &&
      isObject(members[0]) &&
      typeof members[0].$ref === 'string' &&
      isObject(members[1]) &&
      isObject(members[1].properties)
    );
  });
  if (!name) throw new Error('no allOf: [Base, {…}] component');
  const { allOf, ...outer } = schemas[name] as JsonObject;
  const [base, own] = (allOf as JsonObject[]).map((m) => deref(doc, m)!);
  schemas[name] = {
    ...outer,
    type: 'object',
    required: [...((base.required as Json[]) ?? []), ...((own.required as Json[]) ?? [])],
    properties: { ...(base.properties as JsonObject), ...(own.properties as JsonObject) },
  };
};
const reversed =
  (edit: Case['edit']): Case['edit'] =>
  (doc, phase) =>
    edit(doc, phase === 'base' ? 'head' : 'base');
/** Rename the first path parameter of a stable path (`{x}` → `{mutationId}`) in the template and its parameter. */
function renamePathParameter(doc: JsonObject): void {
  const paths = doc.paths as JsonObject;
  const key = stable(doc)
    .map((o) => o.path)
    .find((k) => /\{[^}]+\}/.test(k))!;
  const name = /\{([^}]+)\}/.exec(key)![1];
  const item = paths[key] as JsonObject;
  const fix = (list: Json | undefined) =>
    Array.isArray(list)
      ? list.map((p) => {
          const r = deref(doc, p);
          return r && r.in === 'path' && r.name === name ? { ...structuredClone(r), name: 'mutationId' } : p;
        })
      : list;
  if (item.parameters) item.parameters = fix(item.parameters)!;
  for (const m of ['get', 'put', 'post', 'delete', 'patch'])
    if (isObject(item[m]) && (item[m] as JsonObject).parameters) (item[m] as JsonObject).parameters = fix((item[m] as JsonObject).parameters)!;
  delete paths[key];
  paths[key.replace(`{${name}}`, '{mutationId}')] = item;
}
/** Inline copies of a stable path's path parameters (so the base of a rename compares like with like). */
function inlinePathParameters(doc: JsonObject): void {
  const paths = doc.paths as JsonObject;
  const key = stable(doc)
    .map((o) => o.path)
    .find((k) => /\{[^}]+\}/.test(k))!;
  const item = paths[key] as JsonObject;
  const fix = (list: Json | undefined) =>
    Array.isArray(list)
      ? list.map((p) => {
          const r = deref(doc, p);
          return r && r.in === 'path' ? structuredClone(r) : p;
        })
      : list;
  if (item.parameters) item.parameters = fix(item.parameters)!;
  for (const m of ['get', 'put', 'post', 'delete', 'patch'])
    if (isObject(item[m]) && (item[m] as JsonObject).parameters) (item[m] as JsonObject).parameters = fix((item[m] as JsonObject).parameters)!;
}
const withOAuth = (scopes: (phase: Phase) => string[]) => (doc: JsonObject, phase: Phase) => {
  const schemes = (doc.components as JsonObject).securitySchemes as JsonObject;
  schemes.mutationOAuth = {
    type: 'oauth2',
    flows: { clientCredentials: { tokenUrl: 'https://example.invalid/token', scopes: { read: 'read', write: 'write' } } },
  };
  stableOp(doc).op.security = [{ mutationOAuth: scopes(phase) }];
};
/** No security anywhere (anonymous access), or one document-wide requirement. */
const documentSecurity = (secured: (phase: Phase) => boolean) => (doc: JsonObject, phase: Phase) => {
  delete doc.security;
  for (const o of operations(doc)) delete o.op.security;
  if (secured(phase)) doc.security = [{ [Object.keys((doc.components as JsonObject).securitySchemes as JsonObject)[0]]: [] }];
};
const arrayQuery = (schema: JsonObject, explode: (phase: Phase) => boolean) => (doc: JsonObject, phase: Phase) => {
  const o = stableOp(doc);
  o.op.parameters = [...((o.op.parameters as Json[]) ?? []), { name: 'mutationIds', in: 'query', schema, explode: explode(phase) }];
};
/** A `oneOf` of two components with a discriminator `kind` and the given mapping values. */
const discriminated = (mapping: Record<string, 'A' | 'B'>) => (doc: JsonObject) => {
  const schemas = (doc.components as JsonObject).schemas as JsonObject;
  for (const n of ['A', 'B'])
    schemas[`Mutation${n}`] = { type: 'object', required: ['kind'], properties: { kind: { type: 'string' }, [`field${n}`]: { type: 'string' } } };
  return {
    oneOf: [{ $ref: '#/components/schemas/MutationA' }, { $ref: '#/components/schemas/MutationB' }],
    discriminator: { propertyName: 'kind', mapping: Object.fromEntries(Object.entries(mapping).map(([k, v]) => [k, `#/components/schemas/Mutation${v}`])) },
  };
};
const swapWithDoc =
  (find: (doc: JsonObject) => PropertyHit, base: (doc: JsonObject) => object, head: (doc: JsonObject) => object) => (doc: JsonObject, phase: Phase) => {
    const hit = find(doc);
    hit.parent.properties = { ...(hit.parent.properties as JsonObject), [hit.name]: (phase === 'base' ? base : head)(doc) as Json };
  };
const queryWithDefault = (required: (phase: Phase) => boolean) => (doc: JsonObject, phase: Phase) => {
  const o = stableOp(doc);
  o.op.parameters = [
    ...((o.op.parameters as Json[]) ?? []),
    { name: 'mutationLimit', in: 'query', required: required(phase), schema: { type: 'integer', default: 10 } },
  ];
};
const resRef = (doc: JsonObject) =>
  findProperty(doc, 'response', (h) => typeof h.prop.$ref === 'string' && Object.keys(h.prop).length === 1 && unversioned(h.prop), { allVersions: true });

/** A mutation of the head only: the base is the unchanged spec (sliced once for all such cases). */
const headOnly = (fn: (doc: JsonObject) => void): Case['edit'] =>
  Object.assign(
    (doc: JsonObject, phase: Phase) => {
      if (phase === 'head') fn(doc);
    },
    { headOnly: true },
  );
/** Replace a found property's schema: `base` in the base, `head` in the head. */
const swap = (find: (doc: JsonObject) => PropertyHit, base: (p: JsonObject) => object, head: (p: JsonObject) => object) => (doc: JsonObject, phase: Phase) => {
  const hit = find(doc);
  hit.parent.properties = { ...(hit.parent.properties as JsonObject), [hit.name]: (phase === 'base' ? base : head)(hit.prop) as Json };
};
const anyFlowProperty = (flow: 'request' | 'response', type: string, extra?: (p: JsonObject, h: PropertyHit) => boolean) => (doc: JsonObject) =>
  findProperty(doc, flow, plainProperty(type, extra), { allVersions: true });
const noBounds = (p: JsonObject) => !['maxLength', 'minLength', 'maximum', 'minimum', 'pattern', 'format', 'default', 'nullable'].some((k) => k in p);
/** A string union of two branches that `{type: string}` alone accepts all of (a merge target). */
const SHORT_OR_LONG = {
  oneOf: [
    { type: 'string', maxLength: 5 },
    { type: 'string', minLength: 10 },
  ],
};
const reqString = anyFlowProperty('request', 'string', noBounds);
const reqInteger = anyFlowProperty('request', 'integer', noBounds);
const resString = anyFlowProperty('response', 'string', noBounds);
const resInteger = anyFlowProperty('response', 'integer', noBounds);
const reqOptional = anyFlowProperty('request', 'string', (_p, h) => !isRequired(h));
const reqRequired = (doc: JsonObject) => findProperty(doc, 'request', (h) => isRequired(h) && unversioned(h.prop), { allVersions: true });
const resRequired = (doc: JsonObject) => findProperty(doc, 'response', (h) => isRequired(h) && unversioned(h.prop), { allVersions: true });
const resOptional = (doc: JsonObject) => findProperty(doc, 'response', (h) => !isRequired(h) && unversioned(h.prop), { allVersions: true });
const reqObject = (doc: JsonObject) =>
  findProperty(doc, 'request', (h) => unversioned(h.prop) && h.parent.additionalProperties === undefined, { allVersions: true });
const resObject = (doc: JsonObject) => findProperty(doc, 'response', (h) => unversioned(h.prop), { allVersions: true });

const methodCount = (item: JsonObject) => ['get', 'put', 'post', 'delete', 'patch'].filter((m) => m in item).length;
const stable = (doc: JsonObject) => everVersionOperations(doc);
const stableOp = (doc: JsonObject, accept: (o: OperationHit) => boolean = () => true) => {
  const hit = stable(doc).find(accept);
  if (!hit) throw new Error('no operation in every API version matches');
  return hit;
};
const inlineParam = (doc: JsonObject, accept: (p: JsonObject) => boolean) => {
  for (const op of stable(doc)) {
    const param = inlineParameters(op).find((p) => unversioned(p) && accept(p));
    if (param) return { op, param };
  }
  throw new Error('no inline parameter matches');
};
const paramSchema = (p: JsonObject) => p.schema as JsonObject;
const jsonBody = (op: OperationHit) => isObject(op.op.requestBody) && isObject(op.op.requestBody.content) && 'application/json' in op.op.requestBody.content;
const success = (op: OperationHit) => Object.keys(op.op.responses as JsonObject).find((s) => s.startsWith('2'));
const newBody = (required: boolean): JsonObject => ({
  required,
  content: { 'application/json': { schema: { type: 'object', properties: { mutationField: { type: 'string' } } } } },
});

/** A webhook operation of the spec (`webhooks.<name>.post`), its payload media type and its header parameters. */
const hook = (doc: JsonObject, name = 'botMessage') => {
  const op = ((doc.webhooks as JsonObject)[name] as JsonObject).post as JsonObject;
  return { op, body: op.requestBody as JsonObject, content: (op.requestBody as JsonObject).content as JsonObject };
};
/** Replace the header parameter `name` of the botMessage webhook by an inline copy changed by `change`. */
const hookHeader = (name: string, change: (p: JsonObject) => void) => (doc: JsonObject) => {
  const { op } = hook(doc);
  op.parameters = (op.parameters as Json[]).map((p) => {
    const param = deref(doc, p)!;
    if (param.name !== name) return p;
    const copy = structuredClone(param);
    change(copy);
    return copy;
  });
};
/** The schema of a component the webhook payloads use (and no operation does). */
const hookSchema = (doc: JsonObject, name: string) => ((doc.components as JsonObject).schemas as JsonObject)[name] as JsonObject;
/** An operation's success response content (resolved). */
const successContent = (d: JsonObject, o: OperationHit) => deref(d, (o.op.responses as JsonObject)[success(o)!])!.content as JsonObject;
const avatar = (d: JsonObject) => findOperation(d, (o) => o.op.operationId === 'getConversationAvatar');
const avatarUpload = (d: JsonObject) => {
  const o = findOperation(d, (x) => x.op.operationId === 'setConversationAvatar');
  const media = ((o.op.requestBody as JsonObject).content as JsonObject)['multipart/form-data'] as JsonObject;
  return { o, media, schema: media.schema as JsonObject };
};
/** Rename a content key (media type), keeping its entry. */
const renameMedia = (content: JsonObject, from: string, to: string) => {
  content[to] = content[from];
  delete content[from];
};
const BINARY: JsonObject = { type: 'string', format: 'binary' };

const cases: Array<[string, Case]> = [
  // paths and operations
  [
    'operation removed',
    {
      edit: headOnly((d) => {
        const o = stableOp(d, (o) => methodCount(o.item) >= 2);
        delete o.item[o.method];
      }),
      want: { id: 'operation-removed', severity: B },
    },
  ],
  [
    'path removed',
    {
      edit: headOnly((d) => {
        const o = stableOp(d, (o) => methodCount(o.item) === 1);
        delete (d.paths as JsonObject)[o.path];
      }),
      want: { id: 'path-removed', severity: B },
    },
  ],
  [
    'operation added on a new path',
    {
      edit: headOnly((d) => {
        const o = stableOp(d, (o) => o.method === 'get');
        (d.paths as JsonObject)['/mutation-new'] = { get: { ...structuredClone(o.op), operationId: 'mutationNew' } };
      }),
      want: { id: 'operation-added', severity: NB },
    },
  ],
  [
    'operation added to an existing path',
    {
      edit: headOnly((d) => {
        const o = stableOp(d);
        o.item.patch = { ...structuredClone(o.op), operationId: 'mutationPatch' };
      }),
      want: { id: 'operation-added', severity: NB },
    },
  ],
  [
    'operation deprecated',
    {
      edit: headOnly((d) => {
        stableOp(d).op.deprecated = true;
      }),
      want: { id: 'operation-deprecated', severity: NB },
    },
  ],
  [
    'operation annotated x-talk-added: v4 (gone from v1–v3)',
    {
      edit: headOnly((d) => {
        stableOp(d, (o) => methodCount(o.item) >= 2).op['x-talk-added'] = 'v4';
      }),
      want: { id: 'operation-removed', severity: B, versions: ['v1', 'v2', 'v3'] },
    },
  ],
  [
    'operation annotated x-talk-removed: v4',
    {
      edit: headOnly((d) => {
        stableOp(d, (o) => methodCount(o.item) >= 2).op['x-talk-removed'] = 'v4';
      }),
      want: { id: 'operation-removed', severity: B, versions: ['v4'] },
    },
  ],

  // parameters
  [
    'required query parameter added',
    {
      edit: headOnly((d) => {
        const o = stableOp(d);
        o.op.parameters = [...((o.op.parameters as Json[]) ?? []), { name: 'mutationFilter', in: 'query', required: true, schema: { type: 'string' } }];
      }),
      want: { id: 'request-required-parameter-added', severity: B },
    },
  ],
  [
    'optional query parameter added',
    {
      edit: headOnly((d) => {
        const o = stableOp(d);
        o.op.parameters = [...((o.op.parameters as Json[]) ?? []), { name: 'mutationFilter', in: 'query', schema: { type: 'string' } }];
      }),
      want: { id: 'request-parameter-added', severity: NB },
    },
  ],
  [
    'query parameter optional → required',
    {
      edit: (d, ph) => {
        const o = stableOp(d);
        o.op.parameters = [
          ...((o.op.parameters as Json[]) ?? []),
          { name: 'mutationFilter', in: 'query', required: ph === 'head', schema: { type: 'string' } },
        ];
      },
      want: { id: 'request-parameter-became-required', severity: B },
    },
  ],
  [
    'query parameter required → optional',
    {
      edit: headOnly((d) => {
        inlineParam(d, (p) => p.in === 'query' && p.required === true).param.required = false;
      }),
      want: { id: 'request-parameter-became-optional', severity: NB },
    },
  ],
  [
    'optional query parameter removed',
    {
      edit: headOnly((d) => {
        const { op, param } = inlineParam(d, (p) => p.in === 'query' && p.required !== true);
        op.op.parameters = (op.op.parameters as Json[]).filter((p) => p !== param);
      }),
      want: { id: 'request-parameter-removed', severity: B },
    },
  ],
  [
    'parameter type integer → boolean',
    {
      edit: headOnly((d) => {
        paramSchema(inlineParam(d, (p) => paramSchema(p)?.type === 'integer').param).type = 'boolean';
      }),
      want: { id: 'request-type-changed', severity: B },
    },
  ],
  [
    'parameter type integer → number (wider)',
    {
      edit: headOnly((d) => {
        paramSchema(inlineParam(d, (p) => paramSchema(p)?.type === 'integer').param).type = 'number';
      }),
      want: { id: 'request-type-changed', severity: NB },
    },
  ],
  [
    'parameter maximum lowered',
    {
      edit: (d, ph) => {
        paramSchema(inlineParam(d, (p) => paramSchema(p)?.type === 'integer').param).maximum = ph === 'base' ? 200 : 100;
      },
      want: { id: 'request-constraint-tightened', severity: B },
    },
  ],
  [
    'parameter maximum raised',
    {
      edit: (d, ph) => {
        paramSchema(inlineParam(d, (p) => paramSchema(p)?.type === 'integer').param).maximum = ph === 'base' ? 100 : 200;
      },
      want: { id: 'request-constraint-loosened', severity: NB },
    },
  ],
  [
    'parameter enum value removed',
    {
      edit: (d, ph) => {
        paramSchema(inlineParam(d, (p) => paramSchema(p)?.type === 'string' && !paramSchema(p).enum).param).enum = ph === 'base' ? ['a', 'b', 'c'] : ['a', 'b'];
      },
      want: { id: 'request-enum-value-removed', severity: B },
    },
  ],
  [
    'parameter enum value added',
    {
      edit: (d, ph) => {
        paramSchema(inlineParam(d, (p) => paramSchema(p)?.type === 'string' && !paramSchema(p).enum).param).enum = ph === 'base' ? ['a', 'b'] : ['a', 'b', 'c'];
      },
      want: { id: 'request-enum-value-added', severity: NB },
    },
  ],
  [
    'parameter pattern added',
    {
      edit: headOnly((d) => {
        paramSchema(inlineParam(d, (p) => paramSchema(p)?.type === 'string' && !paramSchema(p).pattern).param).pattern = '^[a-z]+$';
      }),
      want: { id: 'request-pattern-changed', severity: B },
    },
  ],
  [
    'parameter default changed',
    {
      edit: (d, ph) => {
        paramSchema(inlineParam(d, (p) => paramSchema(p)?.type === 'integer').param).default = ph === 'base' ? 10 : 20;
      },
      want: { id: 'request-default-changed', severity: B },
    },
  ],
  [
    'parameter description changed',
    {
      edit: headOnly((d) => {
        inlineParam(d, () => true).param.description = 'Changed by the mutation catalog.';
      }),
      want: { id: 'description-changed', severity: D },
    },
  ],
  [
    'parameter deprecated',
    {
      edit: headOnly((d) => {
        inlineParam(d, () => true).param.deprecated = true;
      }),
      want: { id: 'parameter-deprecated', severity: NB },
    },
  ],

  // request bodies
  [
    'required request property added',
    {
      edit: headOnly((d) => {
        const h = reqObject(d);
        h.parent.properties = { ...(h.parent.properties as JsonObject), mutationField: { type: 'string' } };
        h.parent.required = [...((h.parent.required as Json[]) ?? []), 'mutationField'];
      }),
      want: { id: 'request-required-property-added', severity: B },
    },
  ],
  [
    'optional request property added',
    {
      edit: headOnly((d) => {
        const h = reqObject(d);
        h.parent.properties = { ...(h.parent.properties as JsonObject), mutationField: { type: 'string' } };
      }),
      want: { id: 'request-property-added', severity: NB },
    },
  ],
  [
    'request property optional → required',
    {
      edit: headOnly((d) => {
        const h = reqOptional(d);
        h.parent.required = [...((h.parent.required as Json[]) ?? []), h.name];
      }),
      want: { id: 'request-property-became-required', severity: B },
    },
  ],
  [
    'request property required → optional',
    {
      edit: headOnly((d) => {
        const h = reqRequired(d);
        h.parent.required = (h.parent.required as Json[]).filter((n) => n !== h.name);
      }),
      want: { id: 'request-property-became-optional', severity: NB },
    },
  ],
  [
    'optional request property removed',
    {
      edit: headOnly((d) => {
        const h = reqOptional(d);
        delete (h.parent.properties as JsonObject)[h.name];
      }),
      want: { id: 'request-property-removed', severity: B },
    },
  ],
  [
    'request property type string → integer',
    {
      edit: swap(
        reqString,
        (p) => p,
        (p) => ({ ...p, type: 'integer' }),
      ),
      want: { id: 'request-type-changed', severity: B },
    },
  ],
  [
    'request property type integer → number (wider)',
    {
      edit: swap(
        reqInteger,
        (p) => p,
        (p) => ({ ...p, type: 'number' }),
      ),
      want: { id: 'request-type-changed', severity: NB },
    },
  ],
  [
    'request property no longer nullable',
    {
      edit: swap(
        reqString,
        (p) => ({ ...p, type: ['string', 'null'] }),
        (p) => p,
      ),
      want: { id: 'request-nullable-removed', severity: B },
    },
  ],
  [
    'request property now nullable',
    {
      edit: swap(
        reqString,
        (p) => p,
        (p) => ({ ...p, type: ['string', 'null'] }),
      ),
      want: { id: 'request-nullable-added', severity: NB },
    },
  ],
  [
    'request enum value removed',
    {
      edit: swap(
        reqString,
        (p) => ({ ...p, enum: ['x', 'y', 'z'] }),
        (p) => ({ ...p, enum: ['x', 'y'] }),
      ),
      want: { id: 'request-enum-value-removed', severity: B },
    },
  ],
  [
    'request enum value added',
    {
      edit: swap(
        reqString,
        (p) => ({ ...p, enum: ['x', 'y'] }),
        (p) => ({ ...p, enum: ['x', 'y', 'z'] }),
      ),
      want: { id: 'request-enum-value-added', severity: NB },
    },
  ],
  [
    'request enum introduced',
    {
      edit: swap(
        reqString,
        (p) => p,
        (p) => ({ ...p, enum: ['x'] }),
      ),
      want: { id: 'request-enum-added', severity: B },
    },
  ],
  [
    'request maxLength lowered',
    {
      edit: swap(
        reqString,
        (p) => ({ ...p, maxLength: 200 }),
        (p) => ({ ...p, maxLength: 100 }),
      ),
      want: { id: 'request-constraint-tightened', severity: B },
    },
  ],
  [
    'request maxLength dropped',
    {
      edit: swap(
        reqString,
        (p) => ({ ...p, maxLength: 100 }),
        (p) => p,
      ),
      want: { id: 'request-constraint-loosened', severity: NB },
    },
  ],
  [
    'request minimum raised',
    {
      edit: swap(
        reqInteger,
        (p) => ({ ...p, minimum: 0 }),
        (p) => ({ ...p, minimum: 1 }),
      ),
      want: { id: 'request-constraint-tightened', severity: B },
    },
  ],
  [
    'request minItems added',
    {
      edit: swap(
        reqString,
        (p) => ({ type: 'array', items: p }),
        (p) => ({ type: 'array', items: p, minItems: 1 }),
      ),
      want: { id: 'request-constraint-tightened', severity: B },
    },
  ],
  [
    'request pattern changed',
    {
      edit: swap(
        reqString,
        (p) => ({ ...p, pattern: '^[a-z]+$' }),
        (p) => ({ ...p, pattern: '^[a-z0-9]+$' }),
      ),
      want: { id: 'request-pattern-changed', severity: B },
    },
  ],
  [
    'request pattern dropped',
    {
      edit: swap(
        reqString,
        (p) => ({ ...p, pattern: '^[a-z]+$' }),
        (p) => p,
      ),
      want: { id: 'request-pattern-changed', severity: NB },
    },
  ],
  [
    'request format added',
    {
      edit: swap(
        reqString,
        (p) => p,
        (p) => ({ ...p, format: 'email' }),
      ),
      want: { id: 'request-format-changed', severity: B },
    },
  ],
  [
    'request object closed (additionalProperties: false)',
    {
      edit: headOnly((d) => {
        reqObject(d).parent.additionalProperties = false;
      }),
      want: { id: 'request-additional-properties-changed', severity: B },
    },
  ],
  [
    'request oneOf branch removed',
    {
      edit: swap(
        reqString,
        () => ({ oneOf: [{ type: 'string' }, { type: 'integer' }] }),
        () => ({ oneOf: [{ type: 'string' }] }),
      ),
      want: { id: 'request-one-of-branch-removed', severity: B },
    },
  ],
  [
    'request oneOf branches merged into the schema itself, which accepts all their values',
    {
      edit: swap(
        reqString,
        () => SHORT_OR_LONG,
        () => ({ type: 'string' }),
      ),
      want: { id: 'request-one-of-branch-removed', severity: NB },
    },
  ],
  [
    'request oneOf branch added',
    {
      edit: swap(
        reqString,
        () => ({ oneOf: [{ type: 'string' }] }),
        () => ({ oneOf: [{ type: 'string' }, { type: 'integer' }] }),
      ),
      want: { id: 'request-one-of-branch-added', severity: NB },
    },
  ],
  [
    'request anyOf branch removed',
    {
      edit: swap(
        reqString,
        () => ({ anyOf: [{ type: 'string' }, { type: 'integer' }] }),
        () => ({ anyOf: [{ type: 'integer' }] }),
      ),
      want: { id: 'request-any-of-branch-removed', severity: B },
    },
  ],
  // members that set the same keyword differently cannot be merged into one schema: they stay an allOf
  [
    'request allOf member added',
    {
      edit: swap(
        reqString,
        () => ({ allOf: [{ type: 'string', pattern: '^a' }] }),
        () => ({ allOf: [{ type: 'string', pattern: '^a' }, { pattern: 'b$' }] }),
      ),
      want: { id: 'request-all-of-member-added', severity: B },
    },
  ],
  [
    'request allOf member removed',
    {
      edit: swap(
        reqString,
        () => ({ allOf: [{ type: 'string', pattern: '^a' }, { pattern: 'b$' }] }),
        () => ({ allOf: [{ type: 'string', pattern: '^a' }] }),
      ),
      want: { id: 'request-all-of-member-removed', severity: NB },
    },
  ],
  [
    'request allOf members with two maxLength bounds: the stricter applies',
    {
      edit: swap(
        reqString,
        () => ({ allOf: [{ type: 'string', maxLength: 10 }] }),
        () => ({ allOf: [{ type: 'string', maxLength: 10 }, { maxLength: 5 }] }),
      ),
      want: { id: 'request-constraint-tightened', severity: B },
    },
  ],
  [
    'required request body added',
    {
      edit: headOnly((d) => {
        stableOp(d, (o) => !o.op.requestBody && o.method !== 'get').op.requestBody = newBody(true);
      }),
      want: { id: 'request-required-body-added', severity: B },
    },
  ],
  [
    'optional request body added',
    {
      edit: headOnly((d) => {
        stableOp(d, (o) => !o.op.requestBody && o.method !== 'get').op.requestBody = newBody(false);
      }),
      want: { id: 'request-body-added', severity: NB },
    },
  ],
  [
    'request body removed',
    {
      edit: headOnly((d) => {
        delete stableOp(d, (o) => Boolean(jsonBody(o))).op.requestBody;
      }),
      want: { id: 'request-body-removed', severity: B },
    },
  ],
  [
    'request body optional → required',
    {
      edit: (d, ph) => {
        (stableOp(d, (o) => Boolean(jsonBody(o))).op.requestBody as JsonObject).required = ph === 'head';
      },
      want: { id: 'request-body-became-required', severity: B },
    },
  ],
  [
    'request body required → optional',
    {
      edit: (d, ph) => {
        (stableOp(d, (o) => Boolean(jsonBody(o))).op.requestBody as JsonObject).required = ph === 'base';
      },
      want: { id: 'request-body-became-optional', severity: NB },
    },
  ],
  [
    'request media type removed',
    {
      edit: (d, ph) => {
        const content = (stableOp(d, (o) => Boolean(jsonBody(o))).op.requestBody as JsonObject).content as JsonObject;
        if (ph === 'base') content['application/x-www-form-urlencoded'] = structuredClone(content['application/json']);
      },
      want: { id: 'request-media-type-removed', severity: B },
    },
  ],
  [
    'request media type added',
    {
      edit: headOnly((d) => {
        const content = (stableOp(d, (o) => Boolean(jsonBody(o))).op.requestBody as JsonObject).content as JsonObject;
        content['application/x-www-form-urlencoded'] = structuredClone(content['application/json']);
      }),
      want: { id: 'request-media-type-added', severity: NB },
    },
  ],

  // responses
  [
    'required response property removed',
    {
      edit: headOnly((d) => {
        const h = resRequired(d);
        delete (h.parent.properties as JsonObject)[h.name];
        h.parent.required = (h.parent.required as Json[]).filter((n) => n !== h.name);
      }),
      want: { id: 'response-property-removed', severity: B },
    },
  ],
  [
    'optional response property removed',
    {
      edit: headOnly((d) => {
        const h = resOptional(d);
        delete (h.parent.properties as JsonObject)[h.name];
      }),
      want: { id: 'response-optional-property-removed', severity: NB },
    },
  ],
  [
    'response property added',
    {
      edit: headOnly((d) => {
        const h = resObject(d);
        h.parent.properties = { ...(h.parent.properties as JsonObject), mutationField: { type: 'string' } };
      }),
      want: { id: 'response-property-added', severity: NB },
    },
  ],
  [
    'response property required → optional',
    {
      edit: headOnly((d) => {
        const h = resRequired(d);
        h.parent.required = (h.parent.required as Json[]).filter((n) => n !== h.name);
      }),
      want: { id: 'response-property-became-optional', severity: B, pointerEndsWith: '/required' },
    },
  ],
  [
    'response property optional → required',
    {
      edit: headOnly((d) => {
        const h = resOptional(d);
        h.parent.required = [...((h.parent.required as Json[]) ?? []), h.name];
      }),
      want: { id: 'response-property-became-required', severity: NB },
    },
  ],
  [
    'response property removed in v4 only (x-talk-removed)',
    {
      edit: headOnly((d) => {
        resRequired(d).prop['x-talk-removed'] = 'v4';
      }),
      want: { id: 'response-property-removed', severity: B, versions: ['v4'] },
    },
  ],
  [
    'response enum value added',
    {
      edit: swap(
        resString,
        (p) => ({ ...p, enum: ['x', 'y'] }),
        (p) => ({ ...p, enum: ['x', 'y', 'z'] }),
      ),
      want: { id: 'response-enum-value-added', severity: B },
    },
  ],
  [
    'response enum value removed',
    {
      edit: swap(
        resString,
        (p) => ({ ...p, enum: ['x', 'y', 'z'] }),
        (p) => ({ ...p, enum: ['x', 'y'] }),
      ),
      want: { id: 'response-enum-value-removed', severity: NB },
    },
  ],
  [
    'response enum dropped',
    {
      edit: swap(
        resString,
        (p) => ({ ...p, enum: ['x', 'y'] }),
        (p) => p,
      ),
      want: { id: 'response-enum-removed', severity: B },
    },
  ],
  [
    'response type integer → string',
    {
      edit: swap(
        resInteger,
        (p) => p,
        (p) => ({ ...p, type: 'string' }),
      ),
      want: { id: 'response-type-changed', severity: B },
    },
  ],
  [
    'response type number → integer (narrower)',
    {
      edit: swap(
        resInteger,
        (p) => ({ ...p, type: 'number' }),
        (p) => p,
      ),
      want: { id: 'response-type-changed', severity: NB },
    },
  ],
  [
    'response property now nullable',
    {
      edit: swap(
        resString,
        (p) => p,
        (p) => ({ ...p, type: ['string', 'null'] }),
      ),
      want: { id: 'response-nullable-added', severity: B },
    },
  ],
  [
    'response property now nullable (OpenAPI 3.0 nullable: true)',
    {
      edit: swap(
        resString,
        (p) => p,
        (p) => ({ ...p, nullable: true }),
      ),
      want: { id: 'response-nullable-added', severity: B },
    },
  ],
  [
    'response property no longer nullable',
    {
      edit: swap(
        resString,
        (p) => ({ ...p, type: ['string', 'null'] }),
        (p) => p,
      ),
      want: { id: 'response-nullable-removed', severity: NB },
    },
  ],
  [
    'response maxLength raised',
    {
      edit: swap(
        resString,
        (p) => ({ ...p, maxLength: 100 }),
        (p) => ({ ...p, maxLength: 200 }),
      ),
      want: { id: 'response-constraint-loosened', severity: B },
    },
  ],
  [
    'response maximum dropped',
    {
      edit: swap(
        resInteger,
        (p) => ({ ...p, maximum: 100 }),
        (p) => p,
      ),
      want: { id: 'response-constraint-loosened', severity: B },
    },
  ],
  [
    'response maxLength added',
    {
      edit: swap(
        resString,
        (p) => p,
        (p) => ({ ...p, maxLength: 100 }),
      ),
      want: { id: 'response-constraint-tightened', severity: NB },
    },
  ],
  [
    'response format dropped',
    {
      edit: swap(
        resString,
        (p) => ({ ...p, format: 'date-time' }),
        (p) => p,
      ),
      want: { id: 'response-format-changed', severity: B },
    },
  ],
  [
    'response oneOf branch added',
    {
      edit: swap(
        resString,
        () => ({ oneOf: [{ type: 'string' }, { type: 'integer' }] }),
        () => ({ oneOf: [{ type: 'string' }, { type: 'integer' }, { type: 'boolean' }] }),
      ),
      want: { id: 'response-one-of-branch-added', severity: B },
    },
  ],
  [
    'response oneOf branch removed',
    {
      edit: swap(
        resString,
        () => ({ oneOf: [{ type: 'string' }, { type: 'integer' }] }),
        () => ({ oneOf: [{ type: 'string' }] }),
      ),
      want: { id: 'response-one-of-branch-removed', severity: NB },
    },
  ],
  [
    'response oneOf branches merged into the schema itself, which now allows more',
    {
      edit: swap(
        resString,
        () => SHORT_OR_LONG,
        () => ({ type: 'string' }),
      ),
      want: { id: 'response-constraint-loosened', severity: B },
    },
  ],
  [
    'response anyOf branch added',
    {
      edit: swap(
        resString,
        () => ({ anyOf: [{ type: 'string' }] }),
        () => ({ anyOf: [{ type: 'string' }, { type: 'integer' }] }),
      ),
      want: { id: 'response-any-of-branch-added', severity: B },
    },
  ],
  [
    'response allOf member removed',
    {
      edit: swap(
        resString,
        () => ({ allOf: [{ type: 'string', pattern: '^a' }, { pattern: 'b$' }] }),
        () => ({ allOf: [{ type: 'string', pattern: '^a' }] }),
      ),
      want: { id: 'response-all-of-member-removed', severity: B },
    },
  ],
  [
    'response allOf member added',
    {
      edit: swap(
        resString,
        () => ({ allOf: [{ type: 'string', pattern: '^a' }] }),
        () => ({ allOf: [{ type: 'string', pattern: '^a' }, { pattern: 'b$' }] }),
      ),
      want: { id: 'response-all-of-member-added', severity: NB },
    },
  ],
  [
    'allOf merge of two string constraints (minLength added through a member)',
    {
      edit: swap(
        resString,
        () => ({ allOf: [{ type: 'string' }] }),
        () => ({ allOf: [{ type: 'string' }, { minLength: 1 }] }),
      ),
      want: { id: 'response-constraint-tightened', severity: NB },
    },
  ],
  [
    'success status removed',
    {
      edit: headOnly((d) => {
        const o = stableOp(d, (o) => Object.keys(o.op.responses as JsonObject).length >= 2);
        delete (o.op.responses as JsonObject)[success(o)!];
      }),
      want: { id: 'response-success-status-removed', severity: B },
    },
  ],
  [
    'success status added',
    {
      edit: headOnly((d) => {
        const o = stableOp(d, (o) => !('202' in (o.op.responses as JsonObject)));
        (o.op.responses as JsonObject)['202'] = structuredClone((o.op.responses as JsonObject)[success(o)!]);
      }),
      want: { id: 'response-success-status-added', severity: B },
    },
  ],
  [
    'error status removed',
    {
      edit: headOnly((d) => {
        const o = stableOp(d, (o) => '404' in (o.op.responses as JsonObject));
        delete (o.op.responses as JsonObject)['404'];
      }),
      want: { id: 'response-status-removed', severity: NB },
    },
  ],
  [
    'error status added',
    {
      edit: headOnly((d) => {
        (stableOp(d).op.responses as JsonObject)['418'] = { description: 'Added by the mutation catalog.' };
      }),
      want: { id: 'response-status-added', severity: NB },
    },
  ],
  [
    'response media type removed',
    {
      edit: headOnly((d) => {
        const o = stableOp(d, (o) => isObject(deref(d, (o.op.responses as JsonObject)[success(o)!])?.content));
        delete (deref(d, (o.op.responses as JsonObject)[success(o)!])!.content as JsonObject)['application/json'];
      }),
      want: { id: 'response-media-type-removed', severity: B },
    },
  ],
  [
    'response media type added',
    {
      edit: headOnly((d) => {
        const o = stableOp(d, (o) => isObject(deref(d, (o.op.responses as JsonObject)[success(o)!])?.content));
        (deref(d, (o.op.responses as JsonObject)[success(o)!])!.content as JsonObject)['text/plain'] = { schema: { type: 'string' } };
      }),
      want: { id: 'response-media-type-added', severity: NB },
    },
  ],
  [
    'response header removed',
    {
      edit: headOnly((d) => {
        const o = stableOp(
          d,
          (o) => isObject((o.op.responses as JsonObject)[success(o)!]) && isObject(((o.op.responses as JsonObject)[success(o)!] as JsonObject).headers),
        );
        const headers = ((o.op.responses as JsonObject)[success(o)!] as JsonObject).headers as JsonObject;
        delete headers[Object.keys(headers)[0]];
      }),
      want: { id: 'response-header-removed', severity: B },
    },
  ],
  [
    'response header added',
    {
      edit: headOnly((d) => {
        const o = stableOp(d);
        const r = (o.op.responses as JsonObject)[success(o)!] as JsonObject;
        r.headers = { ...((r.headers as JsonObject) ?? {}), 'X-Mutation': { schema: { type: 'string' } } };
      }),
      want: { id: 'response-header-added', severity: NB },
    },
  ],
  [
    'response header schema now nullable',
    {
      edit: headOnly((d) => {
        const o = stableOp(
          d,
          (o) => isObject((o.op.responses as JsonObject)[success(o)!]) && isObject(((o.op.responses as JsonObject)[success(o)!] as JsonObject).headers),
        );
        const headers = ((o.op.responses as JsonObject)[success(o)!] as JsonObject).headers as JsonObject;
        const header = deref(d, headers[Object.keys(headers)[0]])!;
        const schema = deref(d, header.schema)!;
        schema.type = [String(schema.type), 'null'];
      }),
      want: { id: 'response-nullable-added', severity: B },
    },
  ],

  // security
  [
    'anonymous access removed',
    {
      edit: headOnly((d) => {
        const o = stableOp(
          d,
          (o) => Array.isArray(o.op.security) && o.op.security.some((r) => isObject(r) && Object.keys(r).length === 0) && o.op.security.length > 1,
        );
        o.op.security = (o.op.security as Json[]).filter((r) => isObject(r) && Object.keys(r).length > 0);
      }),
      want: { id: 'security-requirement-removed', severity: B },
    },
  ],
  [
    'anonymous access added',
    {
      edit: headOnly((d) => {
        stableOp(d, (o) => o.op.security === undefined).op.security = [...((d.security as Json[]) ?? []), {}];
      }),
      want: { id: 'security-requirement-added', severity: NB },
    },
  ],
  [
    'authentication required where anonymous was enough',
    {
      edit: headOnly((d) => {
        const o = stableOp(d, (o) => Array.isArray(o.op.security) && o.op.security.some((r) => isObject(r) && Object.keys(r).length === 0));
        o.op.security = [{ mutationToken: [] }];
      }),
      want: { id: 'security-requirement-removed', severity: B },
    },
  ],
  [
    'security scheme changed (basic → bearer)',
    {
      edit: headOnly((d) => {
        const schemes = (d.components as JsonObject).securitySchemes as JsonObject;
        const name = Object.keys(schemes)[0];
        schemes[name] = { ...(schemes[name] as JsonObject), scheme: 'bearer' };
      }),
      want: { id: 'security-scheme-changed', severity: B },
    },
  ],

  // SDK surface
  [
    'operationId renamed',
    {
      edit: headOnly((d) => {
        const o = stableOp(d);
        o.op.operationId = `${String(o.op.operationId)}Renamed`;
      }),
      want: { id: 'operation-id-changed', severity: B },
    },
  ],
  [
    'schema component renamed',
    {
      edit: headOnly((d) => {
        const schemas = (d.components as JsonObject).schemas as JsonObject;
        const name = usedComponent(d);
        schemas[`${name}Renamed`] = schemas[name];
        delete schemas[name];
        rewriteRefs(d, `#/components/schemas/${name}`, `#/components/schemas/${name}Renamed`);
      }),
      want: { id: 'component-renamed', severity: B },
    },
  ],
  [
    'schema component inlined and removed',
    {
      edit: headOnly((d) => {
        const schemas = (d.components as JsonObject).schemas as JsonObject;
        const name = usedComponent(d, true);
        const target = schemas[name] as JsonObject;
        delete schemas[name];
        inlineRefs(d, `#/components/schemas/${name}`, target);
      }),
      want: { id: 'component-removed', severity: B },
    },
  ],
  [
    'top-level tag removed',
    {
      edit: headOnly((d) => {
        d.tags = (d.tags as Json[]).slice(0, -1);
      }),
      want: { id: 'tag-removed', severity: B },
    },
  ],
  [
    'operation moved to another tag',
    {
      edit: headOnly((d) => {
        stableOp(d).op.tags = ['mutation'];
      }),
      want: { id: 'operation-tag-removed', severity: B },
    },
  ],

  // refactorings that change nothing on the wire (issue 15): compared by meaning, both directions
  ['component split into two inline allOf members (same properties, same required list)', { edit: splitComponent(false), want: NONE }],
  ['component split into two inline allOf members (reverse: merged back)', { edit: reversed(splitComponent(false)), want: NONE }],
  ["the spec's allOf: [Base, {…}] component (ChatMessage) flattened into one object", { edit: flattenAllOfComponent, want: NONE }],
  ["one object split into the spec's allOf: [Base, {…}] (ChatMessage, reverse)", { edit: reversed(flattenAllOfComponent), want: NONE }],
  ['component split into allOf: [Base, {…}] with a new Base component', { edit: splitComponent(true), want: { none: true, allow: ['component-added'] } }],
  ...both(
    'response $ref wrapped in a single-member allOf',
    (p) => p,
    (p) => ({ allOf: [p] }),
    resRef,
    NONE,
    NONE,
  ),
  ...both(
    'inline response schema wrapped in a single-member allOf',
    (p) => p,
    (p) => ({ allOf: [p] }),
    resString,
    NONE,
    NONE,
  ),
  ...both(
    'request schema wrapped in a single-member oneOf',
    (p) => p,
    (p) => ({ oneOf: [p] }),
    reqString,
    NONE,
    NONE,
  ),
  ...both(
    'nested anyOf flattened into one level',
    () => ({ anyOf: [{ type: 'string' }, { anyOf: [{ type: 'integer' }, { type: 'boolean' }] }] }),
    () => ({ anyOf: [{ type: 'string' }, { type: 'integer' }, { type: 'boolean' }] }),
    resString,
    NONE,
    NONE,
  ),
  ...both(
    'nested oneOf flattened into one level (request)',
    () => ({ oneOf: [{ type: 'string' }, { oneOf: [{ type: 'integer' }, { type: 'boolean' }] }] }),
    () => ({ oneOf: [{ type: 'string' }, { type: 'integer' }, { type: 'boolean' }] }),
    reqString,
    NONE,
    NONE,
  ),
  ...both(
    'response integer enum 0…15 written as minimum 0, maximum 15',
    (p) => ({ ...p, enum: range(0, 15) }),
    (p) => ({ ...p, minimum: 0, maximum: 15 }),
    resInteger,
    NONE,
    NONE,
  ),
  ...both(
    'request integer enum 0…15 written as minimum 0, maximum 15',
    () => ({ type: 'integer', enum: range(0, 15) }),
    () => ({ type: 'integer', minimum: 0, maximum: 15 }),
    reqString,
    NONE,
    NONE,
  ),
  ...both(
    'response integer enum 0…15 → range 0–16 (one more value)',
    (p) => ({ ...p, enum: range(0, 15) }),
    (p) => ({ ...p, minimum: 0, maximum: 16 }),
    resInteger,
    { id: 'response-enum-value-added', severity: B },
    { id: 'response-enum-value-removed', severity: NB },
  ),
  ...both(
    'request integer enum 0…15 → range 0–16 (one more value)',
    () => ({ type: 'integer', enum: range(0, 15) }),
    () => ({ type: 'integer', minimum: 0, maximum: 16 }),
    reqString,
    { id: 'request-enum-value-added', severity: NB },
    { id: 'request-enum-value-removed', severity: B },
  ),
  ...both(
    'response array maxLength (no effect) → maxItems, same value',
    (p) => ({ type: 'array', items: p, maxLength: 5 }),
    (p) => ({ type: 'array', items: p, maxItems: 5 }),
    resString,
    NONE,
    NONE,
  ),
  ...both(
    'request array maxLength (no effect) → maxItems, same value',
    (p) => ({ type: 'array', items: p, maxLength: 5 }),
    (p) => ({ type: 'array', items: p, maxItems: 5 }),
    reqString,
    NONE,
    NONE,
  ),
  ...both(
    'request pattern on an integer (does not apply)',
    () => ({ type: 'integer' }),
    () => ({ type: 'integer', pattern: '^[0-9]+$' }),
    reqString,
    NONE,
    NONE,
  ),
  ...both(
    'response enum written as a oneOf of single-value branches',
    () => ({ type: 'string', enum: ['x', 'y', 'z'] }),
    () => ({
      oneOf: [
        { type: 'string', enum: ['x'] },
        { type: 'string', const: 'y' },
        { type: 'string', enum: ['z'] },
      ],
    }),
    resString,
    NONE,
    NONE,
  ),
  ...both(
    'request enum written as an anyOf of value sets',
    () => ({ type: 'string', enum: ['x', 'y', 'z'] }),
    () => ({
      anyOf: [
        { type: 'string', enum: ['x', 'y'] },
        { type: 'string', enum: ['y', 'z'] },
      ],
    }),
    reqString,
    NONE,
    NONE,
  ),
  [
    'response enum as oneOf of consts gains a branch (one value added)',
    {
      edit: swap(
        resString,
        () => ({
          oneOf: [
            { type: 'string', const: 'x' },
            { type: 'string', const: 'y' },
          ],
        }),
        () => ({ type: 'string', enum: ['x', 'y', 'z'] }),
      ),
      want: { id: 'response-enum-value-added', severity: B },
    },
  ],
  ...both(
    'response string became a oneOf of itself and an integer',
    () => ({ type: 'string' }),
    () => ({ oneOf: [{ type: 'string' }, { type: 'integer' }] }),
    resString,
    { id: 'response-one-of-branch-added', severity: B },
    { id: 'response-one-of-branch-removed', severity: NB },
  ),
  ...both(
    'request string became an anyOf of itself and an integer',
    () => ({ type: 'string' }),
    () => ({ anyOf: [{ type: 'integer' }, { type: 'string' }] }),
    reqString,
    { id: 'request-any-of-branch-added', severity: NB },
    { id: 'request-any-of-branch-removed', severity: B },
  ),
  [
    'request array with an example became a oneOf of a string and itself (the example dropped)',
    {
      edit: swap(
        reqString,
        () => ({ type: 'array', items: { type: 'string' }, example: ['a'] }),
        () => ({ oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] }),
      ),
      want: { id: 'request-one-of-branch-added', severity: NB },
    },
  ],
  [
    'three oneOf branches added to a response union at once: one change',
    {
      edit: swap(
        resString,
        () => ({ oneOf: [{ type: 'string' }, { type: 'integer' }] }),
        () => ({
          oneOf: [
            { type: 'string' },
            { type: 'integer' },
            { type: 'boolean' },
            { type: 'array', items: {} },
            { type: 'object', properties: { a: { type: 'string' } } },
          ],
        }),
      ),
      want: { id: 'response-one-of-branch-added', severity: B },
    },
  ],
  [
    'path parameter renamed ({x} → {mutationId}): same URL',
    {
      edit: (d, ph) => {
        inlinePathParameters(d);
        if (ph === 'head') renamePathParameter(d);
      },
      want: { id: 'request-path-parameter-renamed', severity: NB },
    },
  ],
  [
    'path parameter renamed (reverse)',
    {
      edit: (d, ph) => {
        inlinePathParameters(d);
        if (ph === 'base') renamePathParameter(d);
      },
      want: { id: 'request-path-parameter-renamed', severity: NB },
    },
  ],
  [
    'fewer OAuth scopes required',
    { edit: withOAuth((ph) => (ph === 'base' ? ['read', 'write'] : ['read'])), want: { id: 'security-scopes-reduced', severity: NB } },
  ],
  [
    'more OAuth scopes required',
    { edit: withOAuth((ph) => (ph === 'base' ? ['read'] : ['read', 'write'])), want: { id: 'security-scopes-added', severity: B } },
  ],

  // rules issue 15 found missing or under-rated, both directions
  ...both(
    'response map loses its value schema (additionalProperties removed)',
    () => ({ type: 'object', additionalProperties: { type: 'string' } }),
    () => ({ type: 'object' }),
    resString,
    { id: 'response-additional-properties-changed', severity: B },
    { id: 'response-additional-properties-changed', severity: NB },
  ),
  ...both(
    'request map loses its value schema (additionalProperties removed)',
    () => ({ type: 'object', additionalProperties: { type: 'string' } }),
    () => ({ type: 'object' }),
    reqString,
    { id: 'request-additional-properties-changed', severity: NB },
    { id: 'request-additional-properties-changed', severity: B },
  ),
  ...both(
    'response map turned into an object',
    () => ({ type: 'object', additionalProperties: { type: 'string' } }),
    () => ({ type: 'object', properties: { mutationKey: { type: 'string' } } }),
    resString,
    { id: 'response-map-became-object', severity: B },
    { id: 'response-additional-properties-changed', severity: NB },
  ),
  [
    'request map turned into an object',
    {
      edit: swap(
        reqString,
        () => ({ type: 'object', additionalProperties: { type: 'string' } }),
        () => ({ type: 'object', properties: { mutationKey: { type: 'string' } } }),
      ),
      want: { id: 'request-map-became-object', severity: B },
    },
  ],
  [
    'required response property became writeOnly',
    {
      edit: swap(
        resRequired,
        (p) => p,
        (p) => ({ ...p, writeOnly: true }),
      ),
      want: { id: 'response-property-became-write-only', severity: B },
    },
  ],
  [
    'required response property no longer writeOnly',
    {
      edit: swap(
        resRequired,
        (p) => ({ ...p, writeOnly: true }),
        (p) => p,
      ),
      want: { id: 'response-property-no-longer-write-only', severity: NB },
    },
  ],
  [
    'optional response property became writeOnly',
    {
      edit: swap(
        resOptional,
        (p) => p,
        (p) => ({ ...p, writeOnly: true }),
      ),
      want: { id: 'response-property-became-write-only', severity: NB },
    },
  ],
  [
    'request property became readOnly',
    {
      edit: swap(
        reqOptional,
        (p) => p,
        (p) => ({ ...p, readOnly: true }),
      ),
      want: { id: 'request-property-became-read-only', severity: B },
    },
  ],
  [
    'request property no longer readOnly',
    {
      edit: swap(
        reqOptional,
        (p) => ({ ...p, readOnly: true }),
        (p) => p,
      ),
      want: { id: 'request-property-no-longer-read-only', severity: NB },
    },
  ],
  [
    'explode changed on an array query parameter (true → false)',
    {
      edit: arrayQuery({ type: 'array', items: { type: 'string' } }, (ph) => ph === 'base'),
      want: { id: 'request-parameter-serialization-changed', severity: B },
    },
  ],
  [
    'explode changed on an array query parameter (false → true)',
    {
      edit: arrayQuery({ type: 'array', items: { type: 'string' } }, (ph) => ph === 'head'),
      want: { id: 'request-parameter-serialization-changed', severity: B },
    },
  ],
  ['explode changed on a string query parameter (no effect)', { edit: arrayQuery({ type: 'string' }, (ph) => ph === 'head'), want: NONE }],
  ['security added to a document that had none', { edit: documentSecurity((ph) => ph === 'head'), want: { id: 'security-requirement-removed', severity: B } }],
  ['security removed from the whole document', { edit: documentSecurity((ph) => ph === 'base'), want: { id: 'security-requirement-added', severity: NB } }],
  [
    'response discriminator mapping value renamed',
    {
      edit: swapWithDoc(resString, discriminated({ a: 'A', b: 'B' }), discriminated({ a2: 'A', b: 'B' })),
      want: { id: 'response-discriminator-value-added', severity: B },
    },
  ],
  [
    'response discriminator mapping value renamed back',
    {
      edit: swapWithDoc(resString, discriminated({ a2: 'A', b: 'B' }), discriminated({ a: 'A', b: 'B' })),
      want: { id: 'response-discriminator-value-added', severity: B },
    },
  ],
  [
    'request discriminator mapping value renamed',
    {
      edit: swapWithDoc(reqString, discriminated({ a: 'A', b: 'B' }), discriminated({ a2: 'A', b: 'B' })),
      want: { id: 'request-discriminator-value-removed', severity: B },
    },
  ],
  [
    'response discriminator mapping value removed',
    {
      edit: swapWithDoc(resString, discriminated({ a: 'A', b: 'B', c: 'B' }), discriminated({ a: 'A', b: 'B' })),
      want: { id: 'response-discriminator-value-removed', severity: NB },
    },
  ],
  [
    'request discriminator mapping value added',
    {
      edit: swapWithDoc(reqString, discriminated({ a: 'A', b: 'B' }), discriminated({ a: 'A', b: 'B', c: 'B' })),
      want: { id: 'request-discriminator-value-added', severity: NB },
    },
  ],
  [
    'request discriminator property renamed',
    {
      edit: swapWithDoc(reqString, discriminated({ a: 'A', b: 'B' }), (d) => ({
        ...discriminated({ a: 'A', b: 'B' })(d),
        discriminator: { propertyName: 'type', mapping: { a: '#/components/schemas/MutationA', b: '#/components/schemas/MutationB' } },
      })),
      want: { id: 'request-discriminator-property-changed', severity: B },
    },
  ],
  [
    'operation no longer deprecated',
    {
      edit: (d, ph) => {
        stableOp(d).op.deprecated = ph === 'base';
      },
      want: { id: 'operation-undeprecated', severity: NB },
    },
  ],
  [
    'parameter no longer deprecated',
    {
      edit: (d, ph) => {
        inlineParam(d, () => true).param.deprecated = ph === 'base';
      },
      want: { id: 'parameter-undeprecated', severity: NB },
    },
  ],
  ...both(
    'response property deprecated',
    (p) => p,
    (p) => ({ ...p, deprecated: true }),
    resString,
    { id: 'property-deprecated', severity: NB },
    { id: 'property-undeprecated', severity: NB },
  ),
  [
    'request property deprecated',
    {
      edit: swap(
        reqString,
        (p) => p,
        (p) => ({ ...p, deprecated: true }),
      ),
      want: { id: 'property-deprecated', severity: NB },
    },
  ],
  [
    'query parameter became required but keeps its default',
    { edit: queryWithDefault((ph) => ph === 'head'), want: { id: 'request-parameter-required-with-default', severity: B } },
  ],
  [
    'query parameter with a default no longer required',
    { edit: queryWithDefault((ph) => ph === 'base'), want: { id: 'request-parameter-became-optional', severity: NB } },
  ],
  ...both(
    'response enum of 256 values gains one (message abbreviated)',
    (p) => ({ ...p, enum: range(0, 255).map(String) }),
    (p) => ({ ...p, enum: range(0, 256).map(String) }),
    resString,
    { id: 'response-enum-value-added', severity: B },
    { id: 'response-enum-value-removed', severity: NB },
  ),

  // webhooks (what Talk sends to a bot; judged from the bot's side)
  [
    'webhook removed',
    {
      edit: headOnly((d) => {
        delete (d.webhooks as JsonObject).botMessage;
      }),
      want: { id: 'webhook-removed', severity: B, versions: ['v4'], webhook: true },
    },
  ],
  [
    'webhook added',
    {
      edit: headOnly((d) => {
        (d.webhooks as JsonObject).mutationHook = { 'x-talk-added': 'v4', post: { ...structuredClone(hook(d).op), operationId: 'mutationHookWebhook' } };
      }),
      want: { id: 'webhook-added', severity: NB, versions: ['v4'], webhook: true },
    },
  ],
  [
    'webhook payload removed',
    { edit: headOnly((d) => void delete hook(d).op.requestBody), want: { id: 'webhook-payload-removed', severity: B, webhook: true } },
  ],
  [
    'webhook payload added',
    { edit: (d, ph) => void (ph === 'base' && delete hook(d).op.requestBody), want: { id: 'webhook-payload-added', severity: NB, webhook: true } },
  ],
  [
    'webhook payload no longer always sent',
    { edit: headOnly((d) => void (hook(d).body.required = false)), want: { id: 'webhook-payload-became-optional', severity: B, webhook: true } },
  ],
  [
    'webhook payload now always sent',
    { edit: (d, ph) => void (hook(d).body.required = ph === 'head'), want: { id: 'webhook-payload-became-required', severity: NB, webhook: true } },
  ],
  [
    'webhook payload sent in a new media type',
    {
      edit: headOnly((d) => {
        const { content } = hook(d);
        content['application/x-www-form-urlencoded'] = structuredClone(content['application/json']);
      }),
      want: { id: 'webhook-payload-media-type-added', severity: B, webhook: true },
    },
  ],
  [
    'webhook payload no longer sent in one media type',
    {
      edit: (d, ph) => {
        const { content } = hook(d);
        if (ph === 'base') content['application/x-www-form-urlencoded'] = structuredClone(content['application/json']);
      },
      want: { id: 'webhook-payload-media-type-removed', severity: NB, webhook: true },
    },
  ],
  [
    'webhook payload JSON → binary',
    {
      edit: headOnly((d) => void (hook(d).content['application/json'] = { schema: BINARY })),
      want: { id: 'webhook-payload-kind-changed', severity: B, webhook: true },
    },
  ],
  [
    'webhook signature header removed',
    {
      edit: headOnly((d) => {
        const { op } = hook(d);
        op.parameters = (op.parameters as Json[]).filter((p) => deref(d, p)!.name !== 'X-Nextcloud-Talk-Signature');
      }),
      want: { id: 'webhook-header-removed', severity: B, webhook: true },
    },
  ],
  [
    'webhook signature header no longer always sent',
    {
      edit: headOnly(hookHeader('X-Nextcloud-Talk-Signature', (p) => void (p.required = false))),
      want: { id: 'webhook-header-became-optional', severity: B, webhook: true },
    },
  ],
  [
    'webhook header now always sent',
    {
      edit: (d, ph) => void (ph === 'base' && hookHeader('X-Nextcloud-Talk-Backend', (p) => void (p.required = false))(d)),
      want: { id: 'webhook-header-became-required', severity: NB, webhook: true },
    },
  ],
  [
    'webhook required header added (a second signature)',
    {
      edit: headOnly((d) => {
        const { op } = hook(d);
        op.parameters = [...(op.parameters as Json[]), { name: 'X-Nextcloud-Talk-Signature-256', in: 'header', required: true, schema: { type: 'string' } }];
      }),
      want: { id: 'webhook-header-added', severity: NB, webhook: true },
    },
  ],
  [
    'webhook header pattern loosened (response rules on header schemas)',
    {
      edit: headOnly(hookHeader('X-Nextcloud-Talk-Signature', (p) => void delete (p.schema as JsonObject).pattern)),
      want: { id: 'response-pattern-changed', severity: B, webhook: true },
    },
  ],
  [
    'webhook payload field removed',
    {
      edit: headOnly((d) => {
        const actor = hookSchema(d, 'BotActivityActor');
        delete (actor.properties as JsonObject).name;
        actor.required = (actor.required as Json[]).filter((n) => n !== 'name');
      }),
      want: { id: 'response-property-removed', severity: B, webhook: true },
    },
  ],
  [
    'webhook payload field no longer always sent',
    {
      edit: headOnly((d) => {
        const actor = hookSchema(d, 'BotActivityActor');
        actor.required = (actor.required as Json[]).filter((n) => n !== 'name');
      }),
      want: { id: 'response-property-became-optional', severity: B, webhook: true },
    },
  ],
  [
    'webhook payload enum value added (a bot may not handle it)',
    {
      edit: headOnly((d) => {
        const type = (hookSchema(d, 'BotActivityActor').properties as JsonObject).type as JsonObject;
        type.enum = [...(type.enum as Json[]), 'Service'];
      }),
      want: { id: 'response-enum-value-added', severity: B, webhook: true },
    },
  ],
  [
    'webhook payload enum value removed',
    {
      edit: headOnly((d) => {
        const type = (hookSchema(d, 'BotActivityActor').properties as JsonObject).type as JsonObject;
        type.enum = (type.enum as Json[]).slice(0, 1);
      }),
      want: { id: 'response-enum-value-removed', severity: NB, webhook: true },
    },
  ],
  [
    'webhook payload field type widened',
    {
      edit: headOnly((d) => void (((hookSchema(d, 'BotActivityActor').properties as JsonObject).name as JsonObject).type = ['string', 'integer'])),
      want: { id: 'response-type-changed', severity: B, webhook: true },
    },
  ],
  [
    'webhook payload field added',
    {
      edit: headOnly((d) => void ((hookSchema(d, 'BotActivityActor').properties as JsonObject).mutationField = { type: 'string' })),
      want: { id: 'response-property-added', severity: NB, webhook: true },
    },
  ],
  [
    'webhook operationId renamed',
    { edit: headOnly((d) => void (hook(d).op.operationId = 'mutationRenamedWebhook')), want: { id: 'operation-id-changed', severity: B, webhook: true } },
  ],

  // media types and binary bodies
  [
    'response JSON → image/svg+xml',
    {
      edit: headOnly((d) => {
        const content = successContent(
          d,
          stableOp(d, (o) => isObject(successContent(d, o)?.['application/json'])),
        );
        delete content['application/json'];
        content['image/svg+xml'] = { schema: { type: 'string', contentMediaType: 'image/svg+xml' } };
      }),
      want: { id: 'response-body-kind-changed', severity: B },
    },
  ],
  [
    'response JSON schema → binary (same media type)',
    {
      edit: headOnly((d) => {
        const content = successContent(
          d,
          stableOp(d, (o) => isObject(successContent(d, o)?.['application/json'])),
        );
        content['application/json'] = { schema: BINARY };
      }),
      want: { id: 'response-body-kind-changed', severity: B },
    },
  ],
  [
    'binary avatar response → JSON',
    {
      edit: headOnly((d) => {
        const content = successContent(d, avatar(d));
        delete content['image/*'];
        content['application/json'] = { schema: { type: 'object', properties: { url: { type: 'string' } } } };
      }),
      want: { id: 'response-body-kind-changed', severity: B },
    },
  ],
  [
    'binary avatar response: raw → base64',
    {
      edit: headOnly((d) => void (((successContent(d, avatar(d))['image/*'] as JsonObject).schema as JsonObject).contentEncoding = 'base64')),
      want: { id: 'response-body-kind-changed', severity: B },
    },
  ],
  [
    'binary avatar response: `format: binary` ↔ `contentMediaType` (the same bytes)',
    {
      edit: headOnly((d) => void ((successContent(d, avatar(d))['image/*'] as JsonObject).schema = { ...BINARY, description: 'The avatar image.' })),
      want: { none: true, allow: ['description-changed'] },
    },
  ],
  [
    'binary avatar response: image/png dropped (image/png + image/svg+xml → image/svg+xml)',
    {
      edit: (d, ph) => {
        const content = successContent(d, avatar(d));
        const media = content['image/*'];
        delete content['image/*'];
        content['image/svg+xml'] = structuredClone(media);
        if (ph === 'base') content['image/png'] = structuredClone(media);
      },
      want: { id: 'response-media-type-removed', severity: B },
    },
  ],
  [
    'binary avatar response: image/png → image/* (wider)',
    {
      edit: (d, ph) => void (ph === 'base' && renameMedia(successContent(d, avatar(d)), 'image/*', 'image/png')),
      want: { id: 'response-media-type-range-changed', severity: B },
    },
  ],
  [
    'binary avatar response: image/* → image/png (narrower)',
    {
      edit: headOnly((d) => renameMedia(successContent(d, avatar(d)), 'image/*', 'image/png')),
      want: { id: 'response-media-type-range-changed', severity: NB },
    },
  ],
  [
    'request body JSON → binary',
    {
      edit: headOnly(
        (d) => void (((stableOp(d, (o) => Boolean(jsonBody(o))).op.requestBody as JsonObject).content as JsonObject)['application/json'] = { schema: BINARY }),
      ),
      want: { id: 'request-body-kind-changed', severity: B },
    },
  ],
  [
    'request body image/* → image/png (narrower)',
    {
      edit: (d, ph) => {
        stableOp(d, (o) => Boolean(jsonBody(o))).op.requestBody = {
          required: true,
          content: { [ph === 'base' ? 'image/*' : 'image/png']: { schema: BINARY } },
        };
      },
      want: { id: 'request-media-type-range-changed', severity: B },
    },
  ],
  [
    'request body image/png → image/* (wider)',
    {
      edit: (d, ph) => {
        stableOp(d, (o) => Boolean(jsonBody(o))).op.requestBody = {
          required: true,
          content: { [ph === 'base' ? 'image/png' : 'image/*']: { schema: BINARY } },
        };
      },
      want: { id: 'request-media-type-range-changed', severity: NB },
    },
  ],
  [
    'multipart avatar upload: multipart/form-data dropped',
    {
      edit: headOnly((d) =>
        renameMedia((avatarUpload(d).o.op.requestBody as JsonObject).content as JsonObject, 'multipart/form-data', 'application/octet-stream'),
      ),
      want: { id: 'request-media-type-removed', severity: B },
    },
  ],
  [
    'multipart avatar upload: a new required part',
    {
      edit: headOnly((d) => {
        const { schema } = avatarUpload(d);
        (schema.properties as JsonObject).mutationPart = { type: 'string' };
        schema.required = [...(schema.required as Json[]), 'mutationPart'];
      }),
      want: { id: 'request-required-property-added', severity: B },
    },
  ],
  [
    'multipart avatar upload: file part no longer accepts image/png',
    {
      edit: headOnly((d) => void (avatarUpload(d).media.encoding = { file: { contentType: 'image/jpeg' } })),
      want: { id: 'request-part-content-type-changed', severity: B },
    },
  ],
  [
    'multipart avatar upload: file part also accepts image/jpeg',
    {
      edit: headOnly((d) => void (avatarUpload(d).media.encoding = { file: { contentType: 'image/png, image/jpeg' } })),
      want: { id: 'request-part-content-type-changed', severity: NB },
    },
  ],
  [
    'multipart avatar upload: file part encoding spelled out (`contentType` = its `contentMediaType`)',
    { edit: headOnly((d) => void (avatarUpload(d).media.encoding = { file: { contentType: 'image/png', style: 'form', explode: true } })), want: NONE },
  ],
  [
    'multipart avatar upload: file part explode changed',
    {
      edit: headOnly((d) => void (avatarUpload(d).media.encoding = { file: { explode: false } })),
      want: { id: 'request-part-serialization-changed', severity: B },
    },
  ],

  // docs only
  [
    'operation summary changed',
    {
      edit: headOnly((d) => {
        stableOp(d).op.summary = 'Changed by the mutation catalog';
      }),
      want: { id: 'summary-changed', severity: D },
    },
  ],
  [
    'operation description changed',
    {
      edit: headOnly((d) => {
        stableOp(d).op.description = 'Changed by the mutation catalog.';
      }),
      want: { id: 'description-changed', severity: D },
    },
  ],
  [
    'response description changed',
    {
      edit: headOnly((d) => {
        const o = stableOp(d);
        ((o.op.responses as JsonObject)[success(o)!] as JsonObject).description = 'Changed by the mutation catalog.';
      }),
      want: { id: 'description-changed', severity: D },
    },
  ],
  [
    'response property description changed',
    {
      edit: headOnly((d) => {
        findProperty(d, 'response', (h) => typeof h.prop.description === 'string' && h.prop.$ref === undefined, { allVersions: true }).prop.description =
          'Changed by the mutation catalog.';
      }),
      want: { id: 'description-changed', severity: D },
    },
  ],
  [
    'response example changed',
    {
      edit: headOnly((d) => {
        const o = stableOp(d, (o) => isObject(((o.op.responses as JsonObject)[success(o)!] as JsonObject)?.content));
        const media = Object.values(((o.op.responses as JsonObject)[success(o)!] as JsonObject).content as JsonObject)[0] as JsonObject;
        media.example = { changed: 'by the mutation catalog' };
      }),
      want: { id: 'example-changed', severity: D },
    },
  ],
  [
    'capability annotation changed',
    {
      edit: headOnly((d) => {
        stableOp(d, (o) => o.op['x-talk-capability'] !== undefined).op['x-talk-capability'] = 'mutation-capability';
      }),
      want: { id: 'capability-changed', severity: D },
    },
  ],
  [
    'enum value descriptions changed',
    {
      edit: headOnly((d) => {
        const schemas = (d.components as JsonObject).schemas as JsonObject;
        const name = Object.keys(schemas).find(
          (n) => Array.isArray((schemas[n] as JsonObject)['x-enum-descriptions']) && reachableRefs(d, 'response').has(`#/components/schemas/${n}`),
        )!;
        const list = (schemas[name] as JsonObject)['x-enum-descriptions'] as Json[];
        list[0] = 'Changed by the mutation catalog';
      }),
      want: { id: 'description-changed', severity: D },
    },
  ],
];

/** A schema component that operations reference (a leaf without `$ref`s inside when `leaf`). */
function usedComponent(doc: JsonObject, leaf = false): string {
  const used = new Set([...reachableRefs(doc, 'request'), ...reachableRefs(doc, 'response')]);
  const schemas = (doc.components as JsonObject).schemas as JsonObject;
  const name = Object.keys(schemas).find(
    (n) => used.has(`#/components/schemas/${n}`) && unversioned(schemas[n] as JsonObject) && (!leaf || !JSON.stringify(schemas[n]).includes('$ref')),
  );
  if (!name) throw new Error('no used component');
  return name;
}

let full: JsonObject;
const baseLabel = 'bundled spec';

function diffOf(edit: Case['edit']): ContractChange[] {
  const base = 'headOnly' in edit ? full : structuredClone(full);
  const head = structuredClone(full);
  if (base !== full) edit(base, 'base');
  edit(head, 'head');
  return diffContracts({ label: baseLabel, document: base }, { label: 'mutated', document: head }).changes;
}

const worst = (changes: ContractChange[]): Severity | 'none' => SEVERITIES.find((s) => changes.some((c) => c.severity === s)) ?? 'none';

beforeAll(async () => {
  ({ document: full } = await loadSourceSpec(path.join(REPO, 'openapi/openapi.yaml')));
});

describe('mutation catalog', () => {
  it('has at least 150 mutations covering both severities of both directions', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    const ids = new Set(cases.map(([, c]) => ('id' in c.want ? c.want.id : 'none')));
    for (const family of [
      'operation-removed',
      'request-required-parameter-added',
      'request-property-became-required',
      'request-type-changed',
      'request-enum-value-removed',
      'response-enum-value-added',
      'request-constraint-tightened',
      'response-constraint-loosened',
      'response-nullable-added',
      'response-property-removed',
      'response-header-removed',
      'response-success-status-removed',
      'response-media-type-removed',
      'security-requirement-removed',
      'request-one-of-branch-removed',
      'response-all-of-member-removed',
      'operation-id-changed',
      'component-renamed',
      'tag-removed',
    ]) {
      expect(ids).toContain(family);
    }
  });

  it('has a mutation for every webhook rule and every media-type, binary-body and form-part rule', () => {
    const covered = new Set(cases.map(([, c]) => ('id' in c.want ? c.want.id : 'none')));
    const wanted = [...RULES.values()].filter((r) => r.family === 'webhooks' || /media-type|body-kind|-part-/.test(r.id)).map((r) => r.id);
    expect(wanted.length).toBeGreaterThanOrEqual(20);
    expect(wanted.filter((id) => !covered.has(id))).toEqual([]);
  });

  it.each(cases)('%s', (_name, { edit, want }) => {
    const changes = diffOf(edit);
    for (const c of changes) expect(RULES.has(c.id), `rule id ${c.id} is not in the catalog`).toBe(true);
    if ('none' in want) {
      const unexpected = changes.filter((c) => !(want.allow ?? []).includes(c.id) || c.severity !== 'docs-only');
      expect(unexpected.map((c) => `${c.id}/${c.severity}: ${c.message}`)).toEqual([]);
      return;
    }
    // `webhook`: the finding must be reported for a webhook (`webhook:<name>`), not for an operation sharing the schema
    const hit = changes.find((c) => c.id === want.id && c.severity === want.severity && (!want.webhook || c.operation?.path.startsWith('webhook:')));
    expect(hit, `expected ${want.id} (${want.severity}); got ${changes.map((c) => `${c.id}/${c.severity}`).join(', ') || 'no changes'}`).toBeDefined();
    expect(worst(changes)).toBe(want.severity);
    if (want.versions) expect(hit!.versions).toEqual(want.versions);
    if (want.pointerEndsWith) expect(hit!.pointer.endsWith(want.pointerEndsWith), hit!.pointer).toBe(true);
    expect(hit!.pointer.startsWith('/')).toBe(true);
    // one line per change: an enum message lists the changed values only, abbreviated
    expect(hit!.message.length).toBeLessThan(400);
  });
});

describe('descriptions next to a $ref', () => {
  it('are compared per place and reported where they are written, not in the component', () => {
    let where = '';
    const changes = diffOf(
      headOnly((d) => {
        const hit = findProperty(d, 'response', (h) => typeof h.prop.$ref === 'string' && typeof h.prop.description === 'string');
        hit.prop.description = 'Changed next to the $ref by the mutation catalog.';
        where = `/properties/${hit.name}`;
      }),
    );
    // one finding per operation that returns the schema, all of them this description
    expect(changes.length).toBeGreaterThan(0);
    expect(new Set(changes.map((c) => `${c.id} ${c.severity} ${c.pointer}`))).toEqual(new Set([`description-changed docs-only ${changes[0].pointer}`]));
    expect(changes[0].pointer.endsWith(where)).toBe(true);
  });
});

describe('no change', () => {
  it('the unchanged spec has no changes', () => {
    expect(diffOf(() => undefined)).toEqual([]);
  });

  it('reordering every key is no change', () => {
    const reordered = reverseKeys(structuredClone(full)) as JsonObject;
    expect(diffContracts({ label: 'a', document: full }, { label: 'b', document: reordered }).changes).toEqual([]);
  });

  it('header parameter names differing in case are the same parameter', () => {
    const changes = diffOf(
      headOnly((d) => {
        const params = (d.components as JsonObject).parameters as JsonObject;
        const header = Object.values(params).find((p) => isObject(p) && p.in === 'header') as JsonObject;
        header.name = String(header.name).toLowerCase();
      }),
    );
    expect(changes.filter((c) => c.severity !== 'docs-only')).toEqual([]);
  });

  it('moving the inline schema of a response payload into a $ref component is not breaking (a docs-only note at most)', () => {
    const changes = diffOf(
      headOnly((d) => {
        const hit = findProperty(d, 'response', (h) => h.prop.$ref === undefined && isObject(h.prop.properties));
        ((d.components as JsonObject).schemas as JsonObject).MovedByTheCatalog = hit.prop;
        hit.parent.properties = { ...(hit.parent.properties as JsonObject), [hit.name]: { $ref: '#/components/schemas/MovedByTheCatalog' } };
      }),
    );
    expect(changes.filter((c) => c.severity !== 'docs-only')).toEqual([]);
    expect(changes.map((c) => c.id)).toEqual(['component-added']);
  });

  it('moving an inline request body schema into a $ref component is not breaking (a docs-only note at most)', () => {
    const changes = diffOf(
      headOnly((d) => {
        const op = stableOp(d, (o) => Boolean(jsonBody(o)));
        const media = ((op.op.requestBody as JsonObject).content as JsonObject)['application/json'] as JsonObject;
        ((d.components as JsonObject).schemas as JsonObject).MovedByTheCatalog = media.schema;
        media.schema = { $ref: '#/components/schemas/MovedByTheCatalog' };
      }),
    );
    expect(changes.filter((c) => c.severity !== 'docs-only')).toEqual([]);
    expect(changes.map((c) => c.id)).toEqual(['component-added']);
  });
});
