// Small tables for the pieces under the diff: severity by direction, recursive schemas, policy files,
// version lists and change wording.
import { describe, expect, it } from 'vitest';
import { ContractPolicyError, type ContractChange } from '../../src/diff/change.js';
import { describeChange } from '../../src/diff/change-words.js';
import { diffDocuments } from '../../src/diff/compare-contracts.js';
import { rangeAsEnum } from '../../src/diff/normalize-schema.js';
import { componentField } from '../../src/diff/schema-findings.js';
import { bodyKind, mediaRangeIncludes } from '../../src/diff/content-rules.js';
import { applyPolicy, parsePolicy } from '../../src/diff/policy.js';
import { formatVersions } from '../../src/diff/render-report.js';
import { directionalSeverity } from '../../src/diff/rule-context.js';
import type { JsonObject } from '../../src/load/slice.js';

describe('directionalSeverity', () => {
  it.each([
    ['request narrowed', { given: ['request', 'narrowed'], want: 'breaking' }],
    ['request widened', { given: ['request', 'widened'], want: 'non-breaking' }],
    ['response narrowed', { given: ['response', 'narrowed'], want: 'non-breaking' }],
    ['response widened', { given: ['response', 'widened'], want: 'breaking' }],
    ['request changed', { given: ['request', 'changed'], want: 'breaking' }],
    ['response changed', { given: ['response', 'changed'], want: 'breaking' }],
  ] as const)('%s', (_name, { given, want }) => {
    expect(directionalSeverity(given[0], given[1])).toBe(want);
  });
});

/** A one-operation contract whose 200 response is a recursive `Node` (children: Node[]). */
function treeContract(nodeSchema: JsonObject): JsonObject {
  return {
    openapi: '3.1.0',
    info: { title: 'tree', version: '1' },
    paths: {
      '/tree': {
        get: {
          operationId: 'getTree',
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' } } } } },
        },
      },
    },
    components: { schemas: { Node: nodeSchema } },
  };
}
const node = (extra: JsonObject = {}): JsonObject => ({
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } }, ...extra },
});

describe('recursive schemas', () => {
  it('an unchanged recursive schema is no change (cycle protection)', () => {
    expect(diffDocuments(treeContract(node()), treeContract(node()), 'all')).toEqual([]);
  });

  it('a change inside a recursive schema is found once per place', () => {
    const changes = diffDocuments(treeContract(node()), treeContract(node({ size: { type: 'integer' } })), 'all');
    expect(changes.map((c) => [c.id, c.severity, c.message])).toEqual([
      ['response-property-added', 'non-breaking', 'response 200 (application/json): property `size` added'],
    ]);
  });

  it('a required field removed from a recursive schema is breaking', () => {
    const head = node();
    delete (head.properties as JsonObject).name;
    head.required = [];
    const changes = diffDocuments(treeContract(node()), treeContract(head), 'all');
    expect(changes.map((c) => c.id)).toEqual(['response-property-removed']);
    expect(changes[0].pointer).toBe('/components/schemas/Node/properties/name');
    expect(changes[0].side).toBe('base');
  });
});

