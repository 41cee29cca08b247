import { describe, expect, test } from 'vitest';
import { existsIn, type ApiVersion } from '../../src/load/api-versions.js';
import { concretePath, pruneUnusedComponents, sliceForVersion, SlicePathCollisionError, type Json, type JsonObject } from '../../src/load/slice.js';

describe('existsIn', () => {
  const table: Array<[string, { given: Record<string, unknown>; want: Record<ApiVersion, boolean> }]> = [
    ['no annotation: every version', { given: {}, want: { v1: true, v2: true, v3: true, v4: true } }],
    ['added v3', { given: { 'x-talk-added': 'v3' }, want: { v1: false, v2: false, v3: true, v4: true } }],
    ['removed v2 ("only v1")', { given: { 'x-talk-removed': 'v2' }, want: { v1: true, v2: false, v3: false, v4: false } }],
    ['added v2, removed v4', { given: { 'x-talk-added': 'v2', 'x-talk-removed': 'v4' }, want: { v1: false, v2: true, v3: true, v4: false } }],
    ['added v4', { given: { 'x-talk-added': 'v4' }, want: { v1: false, v2: false, v3: false, v4: true } }],
  ];
  test.each(table)('%s', (_name, { given, want }) => {
    const got = Object.fromEntries((['v1', 'v2', 'v3', 'v4'] as const).map((v) => [v, existsIn(given, v)]));
    expect(got).toEqual(want);
  });
});

describe('concretePath', () => {
  const table: Array<[string, { given: [string, string | undefined, ApiVersion]; want: string }]> = [
    ['default base carries the version', { given: ['/room', undefined, 'v4'], want: '/ocs/v2.php/apps/spreed/api/v4/room' }],
    ['default base in v1', { given: ['/room/{token}', undefined, 'v1'], want: '/ocs/v2.php/apps/spreed/api/v1/room/{token}' }],
    ['x-talk-base-path stays fixed', { given: ['/chat/{token}', '/ocs/v2.php/apps/spreed/api/v1', 'v4'], want: '/ocs/v2.php/apps/spreed/api/v1/chat/{token}' }],
    ['foreign base', { given: ['/shares', '/ocs/v2.php/apps/files_sharing/api/v1', 'v3'], want: '/ocs/v2.php/apps/files_sharing/api/v1/shares' }],
  ];
  test.each(table)('%s', (_name, { given, want }) => {
    expect(concretePath(...given)).toBe(want);
  });
});

const ok = { description: 'OK', content: { 'application/json': { schema: { $ref: '#/components/schemas/Room' } } } };

/** A tiny annotated contract with one of each thing the slicer has to handle. */
function fixture(): JsonObject {
  return {
    openapi: '3.1.0',
    info: { title: 'Fixture', version: '1' },
    paths: {
      '/room': {
        get: {
          operationId: 'listConversations',
          parameters: [
            { name: 'includeStatus', in: 'query', schema: { type: 'boolean' } },
            { name: 'modifiedSince', in: 'query', schema: { type: 'integer' }, 'x-talk-added': 'v4' },
            { $ref: '#/components/parameters/legacyParam' },
          ],
          responses: { '200': ok, '304': { description: 'Not modified', 'x-talk-added': 'v3' } },
        },
      },
      '/room/note-to-self': { 'x-talk-added': 'v4', get: { operationId: 'getNoteToSelfConversation', responses: { '200': ok } } },
      '/room/{token}/old': { get: { operationId: 'oldOnly', 'x-talk-removed': 'v2', responses: { '200': ok } } },
      '/chat/{token}': {
        'x-talk-base-path': '/ocs/v2.php/apps/spreed/api/v1',
        get: { operationId: 'receiveMessages', responses: { '200': ok } },
      },
    },
    components: {
      parameters: { legacyParam: { name: 'legacy', in: 'query', schema: { type: 'string' }, 'x-talk-removed': 'v3' } },
      schemas: {
        Room: {
          type: 'object',
          required: ['token', 'count', 'description', 'legacy'],
          properties: {
            token: { type: 'string' },
            count: { type: 'integer', 'x-talk-removed': 'v2' },
            description: { type: 'string', 'x-talk-added': 'v3' },
            type: { $ref: '#/components/schemas/ConversationType' },
            legacy: { $ref: '#/components/schemas/LegacyThing' },
            lastMessage: { oneOf: [{ $ref: '#/components/schemas/LegacyThing' }, { type: 'object' }] },
          },
        },
        ConversationType: {
          type: 'integer',
          enum: [1, 2, 6],
          'x-enum-varnames': ['ONE_TO_ONE', 'GROUP', 'NOTE_TO_SELF'],
          'x-enum-descriptions': ['One to one', 'Group', 'Note to self'],
          'x-talk-enum-versions': { '6': { added: 'v4' } },
        },
        LegacyThing: { type: 'object', 'x-talk-removed': 'v2' },
        Unused: { type: 'string' },
        UsedOnlyByUnused: { type: 'string' },
        UnusedChain: { $ref: '#/components/schemas/UsedOnlyByUnused' },
      },
    },
  };
}

