import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFilesAtomically } from '../load/atomic-write.js';
import { stableJson } from '../load/stable-json.js';
import { describeChange, diffContracts, loadContract, loadContractAtRevision, type ContractChange, type LoadedContract } from '../diff/index.js';

/** The semver bump a package gets. */
export type Bump = 'major' | 'minor' | 'patch' | 'none';

/** What `talk-contract version` decided for one package. */
export interface PackagePlan {
  /** npm name, e.g. `@talk-contract/client`. */
  name: string;
  /** Package folder relative to the repository root. */
  dir: string;
  current: string;
  next: string;
  bump: Bump;
  /** What the spec was compared with: the last release tag, the recorded spec revision, or nothing. */
  baseline: { kind: 'tag' | 'spec-revision' | 'spec-hash' | 'none'; ref?: string };
  /** The spec changes since the baseline. */
  changes: ContractChange[];
}

/** Options of {@link runVersion}. */
export interface VersionOptions {
  /** Repository root (git work tree with `openapi/` and `packages/`). */
  repoRoot: string;
  /** Print the plan, write nothing. */
  dryRun?: boolean;
  /** Date of the changelog entries (default today, UTC). */
  date?: string;
}

/** Result of {@link runVersion}: the plan per package, the files written (none in a dry run) and the report. */
export interface VersionResult {
  specHash: string;
  specRevision?: string;
  plans: PackagePlan[];
  written: string[];
  report: string;
}

interface PackageJson {
  name?: string;
  version?: string;
  private?: boolean;
  talkContract?: { specHash?: string; specRevision?: string };
  [key: string]: unknown;
}

const SEMVER = /^(\d+)\.(\d+)\.(\d+)$/;

/**
 * The bump for a set of changes. From 1.0.0 on: breaking → major, additive → minor, docs only → patch.
 * Below 1.0.0 (semver's "anything may change" range, where npm's `^0.y.z` pins the minor): breaking →
 * minor, additive → patch, docs only → patch.
 *
 * @example
 * ```ts
 * bumpFor([{ severity: 'breaking' } as ContractChange], '1.4.2'); // 'major'
 * bumpFor([{ severity: 'breaking' } as ContractChange], '0.4.2'); // 'minor'
 * ```
 */
export function bumpFor(changes: readonly ContractChange[], current: string): Bump {
  const has = (s: ContractChange['severity']) => changes.some((c) => c.severity === s);
  const initial = current.startsWith('0.');
  if (has('breaking')) return initial ? 'minor' : 'major';
  if (has('non-breaking')) return initial ? 'patch' : 'minor';
  if (has('docs-only')) return 'patch';
  return 'none';
}

/** `applyBump('1.4.2', 'minor')` → `'1.5.0'`. */
export function applyBump(version: string, bump: Bump): string {
  const m = SEMVER.exec(version);
  if (!m || bump === 'none') return version;
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (bump === 'major') return `${major + 1}.0.0`;
  if (bump === 'minor') return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

function git(cwd: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return undefined;
  }
}

/** The highest `<name>@x.y.z` release tag of a package, if any. */
function lastReleaseTag(repoRoot: string, name: string): string | undefined {
  const tags = (git(repoRoot, ['tag', '--list', `${name}@*`]) ?? '').split('\n').filter(Boolean);
  const versioned = tags
    .map((tag) => ({ tag, m: SEMVER.exec(tag.slice(name.length + 1)) }))
    .filter((t): t is { tag: string; m: RegExpExecArray } => t.m !== null)
    .sort((a, b) => Number(b.m[1]) - Number(a.m[1]) || Number(b.m[2]) - Number(a.m[2]) || Number(b.m[3]) - Number(a.m[3]));
  return versioned[0]?.tag;
}

/** The hash `talk-contract bundle` computes for a bundled contract. */
export function specHashOf(contract: LoadedContract): string {
  return createHash('sha256').update(stableJson(contract.document)).digest('hex');
}

