import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TalkResponseError, TalkServerConfigError, createTalkServer } from '../src/index.js';
import { contracts } from '../src/generated/index.js';
import { concretePath, toQueryString, type OperationFixture } from './support/contract-fixtures.js';
import { basic, createClient, type RawResponse } from './support/http-client.js';
import { validRequest } from './support/requests.js';
import { GUEST_HEADER, PASSWORD, USER, startStubServer, type StubServer } from './support/stub-server.js';

const VERSION = 'v4' as const;
let server: StubServer;
let client: ReturnType<typeof createClient>;

beforeAll(async () => {
  server = await startStubServer(VERSION, {
    omit: [],
    bodyLimit: 64 * 1024,
  });
  client = createClient(server.url);
});
afterAll(async () => {
  client?.close();
  await server?.close();
});

interface Envelope {
  ocs: { meta: { status: string; statuscode: number; message: string }; data: unknown };
}
function envelope(res: RawResponse): Envelope {
  const body = res.json() as Envelope;
  expect(body.ocs.meta.statuscode).toBe(res.status);
  expect(body.ocs.meta.status).toBe(res.status < 400 ? 'ok' : 'failure');
  return body;
}
const auth = { 'ocs-apirequest': 'true', authorization: basic(USER, PASSWORD) };
const lastCall = () => server.calls[server.calls.length - 1];

const typeOf = (f: OperationFixture, schema: Record<string, unknown>): string | undefined => {
  const t = schema.type;
  return typeof t === 'string' ? t : undefined;
};
/** An operation (taking a body or not) with a parameter of a non-string scalar type, found in the contract. */
function findTypedInput(kind: 'query' | 'body'): { f: OperationFixture; name: string; type: string } {
  for (const f of server.fixtures) {
    if (kind === 'query' && f.method === 'GET') {
      for (const p of f.parameters) {
        const type = typeOf(f, p.schema);
        if (p.in === 'query' && (type === 'integer' || type === 'boolean') && p.name in f.queryValues) return { f, name: p.name, type };
      }
    }
    if (kind === 'body' && f.body && f.bodySchema && typeof f.bodySchema.properties === 'object') {
      for (const [name, schema] of Object.entries(f.bodySchema.properties as Record<string, Record<string, unknown>>)) {
        const type = typeOf(f, schema);
        if ((type === 'integer' || type === 'boolean') && name in f.body) return { f, name, type };
      }
    }
  }
  throw new Error(`the contract has no operation with a typed ${kind} input`);
}

describe('every operation of the slice', () => {
  it('answers its valid request with the documented 2xx example, dispatched to that operation', async () => {
    expect(server.fixtures.length).toBeGreaterThan(0);
    for (const f of server.fixtures) {
      const res = await client.send(validRequest(f, 'json'));
      expect({ op: f.operationId, status: res.status, body: res.status >= 300 ? res.text : '' }).toEqual({
        op: f.operationId,
        status: f.success.status,
        body: '',
      });
      expect(res.headers['x-operation']).toBe(f.operationId);
      if (f.success.data !== undefined) expect(envelope(res).ocs.data).toEqual(f.success.data);
    }
    expect(server.errors).toEqual([]);
  });

  it('prefers concrete path segments over parameters (e.g. /chat/{token}/read over /chat/{token}/{messageId})', async () => {
    const pattern = (p: string) => new RegExp(`^${p.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`);
    const ambiguous = server.fixtures.flatMap((concrete) =>
      server.fixtures
        .filter(
          (other) => other !== concrete && other.method === concrete.method && other.path !== concrete.path && pattern(other.path).test(concretePath(concrete)),
        )
        .map((other) => ({ concrete, other })),
    );
    // The contract must contain such a pair, or this test proves nothing.
    expect(ambiguous.length).toBeGreaterThan(0);
    for (const { concrete } of ambiguous) {
      const res = await client.send(validRequest(concrete));
      expect(res.headers['x-operation']).toBe(concrete.operationId);
    }
  });
});

