import type { TalkCapabilities } from './capabilities.js';
import { memorySessionStore, withCookieJar, type TalkSessionOption } from './cookie-jar.js';
import { TalkCapabilityError } from './errors.js';
import type { OperationInfo } from './operation-info.js';
import type { FetchFunction } from './transport.js';

/** The `fetch` of a client with a `session` option: the given one (or the global) behind a cookie jar. */
export function sessionFetch(fetch: FetchFunction | undefined, session: TalkSessionOption | undefined, origin: string): FetchFunction | undefined {
  if (!session) return fetch;
  const store = session === 'memory' ? memorySessionStore() : session;
  return withCookieJar(fetch ?? ((input, init) => globalThis.fetch(input, init)), store, origin);
}

/** The facade's check before sending: every capability of the operation must be advertised. */
export function capabilityCheck(options: {
  capabilities?: TalkCapabilities;
  checkCapabilities?: boolean;
}): ((op: Pick<OperationInfo, 'operationId' | 'capabilities'>) => void) | undefined {
  const { capabilities } = options;
  if (!capabilities || options.checkCapabilities === false) return undefined;
  return (op) => {
    for (const capability of op.capabilities) if (!capabilities.features.includes(capability)) throw new TalkCapabilityError(op.operationId, capability);
  };
}