function changelogEntry(plan: PackagePlan, date: string): string {
  const since = plan.baseline.ref
    ? ` since ${plan.baseline.kind === 'tag' ? `\`${plan.baseline.ref}\`` : `spec revision \`${plan.baseline.ref.slice(0, 12)}\``}`
    : '';
  const lines = [`## ${plan.next} (${date})`, '', `Contract changes${since}:`, ''];
  const sections: Array<[string, ContractChange[]]> = [
    ['Breaking changes', plan.changes.filter((c) => c.severity === 'breaking')],
    ['Added and compatible changes', plan.changes.filter((c) => c.severity === 'non-breaking')],
    ['Documentation', plan.changes.filter((c) => c.severity === 'docs-only')],
  ];
  for (const [title, list] of sections) {
    if (list.length === 0) continue;
    lines.push(`### ${title}`, '', ...list.map((c) => `- ${describeChange(c)}`), '');
  }
  return lines.join('\n');
}

function withChangelog(existing: string | undefined, entry: string): string {
  const heading = '# Changelog';
  if (!existing || !existing.startsWith(heading)) return `${heading}\n\n${entry}\n${existing ? `\n${existing}` : ''}`;
  const rest = existing.slice(heading.length).replace(/^\n+/, '');
  return `${heading}\n\n${entry}\n${rest ? `\n${rest}` : ''}`;
}

function updateDependencyRange(range: string, version: string): string {
  const prefix = /^[\^~]/.exec(range)?.[0] ?? '';
  return `${prefix}${version}`;
}

/**
 * `talk-contract version`: for every published package in `packages/` (private ones are skipped), diff the
 * spec at the package's last release (recorded `talkContract.specRevision`, else the newest
 * `<name>@x.y.z` tag) with the spec now, pick the bump (see {@link bumpFor}), and — unless `dryRun` — set
 * the version, record `talkContract.specHash`/`specRevision`, prepend a CHANGELOG.md entry and update the
 * ranges other workspaces (and package-lock.json) use for it. All files are written atomically together.
 *
 * @example
 * ```ts
 * const { report } = await runVersion({ repoRoot: '/repo', dryRun: true });
 * // @talk-contract/client 1.2.0 → 2.0.0 (major; 1 breaking, 3 non-breaking since @talk-contract/client@1.2.0)
 * ```
 */
