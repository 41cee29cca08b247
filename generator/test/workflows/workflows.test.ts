// The GitHub workflows, parsed: CI runs `.ci/run` on every push and pull request on each Node line that
// `engines.node` admits (the lower bound and the current LTS lines), and the PR contract check runs on a line CI tests.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const WORKFLOWS = path.join(REPO, '.github/workflows');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  'working-directory'?: string;
  'continue-on-error'?: boolean;
}
interface Job {
  if?: string;
  strategy?: { matrix?: Record<string, unknown> };
  container?: string | { image?: string };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown> | string[] | string;
  jobs: Record<string, Job>;
}

const read = (file: string) => parse(readFileSync(path.join(WORKFLOWS, file), 'utf8')) as Workflow;
const triggers = (w: Workflow) => (typeof w.on === 'string' ? [w.on] : Array.isArray(w.on) ? w.on : Object.keys(w.on));
/** `${{ matrix.node }}` replaced by one matrix value. */
const forLine = (text: unknown, line: string) => String(text ?? '').replace(/\$\{\{\s*matrix\.node\s*\}\}/g, line);

const engines = (JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
const lowest = /^>=\s*(\d+)\.(\d+)\.(\d+)$/.exec(engines);

describe('.github/workflows', () => {
  it('every workflow file parses and has jobs', () => {
    const files = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));
    expect(files).toEqual(expect.arrayContaining(['ci.yml', 'contract.yml']));
    for (const file of files) expect(Object.keys(read(file).jobs ?? {}).length, file).toBeGreaterThan(0);
  });

  it('engines.node is ">=20.19.0": a lower bound every tested line satisfies', () => {
    expect(engines).toBe('>=20.19.0');
    expect(lowest).not.toBeNull();
  });

  const ci = read('ci.yml');
  const [jobName, job] = Object.entries(ci.jobs).find(([, j]) => j.steps.some((s) => /(^|\s)bash \.ci\/run\b/m.test(s.run ?? '')))!;
  const lines = ((job?.strategy?.matrix?.node ?? []) as unknown[]).map(String);

  it('ci.yml runs on push and on pull_request, unconditionally', () => {
    expect(triggers(ci)).toEqual(expect.arrayContaining(['push', 'pull_request']));
    expect(job, 'a job that runs `bash .ci/run`').toBeDefined();
    expect(job.if, `${jobName} has no job condition`).toBeUndefined();
  });

  it('the matrix covers the lowest Node line of engines and the current LTS lines 22 and 24', () => {
    expect(lines).toEqual(expect.arrayContaining([lowest![1], '22', '24']));
    for (const line of lines) expect(Number(line), `Node ${line} satisfies ${engines}`).toBeGreaterThanOrEqual(Number(lowest![1]));
  });

  it.each(['20', '22', '24'])('on Node %s the job checks out the repo and the Talk sources and runs `bash .ci/run` in the checkout', (line) => {
    expect(lines).toContain(line);
    const image = typeof job.container === 'string' ? job.container : job.container?.image;
    const setupNode = job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    // The Node line comes from the container image or from setup-node.
    expect([forLine(image, line), forLine(setupNode?.with?.['node-version'], line)]).toContainEqual(
      expect.stringMatching(new RegExp(`^(node:)?${line}(\\b|-)`)),
    );
    const checkouts = job.steps.filter((s) => s.uses?.startsWith('actions/checkout@'));
    const repoPath = checkouts.find((s) => !s.with?.repository)?.with?.path as string | undefined;
    const sources = checkouts.find((s) => s.with?.repository);
    expect(sources?.with?.repository).toMatch(/vars\.TALK_SOURCES_REPOSITORY/);
    // ../shared beside the checkout, as .ci/run expects by default.
    expect(path.posix.join(repoPath ?? '.', '..', String(sources?.with?.path))).toBe('shared');
    const run = job.steps.find((s) => /(^|\s)bash \.ci\/run\b/m.test(s.run ?? ''))!;
    expect(run.if).toBeUndefined();
    expect(run['continue-on-error']).toBeFalsy();
    expect(run['working-directory'] ?? '.').toBe(repoPath ?? '.');
    expect(run.run).toMatch(/TALK_SOURCES=/);
  });

  it('contract.yml runs the PR check (lint + diff) on pull requests, on a Node line CI tests', () => {
    const contract = read('contract.yml');
    expect(triggers(contract)).toContain('pull_request');
    const steps = Object.values(contract.jobs).flatMap((j) => j.steps);
    expect(steps.some((s) => /generator\/src\/pr\/contract-check\.ts/.test(s.run ?? ''))).toBe(true);
    const node = steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version'];
    expect(lines).toContain(String(node));
  });
});
