// Shared helpers of the spec package's tests: where things are, and how to run the two CLIs.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findTalkSources, talkSource } from '../../../test/support/talk-sources.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const DIST = path.join(REPO_ROOT, 'packages/spec/dist');
/** The Talk documentation the spec is transcribed from: found through the one setting TALK_SOURCES. */
export const REFERENCE_DOCS = talkSource.referenceDocs;
export const SEEDS = talkSource.seeds;
export { findTalkSources };

import { apiVersions, talkReleases } from '../src/index.js';

export const API_VERSIONS = apiVersions;
export type ApiVersion = (typeof API_VERSIONS)[number];
export const TALK_RELEASES = talkReleases;
/** The written documents: the full contract, one slice per API version and one per Talk release. */
export const DOCUMENTS = ['openapi.json', ...API_VERSIONS.map((v) => `openapi.${v}.json`), ...TALK_RELEASES.map((r) => `openapi.v4.talk-${r}.json`)] as const;

const require = createRequire(import.meta.url);
const REDOCLY_CLI = path.join(path.dirname(require.resolve('@redocly/cli/package.json')), 'bin/cli.js');
const TSX_CLI = require.resolve('tsx/cli');
const TALK_CONTRACT_CLI = path.join(REPO_ROOT, 'generator/src/cli.ts');
const ENV = { ...process.env, REDOCLY_TELEMETRY: 'off', NO_COLOR: '1', FORCE_COLOR: '0' };

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd: string): RunResult {
  const result = spawnSync(process.execPath, args, { cwd, env: ENV, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function runAsync(args: string[], cwd: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env: ENV });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** `redocly <args>` (CLI 2.x) as a child process. */
export function runRedocly(args: string[], cwd = REPO_ROOT): RunResult {
  return run([REDOCLY_CLI, ...args], cwd);
}

/** `talk-contract <args>` (the generator CLI through tsx) as a child process. */
export function runTalkContract(args: string[], cwd = REPO_ROOT): RunResult {
  return run([TSX_CLI, TALK_CONTRACT_CLI, ...args], cwd);
}

/** {@link runTalkContract} without blocking, so that several runs can overlap. */
export function runTalkContractAsync(args: string[], cwd = REPO_ROOT): Promise<RunResult> {
  return runAsync([TSX_CLI, TALK_CONTRACT_CLI, ...args], cwd);
}

export interface LintReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: Array<{
    ruleId: string;
    severity: string;
    message: string;
    location: Array<{ source: { ref: string }; pointer: string; start?: { line: number } }>;
  }>;
}

/** Parse `redocly lint --format=json` output (the CLI may print several reports, one per file). */
export function parseLintReports(stdout: string): LintReport[] {
  const reports: LintReport[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < stdout.length; i++) {
    const c = stdout[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') {
      if (depth++ === 0) start = i;
    } else if (c === '}' && --depth === 0) reports.push(JSON.parse(stdout.slice(start, i + 1)) as LintReport);
  }
  return reports;
}

export const describeProblems = (report: LintReport): string =>
  report.problems.map((p) => `${p.location[0]?.source.ref}:${p.location[0]?.start?.line ?? '?'} [${p.ruleId}] ${p.message}`).join('\n');

/** A parsed OpenAPI document (loosely typed: the tests walk it). */
export type Doc = Record<string, any>;

export function loadDocument(name: string, dir = DIST): Doc {
  return JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as Doc;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
