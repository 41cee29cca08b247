import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createLogger } from '@stoplight/prism-core';
import { getHttpOperationsFromSpec, resetJSONSchemaGenerator } from '@stoplight/prism-http';
import { createServer } from '@stoplight/prism-http-server';
import { apiVersions, isTalkRelease, specPath, talkReleases, type ApiVersion, type TalkRelease } from '@talk-contract/spec';

/** Options of {@link startMock}. */
export interface MockOptions {
  /** The API version slice to serve: `'v1'` … `'v4'`. */
  apiVersion: ApiVersion;
  /** TCP port on 127.0.0.1; 0 or undefined picks a free one. */
  port?: number;
  /** Host to listen on. Default `127.0.0.1`. */
  host?: string;
  /**
   * Serve the slice of one Talk release (`'19'`, `'20'`, `'21'`; API v4 only): its shapes and its examples (Talk 19
   * answers errors with `data: []`, Talk 21 with `data: null`). Default: `openapi.v4.json`, true for every release,
   * whose examples are the oldest release's.
   */
  talk?: TalkRelease;
  /** Generate answers from the schemas instead of serving the documented examples. */
  dynamic?: boolean;
  /** Seed of the dynamic generator (same seed → same answers). */
  seed?: number;
}

/** A running mock. */
export interface RunningMock {
  /** `http://127.0.0.1:<port>`: use it as the client's `baseUrl`. */
  url: string;
  port: number;
  apiVersion: ApiVersion;
  /** The Talk release served, when one was chosen. */
  talk?: TalkRelease;
  /** Stop listening and close open connections. */
  close(): Promise<void>;
}

/** Error codes of {@link MockError}. */
export type MockErrorCode = 'UNKNOWN_API_VERSION' | 'UNKNOWN_TALK_RELEASE' | 'PORT_IN_USE' | 'INVALID_PORT' | 'SPEC_NOT_FOUND';

/**
 * Why the mock could not start.
 *
 * @example
 * ```ts
 * try { await startMock({ apiVersion: 'v9' as 'v4' }) } catch (e) { if (e instanceof MockError) console.log(e.code) }
 * ```
 */
export class MockError extends Error {
  readonly code: MockErrorCode;

  constructor(code: MockErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MockError';
    this.code = code;
  }
}

/** JSON Schema Faker, the dynamic generator inside Prism (resolved next to @stoplight/prism-http). */
function jsonSchemaFaker(): { option(name: string, value: unknown): void } | undefined {
  try {
    const require = createRequire(createRequire(import.meta.url).resolve('@stoplight/prism-http'));
    const mod = require('json-schema-faker') as { JSONSchemaFaker?: { option(name: string, value: unknown): void } };
    return mod.JSONSchemaFaker;
  } catch {
    return undefined;
  }
}

function assertVersion(version: unknown): asserts version is ApiVersion {
  if (!(apiVersions as readonly unknown[]).includes(version)) {
    throw new MockError('UNKNOWN_API_VERSION', `unknown API version "${String(version)}": use one of ${apiVersions.join(', ')}`);
  }
}

/**
 * Serve one API version slice of the Talk contract with Prism, in-process, on 127.0.0.1. Static answers are
 * the documented examples; `dynamic: true` generates them from the schemas (no extra properties; `seed`
 * makes them repeatable). Invalid requests get Prism's 422 with the list of violations.
 *
 * @example
 * ```ts
 * import { startMock } from '@talk-contract/mock';
 * const mock = await startMock({ apiVersion: 'v4', talk: '21' }); // exactly what Talk 21 answers
 * const res = await fetch(`${mock.url}/ocs/v2.php/apps/spreed/api/v4/room`, {
 *   headers: { 'OCS-APIRequest': 'true', Authorization: 'Basic YWxpY2U6c2VjcmV0' },
 * });
 * await mock.close();
 * ```
 */
export async function startMock(options: MockOptions): Promise<RunningMock> {
  assertVersion(options.apiVersion);
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new MockError('INVALID_PORT', `invalid port ${String(options.port)}`);
  const host = options.host ?? '127.0.0.1';
  if (options.talk !== undefined) {
    if (!isTalkRelease(options.talk))
      throw new MockError('UNKNOWN_TALK_RELEASE', `unknown Talk release "${String(options.talk)}": use one of ${talkReleases.join(', ')}`);
    if (options.apiVersion !== 'v4') throw new MockError('UNKNOWN_TALK_RELEASE', `Talk ${options.talk} speaks API v4 only, not ${options.apiVersion}`);
  }
  const file = specPath(options.apiVersion, options.talk);
  let document: Record<string, unknown>;
  try {
    document = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new MockError('SPEC_NOT_FOUND', `cannot read the ${options.apiVersion} slice at ${file}`, { cause: error });
  }
  // The slice has concrete paths; its server URL carries the API base again, so route on paths alone.
  delete document.servers;
  const operations = await getHttpOperationsFromSpec(document);
  if (options.dynamic) {
    resetJSONSchemaGenerator();
    jsonSchemaFaker()?.option('fillProperties', false);
  }
  const server = createServer(operations, {
    cors: false,
    components: { logger: createLogger('talk-mock', { level: 'silent' }) },
    config: {
      checkSecurity: true,
      validateRequest: true,
      validateResponse: false,
      errors: false,
      upstreamProxy: undefined,
      isProxy: false,
      mock: { dynamic: options.dynamic === true, seed: options.seed === undefined ? undefined : String(options.seed) },
    },
  });
  let address: string;
  try {
    address = await server.listen(port, host);
  } catch (error) {
    // Prism rejects with the error message (a string), not the error.
    const text = error instanceof Error ? `${String((error as { code?: unknown }).code)} ${error.message}` : String(error);
    if (/EADDRINUSE/.test(text)) throw new MockError('PORT_IN_USE', `port ${port} on ${host} is already in use`, { cause: error });
    throw error instanceof Error ? error : new Error(text);
  }
  const actualPort = Number(new URL(address).port);
  return {
    url: `http://${host}:${actualPort}`,
    port: actualPort,
    apiVersion: options.apiVersion,
    ...(options.talk === undefined ? {} : { talk: options.talk }),
    close: () => server.close(),
  };
}