describe('policy', () => {
  const change = (extra: Partial<ContractChange> = {}): ContractChange => ({
    id: 'operation-removed',
    severity: 'breaking',
    operation: { method: 'DELETE', path: '/room/{token}/favorite', operationId: 'removeConversationFromFavorites' },
    pointer: '/paths/~1room~1{token}~1favorite/delete',
    side: 'base',
    versions: ['v3', 'v4'],
    message: 'removed operation',
    ...extra,
  });
  it.each([
    ['by method and path', { given: { id: 'operation-removed', operation: 'DELETE /room/{token}/favorite', reason: 'r' }, want: true }],
    ['by operationId', { given: { id: 'operation-removed', operation: 'removeConversationFromFavorites', reason: 'r' }, want: true }],
    ['lower-case method', { given: { id: 'operation-removed', operation: 'delete /room/{token}/favorite', reason: 'r' }, want: true }],
    ['other id', { given: { id: 'path-removed', operation: 'DELETE /room/{token}/favorite', reason: 'r' }, want: false }],
    ['other operation', { given: { id: 'operation-removed', operation: 'POST /room/{token}/favorite', reason: 'r' }, want: false }],
    ['no operation for an operation change', { given: { id: 'operation-removed', reason: 'r' }, want: false }],
    ['covering versions', { given: { id: 'operation-removed', operation: 'DELETE /room/{token}/favorite', versions: ['v3', 'v4'], reason: 'r' }, want: true }],
    ['too few versions', { given: { id: 'operation-removed', operation: 'DELETE /room/{token}/favorite', versions: ['v4'], reason: 'r' }, want: false }],
  ])('accepts %s: %s', (_name, { given, want }) => {
    const policy = parsePolicy({ accepted: [given] }, 'p.yaml', [3]);
    if (want) {
      const [judged] = applyPolicy([change()], policy);
      expect(judged.accepted).toEqual({ reason: 'r' });
    } else {
      // an entry that accepts nothing is stale: an error naming its line, never silently ignored
      expect(() => applyPolicy([change()], policy)).toThrow(ContractPolicyError);
      expect(() => applyPolicy([change()], policy)).toThrow(/p\.yaml:3: the entry `[a-z-]+`.* matches no breaking change/);
    }
  });

  it('accepts a webhook change by `POST webhook:<name>` or its operationId', () => {
    const removed = change({ id: 'webhook-removed', operation: { method: 'POST', path: 'webhook:botMessage', operationId: 'botMessageWebhook' } });
    for (const operation of ['POST webhook:botMessage', 'botMessageWebhook']) {
      const [judged] = applyPolicy([removed], parsePolicy({ accepted: [{ id: 'webhook-removed', operation, reason: 'r' }] }));
      expect(judged.accepted).toEqual({ reason: 'r' });
    }
  });

  it('accepts a document-level change by id alone', () => {
    const [judged] = applyPolicy([change({ id: 'tag-removed', operation: undefined })], parsePolicy({ accepted: [{ id: 'tag-removed', reason: 'merged' }] }));
    expect(judged.accepted).toEqual({ reason: 'merged' });
  });

  it.each([
    ['not a mapping', { given: ['x'], want: /mapping/ }],
    ['accepted not a list', { given: { accepted: 'x' }, want: /must be a list/ }],
    ['entry without id', { given: { accepted: [{ reason: 'r' }] }, want: /needs an `id`/ }],
    ['entry without reason', { given: { accepted: [{ id: 'operation-removed' }] }, want: /needs a `reason`/ }],
    ['versions not a list', { given: { accepted: [{ id: 'operation-removed', reason: 'r', versions: 'v4' }] }, want: /versions/ }],
    ['an unknown rule id', { given: { accepted: [{ id: 'operation-vanished', reason: 'r' }] }, want: /unknown rule id `operation-vanished`/ }],
  ])('rejects %s', (_name, { given, want }) => {
    expect(() => parsePolicy(given, 'p.yaml')).toThrow(ContractPolicyError);
    expect(() => parsePolicy(given, 'p.yaml')).toThrow(want);
  });
});

describe('wording', () => {
  it.each([
    ['a range', { given: ['v1', 'v2', 'v3'], want: 'v1–v3' }],
    ['a gap', { given: ['v1', 'v3'], want: 'v1, v3' }],
    ['two', { given: ['v3', 'v4'], want: 'v3, v4' }],
    ['a foreign slice', { given: ['all'], want: 'all' }],
  ])('formatVersions: %s', (_name, { given, want }) => {
    expect(formatVersions(given)).toBe(want);
  });

  it.each([
    [
      'operation removed',
      {
        given: { id: 'operation-removed', message: 'removed operation `DELETE /room/{token}/favorite` (removeConversationFromFavorites)', versions: ['v4'] },
        want: 'Removed operation `DELETE /room/{token}/favorite` (removeConversationFromFavorites) in API v4',
      },
    ],
    [
      'a field change names the operation',
      {
        given: {
          id: 'response-property-removed',
          message: 'response 200 (application/json): required property `ocs.data.name` removed',
          versions: ['v1', 'v2', 'v3', 'v4'],
        },
        want: '`DELETE /room/{token}/favorite` (removeConversationFromFavorites): response 200 (application/json): required property `ocs.data.name` removed in API v1–v4',
      },
    ],
  ])('describeChange: %s', (_name, { given, want }) => {
    const c: ContractChange = {
      severity: 'breaking',
      pointer: '/x',
      side: 'base',
      operation: { method: 'DELETE', path: '/room/{token}/favorite', operationId: 'removeConversationFromFavorites' },
      ...given,
    };
    expect(describeChange(c)).toBe(want);
  });
});

/** A one-operation contract whose 200 response is `Thing`, with the given components. */
function thingContract(schemas: JsonObject): JsonObject {
  return {
    openapi: '3.1.0',
    info: { title: 'thing', version: '1' },
    paths: {
      '/thing': {
        get: {
          operationId: 'getThing',
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } },
        },
      },
    },
    components: { schemas },
  };
}

