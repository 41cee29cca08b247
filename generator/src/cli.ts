#!/usr/bin/env node
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { runBundle } from './commands/bundle.js';
import { SpecLoadError, formatSpecProblem } from './spec/load-source.js';
import { runGenerate } from './commands/generate.js';

/** Repository root (generator/src/cli.ts → ../..). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const program = new Command('talk-contract')
  .description('Bundle, slice, generate, diff and version the Nextcloud Talk API contract')
  .showHelpAfterError();

program
  .command('bundle')
  .description('Lint, bundle and slice openapi/ into packages/spec/dist (openapi.json, openapi.v1..v4.json); writes nothing unless the spec is sound')
  .option('--source <file>', 'root file of the source spec', path.join(REPO_ROOT, 'openapi/openapi.yaml'))
  .option('--out <dir>', 'output folder', path.join(REPO_ROOT, 'packages/spec/dist'))
  .option('--config <file>', 'lint configuration (default: the nearest redocly.yaml above --source)')
  .action(async (opts: { source: string; out: string; config?: string }) => {
    const started = performance.now();
    const { files, warnings } = await runBundle({ source: opts.source, outDir: opts.out, lintConfig: opts.config });
    for (const warning of warnings) console.warn(`warning: ${formatSpecProblem(warning)}`);
    for (const file of files) console.log(`wrote ${path.relative(process.cwd(), file)}`);
    console.log(`bundled in ${Math.round(performance.now() - started)} ms`);
  });

program
  .command('generate')
  .description('Write the generated parts of the packages (src/generated/) from packages/spec/dist')
  .option('--spec <dir>', 'folder with the bundled contract', path.join(REPO_ROOT, 'packages/spec/dist'))
  .action(async (opts: { spec: string }) => {
    const started = performance.now();
    const files = await runGenerate(REPO_ROOT, opts.spec);
    console.log(`generated ${files.length} file(s) in ${Math.round(performance.now() - started)} ms`);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof SpecLoadError) {
    console.error(`talk-contract: the spec has ${error.problems.length} problem(s):\n${error.message}`);
    process.exitCode = 2;
    return;
  }
  console.error(`talk-contract: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