const schemasOf = (doc: JsonObject) => ((doc.components as JsonObject).schemas ?? {}) as Record<string, JsonObject>;
const roomOf = (doc: JsonObject) => schemasOf(doc).Room as { required: string[]; properties: Record<string, JsonObject> };
const V1 = '/ocs/v2.php/apps/spreed/api/v1';

describe('sliceForVersion', () => {
  test('does not modify its input', () => {
    const full = fixture();
    sliceForVersion(full, 'v1');
    expect(full).toEqual(fixture());
  });

  test('concrete paths: default base per version, x-talk-base-path fixed, annotation removed', () => {
    const v4 = sliceForVersion(fixture(), 'v4');
    expect(Object.keys(v4.paths as JsonObject).sort()).toEqual(
      [`${V1}/chat/{token}`, '/ocs/v2.php/apps/spreed/api/v4/room', '/ocs/v2.php/apps/spreed/api/v4/room/note-to-self'].sort(),
    );
    expect(JSON.stringify(v4)).not.toContain('x-talk-base-path');
    expect(v4['x-talk-api-version']).toBe('v4');
  });

  const operations: Array<[string, { version: ApiVersion; want: string[] }]> = [
    ['v1 has the v1-only operation, not the v4 one', { version: 'v1', want: ['listConversations', 'oldOnly', 'receiveMessages'] }],
    ['v3 has neither', { version: 'v3', want: ['listConversations', 'receiveMessages'] }],
    ['v4 has the path item added in v4', { version: 'v4', want: ['getNoteToSelfConversation', 'listConversations', 'receiveMessages'] }],
  ];
  test.each(operations)('operations: %s', (_name, { version, want }) => {
    const paths = sliceForVersion(fixture(), version).paths as Record<string, Record<string, { operationId: string }>>;
    expect(
      Object.values(paths)
        .map((item) => item.get.operationId)
        .sort(),
    ).toEqual(want);
  });

  const properties: Array<[string, { version: ApiVersion; want: string[]; required: string[] }]> = [
    ['v1 keeps removed-later fields', { version: 'v1', want: ['count', 'lastMessage', 'legacy', 'token', 'type'], required: ['token', 'count', 'legacy'] }],
    ['v2 drops count and the $ref to a v1-only component', { version: 'v2', want: ['lastMessage', 'token', 'type'], required: ['token'] }],
    ['v3 adds description', { version: 'v3', want: ['description', 'lastMessage', 'token', 'type'], required: ['token', 'description'] }],
  ];
  test.each(properties)('properties and required pruning: %s', (_name, { version, want, required }) => {
    const room = roomOf(sliceForVersion(fixture(), version));
    expect(Object.keys(room.properties).sort()).toEqual(want);
    expect(room.required).toEqual(required);
  });

  test('a oneOf branch that $refs an excluded component is dropped', () => {
    expect(roomOf(sliceForVersion(fixture(), 'v1')).properties.lastMessage.oneOf).toHaveLength(2);
    expect(roomOf(sliceForVersion(fixture(), 'v2')).properties.lastMessage.oneOf).toEqual([{ type: 'object' }]);
  });

  const parameters: Array<[string, { version: ApiVersion; want: string[] }]> = [
    ['v1: legacy $ref parameter, no modifiedSince', { version: 'v1', want: ['includeStatus', 'legacy'] }],
    ['v3: neither', { version: 'v3', want: ['includeStatus'] }],
    ['v4: modifiedSince', { version: 'v4', want: ['includeStatus', 'modifiedSince'] }],
  ];
  test.each(parameters)('parameters (inline and $ref): %s', (_name, { version, want }) => {
    const slice = sliceForVersion(fixture(), version);
    const get = (Object.values(slice.paths as JsonObject)[0] as { get: { parameters: Array<{ name?: string; $ref?: string }> } }).get;
    const names = get.parameters.map(
      (p) => p.name ?? ((slice.components as JsonObject).parameters as Record<string, { name: string }>)[p.$ref!.split('/').pop()!].name,
    );
    expect(names).toEqual(want);
  });

  test('response status codes follow their annotation', () => {
    const statuses = (v: ApiVersion) =>
      Object.keys((Object.values(sliceForVersion(fixture(), v).paths as JsonObject)[0] as { get: { responses: object } }).get.responses);
    expect(statuses('v2')).toEqual(['200']);
    expect(statuses('v3')).toEqual(['200', '304']);
  });

  const enums: Array<[string, { version: ApiVersion; want: { enum: number[]; names: string[]; descriptions: string[] } }]> = [
    [
      'v3 lacks the v4 enum value in enum, x-enum-varnames and x-enum-descriptions',
      { version: 'v3', want: { enum: [1, 2], names: ['ONE_TO_ONE', 'GROUP'], descriptions: ['One to one', 'Group'] } },
    ],
    [
      'v4 has it',
      { version: 'v4', want: { enum: [1, 2, 6], names: ['ONE_TO_ONE', 'GROUP', 'NOTE_TO_SELF'], descriptions: ['One to one', 'Group', 'Note to self'] } },
    ],
  ];
  test.each(enums)('enum versions: %s', (_name, { version, want }) => {
    const type = schemasOf(sliceForVersion(fixture(), version)).ConversationType;
    expect({ enum: type.enum, names: type['x-enum-varnames'], descriptions: type['x-enum-descriptions'] }).toEqual(want);
    expect(type).not.toHaveProperty('x-talk-enum-versions');
  });

  const components: Array<[string, { version: ApiVersion; want: string[] }]> = [
    ['v1 keeps the component only v1 uses', { version: 'v1', want: ['ConversationType', 'LegacyThing', 'Room'] }],
    ['v2 prunes it (and the never-used ones)', { version: 'v2', want: ['ConversationType', 'Room'] }],
  ];
  test.each(components)('unused component pruning: %s', (_name, { version, want }) => {
    expect(Object.keys(schemasOf(sliceForVersion(fixture(), version))).sort()).toEqual(want);
  });

  test('an excluded component parameter is pruned from components.parameters', () => {
    expect(Object.keys((sliceForVersion(fixture(), 'v2').components as JsonObject).parameters as JsonObject)).toEqual(['legacyParam']);
    expect((sliceForVersion(fixture(), 'v3').components as JsonObject).parameters).toBeUndefined();
  });

  test('two source paths that become one concrete path are a SlicePathCollisionError naming both', () => {
    const full = fixture();
    (full.paths as JsonObject)['/v1/chat/{id}'] = {
      'x-talk-base-path': '/ocs/v2.php/apps/spreed/api',
      get: { operationId: 'receiveMessagesAgain', responses: { '200': ok } },
    };
    let thrown: unknown;
    try {
      sliceForVersion(full, 'v2');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SlicePathCollisionError);
    const { collisions } = thrown as SlicePathCollisionError;
    expect(collisions).toEqual([{ version: 'v2', path: `${V1}/chat/{id}`, sources: ['/chat/{token}', '/v1/chat/{id}'] }]);
    expect((thrown as Error).message).toContain('#/paths/~1chat~1{token}');
  });

  const examples: Array<[string, { version: ApiVersion; want: JsonObject[] }]> = [
    ['v1 examples lose description (added v3)', { version: 'v1', want: [{ token: 'a', count: 2, type: 1, extra: true }] }],
    ['v3 examples lose count (removed v2)', { version: 'v3', want: [{ token: 'a', description: 'd', type: 1, extra: true }] }],
  ];
  test.each(examples)('example trimming: %s (media type example/examples, schema example)', (_name, { version, want }) => {
    const full = fixture();
    const room = { token: 'a', count: 2, description: 'd', type: 1, extra: true };
    const media = { schema: { type: 'array', items: { $ref: '#/components/schemas/Room' } }, example: [room], examples: { one: { value: [room] } } };
    const paths = full.paths as Record<string, { get: { responses: Record<string, Json> } }>;
    paths['/room'].get.responses['200'] = { description: 'OK', content: { 'application/json': media } };
    (schemasOf(full).Room as JsonObject).example = room;
    const slice = sliceForVersion(full, version);
    const sliced = (
      Object.values(slice.paths as JsonObject)[0] as {
        get: { responses: { '200': { content: { 'application/json': { example: Json; examples: { one: { value: Json } } } } } } };
      }
    ).get.responses['200'].content['application/json'];
    expect(sliced.example).toEqual(want);
    expect(sliced.examples.one.value).toEqual(want);
    expect(roomOf(slice)).toHaveProperty('example', want[0]);
    expect(full).not.toEqual(fixture()); // the edits above are in the input ...
    expect((schemasOf(full).Room as JsonObject).example).toEqual(room); // ... and the input was not trimmed
  });

  test('a path item whose every operation is excluded disappears', () => {
    const v2 = sliceForVersion(fixture(), 'v2');
    expect(Object.keys(v2.paths as JsonObject).some((p) => p.endsWith('/old'))).toBe(false);
  });
});

