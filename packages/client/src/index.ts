export { createTalkClient } from './create-talk-client.js';
export type {
  TalkClient,
  TalkClientOptions,
  TalkBasicAuth,
  TalkChat,
  TalkPaths,
  TalkRawClient,
  TalkSchemas,
} from './create-talk-client.js';
export { connectTalk } from './connect-talk.js';
export type { ConnectTalkOptions } from './connect-talk.js';
export type { ConnectedTalkClient, ReleaseFacadeGroup, ReleaseOperations, TalkConnection, TalkReleaseClient } from './release-client.js';
export { pickApiVersion, pickTalkRelease, talkCapabilities } from './capabilities.js';
export type { TalkCapabilities, TalkSpreedCapabilities } from './capabilities.js';
export type { TalkFeature, TalkFeaturesByRelease } from './generated/capabilities.js';
export { memorySessionStore, withCookieJar } from './cookie-jar.js';
export type { TalkSessionOption, TalkSessionStore, TalkStoredCookie } from './cookie-jar.js';
export {
  TalkError,
  TalkApiError,
  TalkNetworkError,
  TalkTimeoutError,
  TalkResponseFormatError,
  TalkCapabilityError,
  TalkConnectError,
} from './errors.js';
export type { OcsMeta, TalkErrorCode, TalkApiErrorDetails } from './errors.js';
export { isTalkApiError } from './operation-errors.js';
export type { TalkOperationError } from './operation-errors.js';
export * from './generated/enums.js';
export type {
  CallOptions,
  FacadeGroup,
  FacadeGroupOf,
  FacadeInput,
  FacadeMethod,
  OperationsOf,
  SuccessData,
  TalkBinaryResponse,
  TalkPollResponse,
  TalkResponse,
} from './facade-types.js';
export type { ChatHelpers, ChatHistoryOptions, ChatWatchOptions } from './chat-helpers.js';
export { apiVersions, talkReleases } from './operation-info.js';
export type { ApiVersion, OperationInfo, ResponseHeaderInfo, TalkRelease } from './operation-info.js';
export { operationsFor, findOperation, defaultBasePath, operationTable } from './operation-lookup.js';
export { describeStatus } from './status-meaning.js';
export type { StatusDescriber } from './status-meaning.js';
export { retryAfterMs } from './transport.js';
export type { FetchFunction, RetryOptions } from './transport.js';
export type { FacadeOperations } from './generated/operations.js';
export { signBotRequest, talkSignature, verifyTalkWebhook } from './bot-signature.js';
export type { BotRequestSignature, TalkWebhookInput } from './bot-signature.js';
