// Builds the docs site into dist/: a landing page, one Redocly reference page per API version slice
// (--inlineBundle, so every page works offline) and, where available, a "What changed" page per version step.
// Every page shares the same navigation bar and look.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, mkdir, rename } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderLandingPage } from './src/landing-page.mjs';
import { siteCss, siteNav } from './src/site-style.mjs';
import { renderChangePages } from './src/change-pages.mjs';
import { withReleaseNotes } from './src/release-notes.mjs';
import { renderConstantsPage, withConstantNotes } from './src/constants-notes.mjs';
import { codeSamples, referenceOptions, withCodeSamples } from './src/code-samples.mjs';
import { referenceTitle } from './src/reference-title.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const specDir = path.dirname(require.resolve('@talk-contract/spec/openapi.json'));
const redoclyBin = path.join(path.dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');
const spec = await import('@talk-contract/spec');
const versions = [...spec.apiVersions];
const outDir = path.join(here, 'dist');
const stageDir = await mkdtemp(path.join(os.tmpdir(), 'talk-docs-'));

const readJson = async (file) => JSON.parse(await readFile(file, 'utf8'));
const full = await readJson(path.join(specDir, 'openapi.json'));
const slices = Object.fromEntries(await Promise.all(versions.map(async (v) => [v, await readJson(path.join(specDir, `openapi.${v}.json`))])));

function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, REDOCLY_TELEMETRY: 'off' } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${path.basename(args[0])} ${args.slice(1).join(' ')} exited ${code}:\n${output}`)),
    );
  });
}

try {
  const changes = await renderChangePages({ slices, versions });
  const changePages = changes.map((c) => c.name);
  const files = [];

  files.push({ name: 'index.html', content: renderLandingPage({ full, slices, versions, changePages }) });
  files.push({ name: 'constants.html', content: renderConstantsPage({ slice: slices.v4, versions, changePages }) });
  for (const page of changes) {
    files.push({ name: `${page.name}.html`, content: page.render((current) => siteNav({ current, versions, changePages }), siteCss) });
  }

  // Redoc options of every reference page: examples expanded, the @talk-contract/client sample first.
  const redoclyConfig = path.join(stageDir, 'redocly.yaml'); // JSON is YAML
  await writeFile(redoclyConfig, JSON.stringify({ openapi: referenceOptions }));

  // One Redocly page per slice, two at a time (this machine has 2 cores).
  const template = await readFile(path.join(here, 'template.hbs'), 'utf8');
  const buildVersion = async (v) => {
    const templateFile = path.join(stageDir, `template.${v}.hbs`);
    await writeFile(
      templateFile,
      template.replace('<!--SITE-STYLE-->', `<style>${siteCss}</style>`).replace('<!--SITE-NAV-->', siteNav({ current: `${v}.html`, versions, changePages })),
    );
    const out = path.join(stageDir, `${v}.html`);
    // The page shows which Talk releases have each node and where real Talk differs from its docs, the meaning of
    // every enum value and flag, a @talk-contract/client sample per operation, and a title without duplication.
    const source = path.join(stageDir, `openapi.${v}.json`);
    const page = withCodeSamples(withConstantNotes(withReleaseNotes(slices[v], spec.talkReleases)), codeSamples({ full, slices }, v));
    await writeFile(source, JSON.stringify(referenceTitle(page, v)));
    await run(process.execPath, [
      redoclyBin,
      'build-docs',
      source,
      '--inlineBundle',
      '-t',
      templateFile,
      '--config',
      redoclyConfig,
      '--title',
      `Nextcloud Talk API ${v}`,
      '--lint-config=off',
      '-o',
      out,
    ]);
    files.push({ name: `${v}.html`, content: await readFile(out, 'utf8') });
  };
  for (let i = 0; i < versions.length; i += 2) await Promise.all(versions.slice(i, i + 2).map(buildVersion));

  // Replace dist/ only when every page was built.
  const next = path.join(stageDir, 'dist');
  await mkdir(next, { recursive: true });
  for (const file of files) await writeFile(path.join(next, file.name), file.content);
  if (existsSync(outDir)) await rm(outDir, { recursive: true });
  await rename(next, outDir).catch(async () => {
    await mkdir(outDir, { recursive: true });
    for (const file of files) await writeFile(path.join(outDir, file.name), file.content);
  });
  console.log(`docs: wrote ${files.length} pages to ${path.relative(process.cwd(), outDir) || outDir}`);
} finally {
  await rm(stageDir, { recursive: true, force: true });
}
