import { describe, expect, test } from 'vitest';
import { stableJson } from '../../src/load/stable-json.js';
import { validateOpenApiDocument } from '../../src/load/validate-slice.js';

const ok = { description: 'OK', content: { 'application/json': { schema: { $ref: '#/components/schemas/Room' }, example: { token: 'a' } } } };
function doc(): Record<string, any> {
  return {
    openapi: '3.1.0',
    info: { title: 'Slice', version: '1' },
    paths: {
      '/ocs/v2.php/apps/spreed/api/v4/room/{token}': {
        parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }],
        get: { operationId: 'getConversation', responses: { '200': ok } },
      },
    },
    components: { schemas: { Room: { type: 'object', properties: { token: { type: 'string' } } } } },
  };
}

const lineOf = (document: unknown, marker: string) =>
  stableJson(document)
    .split('\n')
    .findIndex((l) => l.includes(marker)) + 1;

describe('validateOpenApiDocument', () => {
  test('a valid slice has no problems', async () => {
    expect(await validateOpenApiDocument(doc(), 'openapi.v4.json')).toEqual([]);
  });

  const table: Array<[string, { breakIt: (d: Record<string, any>) => void; rule: string; marker: string; above?: number }]> = [
    [
      'path parameter without a definition (e.g. its parameter was sliced away)',
      { breakIt: (d) => delete d.paths['/ocs/v2.php/apps/spreed/api/v4/room/{token}'].parameters, rule: 'path-parameters-defined', marker: '"get": {' },
    ],
    [
      '$ref to a pruned component',
      { breakIt: (d) => delete d.components.schemas.Room, rule: 'no-unresolved-refs', marker: '"$ref": "#/components/schemas/Room"', above: 1 },
    ],
    [
      'not an OpenAPI structure',
      { breakIt: (d) => (d.paths['/ocs/v2.php/apps/spreed/api/v4/room/{token}'].get.responses = []), rule: 'struct', marker: '"responses": []' },
    ],
    [
      'duplicate operationId',
      {
        breakIt: (d) =>
          (d.paths['/ocs/v2.php/apps/spreed/api/v4/room/{token}'].put = { operationId: 'getConversation', responses: { '200': { description: 'OK' } } }),
        rule: 'operation-operationId-unique',
        marker: '"put"',
      },
    ],
  ];
  test.each(table)('%s', async (_name, { breakIt, rule, marker, above = 0 }) => {
    const broken = doc();
    breakIt(broken);
    const problems = await validateOpenApiDocument(broken, 'openapi.v4.json');
    expect(problems.map((p) => p.ruleId)).toContain(rule);
    const problem = problems.find((p) => p.ruleId === rule)!;
    expect(problem.file).toBe('openapi.v4.json');
    expect(problem.pointer).toMatch(/^#\//);
    // Reported at the object that holds the bad value (`above` lines above the marker).
    expect(problem.line).toBe(lineOf(broken, marker) - above);
  });
});