describe('normalisation keeps pointers at the source', () => {
  const plain = {
    Thing: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'integer' }, name: { type: 'string' }, note: { type: 'string' } } },
  };
  const split = (name: JsonObject, required = ['id']) => ({
    Base: { type: 'object', required, properties: { id: { type: 'integer' }, ...name } },
    Thing: {
      allOf: [
        { $ref: '#/components/schemas/Base' },
        { type: 'object', required: ['name'], properties: { name: { type: 'string' }, note: { type: 'string' } } },
      ],
    },
  });

  it.each([
    [
      'a change inside the merged Base points into Base',
      { head: split({ id: { type: 'string' } }), want: [['response-type-changed', 'breaking', '/components/schemas/Base/properties/id']] },
    ],
    [
      'a property that became optional points at the required list of the member that defines it',
      { head: split({}, []), want: [['response-property-became-optional', 'breaking', '/components/schemas/Base/required']] },
    ],
  ])('%s', (_name, { head, want }) => {
    const headDoc = thingContract(head as unknown as JsonObject);
    if (_name.startsWith('a change'))
      ((headDoc.components as JsonObject).schemas as JsonObject).Base = { type: 'object', required: ['id'], properties: { id: { type: 'string' } } };
    const changes = diffDocuments(thingContract(plain), headDoc, 'all').filter((c) => c.id !== 'component-added');
    expect(changes.map((c) => [c.id, c.severity, c.pointer])).toEqual(want);
  });

  it('the same split is no change (a docs-only note for the new Base component only)', () => {
    const changes = diffDocuments(thingContract(plain), thingContract(split({}) as unknown as JsonObject), 'all');
    expect(changes.map((c) => c.id)).toEqual(['component-added']);
  });

  it('an enum of 256 values introduced is one short message', () => {
    const head = {
      Thing: { ...plain.Thing, properties: { ...plain.Thing.properties, note: { type: 'string', enum: Array.from({ length: 256 }, (_, i) => `v${i}`) } } },
    };
    const [change] = diffDocuments(thingContract(plain), thingContract(head), 'all');
    expect(change.id).toBe('response-enum-added');
    expect(change.message).toContain('restricted to 256 value(s): `"v0"`, `"v1"`');
    expect(change.message).toContain('… and 248 more');
    expect(change.message.length).toBeLessThan(200);
  });
});

describe('unions', () => {
  const union = (branches: JsonObject[]) => ({ Thing: { type: 'object', properties: { value: { oneOf: branches } } } });
  it('several branches added to one union at once are one change naming them', () => {
    const changes = diffDocuments(
      thingContract(
        union([
          { type: 'string', title: 'Text' },
          { type: 'integer', title: 'Count' },
        ]),
      ),
      thingContract(
        union([
          { type: 'string', title: 'Text' },
          { type: 'integer', title: 'Count' },
          { type: 'boolean', title: 'Flag' },
          { type: 'array', title: 'List' },
        ]),
      ),
      'all',
    );
    expect(changes.map((c) => [c.id, c.severity, c.pointer, c.message])).toEqual([
      [
        'response-one-of-branch-added',
        'breaking',
        '/components/schemas/Thing/properties/value/oneOf',
        'response 200 (application/json): 2 oneOf branches added to `value`: Flag, List',
      ],
    ]);
  });

  it('a schema that becomes a union with itself as a branch is one change: the other branch added', () => {
    const head = { Thing: { type: 'object', properties: { value: { oneOf: [{ type: 'string' }, { type: 'integer', title: 'Count' }] } } } };
    const changes = diffDocuments(
      thingContract({ Thing: { type: 'object', properties: { value: { type: 'string' } } } }),
      thingContract(head as unknown as JsonObject),
      'all',
    );
    expect(changes.map((c) => [c.id, c.pointer, c.message])).toEqual([
      [
        'response-one-of-branch-added',
        '/components/schemas/Thing/properties/value/oneOf/1',
        'response 200 (application/json): oneOf branch Count added to `value`',
      ],
    ]);
  });

  it('a schema that becomes a union is one change', () => {
    const head = {
      Thing: {
        type: 'object',
        properties: {
          value: {
            oneOf: [
              { type: 'string', title: 'Text' },
              { type: 'integer', title: 'Count' },
            ],
          },
        },
      },
    };
    const changes = diffDocuments(
      thingContract({ Thing: { type: 'object', properties: { value: { type: 'string', format: 'uuid' } } } }),
      thingContract(head),
      'all',
    );
    expect(changes.map((c) => c.id)).toEqual(['response-type-changed', 'response-format-changed', 'response-one-of-branch-added']);
    expect(changes[2].message).toBe('response 200 (application/json): `value` became a oneOf of 2 branches: Text, Count');
  });

  // octokit 22 → 23, PATCH /repos/{owner}/{repo}/issues/{issue_number}: `type` went from a nullable string to a
  // nullable oneOf of a string and an object; `null` is still accepted, so nothing narrowed
  it.each([
    ['request', 'non-breaking'],
    ['response', 'breaking'],
  ] as const)('a nullable value that becomes a nullable (3.0 `nullable: true`) union keeps null (%s)', (flow, severity) => {
    const before = { type: 'string', nullable: true };
    const after: JsonObject = { nullable: true, oneOf: [{ type: 'string' }, { type: 'object', properties: { value: { type: 'string' } } }] };
    const contract = (schema: JsonObject): JsonObject => {
      const media = { 'application/json': { schema: { type: 'object', properties: { type: schema } } } };
      const op: JsonObject =
        flow === 'request'
          ? { operationId: 'patchThing', requestBody: { content: media }, responses: { '204': { description: 'ok' } } }
          : { operationId: 'patchThing', responses: { '200': { description: 'ok', content: media } } };
      return { openapi: '3.0.3', info: { title: 'thing', version: '1' }, paths: { '/thing': { patch: op } } };
    };
    const changes = diffDocuments(contract(before), contract(after), 'all');
    // a wider type and a new branch; no `nullable-removed` (it was breaking for requests)
    expect(changes.map((c) => [c.id, c.severity])).toEqual([
      [`${flow}-type-changed`, severity],
      [`${flow}-one-of-branch-added`, severity],
    ]);
    expect(changes[0].message).toContain('changed from string to string | object');
  });
});

