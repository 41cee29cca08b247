// What an app bundle of the facade holds: a small app from src/ bundled as the size benchmark bundles it
// (test/bench/app-bundle.ts); its metafile and output show whether the status meanings came along.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleApp } from '../../../test/bench/app-bundle.js';
import { describeStatus } from '../src/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const MEANINGS = 'src/generated/status-meanings.ts';

async function bundle(app: string[]): Promise<{ inputs: string[]; code: string }> {
  const { metafile, text } = await bundleApp(["import { createTalkClient } from '../src/index.js';", ...app].join('\n'), here);
  const output = Object.values(metafile.outputs)[0]!;
  const inputs = Object.entries(output.inputs)
    .filter(([, info]) => info.bytesInOutput > 0)
    .map(([file]) => path.relative(path.resolve(here, '..'), path.resolve(file)));
  return { inputs, code: text };
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
