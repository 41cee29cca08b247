// What differs between the Talk releases the dev server imitates: the one place that knows "19" from "21".
// Everything here was read off the recordings of real servers (../shared/real-talk) and Talk's changelog.

import type { TalkHandlerResult, TalkOperationId, TalkSchemas } from '@talk-contract/server';
import type { ParticipantView, RoomView } from './views.js';

/** The `spreed` capabilities as the contract types them (the object, not the `[]` of a disabled app). */
export type SpreedCapabilities = Exclude<TalkSchemas<'v4'>['RoomCapabilities'], unknown[]>;

/** `spreed => config`: configuration values by area, as the contract types them. */
export type SpreedConfig = SpreedCapabilities['config'];

/** The Talk releases the dev server can imitate (`--talk 19|21`). */
export type TalkRelease = '19' | '21';

/**
 * How a Talk controller spells a refusal, independent of the release:
 * - `guard`: refused by Talk's middleware (unknown/hidden conversation, not a moderator, read-only, lobby, not
 *   logged in): `ocs.data` is `[]` in every release.
 * - `reason`: the controller answers `['error' => reason]` (Talk 21); Talk 19 sent `[]` for most of them.
 * - `reason-always`: `['error' => reason]` in every release (reminders, editing an empty message, ...).
 * - `bare`: the controller answers `new DataResponse(null, status)` in Talk 21 (`[]` in Talk 19).
 *
 * @example
 * new TalkError(400, 'level', 'Invalid notification level', { style: 'reason' });
 */
export type RefusalStyle = 'guard' | 'reason' | 'reason-always' | 'bare';

/**
 * What an operation that changes something answers on success: nothing (`[]`), `null`, the conversation (`Room`)
 * or the changed participant (`[Participant]`).
 */
export type SuccessAnswer = 'empty' | 'null' | 'room' | 'participant';

/** One release's observable behaviour. */
export interface ReleaseProfile {
  release: TalkRelease;
  /**
   * Features left out of the capabilities (`createDevServer({ withoutFeatures })`): a server without them, to test
   * a client's feature gating. The operations still answer.
   */
  withoutFeatures?: readonly string[];
  /** The full version (`version.string` of the capabilities, the `X-Nextcloud-Talk-Hash` input). */
  version: string;
  /** The Nextcloud server version it was recorded with. */
  nextcloud: { major: number; minor: number; micro: number; string: string };
  /** `ocs.data` of a refusal of the given style. */
  refusalData(style: RefusalStyle, reason: string): unknown;
  /** What a successful operation without its own answer returns (by operationId; default `empty`). */
  successAnswer(operationId: string): SuccessAnswer;
  /** Fields only this release's `Room` has (added after Talk 19), with their values for a conversation. */
  roomExtras(input: { mentionPermissions: number }): Record<string, unknown>;
  /** Whether rich objects of type `user` carry `mention-id` (Talk 21). */
  mentionIds: boolean;
  /** Whether the `@all` mention suggestion carries `details` ("All 3 participants"). */
  mentionAllDetails: boolean;
  /** Whether e-mail invitees in the participant list show `invitedActorId` (and a hashed `actorId`). */
  invitedActorId: boolean;
  /** Talk 21 refuses `PUT /attendees/permissions/all` (the "all attendees" permission API was removed). */
  allAttendeesPermissions: boolean;
  /** Fields of a files_sharing share only this Nextcloud has (`is-mount-root`, `mount-type` since 30). */
  shareExtras: Record<string, unknown>;
  /** Fields of a `{file}` rich object only this release writes (`hide-download` since Talk 20). */
  fileObjectExtras: Record<string, string>;
  /** files_sharing's status for share permissions out of range (Nextcloud 29: 404, 31: 403). */
  invalidSharePermissionsStatus: number;
  /** Whether `PUT /room/{token}/permissions/call` still exists (Talk 21 answers 400 `mode`). */
  callPermissions: boolean;
  /** Whether visitors and lobby-held members get `lastMessage: []` (Talk 19) instead of no `lastMessage` (21). */
  emptyLastMessageForOutsiders: boolean;
  /** Whether the join answer of a guest has `null` for user-only settings (`isFavorite`, notification levels; Talk 19). */
  guestSettingsNull: boolean;
  /** Whether a group conversation may be created without a name (Talk 21 names it "---"). */
  unnamedGroupConversations: boolean;
  /** `spreed => config` / `config-local` entries this release has beyond Talk 19's (the values are the dev server's). */
  capabilityConfig(limits: { descriptionLength: number }): { config: SpreedConfig; local: Record<string, string[]> };
  /** A SIP bridge request without a configured bridge: 401 `[]` (19, "not validated") or 501 `null` (21). */
  sipBridgeRefusal: { status: number; style: RefusalStyle };
  /** What a password on a non-public conversation answers: 403 (19) or 400 `type` (21). */
  passwordOnPrivate: { status: number; style: RefusalStyle };
}

/** The `ocs.data` of each kind of success answer (`participant`: the changed participant, or `[]` when gone). */
interface SuccessData {
  empty: [];
  null: null;
  room: RoomView;
  participant: ParticipantView[];
}

/** The kinds of success answer whose `data` the documented 200 (201 of the bot answers) of operation `O` admits. */
type AdmittedAnswer<O extends TalkOperationId<'v4'>> = {
  [K in SuccessAnswer]: SuccessData[K] extends Extract<TalkHandlerResult<'v4', O>, { status: 200 | 201 }>['data'] ? K : never;
}[SuccessAnswer];

