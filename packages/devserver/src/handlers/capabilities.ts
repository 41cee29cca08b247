// The `spreed` capabilities the dev server advertises (what it implements), and their hash.
import { createHash } from 'node:crypto';
import { CHAT_MAX_LENGTH } from '../domain/constants.js';
import { DESCRIPTION_MAX_LENGTH } from '../domain/conversation.js';
import type { TalkSchemas } from '@talk-contract/server';
import type { ReleaseProfile, SpreedCapabilities, SpreedConfig } from '../domain/release-profile.js';
import { releaseProfile } from '../domain/release-profile.js';

/**
 * The `spreed` capability features the dev server implements.
 *
 * @example
 * DEV_FEATURES.includes('chat-read-marker'); // true
 */
export const DEV_FEATURES: readonly string[] = [
  'audio',
  'video',
  'chat-v2',
  'conversation-v4',
  'guest-signaling',
  'empty-group-room',
  'guest-display-names',
  'multi-room-users',
  'favorites',
  'last-room-activity',
  'no-ping',
  'system-messages',
  'delete-messages',
  'mention-flag',
  'in-call-flags',
  'conversation-call-flags',
  'notification-levels',
  'invite-groups-and-mails',
  'locked-one-to-one-rooms',
  'read-only-rooms',
  'listable-rooms',
  'chat-read-marker',
  'chat-unread',
  'webinary-lobby',
  'start-call-flag',
  'chat-replies',
  'chat-read-status',
  'chat-read-last',
  'chat-get-context',
  'phonebook-search',
  'raise-hand',
  'room-description',
  'rich-object-sharing',
  'rich-object-list-media',
  'rich-object-delete',
  'temp-user-avatar-api',
  'conversation-permissions',
  'message-expiration',
  'silent-send',
  'silent-send-state',
  'note-to-self',
  'edit-messages',
  'remind-me-later',
  'clear-history',
  'direct-mention-flag',
  'notification-calls',
  'session-state',
  'recording-consent',
  'markdown-messages',
  'media-caption',
  'federation-v1',
  'reactions',
  'chat-permission',
  'bots-v1',
  'talk-polls',
  'breakout-rooms-v1',
  'avatar',
  'recording-v1',
  'send-call-notification',
  'sip-support',
  'sip-support-dialout',
];

/**
 * Features the dev server advertises only from a release on: what the release added (its operations exist in
 * that release's slice only), and `chat-reference-id`, which Talk 19 sends only with `has_reference_id` set (the
 * recorded fresh install did not; the dev server accepts a `referenceId` in every release, as Talk does). Every
 * name is one the contract knows for that release (`x-talk-features`; tested).
 */
const FEATURES_SINCE: Readonly<Record<string, string>> = { 'mention-permissions': '20', 'edit-draft-poll': '21', 'chat-reference-id': '21' };

/** Every feature the dev server could advertise in `profile`'s release, before `withoutFeatures`. */
function implementedFeatures(profile: ReleaseProfile): string[] {
  const since = Object.entries(FEATURES_SINCE).filter(([, release]) => Number(release) <= Number(profile.release));
  return [...DEV_FEATURES, ...since.map(([feature]) => feature)];
}

/**
 * The features the dev server advertises when it imitates `profile`'s release.
 *
 * @example
 * releaseFeatures(releaseProfile('21')).includes('edit-draft-poll'); // true
 */
export function releaseFeatures(profile: ReleaseProfile): string[] {
  const hidden = new Set(profile.withoutFeatures ?? []);
  return implementedFeatures(profile).filter((feature) => !hidden.has(feature));
}

/**
 * Why `withoutFeatures` cannot be honoured for `profile`'s release (a name it does not advertise), or `null`.
 *
 * @example
 * withoutFeaturesProblem(releaseProfile('19'), ['edit-draft-poll']); // '"edit-draft-poll" is not advertised by …'
 */
export function withoutFeaturesProblem(profile: ReleaseProfile, names: readonly string[]): string | null {
  const known = implementedFeatures(profile);
  const unknown = names.find((name) => !known.includes(name));
  return unknown === undefined ? null : `${JSON.stringify(unknown)} is not advertised by Talk ${profile.version} here (it advertises: ${known.join(', ')})`;
}

const REACTIONS = ['❤️', '🎉', '👏', '👋', '👍', '👎', '🔥', '😂', '🤩', '🤔', '😲', '😥'];

