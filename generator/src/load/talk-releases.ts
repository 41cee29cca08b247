import type { ApiVersion } from './api-versions.js';

/**
 * The Talk server releases the contract describes, oldest first: the second version axis besides the API
 * version. Every release here speaks conversation API v4 (and chat API v1); they differ in fields, statuses and
 * shapes. A release is `recorded` when `../shared/real-talk/` holds exchanges of a real server of it (the
 * conformance suite checks those); an unrecorded release is derived from the Talk docs of that release only.
 */
export const TALK_RELEASES = ['19', '20', '21'] as const;
export type TalkRelease = (typeof TALK_RELEASES)[number];

export interface TalkReleaseFacts {
  /** The API version the release speaks (the release slice is cut from that version's slice). */
  apiVersion: ApiVersion;
  /** The exact server release the recordings were made with, `undefined` for an unrecorded release. */
  recorded?: { talk: string; nextcloud: string; folder: string };
  /** Where this release's facts come from, for the slice's `info` and the docs. */
  source: string;
}

/** Per-release facts (one source: the bundle, the slices, the tests and the docs read them from here). */
export const TALK_RELEASE_FACTS: Readonly<Record<TalkRelease, TalkReleaseFacts>> = {
  '19': {
    apiVersion: 'v4',
    recorded: { talk: '19.0.1', nextcloud: '29.0.1', folder: 'talk-19.0.1-nc-29.0.1' },
    source: 'recorded from Talk 19.0.1 on Nextcloud 29.0.1 and the Talk 19.0.1 docs',
  },
  '20': {
    apiVersion: 'v4',
    source: 'derived from the Talk docs of the neighbouring releases only (no recording of a Talk 20 server): unverified',
  },
  '21': {
    apiVersion: 'v4',
    recorded: { talk: '21.1.0', nextcloud: '31.0.2', folder: 'talk-21.1.0-nc-31.0.2' },
    source: 'recorded from Talk 21.1.0 on Nextcloud 31.0.2 and the Talk 21.1.0 docs',
  },
};

/** Annotation keys that restrict a node to a range of Talk releases (`x-talk-since: "21"`, `x-talk-until: "21"`). */
export const SINCE = 'x-talk-since';
export const UNTIL = 'x-talk-until';

export function isTalkRelease(value: unknown): value is TalkRelease {
  return typeof value === 'string' && (TALK_RELEASES as readonly string[]).includes(value);
}

/** Position of a release in {@link TALK_RELEASES}; `'19'` → 0. */
export function releaseIndex(release: TalkRelease): number {
  return TALK_RELEASES.indexOf(release);
}

/**
 * Whether a node annotated with `x-talk-since` / `x-talk-until` exists in `release`. Absent `since` means "in every
 * release the contract describes", absent `until` means "still there"; `until` names the first release without it.
 *
 * @example
 * ```ts
 * existsInRelease({ 'x-talk-since': '21' }, '19'); // false
 * existsInRelease({ 'x-talk-until': '21' }, '19'); // true
 * ```
 */
export function existsInRelease(node: Record<string, unknown>, release: TalkRelease): boolean {
  const since = node[SINCE];
  const until = node[UNTIL];
  const r = releaseIndex(release);
  if (isTalkRelease(since) && r < releaseIndex(since)) return false;
  if (isTalkRelease(until) && r >= releaseIndex(until)) return false;
  return true;
}

/** File name of a release slice: `openapi.v4.talk-21.json`. */
export function releaseSliceFile(release: TalkRelease): string {
  return `openapi.${TALK_RELEASE_FACTS[release].apiVersion}.talk-${release}.json`;
}
