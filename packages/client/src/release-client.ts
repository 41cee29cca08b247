import type { operations as OperationsTalk19 } from '@talk-contract/types/v4/talk-19';
import type { operations as OperationsTalk20 } from '@talk-contract/types/v4/talk-20';
import type { operations as OperationsTalk21 } from '@talk-contract/types/v4/talk-21';
import type { TalkCapabilities } from './capabilities.js';
import type { ChatHelpers } from './chat-helpers.js';
import type { TalkClient } from './create-talk-client.js';
import type { FacadeGroupOf, SuccessData } from './facade-types.js';
import type { DeprecatedFacadeNames, FacadeOperations } from './generated/operations.js';
import type { ApiVersion, TalkRelease } from './operation-info.js';

/** The openapi-typescript `operations` of each Talk release slice (`@talk-contract/types/v4/talk-NN`). */
interface ReleaseOperationTypes {
  '19': OperationsTalk19;
  '20': OperationsTalk20;
  '21': OperationsTalk21;
}

/**
 * The facade entries of the operations Talk release `R` has (API v4), each typed with the release's own
 * operation types: an operation with `x-talk-since: '21'` is not in `ReleaseOperations<'19'>`.
 *
 * @example
 * ```ts
 * type HasDraftEdit = 'editDraftPoll' extends keyof ReleaseOperations<'19'> ? true : false; // false
 * ```
 */
export type ReleaseOperations<R extends TalkRelease> = {
  [K in keyof FacadeOperations['v4'] & keyof ReleaseOperationTypes[R]]: Omit<FacadeOperations['v4'][K], 'operation'> & {
    operation: ReleaseOperationTypes[R][K];
  };
};

type ReleaseAliases<R extends TalkRelease, Area> = Area extends keyof DeprecatedFacadeNames['v4']
  ? {
      [K in keyof DeprecatedFacadeNames['v4'][Area] as DeprecatedFacadeNames['v4'][Area][K] extends { operationId: keyof ReleaseOperations<R> }
        ? K
        : never]: ReleaseOperations<R>[DeprecatedFacadeNames['v4'][Area][K] extends { operationId: infer Id extends keyof ReleaseOperations<R> } ? Id : never];
    }
  : {};

/**
 * The facade group `Area` of Talk release `R`.
 *
 * @example
 * ```ts
 * type Polls19 = ReleaseFacadeGroup<'19', 'polls'>; // createPoll, …, no editDraftPoll
 * ```
 */
export type ReleaseFacadeGroup<R extends TalkRelease, Area extends string> = FacadeGroupOf<ReleaseOperations<R>, Area, ReleaseAliases<R, Area>>;

type ReleaseMessage<R extends TalkRelease> = SuccessData<ReleaseOperationTypes[R]['receiveMessages']> extends readonly (infer M)[] ? M : never;
type Groups = 'conversations' | 'participants' | 'calls' | 'polls' | 'bots' | 'breakoutRooms' | 'settings' | 'integrations';

/**
 * What `connectTalk` found out about the server, on the client it returns.
 *
 * @example
 * ```ts
 * const { release, serverVersion, capabilities } = await connectTalk({ baseUrl });
 * ```
 */
export interface TalkConnection<R extends TalkRelease | null> {
  /**
   * The contract's Talk release the server is (`'19'`, `'20'`, `'21'`; a newer server is the newest known), or
   * `null` for an older server: narrow on it to get that release's exact types.
   */
  readonly release: R;
  /** The server's capabilities (`spreed`): `has(feature)`, the feature list, the config. */
  readonly capabilities: TalkCapabilities;
  /** The server's version as advertised: `spreed.version` (`21.1.0`), else the Nextcloud version (`31.0.2`). */
  readonly serverVersion: string;
}

/**
 * A client of Talk release `R` (API v4): only the operations of that release, with its field types.
 *
 * @example
 * ```ts
 * const talk = await connectTalk({ baseUrl, auth });
 * if (talk.release === '21') await talk.conversations.setMentionPermissions(token, { mentionPermissions: 1 });
 * ```
 */
export type TalkReleaseClient<R extends TalkRelease> = Omit<TalkClient<'v4'>, Groups | 'chat'> & {
  readonly [G in Groups]: ReleaseFacadeGroup<R, G>;
} & {
  /** Every chat operation of the release, plus `history()` and `watch()`. */
  readonly chat: ReleaseFacadeGroup<R, 'chat'> & ChatHelpers<ReleaseMessage<R>>;
} & TalkConnection<R>;

/**
 * What `connectTalk` resolves to: a client of the release the server is, or (a server older than the releases
 * the contract describes) a client of its API version with `release: null`. Narrow on `release` or `apiVersion`.
 *
 * @example
 * ```ts
 * const talk: ConnectedTalkClient = await connectTalk({ baseUrl, auth });
 * if (talk.release === null && talk.apiVersion !== 'v4') throw new Error('Talk too old');
 * ```
 */
export type ConnectedTalkClient =
  | { [R in TalkRelease]: TalkReleaseClient<R> }[TalkRelease]
  | { [V in ApiVersion]: TalkClient<V> & TalkConnection<null> }[ApiVersion];
