export { createTalkServer, DEFAULT_BODY_LIMIT } from './create-talk-server.js';
export type { TalkServerOptions, TalkAuthenticateInput, TalkErrorInfo } from './create-talk-server.js';
export { serveTalk } from './serve-talk.js';
export type { FetchApp, RunningTalkServer } from './serve-talk.js';
export type {
  ApiVersion,
  TalkOperationId,
  TalkSchemas,
  TalkActor,
  TalkUserActor,
  TalkGuestActor,
  TalkAnonymousActor,
  TalkHandler,
  TalkHandlerInput,
  TalkHandlerResult,
  TalkHandlers,
  TalkOperationHandler,
  TalkOperationInput,
  TalkOperationResult,
} from './handler-types.js';
export type { TalkCredentials } from './basic-auth.js';
export { TalkServerConfigError, TalkResponseError, TalkHandlerTimeoutError } from './errors.js';
export type { TalkServerConfigErrorCode, TalkResponseErrorCode } from './errors.js';
export { ocsEnvelope, ocsErrorResponse } from './ocs-envelope.js';
export type { OcsEnvelope, OcsMeta } from './ocs-envelope.js';
export type { ValidationIssue, ParameterLocation } from './request-validation.js';
export type { BinaryBody } from './request-pipeline/answer-request.js';
export type { TalkQueryReader } from './request-pipeline/query-readers.js';
export { talkOperations } from './talk-operations.js';
export type { TalkOperationInfo } from './talk-operations.js';
// The request stages, for code that serves more than the contract through the same rules (the dev server).
export { readRequestBody, BodyTooLargeError, BODY_DRAIN_LIMITS } from './body-reader.js';
export { parseAuthorization } from './basic-auth.js';
export type { AuthorizationHeader } from './basic-auth.js';
export { createTalkRouter } from './request-pipeline/route-request.js';
export { requestTools } from './request-pipeline/embedder-stage.js';
export type { TalkBeforeRoute, TalkAfterRoute, TalkRequestTools } from './request-pipeline/embedder-stage.js';
export type { TalkRouteMatch } from './request-pipeline/route-request.js';
export { encodeResponseHeaders, ResponseHeaderProblem } from './response-headers.js';
