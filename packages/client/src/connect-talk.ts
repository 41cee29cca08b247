import { pickApiVersion, pickTalkRelease, talkCapabilities, type TalkSpreedCapabilities } from './capabilities.js';
import { memorySessionStore } from './cookie-jar.js';
import { createTalkClient, type TalkClientOptions } from './create-talk-client.js';
import { TalkConnectError, TalkError } from './errors.js';
import type { ApiVersion } from './operation-info.js';
import type { ConnectedTalkClient } from './release-client.js';

/**
 * Options of {@link connectTalk}: those of `createTalkClient`, without the API version and capabilities it finds out.
 *
 * @example
 * ```ts
 * const options: ConnectTalkOptions = { baseUrl: 'https://cloud.example.com', session: 'memory', timeoutMs: 10_000 };
 * ```
 */
export type ConnectTalkOptions = Omit<TalkClientOptions<ApiVersion>, 'apiVersion' | 'capabilities'>;

function connectError(url: string, error: unknown): unknown {
  if (!(error instanceof TalkError)) return error;
  // TalkApiError and TalkResponseFormatError carry the status of the answer.
  const status = (error as { status?: number }).status;
  return new TalkConnectError(url, status === 404 ? 'not found: is `baseUrl` the Nextcloud root (where `/ocs/v2.php` is)?' : error.message, status, error);
}

/**
 * Connect to a Talk server: read `GET /ocs/v2.php/cloud/capabilities` once, pick the highest conversation API
 * version it has (`conversation-v4` …) and the contract's Talk release (see `pickTalkRelease`), and return a
 * client of exactly that, whose facade calls check the operation's capabilities before sending
 * (`TalkCapabilityError`; `checkCapabilities: false` turns it off). A failed capabilities call is a
 * `TalkConnectError` naming the URL and status.
 *
 * @example
 * ```ts
 * import { connectTalk, ConversationType } from '@talk-contract/client';
 *
 * const talk = await connectTalk({ baseUrl: 'https://cloud.example.com', auth: { user: 'bot', appPassword } });
 * console.log(talk.release, talk.apiVersion, talk.serverVersion); // '21' 'v4' '21.1.0'
 * if (talk.capabilities.has('talk-polls')) …;
 * if (talk.release === '21') await talk.conversations.setMentionPermissions(token, { mentionPermissions: 1 });
 * const { data: room } = await talk.conversations.create({ roomType: ConversationType.Group, roomName: 'Ops' });
 * ```
 */
export async function connectTalk(options: ConnectTalkOptions): Promise<ConnectedTalkClient> {
  // One store for the probe and the client: a cookie set by the capabilities answer is kept.
  const shared = { ...options, session: options.session === 'memory' ? memorySessionStore() : options.session };
  const url = `${options.baseUrl.replace(/\/+$/, '')}/ocs/v2.php/cloud/capabilities`;
  const probe = createTalkClient({ ...shared, apiVersion: 'v4' });
  const { data } = await probe.conversations.getServerCapabilities().catch((error: unknown) => {
    throw connectError(url, error);
  });
  const spreed = data.capabilities?.spreed as TalkSpreedCapabilities | readonly unknown[] | undefined;
  if (!spreed || Array.isArray(spreed)) throw new TalkConnectError(url, 'no `capabilities.spreed`: the Talk app is not enabled (for this user)', 200);
  const capabilities = talkCapabilities(spreed as TalkSpreedCapabilities);
  const apiVersion = pickApiVersion(capabilities.features);
  const release = apiVersion === 'v4' ? pickTalkRelease(capabilities.talkVersion, data.version?.major) : null;
  const client = createTalkClient({ ...shared, apiVersion, capabilities });
  const serverVersion = capabilities.talkVersion ?? data.version?.string ?? '';
  return Object.assign(client, { release, capabilities, serverVersion }) as unknown as ConnectedTalkClient;
}
