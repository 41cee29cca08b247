// Every operation's code sample (x-codeSamples on the reference pages) is written to a scratch project and
// type-checked with tsc against the built @talk-contract/client, so the samples cannot drift from the client.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeSamples, withCodeSamples } from '../src/code-samples.mjs';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');
const tsc = path.join(repo, 'node_modules/typescript/bin/tsc');
const versions = ['v1', 'v2', 'v3', 'v4'] as const;
const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
const specFile = (name: string) => fileURLToPath(import.meta.resolve(`@talk-contract/spec/${name}`));

let contract: { full: Record<string, unknown>; slices: Record<string, Record<string, unknown>> };
let scratch = '';
beforeAll(async () => {
  const slices = Object.fromEntries(await Promise.all(versions.map(async (v) => [v, await readJson(specFile(`openapi.${v}.json`))])));
  contract = { full: await readJson(specFile('openapi.json')), slices };
  scratch = await mkdtemp(path.join(os.tmpdir(), 'talk-docs-samples-'));
});
afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

const operationIds = (slice: Record<string, unknown>) =>
  Object.values(slice.paths as Record<string, Record<string, { operationId?: string }>>)
    .flatMap((item) => ['get', 'put', 'post', 'delete', 'patch'].map((m) => item[m]?.operationId))
    .filter((id): id is string => typeof id === 'string')
    .sort();

describe('code samples of the reference pages', () => {
  it('every operation of every version has one, calling the facade method of that operation', () => {
    for (const v of versions) {
      const samples = codeSamples(contract, v);
      expect([...samples.keys()].sort(), v).toEqual(operationIds(contract.slices[v]!));
      const page = withCodeSamples(contract.slices[v], samples) as {
        paths: Record<string, Record<string, { 'x-codeSamples'?: { lang: string; source: string }[] }>>;
      };
      for (const item of Object.values(page.paths))
        for (const op of Object.values(item))
          if (typeof op === 'object' && op && 'operationId' in op) expect(op['x-codeSamples']?.[0]?.lang).toBe('TypeScript');
    }
    const get = codeSamples(contract, 'v4').get('getConversation')!;
    expect(get).toContain("import { createTalkClient } from '@talk-contract/client';");
    expect(get).toContain("await talk.conversations.get('abc123xy');");
    expect(codeSamples(contract, 'v4').get('sendMessage')).toMatch(/await talk\.chat\.send\('abc123xy', \{ message: '[^']+' \}\);/);
  });

  it('type-check against the built client (tsc, strict)', async () => {
    const files: string[] = [];
    for (const v of versions) {
      for (const [id, source] of codeSamples(contract, v)) {
        const name = `${v}-${id}.ts`;
        await writeFile(path.join(scratch, name), source);
        files.push(name);
      }
    }
    const clientTypes = path.join(repo, 'packages/client/dist/index.d.ts');
    await writeFile(
      path.join(scratch, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'Bundler',
          strict: true,
          noEmit: true,
          lib: ['ES2022', 'DOM'],
          types: [],
          paths: { '@talk-contract/client': [clientTypes] },
        },
        files,
      }),
    );
    const result = await run(process.execPath, [tsc, '-p', scratch], { cwd: scratch }).then(
      () => '',
      (e: { stdout?: string }) => e.stdout ?? String(e),
    );
    expect(result).toBe('');
    // And a sample that calls the facade wrongly does fail (the check is real).
    await writeFile(
      path.join(scratch, files[0]!),
      (await readFile(path.join(scratch, files[0]!), 'utf8')).replace(/await talk\.(\w+)\.(\w+)\(/, 'await talk.$1.$2Typo('),
    );
    const broken = await run(process.execPath, [tsc, '-p', scratch], { cwd: scratch }).then(
      () => '',
      (e: { stdout?: string }) => e.stdout ?? '',
    );
    expect(broken).toMatch(/error TS2551|error TS2339/);
  }, 120_000);
});
