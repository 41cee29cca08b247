// Server and user settings of the newer areas (SIP bridge configuration, Talk user settings), kept in the store.
import type { Actor } from './records.js';
import type { TalkStore } from './store.js';
import { TalkError } from './talk-error.js';

/** The SIP bridge configuration (`POST /settings/sip`). */
export interface SipConfig {
  sipGroups: string[];
  dialInInfo: string;
  sharedSecret: string;
}

/** The settings of a store: the SIP configuration and the Talk user settings per user id (`attachment_folder`, ...). */
const settingsOf = (store: TalkStore): { sip: SipConfig; users: Map<string, Record<string, string | number>> } => ({
  sip: store.sip,
  users: store.userSettings,
});

/** Whether the user is an administrator (member of the `admin` group). */
export function isAdmin(store: TalkStore, actor: Actor): boolean {
  return actor.kind === 'user' && (store.users.get(actor.userId)?.groups.includes('admin') ?? false);
}

/**
 * The SIP configuration of the server.
 *
 * @example
 * sipConfig(store).sharedSecret; // '' until an admin configures SIP
 */
export function sipConfig(store: TalkStore): Readonly<SipConfig> {
  return settingsOf(store).sip;
}

/** Whether SIP is configured (a shared secret and at least one group), as Talk's `isSIPConfigured`. */
export function isSipConfigured(store: TalkStore): boolean {
  const sip = settingsOf(store).sip;
  return sip.sharedSecret !== '' && sip.sipGroups.length > 0;
}

/** Whether the user may enable SIP for conversations (member of a SIP group). */
export function canUserEnableSip(store: TalkStore, actor: Actor): boolean {
  if (actor.kind !== 'user') return false;
  const groups = store.users.get(actor.userId)?.groups ?? [];
  return settingsOf(store).sip.sipGroups.some((g) => groups.includes(g));
}

/**
 * "Set SIP settings" (administrators only).
 *
 * @example
 * setSipSettings(store, { kind: 'user', userId: 'root' }, { sipGroups: ['developers'], dialInInfo: '+49 30 1234', sharedSecret: 's3cret' });
 */
export function setSipSettings(store: TalkStore, actor: Actor, input: { sipGroups: unknown; dialInInfo: string; sharedSecret: string }): void {
  if (!isAdmin(store, actor)) throw new TalkError(403, 'permissions', 'Only administrators can configure SIP');
  const groups = Array.isArray(input.sipGroups) ? input.sipGroups.filter((g): g is string => typeof g === 'string') : [];
  store.sip = { sipGroups: groups, dialInInfo: input.dialInInfo, sharedSecret: input.sharedSecret };
  store.changed();
}

const USER_SETTING_VALUES: Record<string, (value: unknown) => string | number | null> = {
  attachment_folder: (v) => (typeof v === 'string' && v.startsWith('/') && !v.split('/').includes('..') ? v : null),
  read_status_privacy: (v) => (v === 0 || v === 1 || v === '0' || v === '1' ? Number(v) : null),
  typing_privacy: (v) => (v === 0 || v === 1 || v === '0' || v === '1' ? Number(v) : null),
  play_sounds: (v) =>
    v === 'yes' || v === 'no' || v === true || v === false || v === 1 || v === 0 || v === '1' || v === '0'
      ? v === 'yes' || v === true || v === 1 || v === '1'
        ? 'yes'
        : 'no'
      : null,
};

/**
 * "Set a Talk user setting": `read_status_privacy` also applies to the user's attendees (their read marker is
 * then hidden from `lastCommonReadMessage`).
 *
 * @example
 * setUserSetting(store, { kind: 'user', userId: 'alice' }, 'read_status_privacy', 1);
 */
export function setUserSetting(store: TalkStore, actor: Actor, key: string, value: unknown): void {
  if (actor.kind !== 'user') throw new TalkError(401, 'login', 'Current user is not logged in');
  const parse = USER_SETTING_VALUES[key];
  if (!parse) throw new TalkError(400, 'key', `Unknown setting key "${key}"`);
  const parsed = parse(value);
  if (parsed === null) throw new TalkError(400, 'value', `Invalid value for the setting "${key}"`);
  const state = settingsOf(store);
  const mine = state.users.get(actor.userId) ?? {};
  mine[key] = parsed;
  state.users.set(actor.userId, mine);
  if (key === 'read_status_privacy') {
    for (const list of store.attendees.values()) {
      for (const a of list) if (a.actorType === 'users' && a.actorId === actor.userId) store.attendees.setReadPrivacy(a, parsed as number);
    }
  }
  store.changed();
}

/**
 * The Talk settings a user set (for tests and tooling).
 *
 * @example
 * userSettings(store, 'alice'); // { play_sounds: 'no' }
 */
export function userSettings(store: TalkStore, userId: string): Readonly<Record<string, string | number>> {
  return settingsOf(store).users.get(userId) ?? {};
}