/** `spreed => config` and `config-local`, shaped like the release's (values: what the dev server does). */
function config(profile: ReleaseProfile): { config: SpreedConfig; local: Record<string, string[]> } {
  const config: SpreedConfig = {
    attachments: { allowed: true, folder: '/Talk' },
    call: {
      enabled: true,
      'breakout-rooms': false,
      recording: false,
      'recording-consent': 0,
      'supported-reactions': REACTIONS,
      'can-upload-background': false,
      'sip-enabled': false,
      'sip-dialout-enabled': false,
      'can-enable-sip': false,
      'predefined-backgrounds': [],
    },
    chat: {
      'max-length': CHAT_MAX_LENGTH,
      'read-privacy': 0,
      'has-translation-providers': false,
      'typing-privacy': 0,
    },
    conversations: { 'can-create': true },
    federation: { enabled: false, 'incoming-enabled': false, 'outgoing-enabled': false, 'only-trusted-servers': true },
    previews: { 'max-gif-size': 3_145_728 },
    signaling: { 'session-ping-limit': 200, 'hello-v2-token-key': '' },
  };
  const local: Record<string, string[]> = {
    attachments: ['allowed', 'folder'],
    call: ['predefined-backgrounds', 'can-upload-background'],
    chat: ['read-privacy', 'has-translation-providers', 'typing-privacy'],
    conversations: ['can-create'],
    federation: ['enabled', 'incoming-enabled', 'outgoing-enabled', 'only-trusted-servers'],
    previews: ['max-gif-size'],
    signaling: ['session-ping-limit', 'hello-v2-token-key'],
  };
  // What newer releases add, from the release profile.
  const added = profile.capabilityConfig({ descriptionLength: DESCRIPTION_MAX_LENGTH });
  for (const [area, keys] of Object.entries(added.local)) local[area] = [...(local[area] ?? []), ...keys];
  return { config: mergeConfig(config, added.config), local };
}

/** `base` with the areas of `added` merged in (keys of an area in `base` keep their place). */
function mergeConfig(base: SpreedConfig, added: SpreedConfig): SpreedConfig {
  const merged: Record<string, object | undefined> = { ...base };
  for (const [area, values] of Object.entries(added)) merged[area] = { ...merged[area], ...values };
  // Each area is the merge of two values of that area's type, so it still has that type.
  return merged as SpreedConfig;
}

/** Features that are about the user's own server (`features-local`), of those the dev server implements. */
const LOCAL_FEATURES = ['favorites', 'chat-read-status', 'listable-rooms', 'phonebook-search', 'temp-user-avatar-api', 'remind-me-later', 'note-to-self'];

/**
 * The `spreed` capabilities (features, config, version) in the imitated release's shape, as
 * `getConversationCapabilities` and `capabilities.spreed` of `GET /ocs/v2.php/cloud/capabilities` give them.
 *
 * @example
 * devCapabilities(releaseProfile('21')).version; // '21.1.0'
 */
export function devCapabilities(profile: ReleaseProfile = releaseProfile()): SpreedCapabilities {
  const { config: values, local } = config(profile);
  const features = releaseFeatures(profile);
  return {
    features,
    'features-local': LOCAL_FEATURES.filter((f) => features.includes(f)),
    config: values,
    'config-local': local,
    version: profile.version,
  };
}

/** The cloud capabilities as the contract types them, with the `core` and `spreed` apps the dev server has. */
type DevCloudCapabilities = TalkSchemas<'v4'>['CloudCapabilities'] & { capabilities: { core: Record<string, unknown>; spreed: SpreedCapabilities } };

/**
 * `GET /ocs/v2.php/cloud/capabilities`: the Nextcloud version of the release and the capabilities of the apps the
 * dev server stands in for (`core` and `spreed`).
 *
 * @example
 * cloudCapabilities(releaseProfile('19')).version.string; // '29.0.1'
 */
export function cloudCapabilities(profile: ReleaseProfile = releaseProfile()): DevCloudCapabilities {
  return {
    version: { ...profile.nextcloud, edition: '', extendedSupport: false },
    capabilities: {
      core: {
        pollinterval: 60,
        'webdav-root': 'remote.php/webdav',
        'reference-api': true,
        'reference-regex': '(\\s|\\n|^)(https?:\\/\\/)([-A-Z0-9+_.]+(?::[0-9]+)?(?:\\/[-A-Z0-9+&@#%?=~_|!:,.;()]*)*)(\\s|\\n|$)',
        'mod-rewrite-working': false,
      },
      spreed: devCapabilities(profile),
    },
  };
}

const hashes = new Map<string, string>();

/** `X-Nextcloud-Talk-Hash`: sha1 over the capabilities of the release (computed once per release). */
export function talkHash(profile: ReleaseProfile): string {
  const key = [profile.release, ...(profile.withoutFeatures ?? [])].join(' ');
  let hash = hashes.get(key);
  if (!hash)
    hashes.set(
      key,
      (hash = createHash('sha1')
        .update(JSON.stringify(devCapabilities(profile)))
        .digest('hex')),
    );
  return hash;
}