export async function runVersion(options: VersionOptions): Promise<VersionResult> {
  const repoRoot = path.resolve(options.repoRoot);
  const head = await loadContract(path.join(repoRoot, 'openapi'), { cwd: repoRoot });
  const specHash = specHashOf(head);
  const specRevision = git(repoRoot, ['rev-parse', 'HEAD']);
  const packagesDir = path.join(repoRoot, 'packages');
  const dirs = existsSync(packagesDir)
    ? readdirSync(packagesDir)
        .filter((d) => existsSync(path.join(packagesDir, d, 'package.json')))
        .sort()
    : [];
  const baselines = new Map<string, Promise<LoadedContract>>();
  const baseAt = (rev: string) => {
    if (!baselines.has(rev)) baselines.set(rev, loadContractAtRevision(rev, { cwd: repoRoot }));
    return baselines.get(rev)!;
  };
  const manifests = new Map<string, PackageJson>();
  const plans: PackagePlan[] = [];
  for (const dir of dirs) {
    const pkg = JSON.parse(readFileSync(path.join(packagesDir, dir, 'package.json'), 'utf8')) as PackageJson;
    manifests.set(dir, pkg);
    if (pkg.private || typeof pkg.name !== 'string' || typeof pkg.version !== 'string') continue;
    const recorded = pkg.talkContract;
    let baseline: PackagePlan['baseline'] = { kind: 'none' };
    let changes: ContractChange[] = [];
    if (recorded?.specHash === specHash) {
      baseline = { kind: 'spec-hash', ref: specHash };
    } else {
      const tag = lastReleaseTag(repoRoot, pkg.name);
      const rev =
        recorded?.specRevision && git(repoRoot, ['rev-parse', '--verify', '--quiet', `${recorded.specRevision}^{commit}`]) ? recorded.specRevision : undefined;
      if (rev) baseline = { kind: 'spec-revision', ref: rev };
      else if (tag) baseline = { kind: 'tag', ref: tag };
      if (baseline.ref) changes = diffContracts(await baseAt(baseline.ref), head).changes;
    }
    const bump = bumpFor(changes, pkg.version);
    plans.push({ name: pkg.name, dir: path.posix.join('packages', dir), current: pkg.version, next: applyBump(pkg.version, bump), bump, baseline, changes });
  }

  const report = plans.map((p) => {
    const counts = ['breaking', 'non-breaking', 'docs-only']
      .map((s) => [s, p.changes.filter((c) => c.severity === s).length] as const)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${n} ${s}`)
      .join(', ');
    const since =
      p.baseline.kind === 'none'
        ? `no previous release found: version kept, spec hash ${options.dryRun ? 'to be recorded' : 'recorded'}`
        : p.baseline.kind === 'spec-hash'
          ? 'spec unchanged since the recorded hash'
          : `${counts || 'no contract changes'} since ${p.baseline.ref}`;
    return `${p.name} ${p.current} → ${p.next} (${p.bump}; ${since})`;
  });

  const written: string[] = [];
  if (!options.dryRun) {
    const date = options.date ?? new Date().toISOString().slice(0, 10);
    const files: Array<{ path: string; content: string }> = [];
    const bumped = new Map(plans.filter((p) => p.bump !== 'none').map((p) => [p.name, p.next]));
    for (const plan of plans) {
      const dir = path.join(repoRoot, plan.dir);
      const pkg = manifests.get(path.basename(plan.dir))!;
      pkg.version = plan.next;
      pkg.talkContract = { specHash, ...(specRevision ? { specRevision } : {}) };
      if (plan.bump !== 'none') {
        const changelog = path.join(dir, 'CHANGELOG.md');
        files.push({
          path: changelog,
          content: withChangelog(existsSync(changelog) ? readFileSync(changelog, 'utf8') : undefined, changelogEntry(plan, date)),
        });
      }
    }
    // dependents: other workspaces' ranges on a bumped package
    const workspaceDirs = [...dirs.map((d) => path.join('packages', d)), ...(existsSync(path.join(repoRoot, 'test', 'package.json')) ? ['test'] : [])];
    for (const rel of workspaceDirs) {
      const dir = path.basename(rel);
      const pkg = rel.startsWith('packages')
        ? manifests.get(dir)!
        : (JSON.parse(readFileSync(path.join(repoRoot, rel, 'package.json'), 'utf8')) as PackageJson);
      let touched = plans.some((p) => p.dir === rel.split(path.sep).join('/'));
      for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
        const deps = pkg[field] as Record<string, string> | undefined;
        if (!deps) continue;
        for (const [name, next] of bumped) {
          if (deps[name] !== undefined) {
            deps[name] = updateDependencyRange(deps[name], next);
            touched = true;
          }
        }
      }
      if (touched) files.push({ path: path.join(repoRoot, rel, 'package.json'), content: JSON.stringify(pkg, null, 2) + '\n' });
    }
    const lockFile = path.join(repoRoot, 'package-lock.json');
    if (existsSync(lockFile) && bumped.size > 0) {
      const lock = JSON.parse(readFileSync(lockFile, 'utf8')) as { packages?: Record<string, Record<string, unknown>> };
      for (const [key, entry] of Object.entries(lock.packages ?? {})) {
        const plan = plans.find((p) => p.dir === key);
        if (plan && plan.bump !== 'none') entry.version = plan.next;
        for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
          const deps = entry[field] as Record<string, string> | undefined;
          if (!deps) continue;
          for (const [name, next] of bumped) if (deps[name] !== undefined) deps[name] = updateDependencyRange(deps[name], next);
        }
      }
      files.push({ path: lockFile, content: JSON.stringify(lock, null, 2) + '\n' });
    }
    await writeFilesAtomically(files);
    written.push(...files.map((f) => path.relative(repoRoot, f.path)));
  }
  return { specHash, specRevision, plans, written, report: report.join('\n') + '\n' };
}
