// What an app bundle of the facade holds: esbuild (as the size benchmark bundles it, test/bench/client.bench.ts)
// bundles a small app from src/, and its metafile and output show whether the status meanings came along.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { describeStatus } from '../src/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const MEANINGS = 'src/generated/status-meanings.ts';

async function bundle(app: string[]): Promise<{ inputs: string[]; code: string }> {
  const result = await build({
    stdin: { contents: ["import { createTalkClient } from '../src/index.js';", ...app].join('\n'), resolveDir: here, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const meta = result.metafile as Metafile;
  const output = Object.values(meta.outputs)[0]!;
  const inputs = Object.entries(output.inputs)
    .filter(([, info]) => info.bytesInOutput > 0)
    .map(([file]) => path.relative(path.resolve(here, '..'), path.resolve(file)));
  return { inputs, code: result.outputFiles[0]!.text };
}

const app = [
  "const talk = createTalkClient({ baseUrl: 'https://cloud.example.com', apiVersion: 'v4', auth: { user: 'alice', appPassword: 'secret' } });",
  'const { data } = await talk.conversations.list();',
  'console.log(data.length);',
];
// Meanings a facade bundle would carry if the table still held them: a common one and a rare one.
const sampleMeanings = [describeStatus('receiveMessages', 412, 'v4')!, describeStatus('addParticipant', 501, 'v4')!];

describe('facade bundle', () => {
  it('an app using the facade (and the error classes) bundles neither the status meanings module nor any meaning', async () => {
    const { inputs, code } = await bundle([
      ...app,
      "import { TalkApiError, isTalkApiError } from '../src/index.js';",
      'console.log(TalkApiError, isTalkApiError);',
    ]);
    expect(inputs).toContain('src/generated/operations.ts');
    expect(inputs).not.toContain(MEANINGS);
    for (const meaning of sampleMeanings) expect(code).not.toContain(meaning.slice(0, 40));
  }, 30_000);

  it('an app that passes describeStatus bundles the meanings (so the check above can see them)', async () => {
    const { inputs, code } = await bundle([
      "import { describeStatus } from '../src/index.js';",
      "const talk = createTalkClient({ baseUrl: 'https://cloud.example.com', apiVersion: 'v4', describeStatus });",
      'console.log(await talk.conversations.list());',
    ]);
    expect(inputs).toContain(MEANINGS);
    for (const meaning of sampleMeanings) expect(code).toContain(meaning.slice(0, 40));
  }, 30_000);
});
