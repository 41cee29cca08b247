// Where the material outside the repository lives: the recordings of real Talk servers, the scenario runner and
// the Talk documentation. One setting finds all of it: TALK_SOURCES (default: `../shared` beside the checkout).
// None of it may be copied into the repository; a user's fresh clone does not have it, so every test that needs
// it skips with one line naming the setting (`.ci/run` refuses to run without it).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The name of the one setting. */
export const TALK_SOURCES_SETTING = 'TALK_SOURCES';

/** The folder with `real-talk/`, `talk-scenarios/`, `talk-docs/`, `reference-docs/` and `seeds/`. */
export const TALK_SOURCES = path.resolve(process.env[TALK_SOURCES_SETTING] ?? path.join(REPO_ROOT, '../shared'));

/** The sub-folders tests read. */
export const talkSource = {
  realTalk: path.join(TALK_SOURCES, 'real-talk'),
  scenarios: path.join(TALK_SOURCES, 'talk-scenarios'),
  talkDocs: path.join(TALK_SOURCES, 'talk-docs'),
  referenceDocs: path.join(TALK_SOURCES, 'reference-docs'),
  seeds: path.join(TALK_SOURCES, 'seeds'),
} as const;

export type TalkSourceName = keyof typeof talkSource;

/**
 * Whether the named source folders exist. When one is missing, `reason` is the one line a skipped suite prints.
 *
 * @example
 * ```ts
 * const sources = findTalkSources('realTalk');
 * describe.skipIf(!sources.present)('conformance', () => { … });
 * if (!sources.present) console.warn(sources.reason);
 * ```
 */
export function findTalkSources(...names: TalkSourceName[]): { present: boolean; reason: string } {
  const missing = names.filter((n) => !existsSync(talkSource[n]));
  if (missing.length === 0) return { present: true, reason: '' };
  return {
    present: false,
    reason: `skipped: ${missing.map((n) => talkSource[n]).join(', ')} not found — set ${TALK_SOURCES_SETTING} to the folder with ${missing.map((n) => path.basename(talkSource[n])).join(', ')} (default ../shared beside the checkout)`,
  };
}
