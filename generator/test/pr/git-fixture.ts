// A throw-away git repository under os.tmpdir() holding a copy of the real openapi/ folder and redocly.yaml.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument, type Document } from 'yaml';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface SpecRepo {
  dir: string;
  git(...args: string[]): string;
  /** Commit everything; returns the new commit sha. */
  commit(message: string): string;
  /** Edit a YAML file of the copy through the yaml Document API (comments and layout kept). */
  editYaml(relativePath: string, edit: (doc: Document) => void): void;
  writeJson(relativePath: string, value: unknown): void;
  readText(relativePath: string): string;
  remove(): void;
}

export function createSpecRepo(prefix = 'talk-contract-test-'): SpecRepo {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  cpSync(path.join(REPO, 'openapi'), path.join(dir, 'openapi'), { recursive: true });
  if (existsSync(path.join(REPO, 'redocly.yaml'))) cpSync(path.join(REPO, 'redocly.yaml'), path.join(dir, 'redocly.yaml'));
  const git = (...args: string[]) =>
    execFileSync(
      'git',
      ['-c', 'user.name=Contract Test', '-c', 'user.email=contract-test@example.com', '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    )
      .toString()
      .trim();
  git('init', '-q', '-b', 'main');
  const repo: SpecRepo = {
    dir,
    git,
    commit(message) {
      git('add', '-A');
      git('commit', '-q', '--allow-empty', '-m', message);
      return git('rev-parse', 'HEAD');
    },
    editYaml(relativePath, edit) {
      const file = path.join(dir, relativePath);
      const doc = parseDocument(readFileSync(file, 'utf8'));
      edit(doc);
      writeFileSync(file, doc.toString());
    },
    writeJson(relativePath, value) {
      const file = path.join(dir, relativePath);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
    },
    readText(relativePath) {
      return readFileSync(path.join(dir, relativePath), 'utf8');
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return repo;
}

/** The first path file (sorted by name) of the copy that `predicate` accepts. */
export function pathFileWith(repo: SpecRepo, predicate: (doc: Document) => boolean): string {
  const files = readdirSync(path.join(repo.dir, 'openapi/paths'))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => `openapi/paths/${f}`);
  for (const file of files) if (predicate(parseDocument(repo.readText(file)))) return file;
  throw new Error('no path file matches');
}