describe('componentField', () => {
  it.each([
    ['a component property', { given: ['/components/schemas/Room/properties/token', 'ocs.data.token'], want: 'Room.token' }],
    ['array items and maps', { given: ['/components/schemas/Room/properties/tags/items/additionalProperties', 'x'], want: 'Room.tags[].*' }],
    ['through allOf members', { given: ['/components/schemas/ChatMessage/allOf/1/properties/parent', 'parent'], want: 'ChatMessage.parent' }],
    ['a required list names the property', { given: ['/components/schemas/Room/required', 'ocs.data.name'], want: 'Room.name' }],
    ['an escaped name', { given: ['/components/schemas/a~1b/properties/x', 'x'], want: 'a/b.x' }],
    ['not a component', { given: ['/paths/~1room/get/responses/200', 'x'], want: undefined }],
  ])('%s', (_name, { given, want }) => {
    expect(componentField(given[0], given[1])).toBe(want);
  });
});

describe('rangeAsEnum', () => {
  it.each([
    ['a bounded integer range', { given: { type: 'integer', minimum: 0, maximum: 3 }, want: [0, 1, 2, 3] }],
    ['not an integer', { given: { type: 'number', minimum: 0, maximum: 3 }, want: undefined }],
    ['unbounded', { given: { type: 'integer', minimum: 0 }, want: undefined }],
    ['exclusive bounds are not rewritten', { given: { type: 'integer', minimum: 0, maximum: 3, exclusiveMaximum: 3 }, want: undefined }],
    ['too large a range', { given: { type: 'integer', minimum: 0, maximum: 5000 }, want: undefined }],
  ])('%s', (_name, { given, want }) => {
    expect(rangeAsEnum(given as JsonObject)).toEqual(want);
  });
});

describe('bodyKind', () => {
  it.each([
    ['JSON object', { given: ['application/json', { type: 'object' }], want: 'JSON' }],
    ['problem+json', { given: ['application/problem+json', { type: 'object' }], want: 'JSON' }],
    ['3.1 binary image', { given: ['image/*', { type: 'string', contentMediaType: 'application/octet-stream' }], want: 'binary' }],
    ['3.0 binary under a JSON media type', { given: ['application/json', { type: 'string', format: 'binary' }], want: 'binary' }],
    ['no schema', { given: ['image/png', undefined], want: 'binary' }],
    ['base64 (3.1)', { given: ['image/png', { type: 'string', contentEncoding: 'base64' }], want: 'base64-encoded binary' }],
    ['base64 (3.0)', { given: ['application/json', { type: 'string', format: 'byte' }], want: 'base64-encoded binary' }],
    ['a JSON string in a JSON body', { given: ['application/json', { type: 'string', contentMediaType: 'application/json' }], want: 'JSON' }],
    [
      'multipart',
      { given: ['multipart/form-data', { type: 'object', properties: { file: { type: 'string', contentMediaType: 'image/png' } } }], want: 'form' },
    ],
    ['text', { given: ['text/plain', { type: 'string' }], want: 'text' }],
  ] as const)('%s', (_name, { given, want }) => {
    expect(bodyKind(given[0], given[1] as JsonObject | undefined)).toBe(want);
  });
});

describe('mediaRangeIncludes', () => {
  it.each([
    ['a range includes its types', { given: ['image/*', 'image/png'], want: true }],
    ['a type does not include its range', { given: ['image/png', 'image/*'], want: false }],
    ['any', { given: ['*/*', 'application/json'], want: true }],
    ['parameters and case ignored', { given: ['Image/PNG', 'image/png; q=1'], want: true }],
    ['other type', { given: ['image/*', 'text/plain'], want: false }],
  ] as const)('%s', (_name, { given, want }) => {
    expect(mediaRangeIncludes(given[0], given[1])).toBe(want);
  });
});
