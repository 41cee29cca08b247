import { build } from 'esbuild';
const repo = '/work/wt-connect';
const which = process.argv[2] ?? 'plain';
const src = process.argv[3] ?? '/work/wt-connect/packages/client/src/index.ts';
const plain = which === 'plain' ? `import { createTalkClient } from '${src}';\nconst talk = createTalkClient({ baseUrl: 'https://cloud.example.com', apiVersion: 'v4' });\nconsole.log(await talk.conversations.list());`
 : `import { connectTalk } from '${src}';\nconst talk = await connectTalk({ baseUrl: 'https://cloud.example.com', session: 'memory' });\nconsole.log(await talk.conversations.list(), talk.capabilities.has('audio'));`;
const r = await build({ stdin: { contents: plain, resolveDir: repo, loader: 'ts' }, bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent', metafile: true, nodePaths: [`${repo}/node_modules`] });
const out = Object.values(r.metafile.outputs)[0];
for (const [k, v] of Object.entries(out.inputs)) if (!k.includes('generated')) console.log(k.replace(repo, '').replace('/tmp/oldc', ''), v.bytesInOutput);
