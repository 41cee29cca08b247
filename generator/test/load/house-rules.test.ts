import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { lintSourceSpec } from '../../src/load/lint-source.js';

/** A tiny multi-file spec that passes every house rule; each case breaks one thing in it. */
const BASE: Record<string, string> = {
  'redocly.yaml': `extends: [minimal]
rules:
  talk/operation-tags: error
  talk/success-example: error
  talk/version-annotations: error
  talk/capability-annotation: error
  talk/base-path-placement: error
`,
  'openapi/openapi.yaml': `openapi: 3.1.0
info: { title: Fixture, version: '1' }
servers: [{ url: 'https://cloud.nextcloud.test/ocs/v2.php/apps/spreed/api/v4' }]
security: [{ basicAuth: [] }]
tags:
  - name: conversation
    description: Conversations.
paths:
  /room:
    $ref: paths/room.yaml
  /chat/{token}:
    $ref: paths/chat_{token}.yaml
components:
  securitySchemes:
    basicAuth: { type: http, scheme: basic }
`,
  'openapi/paths/room.yaml': `x-talk-added: v2
get:
  operationId: listConversations
  tags: [conversation]
  summary: List conversations
  x-talk-capability: favorites
  parameters:
    - name: modifiedSince
      in: query
      x-talk-added: v3
      schema: { type: integer }
  responses:
    '200':
      description: OK
      content:
        application/json:
          schema: { $ref: ../components/schemas/Room.yaml }
          example: { token: abc, kind: 1 }
    '404':
      description: Not found
`,
  'openapi/paths/chat_{token}.yaml': `x-talk-base-path: /ocs/v2.php/apps/spreed/api/v1
get:
  operationId: receiveMessages
  tags: [conversation]
  summary: Receive messages
  x-talk-capability: [chat-v2, federation-v1]
  parameters:
    - name: token
      in: path
      required: true
      schema: { type: string }
  responses:
    '200':
      description: OK
      content:
        application/json:
          schema: { type: array }
          examples:
            empty: { value: [] }
    '304':
      description: Not modified
    '404':
      description: Not found
`,
  'openapi/components/schemas/Room.yaml': `type: object
properties:
  token: { type: string }
  count: { type: integer, x-talk-removed: v2 }
  kind:
    type: integer
    enum: [1, 2, 6]
    x-talk-enum-versions:
      '6': { added: v4 }
`,
};

