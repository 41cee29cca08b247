import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runGenerate, staleGeneratedFiles } from '../../src/commands/generate.js';
import { GENERATED_MARK } from '../../src/emit/header.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..', '..');
const specDir = path.join(repo, 'packages/spec/dist');
const scratch: string[] = [];

async function tempRepo(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'talk-contract-generate-'));
  scratch.push(root);
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), content);
  }
  return root;
}

async function tree(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out[path.relative(root, file).split(path.sep).join('/')] = await readFile(file, 'utf8');
  }
  return out;
}

afterEach(async () => {
  await Promise.all(scratch.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('staleGeneratedFiles', () => {
  it('lists generated files the emitters no longer write, never hand-written ones or other folders', async () => {
    const generated = `${GENERATED_MARK} (test)\nexport {};\n`;
    const root = await tempRepo({
      'packages/x/src/generated/kept.ts': generated,
      'packages/x/src/generated/old/v5.ts': generated,
      'packages/x/src/generated/notes.ts': '// hand-written\n',
      'packages/x/src/other.ts': generated,
      'packages/y/src/generated/untouched.ts': generated,
    });
    expect(await staleGeneratedFiles(root, ['packages/x/src/generated/kept.ts'])).toEqual(['packages/x/src/generated/old/v5.ts']);
  });
});

describe('runGenerate', () => {
  it('writes every output with the header, removes a renamed output, and is deterministic', async () => {
    const root = await tempRepo({ 'packages/types/src/generated/v5.ts': `${GENERATED_MARK}\nexport type Gone = 1;\n` });
    const written = await runGenerate(root, specDir);
    expect(written).toContain('packages/types/src/generated/v4.ts');
    expect(written).toContain('packages/server/src/generated/contract/v4.ts');
    const first = await tree(root);
    expect(Object.keys(first).sort()).toEqual([...written].sort());
    for (const content of Object.values(first)) expect(content.startsWith(GENERATED_MARK)).toBe(true);
    await runGenerate(root, specDir);
    expect(await tree(root)).toEqual(first);
  });

  it('writes nothing when the bundled spec is missing, and names the file', async () => {
    const root = await tempRepo({});
    await expect(runGenerate(root, path.join(root, 'no-such-dir'))).rejects.toThrow(/openapi\.json/);
    expect(await tree(root)).toEqual({});
  });
});
