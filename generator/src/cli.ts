#!/usr/bin/env node
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { endQuietlyOnBrokenPipe } from './commands/broken-pipe.js';
import { runBundle } from './commands/bundle.js';
import { SpecLoadError, formatSpecProblem } from './load/load-source.js';
import { runDiff, DIFF_EXIT, type DiffFormat } from './commands/diff.js';
import { runVersion } from './commands/version.js';
import { ContractLoadError, ContractPolicyError } from './diff/change.js';

/** Repository root (generator/src/cli.ts → ../..). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

endQuietlyOnBrokenPipe();

const program = new Command('talk-contract').description('Bundle, slice, generate, diff and version the Nextcloud Talk API contract').showHelpAfterError();

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
    // Loaded on demand: the emitters pull in TypeScript (~2 s), which `bundle` and the others do not need.
    const { runGenerate } = await import('./commands/generate.js');
    const files = await runGenerate(REPO_ROOT, opts.spec);
    console.log(`generated ${files.length} file(s) in ${Math.round(performance.now() - started)} ms`);
  });

program
  .command('diff')
  .description(
    'Compare two contracts per API version and report each change as breaking, non-breaking or docs-only (exit 1 on unaccepted breaking changes, 2 when a contract cannot be loaded)',
  )
  .argument('[base]', 'same as --base')
  .argument('[head]', 'same as --head')
  .option('--base <contract>', 'base contract: bundled file, source folder, or git revision (default HEAD)')
  .option('--head <contract>', 'head contract: bundled file, source folder, or git revision (default the openapi/ folder)')
  .option('--from-version <version>', 'compare two API version slices of the head contract: from this one ...')
  .option('--to-version <version>', '... to this one (the "What changed" page of a version step)')
  .option('--format <format>', 'text | markdown | json', 'text')
  .option('--output <file>', 'write the report to a file (atomically) instead of stdout')
  .option('--allow-breaking', 'accept every breaking change (exit 0)')
  .option('--policy <file>', 'accepted breaking changes (default contract-policy.yaml when present)')
  .option('--spec-dir <dir>', 'folder of the source spec in the repository', 'openapi')
  .action(
    async (
      baseArg: string | undefined,
      headArg: string | undefined,
      opts: {
        base?: string;
        head?: string;
        fromVersion?: string;
        toVersion?: string;
        format: string;
        output?: string;
        allowBreaking?: boolean;
        policy?: string;
        specDir: string;
      },
    ) => {
      if (!['text', 'markdown', 'json'].includes(opts.format)) throw new Error(`unknown --format ${opts.format} (text, markdown or json)`);
      try {
        const { report, exitCode, changeCount } = await runDiff({
          base: opts.base ?? baseArg,
          head: opts.head ?? headArg,
          fromVersion: opts.fromVersion,
          toVersion: opts.toVersion,
          format: opts.format as DiffFormat,
          output: opts.output,
          allowBreaking: opts.allowBreaking,
          policy: opts.policy,
          specDir: opts.specDir,
          color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
        });
        if (opts.output) console.log(`wrote ${opts.output} (${changeCount} change(s))`);
        else process.stdout.write(report);
        process.exitCode = exitCode;
      } catch (error) {
        if (error instanceof ContractLoadError || error instanceof ContractPolicyError) {
          console.error(`talk-contract diff: ${error.message}`);
          process.exitCode = DIFF_EXIT.loadFailed;
          return;
        }
        throw error;
      }
    },
  );

program
  .command('version')
  .description('Bump each published package by the contract changes since its last release, record the spec hash and write CHANGELOG.md entries')
  .option('--dry-run', 'print the plan, write nothing')
  .option('--repo <dir>', 'repository root', REPO_ROOT)
  .action(async (opts: { dryRun?: boolean; repo: string }) => {
    const result = await runVersion({ repoRoot: opts.repo, dryRun: opts.dryRun });
    process.stdout.write(result.report);
    if (opts.dryRun) console.log('dry run: nothing written');
    else for (const file of result.written) console.log(`wrote ${file}`);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof SpecLoadError) {
    console.error(`talk-contract: the spec has ${error.problems.length} problem(s):\n${error.message}`);
    process.exitCode = 2;
    return;
  }
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    // The preflight bounds the nesting of every input; this is the last line of defence, not a crash.
    console.error(`talk-contract: the input nests too deeply to be processed (${error.message})`);
    process.exitCode = 2;
    return;
  }
  console.error(`talk-contract: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
