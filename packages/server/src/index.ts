export { createTalkServer, DEFAULT_BODY_LIMIT } from './create-talk-server.js';
export { readBodyBytes, BodyTooLargeError } from './body-reader.js';
export type { TalkServerOptions, TalkAuthenticateInput, TalkErrorInfo } from './create-talk-server.js';
export { serveTalk } from './serve-talk.js';
export type { FetchApp, RunningTalkServer } from './serve-talk.js';
export type {
  ApiVersion,
  TalkOperationId,
  TalkSchemas,
  TalkActor,
  TalkAnonymousActor,
  TalkHandler,
  TalkHandlerInput,
  TalkHandlerResult,
  TalkHandlers,
} from './handler-types.js';
export type { TalkCredentials } from './basic-auth.js';
export { TalkServerConfigError, TalkResponseError } from './errors.js';
export type { TalkServerConfigErrorCode, TalkResponseErrorCode } from './errors.js';
export { ocsEnvelope } from './ocs-envelope.js';
export type { OcsEnvelope, OcsMeta } from './ocs-envelope.js';
export type { ValidationIssue, ParameterLocation } from './request-validation.js';
export { talkOperations } from './talk-operations.js';
export type { TalkOperationInfo } from './talk-operations.js';