const ROOM = 'openapi/paths/room.yaml';
const SCHEMA = 'openapi/components/schemas/Room.yaml';
const CHAT = 'openapi/paths/chat_{token}.yaml';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function writeFixture(edit?: { file: string; from: string; to: string }): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'talk-house-rules-'));
  dirs.push(dir);
  for (const [file, content] of Object.entries(BASE)) {
    let text = content;
    if (edit?.file === file) {
      if (!text.includes(edit.from)) throw new Error(`fixture ${file} has no ${JSON.stringify(edit.from)}`);
      text = text.replace(edit.from, edit.to);
    }
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const lineOf = (dir: string, file: string, marker: string): number =>
  readFileSync(path.join(dir, file), 'utf8')
    .split('\n')
    .findIndex((line) => line.includes(marker)) + 1;

interface Case {
  edit: { file: string; from: string; to: string };
  want: { ruleId: string; file: string; marker: string; message: RegExp };
}

const cases: Array<[string, Case]> = [
  [
    'unknown x-talk-added',
    {
      edit: { file: ROOM, from: 'x-talk-added: v3', to: 'x-talk-added: v7' },
      want: { ruleId: 'talk/version-annotations', file: ROOM, marker: 'x-talk-added: v7', message: /v7.*Fix: use one of v1, v2, v3, v4/ },
    },
  ],
  [
    'unknown version next to a $ref',
    {
      edit: {
        file: ROOM,
        from: 'schema: { $ref: ../components/schemas/Room.yaml }',
        to: 'schema: { $ref: ../components/schemas/Room.yaml, x-talk-added: v9 }',
      },
      want: { ruleId: 'talk/version-annotations', file: ROOM, marker: 'x-talk-added: v9', message: /v9/ },
    },
  ],
  [
    '$ref sibling added before its path item (widening)',
    {
      edit: {
        file: ROOM,
        from: 'schema: { $ref: ../components/schemas/Room.yaml }',
        to: 'schema: { $ref: ../components/schemas/Room.yaml, x-talk-added: v1 }',
      },
      want: { ruleId: 'talk/version-annotations', file: ROOM, marker: 'x-talk-added: v1', message: /earlier than the enclosing node/ },
    },
  ],
  [
    'x-talk-removed: v1',
    {
      edit: { file: SCHEMA, from: 'x-talk-removed: v2', to: 'x-talk-removed: v1' },
      want: { ruleId: 'talk/version-annotations', file: SCHEMA, marker: 'x-talk-removed: v1', message: /Fix: use one of v2, v3, v4/ },
    },
  ],
  [
    'removed in the version it was added',
    {
      edit: { file: SCHEMA, from: 'x-talk-removed: v2', to: 'x-talk-added: v3, x-talk-removed: v3' },
      want: { ruleId: 'talk/version-annotations', file: SCHEMA, marker: 'x-talk-removed: v3', message: /not later than.*Fix:/ },
    },
  ],
  [
    'removed before it was added',
    {
      edit: { file: SCHEMA, from: 'x-talk-removed: v2', to: 'x-talk-added: v4, x-talk-removed: v2' },
      want: { ruleId: 'talk/version-annotations', file: SCHEMA, marker: 'x-talk-removed: v2', message: /not later than/ },
    },
  ],
  [
    'parameter added before its path item (widening)',
    {
      edit: { file: ROOM, from: 'x-talk-added: v3', to: 'x-talk-added: v1' },
      want: {
        ruleId: 'talk/version-annotations',
        file: ROOM,
        marker: 'x-talk-added: v1',
        message: /earlier than the enclosing node.*Fix: drop the annotation or set it to v2 or later/,
      },
    },
  ],
  [
    'operation outliving its path item (widening)',
    {
      edit: { file: ROOM, from: 'x-talk-added: v2\n', to: 'x-talk-added: v2\nx-talk-removed: v3\n' },
      want: { ruleId: 'talk/version-annotations', file: ROOM, marker: '      x-talk-added: v3', message: /exists in no API version its enclosing node/ },
    },
  ],
  [
    'enum value with an unknown version',
    {
      edit: { file: SCHEMA, from: "'6': { added: v4 }", to: "'6': { added: v0 }" },
      want: { ruleId: 'talk/version-annotations', file: SCHEMA, marker: 'added: v0', message: /Enum value "6".*v0/ },
    },
  ],
  [
    'enum value removed before added',
    {
      edit: { file: SCHEMA, from: "'6': { added: v4 }", to: "'6': { added: v4, removed: v3 }" },
      want: { ruleId: 'talk/version-annotations', file: SCHEMA, marker: 'removed: v3', message: /Enum value "6".*not later than/ },
    },
  ],
  [
    'enum version for a value not in enum',
    {
      edit: { file: SCHEMA, from: "'6': { added: v4 }", to: "'7': { added: v4 }" },
      want: { ruleId: 'talk/version-annotations', file: SCHEMA, marker: "'7'", message: /not in this schema's `enum`/ },
    },
  ],
  [
    'empty capability',
    {
      edit: { file: ROOM, from: 'x-talk-capability: favorites', to: "x-talk-capability: ''" },
      want: { ruleId: 'talk/capability-annotation', file: ROOM, marker: 'x-talk-capability', message: /Fix: write the name from capabilities.md/ },
    },
  ],
  [
    'capability list with a non-string',
    {
      edit: { file: CHAT, from: '[chat-v2, federation-v1]', to: '[chat-v2, 3]' },
      want: { ruleId: 'talk/capability-annotation', file: CHAT, marker: 'x-talk-capability', message: /not a capability name/ },
    },
  ],
  [
    'x-talk-base-path on an operation',
    {
      edit: { file: ROOM, from: '  summary: List conversations\n', to: '  summary: List conversations\n  x-talk-base-path: /ocs/v2.php/apps/spreed/api/v1\n' },
      want: { ruleId: 'talk/base-path-placement', file: ROOM, marker: 'x-talk-base-path', message: /only allowed on a path item/ },
    },
  ],
  [
    'x-talk-base-path that is not an absolute path',
    {
      edit: { file: CHAT, from: 'x-talk-base-path: /ocs/v2.php/apps/spreed/api/v1', to: 'x-talk-base-path: ocs/v2.php/apps/spreed/api/v1/' },
      want: { ruleId: 'talk/base-path-placement', file: CHAT, marker: 'x-talk-base-path', message: /leading slash, no trailing slash/ },
    },
  ],
  [
    'operation without tags',
    {
      edit: { file: ROOM, from: '  tags: [conversation]\n', to: '' },
      want: { ruleId: 'talk/operation-tags', file: ROOM, marker: 'get:', message: /no tag.*Fix: add `tags/ },
    },
  ],
  [
    '2xx JSON response without example',
    {
      edit: { file: ROOM, from: '          example: { token: abc, kind: 1 }\n', to: '' },
      want: { ruleId: 'talk/success-example', file: ROOM, marker: "'200':", message: /"listConversations" has no example.*Fix: add a realistic `example:`/ },
    },
  ],
];

describe('house lint rules (openapi/plugins/talk-rules.js, in-process with @redocly/openapi-core)', () => {
  test('the fixture is clean: annotations inside a $ref target are not narrowed by the referring path item', async () => {
    const dir = writeFixture();
    expect(await lintSourceSpec(path.join(dir, 'openapi/openapi.yaml'))).toEqual([]);
  });

  test.each(cases)('%s', async (_name, { edit, want }) => {
    const dir = writeFixture(edit);
    const problems = await lintSourceSpec(path.join(dir, 'openapi/openapi.yaml'));
    expect(problems.map((p) => p.ruleId)).toEqual([want.ruleId]);
    const [problem] = problems;
    expect(problem.severity).toBe('error');
    expect(problem.file).toBe(path.join(dir, want.file));
    expect(problem.line).toBe(lineOf(dir, want.file, want.marker));
    expect(problem.message).toMatch(want.message);
    expect(problem.message).toContain('Fix:');
  });

  test('a config without the plugin still gets the enforced annotation rules', async () => {
    const dir = writeFixture({ file: ROOM, from: 'x-talk-added: v3', to: 'x-talk-added: v7' });
    writeFileSync(path.join(dir, 'redocly.yaml'), 'extends: [minimal]\n');
    const problems = await lintSourceSpec(path.join(dir, 'openapi/openapi.yaml'));
    expect(problems.filter((p) => p.severity === 'error').map((p) => p.ruleId)).toEqual(['talk/version-annotations']);
  });
});