describe('pruneUnusedComponents', () => {
  test('keeps what paths reach transitively, drops the rest and empty groups, keeps securitySchemes', () => {
    const doc: JsonObject = {
      paths: { '/a': { get: { responses: { '200': { $ref: '#/components/responses/A' } } } } },
      components: {
        responses: { A: { description: 'a', content: { 'application/json': { schema: { $ref: '#/components/schemas/B' } } } } },
        schemas: { B: { properties: { c: { $ref: '#/components/schemas/C' } } }, C: { type: 'string' }, D: { $ref: '#/components/schemas/C' } },
        headers: { Unused: { schema: { type: 'string' } } },
        securitySchemes: { basicAuth: { type: 'http', scheme: 'basic' } },
      },
    };
    pruneUnusedComponents(doc);
    const components = doc.components as Record<string, JsonObject>;
    expect(Object.keys(components).sort()).toEqual(['responses', 'schemas', 'securitySchemes']);
    expect(Object.keys(components.schemas).sort()).toEqual(['B', 'C']);
  });

  test('a self-referencing component does not loop', () => {
    const doc: JsonObject = {
      paths: {
        '/a': { get: { responses: { '200': { description: 'x', content: { 'application/json': { schema: { $ref: '#/components/schemas/Tree' } } } } } } },
      },
      components: { schemas: { Tree: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Tree' } } } } } },
    };
    pruneUnusedComponents(doc);
    expect(Object.keys((doc.components as Record<string, JsonObject>).schemas)).toEqual(['Tree']);
  });
});
