import type { CompiledOperation } from '../compiled-contract.js';
import { parseFormParameterMap } from '../form-parameters.js';
import { ocsErrorResponse } from '../ocs-envelope.js';
import type { InputCheck, ValidatedInput } from '../request-validation.js';
import type { RequestBodyInput } from './read-request-input.js';
import type { HeaderReader } from './request-headers.js';
import type { QueryRewrite } from './query-readers.js';
import { queryStringOf } from './route-request.js';

/**
 * Stage 4, validate: merge path parameters, query string and body as Nextcloud does, coerce and validate
 * them against the operation. The handler input, or a 400 naming each bad parameter. A request without a
 * body is read straight from its query string by the operation's generated reader; with `rewriteQuery` (the
 * server's `queryReaders`), the query values are first read the embedder's way.
 *
 * @example
 * ```ts
 * const input = validateRequest(op, { token: 'abc123xy' }, request.url, header, null);
 * if (input instanceof Response) return input; // 400
 * ```
 */
export function validateRequest(
  op: CompiledOperation,
  params: Record<string, string>,
  url: string,
  header: HeaderReader,
  body: RequestBodyInput | null,
  rewriteQuery?: QueryRewrite | null,
): ValidatedInput | Response {
  const raw = queryStringOf(url);
  const queryString = rewriteQuery ? rewriteQuery(op.descriptor.operationId, raw) : raw;
  let checked: InputCheck;
  if (body === null || (body.json === null && body.form === null)) checked = op.checkRequest.fromQueryString(params, queryString, header);
  else {
    const strings = parseFormParameterMap(queryString);
    if (body.form) for (const [key, value] of body.form) strings.set(key, value);
    checked = op.checkRequest({ path: params, strings, json: body.json, header, files: body.files });
  }
  return checked.ok ? checked.input : ocsErrorResponse(400, { error: 'validation', errors: checked.issues });
}
