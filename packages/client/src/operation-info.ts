import { apiVersions as contractApiVersions, talkReleases as contractTalkReleases } from './generated/operations.js';

/** A conversation/participant API version that Talk servers speak: `'v1'` … `'v4'` (from the contract). */
export type ApiVersion = (typeof contractApiVersions)[number];

/** The API versions the client knows, oldest first (generated from the contract). */
export const apiVersions: readonly ApiVersion[] = contractApiVersions;

/** A Talk server release the contract has an exact slice of: `'19'`, `'20'`, `'21'`. */
export type TalkRelease = (typeof contractTalkReleases)[number];

/** The Talk releases the contract describes exactly, oldest first (generated from the contract). */
export const talkReleases: readonly TalkRelease[] = contractTalkReleases;

/** How a documented response header is returned by the facade. */
export interface ResponseHeaderInfo {
  /** The key in `result.headers`: `X-Chat-Last-Given` → `lastGiven`. */
  key: string;
  /** JSON schema type of the header value; `integer` and `number` are parsed. */
  type: string;
}

/**
 * One row of the generated operation table: everything the client needs to call an operation and to explain
 * its answers.
 *
 * @example
 * ```ts
 * import { operationsFor } from '@talk-contract/client';
 * const get = operationsFor('v4').find((o) => o.operationId === 'getConversation');
 * get?.statuses['404']; // 'When the conversation could not be found for the participant'
 * ```
 */
export interface OperationInfo {
  operationId: string;
  /** Upper-case HTTP method. */
  method: string;
  /** Path below the API base: `/room/{token}`. */
  path: string;
  /** API base; `{apiVersion}` stands for the client's version (`/ocs/v2.php/apps/spreed/api/{apiVersion}`). */
  basePath: string;
  /** The API versions this row applies to. */
  versions: readonly ApiVersion[];
  /** Facade group: `conversations`, `chat` or `participants`. */
  area: string;
  /** Facade method name in its group: `get`, `send`, `markRead`. */
  name: string;
  /** The old facade name of a renamed method, still callable (and `@deprecated`) for one minor version. */
  deprecatedName?: string;
  /** Path parameters in path order (the facade method's first arguments). */
  pathParams: readonly string[];
  /** Query parameters; other input keys go to the JSON body when the operation has one. */
  queryParams: readonly string[];
  /** Whether the operation takes a request body (JSON, or multipart when `multipart` is set). */
  body: boolean;
  /** Present when the body is `multipart/form-data`: the facade sends a `FormData`, `Blob`/`File` values as file parts. */
  multipart?: true;
  /** Present when the success answer is binary: its documented media types (sent as `Accept`); `data` is a `Blob`. */
  binary?: readonly string[];
  /** Documented status codes and their documented meaning. */
  statuses: Readonly<Record<string, string>>;
  /** Documented response headers. */
  headers: Readonly<Record<string, ResponseHeaderInfo>>;
  /** Capabilities (`spreed.features`) the operation needs. */
  capabilities: readonly string[];
  /** Whether guests may call it without credentials. */
  anonymous: boolean;
  /** Present when a 304 "nothing new" is documented: what `data` is then (`[]` or `null`). */
  notModified?: 'array' | 'null';
}

/**
 * One row of the generated operation table as the facade bundles it (`src/generated/operations.ts`): lists are
 * space-separated strings, defaults are left out, the path parameters are the `{names}` of the path and the status
 * meanings live apart (`src/generated/status-meanings.ts`). {@link OperationInfo} is its expanded form.
 *
 * @example
 * ```ts
 * const row: CompactOperation = { id: 'getConversation', route: 'GET /room/{token}', versions: 'v1 v2 v3 v4', area: 'conversations', name: 'get', statuses: '200 401 404 412' };
 * ```
 */
export interface CompactOperation {
  id: string;
  /** Upper-case method and path below the base: `GET /room/{token}`. */
  route: string;
  /** The API versions of the row: `v1 v2 v3 v4`. */
  versions: string;
  area: string;
  /** The facade method name; left out when it is the operationId. */
  name?: string;
  /** {@link OperationInfo.deprecatedName}. */
  old?: string;
  /** Query parameter names. */
  query?: string;
  /** The request body, when there is one. */
  body?: 'json' | 'multipart';
  /** Media types of a binary success answer. */
  binary?: string;
  /** The documented statuses: `200 401 404 412`. */
  statuses: string;
  /** Names of the documented response headers (their shape: `responseHeaders`). */
  headers?: string;
  /** Capabilities the operation needs. */
  caps?: string;
  anonymous?: true;
  notModified?: 'array' | 'null';
  /** Index in `basePaths` when not the default base (0). */
  base?: number;
}