/**
 * Success answers by operationId, each one the contract documents for that operation (else it does not compile):
 * what `EMPTY` and `noData` become in a release.
 *
 * @example
 * const answers = { renameConversation: 'room', leaveCall: 'null' } satisfies SuccessAnswers;
 */
export type SuccessAnswers = { readonly [O in TalkOperationId<'v4'>]?: AdmittedAnswer<O> };

// Talk 19 answers `[]` where the operations below answer something else in Talk 21 (the settings that answer the
// conversation in every release return it from their handler): the conversation from nearly all settings, and
// `null` where Talk 19 sent `[]` (removals, leaving, resending invitations, guest names).
const TALK_21_ANSWERS: Readonly<Record<string, SuccessAnswer>> = {
  renameConversation: 'room',
  setConversationDescription: 'room',
  makeConversationPublic: 'room',
  makeConversationPrivate: 'room',
  setConversationReadOnly: 'room',
  setConversationPassword: 'room',
  addConversationToFavorites: 'room',
  removeConversationFromFavorites: 'room',
  setMessageExpiration: 'room',
  setNotificationLevel: 'room',
  setCallNotificationLevel: 'room',
  setConversationListable: 'room',
  joinCall: 'null',
  leaveCall: 'null',
  deleteConversation: 'null',
  removeAttendee: 'null',
  promoteModerator: 'null',
  demoteModerator: 'null',
  leaveConversation: 'null',
  removeSelf: 'null',
  resendInvitations: 'null',
  setGuestDisplayName: 'null',
  // OCSEmpty answers of the newer areas (the contract's Talk 21 examples: `data` is null).
  updateCallFlags: 'null',
  ringAttendee: 'null',
  dismissRecordingNotification: 'null',
  setUserSetting: 'null',
  sendBotMessage: 'null',
  reactAsBot: 'null',
  deleteBotReaction: 'null',
  setAttendeePermissions: 'participant',
} satisfies SuccessAnswers;

const TALK_19: ReleaseProfile = {
  release: '19',
  version: '19.0.1',
  nextcloud: { major: 29, minor: 0, micro: 1, string: '29.0.1' },
  refusalData: (style, reason) => (style === 'reason-always' ? { error: reason } : []),
  successAnswer: () => 'empty',
  roomExtras: () => ({}),
  mentionIds: false,
  mentionAllDetails: false,
  invitedActorId: false,
  allAttendeesPermissions: true,
  shareExtras: {},
  fileObjectExtras: {},
  invalidSharePermissionsStatus: 404,
  callPermissions: true,
  emptyLastMessageForOutsiders: true,
  guestSettingsNull: true,
  unnamedGroupConversations: false,
  passwordOnPrivate: { status: 403, style: 'guard' },
  sipBridgeRefusal: { status: 401, style: 'guard' },
  capabilityConfig: () => ({ config: {}, local: {} }),
};

const TALK_21: ReleaseProfile = {
  release: '21',
  version: '21.1.0',
  nextcloud: { major: 31, minor: 0, micro: 2, string: '31.0.2' },
  refusalData: (style, reason) => (style === 'guard' ? [] : style === 'bare' ? null : { error: reason }),
  successAnswer: (operationId) => TALK_21_ANSWERS[operationId] ?? 'empty',
  roomExtras: ({ mentionPermissions }) => ({ mentionPermissions, isArchived: false, isImportant: false, isSensitive: false }),
  mentionIds: true,
  mentionAllDetails: true,
  invitedActorId: true,
  allAttendeesPermissions: false,
  shareExtras: { 'is-mount-root': false, 'mount-type': '' },
  fileObjectExtras: { 'hide-download': 'no' },
  invalidSharePermissionsStatus: 403,
  callPermissions: false,
  emptyLastMessageForOutsiders: false,
  guestSettingsNull: false,
  unnamedGroupConversations: true,
  passwordOnPrivate: { status: 400, style: 'reason' },
  sipBridgeRefusal: { status: 501, style: 'bare' },
  capabilityConfig: ({ descriptionLength }) => ({
    config: {
      call: {
        'start-without-media': false,
        'max-duration': 0,
        'blur-virtual-background': false,
        'end-to-end-encryption': false,
        'predefined-backgrounds-v2': [],
      },
      chat: { 'has-translation-task-providers': false, 'summary-threshold': 100 },
      conversations: {
        'force-passwords': false,
        'list-style': 'two-lines',
        'description-length': descriptionLength,
        'retention-event': 28,
        'retention-phone': 7,
        'retention-instant-meetings': 1,
      },
      experiments: { enabled: 0 },
    },
    local: {
      call: ['predefined-backgrounds-v2', 'start-without-media', 'blur-virtual-background'],
      chat: ['has-translation-task-providers', 'summary-threshold'],
      conversations: ['list-style', 'description-length', 'retention-event', 'retention-phone', 'retention-instant-meetings'],
      experiments: ['enabled'],
    },
  }),
};

/** The newest release the dev server imitates (its default). */
export const NEWEST_RELEASE: TalkRelease = '21';

/** Every release the dev server imitates. */
export const TALK_RELEASES: readonly TalkRelease[] = ['19', '21'];

/**
 * The profile of a release.
 *
 * @example
 * releaseProfile('19').version; // '19.0.1'
 */
export function releaseProfile(release: TalkRelease = NEWEST_RELEASE): ReleaseProfile {
  return release === '19' ? TALK_19 : TALK_21;
}

/** Whether `value` names a release the dev server imitates. */
export function isTalkRelease(value: unknown): value is TalkRelease {
  return typeof value === 'string' && (TALK_RELEASES as readonly string[]).includes(value);
}
