// The contract meets real Talk: every recorded exchange of ../shared/real-talk (both releases, configured/ included)
// is matched to its operation and checked against the release's slice and against the combined v4 slice (which must
// be true for every supported release). Fails below 100%; allow-list entries are printed with their reasons.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { TALK_RELEASES, TALK_RELEASE_FACTS, releaseSliceFile } from '../../generator/src/load/talk-releases.js';
import { REPO_ROOT, findTalkSources, talkSource } from '../support/talk-sources.js';
import { describeProblems, readAllowList, runConformance } from './conformance-run.js';

const sources = findTalkSources('realTalk');
if (!sources.present) console.log(`conformance suite ${sources.reason}`);
const recorded = TALK_RELEASES.filter((r) => TALK_RELEASE_FACTS[r].recorded);
const allowList = readAllowList();
/**
 * Recorded requests that are not the Talk API: the WebDAV uploads of the files the scenarios share. Every other
 * recorded request must belong to an operation of the contract.
 */
const NOT_TALK_API = [/^PUT \/remote\.php\/dav\//];
const readSlice = (file: string) => JSON.parse(readFileSync(path.join(REPO_ROOT, 'packages/spec/dist', file), 'utf8'));

describe.skipIf(!sources.present)('real Talk exchanges are on-contract', () => {
  for (const release of recorded) {
    const facts = TALK_RELEASE_FACTS[release];
    const folder = path.join(talkSource.realTalk, facts.recorded!.folder);
    for (const file of [releaseSliceFile(release), `openapi.${facts.apiVersion}.json`]) {
      test(`Talk ${facts.recorded!.talk} vs ${file}`, () => {
        const result = runConformance(folder, readSlice(file), release, allowList);
        console.log(
          `real Talk ${facts.recorded!.talk}: ${result.onContract}/${result.matched.length} exchanges on-contract (${file}), undeclared fields ${result.undeclaredFields}, ${[...result.outside.values()].reduce((a, b) => a + b, 0)} outside the contract`,
        );
        for (const r of result.matched.filter((x) => x.allowed))
          console.log(`  allowed off-contract: ${r.id} (${r.operationId} ${r.exchange.status}): ${r.allowed!.reason}`);
        expect(result.matched.length, 'recordings matched no operation at all').toBeGreaterThan(500);
        expect(
          [...result.outside.keys()].filter((k) => !NOT_TALK_API.some((re) => re.test(k))),
          'recorded requests of no contract operation',
        ).toEqual([]);
        expect(describeProblems(result), 'off-contract exchanges (operation, problem, count, example step)').toEqual([]);
        expect(result.undeclaredFields).toBe(0);
        expect(result.onContract).toBe(result.matched.length);
        expect(result.unusedAllowListEntries, 'stale allow-list entries (they match no off-contract exchange: remove them)').toEqual([]);
      });
    }
  }
});

describe('the conformance checker itself', () => {
  // Tiny slices prove each check can fail (no recordings needed).
  const slice = {
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths: {
      '/room/{token}': {
        get: {
          operationId: 'getRoom',
          responses: {
            '200': {
              description: 'ok',
              headers: { 'X-Hash': { schema: { type: 'string', pattern: '^[0-9a-f]+$' } } },
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: { id: { type: 'integer' }, items: { type: 'array', items: { $ref: '#/components/schemas/Item' } } },
                    required: ['id'],
                  },
                },
              },
            },
          },
        },
      },
      '/room/note-to-self': { get: { operationId: 'noteToSelf', responses: { '200': { description: 'ok' } } } },
    },
    components: {
      schemas: {
        Item: {
          oneOf: [
            { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
            { type: 'object', properties: { b: { type: 'string' } }, required: ['b'] },
          ],
        },
      },
    },
  };
  const exchange = (status: number, body: unknown, headers: Record<string, string> = {}, pathname = '/room/abc') => ({
    file: 'x.har',
    scenario: 's',
    step: 'st',
    method: 'GET',
    pathname,
    status,
    headers: { 'content-type': 'application/json', ...headers },
    mediaType: body === undefined ? undefined : 'application/json',
    body: body === undefined ? '' : JSON.stringify(body),
  });
  const cases: Array<[string, { given: ReturnType<typeof exchange>; want: { violations: number; undeclared: string[] } }]> = [
    ['valid answer', { given: exchange(200, { id: 1, items: [{ a: 'x' }] }, { 'x-hash': 'ab12' }), want: { violations: 0, undeclared: [] } }],
    ['undocumented status', { given: exchange(412, { message: 'CSRF check failed' }), want: { violations: 1, undeclared: [] } }],
    ['invalid body', { given: exchange(200, { id: 'one' }), want: { violations: 1, undeclared: [] } }],
    ['invalid header', { given: exchange(200, { id: 1 }, { 'x-hash': 'XYZ' }), want: { violations: 1, undeclared: [] } }],
    ['undeclared field at the top', { given: exchange(200, { id: 1, extra: true }), want: { violations: 0, undeclared: ['/extra'] } }],
    [
      'undeclared field inside the matching oneOf branch',
      { given: exchange(200, { id: 1, items: [{ b: 'y', c: 1 }] }), want: { violations: 0, undeclared: ['/items/*/c'] } },
    ],
  ];
  test.each(cases)('%s', async (_name, { given, want }) => {
    const { exchangeChecker } = await import('./check-exchange.js');
    const { operationMatcher } = await import('./operation-matcher.js');
    const match = operationMatcher(slice)('GET', given.pathname)!;
    const findings = exchangeChecker(slice)(given, match);
    expect(findings.violations).toHaveLength(want.violations);
    expect(findings.undeclared).toEqual(want.undeclared);
  });
  test('a literal path segment wins over a parameter', async () => {
    const { operationMatcher } = await import('./operation-matcher.js');
    expect(operationMatcher(slice)('GET', '/room/note-to-self')?.operationId).toBe('noteToSelf');
    expect(operationMatcher(slice)('GET', '/room/abc')?.operationId).toBe('getRoom');
    expect(operationMatcher(slice)('POST', '/room/abc')).toBeUndefined();
  });
});
