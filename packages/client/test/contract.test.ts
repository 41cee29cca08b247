// Every operation of every version slice, called through the facade against the real Prism mock
// (in-process, 127.0.0.1). Calls are built from the generated operation table and the slice's examples;
// answers are compared with the documented example and validated with ajv against the response schema.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { loadSpec } from '@talk-contract/spec';
import { startMock, type RunningMock } from '@talk-contract/mock';
import {
  apiVersions,
  createTalkClient,
  describeStatus,
  operationsFor,
  TalkApiError,
  type ApiVersion,
  type OperationInfo,
  type TalkClient,
} from '../src/index.js';
import { deref, sampleCall } from './sample-input.js';

type JsonObject = { [key: string]: never };
type FacadeFn = (...args: unknown[]) => Promise<{ data: unknown; meta?: unknown; status: number; headers: Record<string, unknown>; notModified?: boolean }>;

const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as typeof Ajv2020Module.default;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as typeof addFormatsModule.default;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function facadeMethod(talk: TalkClient<ApiVersion>, op: OperationInfo): FacadeFn {
  const group = (talk as unknown as Record<string, Record<string, unknown>>)[op.area];
  const fn = group?.[op.name];
  if (typeof fn !== 'function') throw new Error(`talk.${op.area}.${op.name} is missing`);
  return fn as FacadeFn;
}

