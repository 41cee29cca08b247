import type { TalkFeature } from './generated/capabilities.js';
import { apiVersions, talkReleases, type ApiVersion, type TalkRelease } from './operation-info.js';

/**
 * What a server advertises below `capabilities.spreed` (`GET /ocs/v2.php/cloud/capabilities`).
 *
 * @example
 * ```ts
 * const spreed: TalkSpreedCapabilities = { features: ['audio', 'conversation-v4'], version: '21.1.0' };
 * ```
 */
export interface TalkSpreedCapabilities {
  features?: readonly string[];
  'features-local'?: readonly string[];
  config?: Record<string, Record<string, unknown> | undefined>;
  'config-local'?: Record<string, readonly string[]>;
  /** Version of the Talk app (`21.1.0`); sent since Talk 16. */
  version?: string;
}

/**
 * The capabilities of a connected server (`talk.capabilities`): feature checks typed with the feature names the
 * contract knows, the raw lists and the config.
 *
 * @example
 * ```ts
 * if (talk.capabilities.has('talk-polls')) await talk.polls.create(token, { question: 'Lunch?', options: ['Yes', 'No'] });
 * talk.capabilities.config.chat?.['max-length']; // 32000
 * ```
 */
export interface TalkCapabilities {
  /** Whether the server advertises `feature` in `spreed.features`. */
  has(feature: TalkFeature): boolean;
  /** Every feature the server advertises, also names the contract does not know yet. */
  readonly features: readonly string[];
  /** `spreed.config`, by area. */
  readonly config: Readonly<Record<string, Record<string, unknown> | undefined>>;
  /** `spreed.version` (Talk 16+), or `undefined`. */
  readonly talkVersion?: string;
}

/**
 * A {@link TalkCapabilities} of a feature list (a `spreed` capabilities object, or just its `features`): for
 * `createTalkClient({ capabilities })` when the capabilities are already known.
 *
 * @example
 * ```ts
 * const caps = talkCapabilities({ features: ['audio', 'talk-polls'] });
 * caps.has('talk-polls'); // true
 * ```
 */
export function talkCapabilities(spreed: TalkSpreedCapabilities | readonly string[]): TalkCapabilities {
  const source: TalkSpreedCapabilities = Array.isArray(spreed) ? { features: spreed as readonly string[] } : (spreed as TalkSpreedCapabilities);
  const features = [...(source.features ?? [])];
  const set = new Set(features);
  return { has: (feature) => set.has(feature), features, config: source.config ?? {}, talkVersion: source.version };
}

/**
 * The highest conversation API version a feature list allows: `conversation-v4` → `v4` (v1–v3 are then gone),
 * else `conversation-v3` → `v3`, `conversation-v2` → `v2`, else `v1` (capabilities.md).
 *
 * @example
 * ```ts
 * pickApiVersion(['audio', 'conversation-v4']); // 'v4'
 * ```
 */
export function pickApiVersion(features: readonly string[]): ApiVersion {
  for (let i = apiVersions.length - 1; i > 0; i--) if (features.includes(`conversation-${apiVersions[i]}`)) return apiVersions[i]!;
  return apiVersions[0]!;
}

/**
 * The contract's Talk release of a server: the major of `spreed.version` (Talk 16+), else Nextcloud's major
 * minus 10 (Nextcloud 29 ships Talk 19, 31 Talk 21). A release newer than the newest the contract describes maps
 * to that newest one (Talk keeps what it added: the newest slice is the closest description); an older one, or no
 * version at all, is `null`.
 *
 * @example
 * ```ts
 * pickTalkRelease('21.1.0', 31); // '21'
 * pickTalkRelease(undefined, 29); // '19'
 * pickTalkRelease('23.0.0', 33); // '21' (newest known)
 * pickTalkRelease('18.0.7', 28); // null
 * ```
 */
export function pickTalkRelease(talkVersion: string | undefined, nextcloudMajor: number | undefined): TalkRelease | null {
  const fromTalk = talkVersion ? Number.parseInt(talkVersion, 10) : Number.NaN;
  const major = Number.isNaN(fromTalk) ? (nextcloudMajor ?? Number.NaN) - 10 : fromTalk;
  if (Number.isNaN(major)) return null;
  const newest = talkReleases[talkReleases.length - 1]!;
  if (major > Number(newest)) return newest;
  return talkReleases.find((release) => Number(release) === major) ?? null;
}
