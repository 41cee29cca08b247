import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lintSourceSpec, type LintProblem } from '../load/lint-source.js';
import { formatSpecProblem, loadSourceSpec, SpecLoadError } from '../load/load-source.js';
import { preflightSpec } from '../load/spec-preflight.js';
import type { JsonObject } from '../load/slice.js';
import { ContractLoadError } from './change.js';
import type { LoadedContract } from './compare-contracts.js';
import { createSourceMap } from './source-map.js';

/** Where to look for the spec inside a repository or revision. */
export interface LoadContractOptions {
  /** Working directory / git repository for revisions and relative paths (default `process.cwd()`). */
  cwd?: string;
  /** Folder of the source spec inside the repository (default `openapi`). */
  specDir?: string;
  /**
   * Also lint the source (the same lint as `npm run lint` and `talk-contract bundle`: the nearest `redocly.yaml`
   * and the house rules) and return its problems in `lint`, with files relative to the repository.
   */
  lint?: boolean;
}

/** A loaded contract and, when asked for ({@link LoadContractOptions.lint}), the lint problems of its source. */
export interface LintedContract extends LoadedContract {
  lint?: LintProblem[];
}

/**
 * The problems of a {@link SpecLoadError} as a {@link ContractLoadError} of `label`. A revision is extracted
 * into a temporary folder (`relativeTo`): its files are named as in the repository (`openapi/paths/room.yaml:12:5`).
 */
function loadFailure(label: string, what: string, error: SpecLoadError, relativeTo?: string): ContractLoadError {
  const problems = relativeTo ? error.problems.map((p) => ({ ...p, file: p.file && path.relative(relativeTo, p.file) })) : error.problems;
  return new ContractLoadError(label, `${what}:\n${problems.map(formatSpecProblem).join('\n')}`);
}

/** Preflight a root file ({@link preflightSpec}); its problems become a {@link ContractLoadError} of `label`. */
function preflight(rootFile: string, label: string, what: string, relativeTo?: string) {
  try {
    return preflightSpec(rootFile);
  } catch (error) {
    if (error instanceof SpecLoadError) throw loadFailure(label, what, error, relativeTo);
    throw error;
  }
}

interface BundleSourceOptions {
  preflighted?: boolean;
  lint?: boolean;
  /** The source is a revision extracted into this temporary folder. */
  extractedTo?: string;
}

async function bundleSource(rootFile: string, label: string, displayRoot: string, options: BundleSourceOptions = {}): Promise<LintedContract> {
  if (!options.preflighted) preflight(rootFile, label, 'the spec does not bundle', options.extractedTo);
  try {
    const lint = options.lint ? (await lintSourceSpec(rootFile)).map((p) => ({ ...p, file: p.file && path.relative(displayRoot, p.file) })) : undefined;
    const { document, files } = await loadSourceSpec(rootFile);
    return { label, document, locate: createSourceMap(rootFile, displayRoot, files), ...(lint ? { lint } : {}) };
  } catch (error) {
    if (error instanceof SpecLoadError) throw loadFailure(label, 'the spec does not bundle', error, options.extractedTo);
    throw new ContractLoadError(label, error instanceof Error ? error.message : String(error));
  }
}

function git(cwd: string, args: string[], input?: Buffer): Buffer {
  return execFileSync('git', args, { cwd, input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 512 * 2 ** 20 });
}

/**
 * Load the source spec as it is at a git revision: `git archive` the spec folder (and `redocly.yaml`)
 * into a temporary folder, bundle it, and delete the folder.
 *
 * @example
 * ```ts
 * const base = await loadContractAtRevision('origin/main', { cwd: repoRoot });
 * base.label; // 'git:origin/main'
 * ```
 */
export async function loadContractAtRevision(revision: string, options: LoadContractOptions = {}): Promise<LintedContract> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const specDir = options.specDir ?? 'openapi';
  const label = `git:${revision}`;
  let top: string;
  try {
    top = git(cwd, ['rev-parse', '--show-toplevel']).toString().trim();
    git(cwd, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`]);
  } catch {
    throw new ContractLoadError(label, `\`${revision}\` is not a commit of the git repository at ${cwd}`);
  }
  const prefix = path.relative(top, path.resolve(cwd, specDir)).split(path.sep).join('/');
  const entries = [prefix];
  try {
    git(top, ['cat-file', '-e', `${revision}:${prefix}/openapi.yaml`]);
  } catch {
    throw new ContractLoadError(label, `the revision has no ${prefix}/openapi.yaml`);
  }
  try {
    git(top, ['cat-file', '-e', `${revision}:redocly.yaml`]);
    entries.push('redocly.yaml');
  } catch {
    // no lint configuration at that revision: the bundle does not need it
  }
  const temp = mkdtempSync(path.join(os.tmpdir(), 'talk-contract-rev-'));
  try {
    const tar = git(top, ['archive', '--format=tar', revision, '--', ...entries]);
    execFileSync('tar', ['-x', '-C', temp], { input: tar, stdio: ['pipe', 'pipe', 'pipe'] });
    return await bundleSource(path.join(temp, prefix, 'openapi.yaml'), label, temp, { lint: options.lint, extractedTo: temp });
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/**
 * Load a contract given as a bundled file (JSON or YAML), a source folder (`openapi/`, or a repository
 * root that has one), a source root file (YAML with external `$ref`s), or a git revision (`git:<rev>`, or
 * any argument that is not an existing path). Throws {@link ContractLoadError} naming the input and the problem.
 *
 * @example
 * ```ts
 * await loadContract('packages/spec/dist/openapi.json'); // a bundled file
 * await loadContract('openapi');                         // the source folder, bundled now
 * await loadContract('origin/main');                     // the source folder at a revision
 * ```
 */
export async function loadContract(input: string, options: LoadContractOptions = {}): Promise<LintedContract> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  if (input.startsWith('git:')) return loadContractAtRevision(input.slice(4), options);
  const resolved = path.resolve(cwd, input);
  if (!existsSync(resolved)) {
    if (/^[\w./@^~{}-]+$/.test(input) && !/\.(json|ya?ml)$/.test(input)) {
      return loadContractAtRevision(input, options).catch((error: unknown) => {
        if (error instanceof ContractLoadError && /is not a commit/.test(error.problem)) {
          throw new ContractLoadError(input, `no such file or folder (${resolved}), and not a git revision either`);
        }
        throw error;
      });
    }
    throw new ContractLoadError(input, `no such file or folder (${resolved})`);
  }
  if (statSync(resolved).isDirectory()) {
    const candidates = [path.join(resolved, 'openapi.yaml'), path.join(resolved, options.specDir ?? 'openapi', 'openapi.yaml')];
    const root = candidates.find((c) => existsSync(c));
    if (!root) throw new ContractLoadError(input, `the folder has no openapi.yaml (looked for ${candidates.map((c) => path.relative(cwd, c)).join(', ')})`);
    return bundleSource(root, input, path.dirname(path.dirname(root)), { lint: options.lint });
  }
  // Size, UTF-8, YAML limits, OpenAPI 3, usable sections, every $ref resolvable, depth (file:line on failure).
  const { root, files } = preflight(resolved, input, 'the file cannot be loaded');
  if (files.size > 1 || options.lint) return bundleSource(resolved, input, path.dirname(path.dirname(resolved)), { preflighted: true, lint: options.lint });
  return { label: input, document: root.value as JsonObject };
}