for (const version of apiVersions) {
  const slice = loadSpec(version) as unknown as JsonObject;
  const operations = operationsFor(version);

  describe(`facade against the Prism mock, API ${version}`, () => {
    let mock: RunningMock;
    let talk: TalkClient<ApiVersion>;
    let guest: TalkClient<ApiVersion>;
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(ajv);

    beforeAll(async () => {
      mock = await startMock({ apiVersion: version });
      // Opted in to the documented status meanings (`describeStatus`): the error tests below check them.
      talk = createTalkClient({ baseUrl: mock.url, apiVersion: version, auth: { user: 'alice', appPassword: 'app-password' }, describeStatus });
      guest = createTalkClient({ baseUrl: mock.url, apiVersion: version, describeStatus });
    });
    afterAll(async () => {
      await mock?.close();
    });

    it('has a facade method for every operation of the slice and none for others', () => {
      for (const op of operations) expect(typeof facadeMethod(talk, op)).toBe('function');
      const methods = [...new Set(operations.map((op) => op.area))].flatMap((area) =>
        Object.keys((talk as unknown as Record<string, object>)[area] ?? {}).map((name) => `${area}.${name}`),
      );
      const expected = operations.flatMap((op) => [`${op.area}.${op.name}`, ...(op.deprecatedName ? [`${op.area}.${op.deprecatedName}`] : [])]);
      expect(methods.filter((m) => !m.endsWith('.history') && !m.endsWith('.watch')).sort()).toEqual(expected.sort());
    });

    it.each(operations.map((op) => [op.operationId, op] as const))('%s', async (_id, op) => {
      const concrete = op.basePath + op.path;
      const { pathArgs, input, headers } = sampleCall(slice, concrete, op.method, op.pathParams);
      const item = deref(slice, (slice.paths as Record<string, unknown>)[concrete]) as Record<string, Record<string, unknown>>;
      const operation = item[op.method.toLowerCase()]!;
      // Operations only for unauthenticated callers (the SIP bridge) are called as a guest.
      const guestOnly = Array.isArray(operation.security) && operation.security.every((r) => isObject(r) && Object.keys(r).length === 0);
      const result = await facadeMethod(guestOnly ? guest : talk, op)(...pathArgs, input, { headers });

      const documented2xx = Object.keys(op.statuses).filter((s) => s.startsWith('2'));
      expect(documented2xx).toContain(String(result.status));
      if (op.notModified) expect(result.notModified).toBe(false);

      const response = deref(slice, (operation.responses as Record<string, unknown>)[String(result.status)]) as Record<string, unknown>;
      const content = response.content as Record<string, Record<string, unknown>> | undefined;
      if (op.binary) {
        // A binary answer (an avatar): the documented media types, the body as a Blob of that type.
        expect(Object.keys(content ?? {})).toEqual([...op.binary]);
        expect(result.data, `${op.operationId} answers a Blob`).toBeInstanceOf(Blob);
        const type = (result.data as Blob).type;
        expect(
          op.binary.some((range) => new RegExp(`^${range.replace('*', '[^/;]+')}`).test(type)),
          type,
        ).toBe(true);
        expect((result as { contentType?: string }).contentType).toBe(type);
        return;
      }
      const media = content?.['application/json'];
      expect(media, `${op.operationId} ${result.status} has a JSON body`).toBeDefined();
      const example = media!.example as { ocs?: { data?: unknown } } | undefined;
      if (example?.ocs) expect(result.data).toEqual(example.ocs.data);

      const validate = ajv.compile({ ...(media!.schema as object), components: (slice as Record<string, unknown>).components });
      const envelope = { ocs: { meta: result.meta, data: result.data } };
      expect(validate(envelope), JSON.stringify(validate.errors)).toBe(true);

      for (const [name, info] of Object.entries(op.headers)) {
        const header = deref(slice, (response.headers as Record<string, unknown> | undefined)?.[name]);
        if (!isObject(header)) continue;
        const schema = deref(slice, header.schema);
        const headerExample = header.example ?? (isObject(schema) ? schema.example : undefined);
        if (headerExample === undefined) continue;
        const expectedValue = info.type === 'integer' || info.type === 'number' ? Number(headerExample) : String(headerExample);
        expect(result.headers[info.key]).toBe(expectedValue);
      }
    });

    // Prism answers with the documented status asked for in `Prefer: code=N`: every documented error status
    // must become a TalkApiError carrying that status's documented meaning, and a 304 a "not modified" result.
    it.each(operations.map((op) => [op.operationId, op] as const))('%s: documented error statuses and 304', async (_id, op) => {
      const concrete = op.basePath + op.path;
      const { pathArgs, input, headers } = sampleCall(slice, concrete, op.method, op.pathParams);
      const item = deref(slice, (slice.paths as Record<string, unknown>)[concrete]) as Record<string, Record<string, unknown>>;
      const operation = item[op.method.toLowerCase()]!;
      const guestOnly = Array.isArray(operation.security) && operation.security.every((r) => isObject(r) && Object.keys(r).length === 0);
      const call = facadeMethod(guestOnly ? guest : talk, op);
      const statuses = Object.keys(op.statuses).filter((s) => /^[45]\d\d$/.test(s) || s === '304');
      for (const status of statuses) {
        // A status documented only in XML (Nextcloud's 500 for a missing parameter): Prism negotiates on Accept, so
        // ask for anything, as a real Talk server answers XML whatever the client accepts.
        const response = deref(slice, (operation.responses as Record<string, unknown>)[status]) as { content?: Record<string, unknown> } | undefined;
        const xmlOnly = response?.content !== undefined && !('application/json' in response.content);
        const options = { headers: { ...headers, Prefer: `code=${status}`, ...(xmlOnly ? { Accept: '*/*' } : {}) } };
        if (status === '304') {
          const result = await call(...pathArgs, input, options);
          expect(result).toMatchObject({ status: 304, notModified: true, data: op.notModified === 'array' ? [] : null });
          continue;
        }
        const error = await call(...pathArgs, input, options).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error, `${op.operationId} ${status}`).toBeInstanceOf(TalkApiError);
        const apiError = error as TalkApiError;
        expect(apiError.status).toBe(Number(status));
        expect(apiError.operationId).toBe(op.operationId);
        expect(apiError.meaning).toBe(op.statuses[status]);
      }
    });
  });
}

describe('error meanings from the contract', () => {
  it('every operation of every version documents 401 (not logged in) and 412 (CSRF check) with a meaning', async () => {
    const { operationTable } = await import('../src/index.js');
    const missing = operationTable.filter((op) => !op.statuses['401'] || !op.statuses['412']).map((op) => op.operationId);
    expect(missing).toEqual([]);
    for (const op of operationTable) expect(op.statuses['412']).toMatch(/OCS-APIRequest/);
  });
});