describe('request input', () => {
  it('gives the handler typed query parameters from the query string, a JSON body and a form body', async () => {
    const { f, name, type } = findTypedInput('query');
    const value = f.queryValues[name];
    const expected = type === 'boolean' ? Boolean(value) : Number(value);
    const path = concretePath(f);
    const wire = type === 'boolean' ? (expected ? '1' : '0') : String(value);
    const viaQuery = await client.send({ method: f.method, path: `${path}?${toQueryString({ ...f.queryValues, [name]: wire })}`, headers: auth });
    expect(viaQuery.status).toBe(f.success.status);
    expect((lastCall().query as Record<string, unknown>)[name]).toStrictEqual(expected);
    // A JSON body on GET is not readable through the Fetch API, so use the operation's own method only if it has a body.
    const other = server.fixtures.find(
      (o) => o.method !== 'GET' && o.parameters.some((p) => p.in === 'query' && ['integer', 'boolean'].includes(String(p.schema.type))),
    );
    if (other) {
      const p = other.parameters.find((x) => x.in === 'query' && ['integer', 'boolean'].includes(String(x.schema.type)))!;
      const v = other.queryValues[p.name];
      const json = await client.send({
        method: other.method,
        path: concretePath(other),
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ ...other.queryValues, ...(other.body ?? {}) }),
      });
      expect(json.status).toBe(other.success.status);
      expect((lastCall().query as Record<string, unknown>)[p.name]).toStrictEqual(v);
      const form = await client.send({
        method: other.method,
        path: concretePath(other),
        headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
        body: toQueryString({ ...other.queryValues, ...(other.body ?? {}) }),
      });
      expect(form.status).toBe(other.success.status);
      expect((lastCall().query as Record<string, unknown>)[p.name]).toStrictEqual(v);
    }
  });

  it('gives the handler a typed body from a JSON body, a form body and the query string', async () => {
    const { f, name, type } = findTypedInput('body');
    const expected = f.body![name];
    for (const carrier of ['json', 'form', 'query'] as const) {
      const res = await client.send(validRequest(f, carrier));
      expect({ carrier, status: res.status }).toEqual({ carrier, status: f.success.status });
      const body = lastCall().body as Record<string, unknown>;
      expect(body[name]).toStrictEqual(expected);
      expect(typeof body[name]).toBe(type === 'integer' ? 'number' : 'boolean');
    }
  });

  it('takes a multipart/form-data body (what fetch sends for a FormData) like a form; a file part or a broken body is a 400', async () => {
    const { f, name, type } = findTypedInput('body');
    const url = `${server.url}${concretePath(f)}`;
    const headers = { 'OCS-APIRequest': 'true', authorization: auth.authorization };
    const form = new FormData();
    for (const [key, value] of new URLSearchParams(toQueryString(f.body!))) form.append(key, value);
    const res = await fetch(url, { method: f.method, headers, body: form });
    expect(res.status).toBe(f.success.status);
    const body = lastCall().body as Record<string, unknown>;
    expect(body[name]).toStrictEqual(f.body![name]);
    expect(typeof body[name]).toBe(type === 'integer' ? 'number' : 'boolean');

    const withFile = new FormData();
    for (const [key, value] of new URLSearchParams(toQueryString(f.body!))) withFile.append(key, value);
    withFile.append('upload', new Blob(['x']), 'x.txt');
    const fileAnswer = await fetch(url, { method: f.method, headers, body: withFile });
    expect(fileAnswer.status).toBe(400);
    expect(((await fileAnswer.json()) as Envelope).ocs.data).toMatchObject({ errors: [{ parameter: 'upload', in: 'body' }] });

    const broken = await fetch(url, { method: f.method, headers: { ...headers, 'content-type': 'multipart/form-data; boundary=nope' }, body: 'not multipart' });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as Envelope).ocs.data).toMatchObject({
      errors: [{ parameter: '', in: 'body', message: 'is not valid multipart/form-data' }],
    });
  });

  it('merges like Nextcloud: JSON body over query string, path parameters over both; extra parameters ignored', async () => {
    const { f, name } = findTypedInput('body');
    const req = validRequest(f, 'json');
    const pathParam = f.parameters.find((p) => p.in === 'path');
    const wrong = typeof f.body![name] === 'number' ? 'not-a-number' : 'not-a-boolean';
    const extraJson = { ...(f.body ?? {}), undocumentedExtra: 1, ...(pathParam ? { [pathParam.name]: 'zzzz9999' } : {}) };
    const res = await client.send({ ...req, path: `${req.path}${req.path.includes('?') ? '&' : '?'}${name}=${wrong}`, body: JSON.stringify(extraJson) });
    expect(res.status).toBe(f.success.status);
    const call = lastCall();
    expect((call.body as Record<string, unknown>)[name]).toStrictEqual(f.body![name]);
    expect(call.body).not.toHaveProperty('undocumentedExtra');
    if (pathParam) expect((call.params as Record<string, unknown>)[pathParam.name]).toBe(f.pathValues[pathParam.name]);
  });

  it('answers invalid input with 400 naming each bad parameter', async () => {
    const { f, name } = findTypedInput('body');
    const required = (Array.isArray(f.bodySchema?.required) ? (f.bodySchema!.required as string[]) : []).filter((r) => r !== name);
    const body: Record<string, unknown> = { ...f.body, [name]: 'definitely not typed' };
    if (required[0]) delete body[required[0]];
    const res = await client.send({ ...validRequest(f, 'json'), body: JSON.stringify(body) });
    expect(res.status).toBe(400);
    const data = envelope(res).ocs.data as { error: string; errors: Array<{ parameter: string; in: string; message: string }> };
    expect(data.error).toBe('validation');
    expect(data.errors).toContainEqual(expect.objectContaining({ parameter: name, in: 'body' }));
    if (required[0]) expect(data.errors).toContainEqual({ parameter: required[0], in: 'body', message: 'is required' });
    const q = findTypedInput('query');
    const bad = await client.send({ method: q.f.method, path: `${concretePath(q.f)}?${toQueryString({ ...q.f.queryValues, [q.name]: 'x!' })}`, headers: auth });
    expect(bad.status).toBe(400);
    expect((envelope(bad).ocs.data as { errors: unknown[] }).errors).toEqual([expect.objectContaining({ parameter: q.name, in: 'query' })]);
  });

  it('answers 400 for a body that is not JSON or not a JSON object', async () => {
    const { f } = findTypedInput('body');
    for (const text of ['{"message": ', '[1,2]', '"text"']) {
      const res = await client.send({ ...validRequest(f, 'json'), body: text });
      expect(res.status).toBe(400);
      expect((envelope(res).ocs.data as { error: string }).error).toBe('validation');
    }
  });

  it('lets no __proto__/constructor/prototype key reach any prototype (JSON, form and query)', async () => {
    const { f } = findTypedInput('body');
    const req = validRequest(f, 'json');
    const payloads = [
      '{"__proto__": {"polluted": 1}}',
      '{"constructor": {"prototype": {"polluted": 1}}}',
      `{"\\u005f_proto__": {"polluted": 1}}`,
      JSON.stringify({ ...f.body, nested: { __proto__: { polluted: 1 } } }).replace('"nested":{}', '"nested":{"__proto__":{"polluted":1}}'),
    ];
    for (const payload of payloads) {
      const merged =
        payload.startsWith('{"__proto__"') || payload.startsWith('{"constructor"') || payload.startsWith('{"\\u')
          ? `${JSON.stringify(f.body).slice(0, -1)}${Object.keys(f.body ?? {}).length ? ',' : ''}${payload.slice(1)}`
          : payload;
      const res = await client.send({ ...req, body: merged });
      expect(res.status).toBeLessThan(500);
    }
    await client.send({ ...req, path: `${req.path}${req.path.includes('?') ? '&' : '?'}__proto__[polluted]=1&constructor[prototype][polluted]=1` });
    await client.send({
      ...req,
      headers: { ...req.headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: `${toQueryString(f.body ?? {})}&__proto__[polluted]=1&a[__proto__][polluted]=1`,
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    for (const call of server.calls.slice(-6)) {
      expect(Object.keys((call.body ?? {}) as object)).not.toContain('__proto__');
      expect(Object.getPrototypeOf(call.body ?? {})).toBe(Object.prototype);
    }
  });
});

describe('security, as Nextcloud answers', () => {
  const authenticated = () => server.fixtures.find((f) => !f.anonymous)!;
  const anonymous = () => server.fixtures.find((f) => f.anonymous);

  it('401 without credentials on an operation that needs them', async () => {
    const f = authenticated();
    const req = validRequest(f);
    const res = await client.send({ ...req, headers: { ...req.headers, authorization: '' } });
    expect(res.status).toBe(401);
    expect(envelope(res).ocs.data).toEqual({ error: 'unauthorized' });
  });

  it('401 with wrong or malformed basic credentials, even where anonymous access is allowed', async () => {
    for (const f of [authenticated(), anonymous()].filter((x): x is OperationFixture => x !== undefined)) {
      for (const authorization of [basic(USER, 'wrong'), 'Basic !!!', 'Basic bm9jb2xvbg==']) {
        const req = validRequest(f);
        const res = await client.send({ ...req, headers: { ...req.headers, authorization } });
        expect(res.status).toBe(401);
        expect(res.headers['www-authenticate']).toMatch(/^Basic/);
        envelope(res);
      }
    }
  });

  it('gives anonymous-allowed operations an anonymous actor, or the guest authenticate recognised', async () => {
    const f = anonymous();
    expect(f, 'the contract has operations guests may call').toBeDefined();
    const req = validRequest(f!);
    const { authorization: _drop, ...noAuth } = req.headers!;
    expect((await client.send({ ...req, headers: noAuth })).status).toBe(f!.success.status);
    expect(lastCall().actor).toEqual({ type: 'anonymous' });
    expect((await client.send({ ...req, headers: { ...noAuth, [GUEST_HEADER]: 'guest-1' } })).status).toBe(f!.success.status);
    expect(lastCall().actor).toEqual({ type: 'guests', id: 'guest-1' });
    expect((await client.send(req)).status).toBe(f!.success.status);
    expect(lastCall().actor).toEqual({ type: 'users', id: USER });
  });

  it('412 without OCS-APIRequest: true (CSRF)', async () => {
    const f = authenticated();
    for (const value of [undefined, 'false', '1']) {
      const req = validRequest(f);
      const headers = { ...req.headers };
      delete headers['ocs-apirequest'];
      if (value) headers['OCS-APIRequest'] = value;
      const res = await client.send({ ...req, headers });
      expect(res.status).toBe(412);
      envelope(res);
    }
  });

  it('413 for a body over the limit, declared or streamed', async () => {
    const f = server.fixtures.find((x) => x.method !== 'GET' && x.body)!;
    const big = JSON.stringify({ ...f.body, filler: 'x'.repeat(70 * 1024) });
    const res = await client.send({ ...validRequest(f), body: big });
    expect(res.status).toBe(413);
    envelope(res);
    const streamed = await fetch(`${server.url}${concretePath(f)}`, {
      method: f.method,
      headers: { ...auth, 'content-type': 'application/json' },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 80; i++) controller.enqueue(new TextEncoder().encode(i === 0 ? '{"x":"' : 'y'.repeat(1024)));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(((await streamed.json()) as Envelope).ocs.meta.statuscode).toBe(413);
  });

  it('404 for an unknown path and 405 (with Allow) for a known path with a wrong method', async () => {
    const notFound = await client.send({ method: 'GET', path: '/ocs/v2.php/apps/spreed/api/v4/no-such-thing', headers: auth });
    expect(notFound.status).toBe(404);
    expect(envelope(notFound).ocs.data).toEqual({ error: 'not-found' });
    const f = server.fixtures[0];
    const methods = new Set(server.fixtures.filter((o) => o.path === f.path).map((o) => o.method));
    const wrong = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH'].find((m) => !methods.has(m))!;
    const res = await client.send({ method: wrong, path: concretePath(f), headers: auth });
    expect(res.status).toBe(405);
    expect(String(res.headers.allow).split(', ')).toEqual(expect.arrayContaining([...methods]));
    envelope(res);
  });
});

describe('handlers', () => {
  it('501 for an operation without a handler', async () => {
    const f = server.fixtures[0];
    const partial = await startStubServer(VERSION, { omit: [f.operationId] });
    const c = createClient(partial.url);
    try {
      const res = await c.send(validRequest(f));
      expect(res.status).toBe(501);
      expect(envelope(res).ocs.data).toEqual({ error: 'not-implemented', operationId: f.operationId });
    } finally {
      c.close();
      await partial.close();
    }
  });

  it('validateResponses turns an undocumented status or off-schema data into a logged 500; without it they pass', async () => {
    const withData = server.fixtures.find(
      (x) => x.success.data !== undefined && x.success.data !== null && typeof x.success.data === 'object' && !Array.isArray(x.success.data),
    )!;
    expect(withData).toBeDefined();
    const answers: Record<string, unknown> = { status: 299, data: withData.success.data };
    const strict = await startStubServer(VERSION, { override: { [withData.operationId]: () => answers.current } });
    const loose = await startStubServer(VERSION, { validateResponses: false, override: { [withData.operationId]: () => answers.current } });
    const cs = createClient(strict.url);
    const cl = createClient(loose.url);
    try {
      const offContract = [
        { status: 299, data: withData.success.data },
        { status: withData.success.status, data: { unexpected: true } },
        { status: withData.success.status, data: 'a string' },
      ];
      for (const answer of offContract) {
        answers.current = answer;
        const res = await cs.send(validRequest(withData));
        expect(res.status).toBe(500);
        expect(envelope(res).ocs.data).toEqual({ error: 'internal' });
        const passed = await cl.send(validRequest(withData));
        expect(passed.status).toBe(answer.status);
      }
      expect(strict.errors).toHaveLength(3);
      expect(strict.errors.every((e) => e.error instanceof TalkResponseError && e.info.kind === 'response')).toBe(true);
      expect((strict.errors[0].error as TalkResponseError).code).toBe('undocumented-status');
      expect((strict.errors[1].error as TalkResponseError).code).toBe('invalid-data');
    } finally {
      cs.close();
      cl.close();
      await strict.close();
      await loose.close();
    }
  });

  it('writes number headers in decimal; validateResponses checks documented headers against their schema', async () => {
    // An operation whose success status documents an integer header (X-Chat-Last-Given and the like), from the contract.
    const found = server.fixtures.flatMap((f) => {
      const op = contracts[VERSION].operations.find((o) => o.operationId === f.operationId)!;
      const response = op.responses.find((r) => r.status === String(f.success.status));
      const header = response?.headers.find((h) => typeof h.schema === 'object' && h.schema.type === 'integer');
      return header ? [{ f, name: header.name }] : [];
    })[0];
    if (!found) throw new Error('no success status of the contract documents an integer header');
    const { f, name } = found;
    const answer: { headers: Record<string, unknown> } = { headers: {} };
    const handler = () => ({ ...f.success, headers: answer.headers });
    const strict = await startStubServer(VERSION, { override: { [f.operationId]: handler } });
    const loose = await startStubServer(VERSION, { validateResponses: false, override: { [f.operationId]: handler } });
    const cs = createClient(strict.url);
    const cl = createClient(loose.url);
    try {
      answer.headers = { [name]: 1200, 'X-Custom': 'yes' };
      const ok = await cs.send(validRequest(f));
      expect(ok.status).toBe(f.success.status);
      expect(ok.headers[name.toLowerCase()]).toBe('1200');
      expect(ok.headers['x-custom']).toBe('yes');

      answer.headers = { [name]: 'not a number' };
      expect((await cs.send(validRequest(f))).status).toBe(500);
      expect((await cl.send(validRequest(f))).headers[name.toLowerCase()]).toBe('not a number');
      const error = strict.errors.at(-1)?.error as TalkResponseError;
      expect(error.code).toBe('invalid-headers');
      expect(error.message).toContain(name);

      answer.headers = { [name]: { not: 'a header value' } };
      expect((await cl.send(validRequest(f))).status).toBe(500);
      expect((loose.errors.at(-1)?.error as TalkResponseError).code).toBe('invalid-result');
    } finally {
      cs.close();
      cl.close();
      await strict.close();
      await loose.close();
    }
  });

  it('a throwing or rejecting handler gives a 500 envelope and the server keeps serving', async () => {
    const f = server.fixtures[0];
    const s = await startStubServer(VERSION, {
      override: {
        [f.operationId]: (input) => {
          if ((input.actor as { id?: string }).id === USER) throw new Error('boom');
          return Promise.reject(new Error('async boom'));
        },
      },
    });
    const c = createClient(s.url);
    try {
      const res = await c.send(validRequest(f));
      expect(res.status).toBe(500);
      expect(envelope(res).ocs.data).toEqual({ error: 'internal' });
      expect(s.errors.map((e) => [(e.error as Error).message, e.info.kind])).toEqual([['boom', 'handler']]);
      const next = await c.send(validRequest(server.fixtures[1] ?? f));
      expect(next.status).toBeLessThan(500);
    } finally {
      c.close();
      await s.close();
    }
  });

  it('a throwing authenticate gives a 500 envelope, reported as kind authenticate', async () => {
    const kinds: string[] = [];
    const app = createTalkServer({
      apiVersion: VERSION,
      authenticate: () => {
        throw new Error('user backend down');
      },
      handlers: {},
      onError: (_error, info) => kinds.push(info.kind),
    });
    const req = validRequest(server.fixtures[0]);
    const res = await app.request(req.path, { method: req.method, headers: req.headers, body: req.body as string | undefined });
    expect(res.status).toBe(500);
    expect(((await res.json()) as Envelope).ocs.data).toEqual({ error: 'internal' });
    expect(kinds).toEqual(['authenticate']);
  });

  it('answers without a Promise when authenticate and handler are synchronous and the request has no body; async ones still work', async () => {
    const f = server.fixtures.find((x) => x.method === 'GET');
    if (!f) throw new Error('the slice has no GET operation');
    const req = validRequest(f);
    const ok = f.success as never;
    const user = { type: 'users', id: USER } as const;
    const sync = createTalkServer({ apiVersion: VERSION, authenticate: () => user, handlers: { [f.operationId]: () => ok } });
    const immediate = sync.fetch(new Request(`http://127.0.0.1${req.path}`, { headers: req.headers }));
    expect(immediate).toBeInstanceOf(Response);
    expect((immediate as Response).status).toBe(f.success.status);

    const kinds: string[] = [];
    const async = createTalkServer({
      apiVersion: VERSION,
      authenticate: async ({ credentials }) => {
        if (credentials?.user === 'down') throw new Error('user backend down');
        return user;
      },
      handlers: { [f.operationId]: async () => ok },
      onError: (_error, info) => kinds.push(info.kind),
    });
    const later = async.fetch(new Request(`http://127.0.0.1${req.path}`, { headers: req.headers }));
    expect(later).toBeInstanceOf(Promise);
    expect((await later).status).toBe(f.success.status);
    const rejected = await async.fetch(new Request(`http://127.0.0.1${req.path}`, { headers: { ...req.headers, authorization: basic('down', 'x') } }));
    expect(rejected.status).toBe(500);
    expect(kinds).toEqual(['authenticate']);
  });

  it('keeps routes added to the app afterwards reachable; other paths still get the 404 envelope', async () => {
    const app = createTalkServer({ apiVersion: VERSION, authenticate: () => null, handlers: {} });
    app.get('/status.php', (c) => c.json({ installed: true }));
    app.get('/ocs/v2.php/apps/extra/api/v1/ping', (c) => c.text('pong'));
    expect(await (await app.request('/status.php')).json()).toEqual({ installed: true });
    expect(await (await app.request('/ocs/v2.php/apps/extra/api/v1/ping')).text()).toBe('pong');
    const missing = await app.request('/ocs/v2.php/apps/spreed/api/v4/nothing-here');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as Envelope).ocs.meta.statuscode).toBe(404);
  });

  it('refuses unknown operations, versions and bad options at start-up', () => {
    const authenticate = () => null;
    const attempt = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return error instanceof TalkServerConfigError ? error.code : 'other';
      }
      return 'no error';
    };
    expect(attempt(() => createTalkServer({ apiVersion: VERSION, authenticate, handlers: { noSuchOperation: () => ({}) } as never }))).toBe(
      'unknown-operation',
    );
    expect(attempt(() => createTalkServer({ apiVersion: 'v9' as never, authenticate, handlers: {} }))).toBe('unknown-api-version');
    expect(attempt(() => createTalkServer({ apiVersion: VERSION, authenticate, handlers: {}, bodyLimit: -1 }))).toBe('invalid-option');
    expect(attempt(() => createTalkServer({ apiVersion: VERSION, authenticate, handlers: {} }))).toBe('no error');
  });
});
