// Fuzz: requests generated from the contract and mutated, against a real server on 127.0.0.1 whose handlers
// answer each operation's documented 2xx example. Definitely-invalid requests must get their exact status
// (400 naming the parameter, 401, 412, 413); everything else must stay below 500 in the OCS envelope.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concretePath, loadSlice, toFormPairs, type OperationFixture } from './support/contract-fixtures.js';
import { basic, createClient, type RawRequest, type RawResponse } from './support/http-client.js';
import { multipartBody, sampleFiles, validRequest } from './support/requests.js';
import { admittedTypes, inputSchema, requiredInputs } from './support/schema-types.js';
import { PASSWORD, USER, startStubServer, type StubServer } from './support/stub-server.js';

const VERSION = 'v4' as const;
const RUNS = Number(process.env.FUZZ_RUNS ?? 5000);
const BODY_LIMIT = 1024 * 1024;
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

type Expectation = { kind: 'success' } | { kind: 'invalid'; parameter: string; in: string } | { kind: 'status'; status: number } | { kind: 'maybe' };

interface Plan {
  mutation: string;
  request: RawRequest;
  expect: Expectation;
}

let server: StubServer;
let client: ReturnType<typeof createClient>;
const doc = loadSlice(VERSION);

beforeAll(async () => {
  server = await startStubServer(VERSION, { bodyLimit: BODY_LIMIT });
  client = createClient(server.url);
});
afterAll(async () => {
  client?.close();
  await server?.close();
});

const WRONG_WORD = fc.string({ minLength: 1, maxLength: 12 }).map((s) => `x${s}`);
const ODD_UNICODE = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('\u0000', '\u202e', '\ud800', '🏳️‍🌈'.repeat(3), 'Ω≈ç√∫', '\r\n', '%00', '../../'),
);
const HUGE = fc
  .tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }), fc.integer({ min: 100_000, max: 300_000 }))
  .map(([s, n]) => s.repeat(Math.ceil(n / Math.max(1, s.length))));

/** Build a request carrying `inputs` the given way (GET: query string only). */
function build(f: OperationFixture, inputs: Record<string, Json | undefined>, carrier: 'query' | 'json' | 'form', pathValues = f.pathValues): RawRequest {
  // The required header parameters too (the bot API's signature headers), or no request of those operations is valid.
  const headers: Record<string, string> = { 'ocs-apirequest': 'true', authorization: basic(USER, PASSWORD), ...f.headerValues };
  let path = concretePath(f, pathValues);
  const useCarrier = f.method === 'GET' ? 'query' : carrier;
  let body: string | Buffer | undefined;
  if (f.method !== 'GET' && Object.keys(f.fileFields).length > 0) {
    // An operation that takes a file (the avatar upload): inputs travel as multipart, whatever the carrier.
    const multipart = multipartBody(toFormPairs(inputs), sampleFiles(f));
    body = multipart.body;
    headers['content-type'] = multipart.contentType;
  } else if (useCarrier === 'query') {
    const qs = new URLSearchParams(toFormPairs(inputs)).toString();
    if (qs) path += `?${qs}`;
  } else if (useCarrier === 'json') {
    body = JSON.stringify(inputs);
    headers['content-type'] = 'application/json';
  } else {
    body = new URLSearchParams(toFormPairs(inputs)).toString();
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  return { method: f.method, path, headers, body };
}

function planArbitrary(fixtures: OperationFixture[]): fc.Arbitrary<Plan> {
  return fc.constantFrom(...fixtures).chain((f) => {
    const inputs: Record<string, Json | undefined> = { ...f.queryValues, ...(f.body ?? {}) };
    const carrier = fc.constantFrom<'query' | 'json' | 'form'>('query', 'json', 'form');
    const typedInputs = Object.keys(inputs).filter((name) => {
      const t = admittedTypes(doc, inputSchema(f, name));
      return t !== 'any' && !t.has('string');
    });
    const stringInputs = Object.keys(inputs).filter((name) => {
      const t = admittedTypes(doc, inputSchema(f, name));
      return t === 'any' || t.has('string');
    });
    const integerPath = f.parameters.filter(
      (p) => p.in === 'path' && admittedTypes(doc, p.schema) !== 'any' && !(admittedTypes(doc, p.schema) as Set<string>).has('string'),
    );
    const required = requiredInputs(f).filter((name) => name in inputs);
    const hasBody = f.method !== 'GET';

    const options: fc.Arbitrary<Plan>[] = [
      carrier.map((c) => ({ mutation: 'none', request: build(f, inputs, c), expect: { kind: 'success' } })),
      carrier.map((c) => {
        const req = build(f, inputs, c);
        const { authorization: _a, ...headers } = req.headers!;
        return { mutation: 'no-credentials', request: { ...req, headers }, expect: f.anonymous ? { kind: 'success' } : { kind: 'status', status: 401 } };
      }),
      fc.tuple(carrier, fc.string({ maxLength: 20 })).map(([c, password]) => {
        const req = build(f, inputs, c);
        return {
          mutation: 'wrong-credentials',
          request: { ...req, headers: { ...req.headers, authorization: basic(USER, `${password}!`) } },
          expect: { kind: 'status', status: 401 },
        };
      }),
      fc.tuple(carrier, fc.constantFrom(undefined, 'false', 'TRUE', '1', '')).map(([c, value]) => {
        const req = build(f, inputs, c);
        const { 'ocs-apirequest': _o, ...headers } = req.headers!;
        return {
          mutation: 'no-ocs-header',
          request: { ...req, headers: value === undefined ? headers : { ...headers, 'ocs-apirequest': value } },
          expect: { kind: 'status', status: 412 },
        };
      }),
      fc
        .tuple(
          carrier,
          fc.dictionary(
            fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !(k in inputs)),
            ODD_UNICODE,
            { maxKeys: 5 },
          ),
        )
        .map(([c, extra]) => {
          const req = build(f, inputs, c);
          const qs = new URLSearchParams(Object.entries(extra)).toString();
          return {
            mutation: 'random-query',
            request: { ...req, path: qs ? `${req.path}${req.path.includes('?') ? '&' : '?'}${qs}` : req.path },
            expect: { kind: 'maybe' },
          };
        }),
      carrier.map((c) => {
        const req = build(f, inputs, c);
        if (req.headers!['content-type'] === 'application/json') {
          const text = req.body!;
          const injected = `{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}${text.length > 2 ? ',' : ''}${text.slice(1)}`;
          return { mutation: 'proto-keys', request: { ...req, body: injected }, expect: { kind: 'success' } };
        }
        const pollute = '__proto__[polluted]=1&constructor[prototype][polluted]=1';
        if (typeof req.body === 'string')
          return { mutation: 'proto-keys', request: { ...req, body: req.body ? `${pollute}&${req.body}` : pollute }, expect: { kind: 'success' } };
        return { mutation: 'proto-keys', request: { ...req, path: `${req.path}${req.path.includes('?') ? '&' : '?'}${pollute}` }, expect: { kind: 'success' } };
      }),
      fc.constantFrom('GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS').map((method) => ({
        mutation: 'other-method',
        request: { ...validRequest(f), method },
        expect: { kind: 'maybe' } as Expectation,
      })),
      fc
        .tuple(fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain'), fc.oneof(fc.string({ maxLength: 200 }), fc.json()))
        .map(([type, text]) => {
          const req = validRequest(f);
          return {
            mutation: 'garbage-body',
            request: { ...req, headers: { ...req.headers, 'content-type': type }, body: text },
            expect: { kind: 'maybe' } as Expectation,
          };
        }),
    ];
    if (typedInputs.length > 0) {
      options.push(
        fc.tuple(carrier, fc.constantFrom(...typedInputs), WRONG_WORD).map(([c, name, word]) => ({
          mutation: 'wrong-type',
          request: build(f, { ...inputs, [name]: word }, c),
          expect: { kind: 'invalid', parameter: name, in: f.parameters.some((p) => p.name === name && p.in === 'query') ? 'query' : 'body' },
        })),
      );
    }
    if (typedInputs.length > 0 && hasBody) {
      options.push(
        fc.tuple(fc.constantFrom(...typedInputs), fc.constantFrom<Json>({}, [], 'x', { a: [1] })).map(([name, value]) => ({
          mutation: 'wrong-json-type',
          request: build(f, { ...inputs, [name]: value }, 'json'),
          expect:
            admittedTypes(doc, inputSchema(f, name)) !== 'any' &&
            !(admittedTypes(doc, inputSchema(f, name)) as Set<string>).has(Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value)
              ? { kind: 'invalid', parameter: name, in: f.parameters.some((p) => p.name === name && p.in === 'query') ? 'query' : 'body' }
              : { kind: 'maybe' },
        })),
      );
    }
    if (integerPath.length > 0) {
      options.push(
        fc.tuple(fc.constantFrom(...integerPath), fc.stringMatching(/^[a-z]{1,10}$/)).map(([p, word]) => ({
          mutation: 'wrong-path-type',
          request: build(f, inputs, 'json', { ...f.pathValues, [p.name]: word }),
          expect: { kind: 'invalid', parameter: p.name, in: 'path' },
        })),
      );
    }
    if (required.length > 0) {
      options.push(
        fc.tuple(carrier, fc.constantFrom(...required)).map(([c, name]) => {
          const copy = { ...inputs };
          delete copy[name];
          return {
            mutation: 'missing-required',
            request: build(f, copy, c),
            expect: { kind: 'invalid', parameter: name, in: f.parameters.some((p) => p.name === name && p.in === 'query') ? 'query' : 'body' },
          };
        }),
      );
    }
    if (stringInputs.length > 0) {
      options.push(
        // Huge values only travel in bodies (URLs are limited to 16 KB by Node, 8 KB by Apache).
        fc.tuple(carrier, fc.constantFrom(...stringInputs), hasBody ? fc.oneof(HUGE, ODD_UNICODE) : ODD_UNICODE).map(([c, name, value]) => ({
          mutation: value.length >= 100_000 ? 'huge-string' : 'odd-unicode',
          request: build(f, { ...inputs, [name]: value }, value.length >= 100_000 ? 'json' : c),
          expect: { kind: 'maybe' } as Expectation,
        })),
      );
    }
    if (hasBody) {
      options.push(
        fc.integer({ min: BODY_LIMIT + 1, max: BODY_LIMIT + 64 * 1024 }).map((size) => {
          const req = build(f, inputs, 'json');
          return {
            mutation: 'too-large',
            request: { ...req, body: JSON.stringify({ ...inputs, filler: 'z'.repeat(size) }) },
            expect: { kind: 'status', status: 413 },
          };
        }),
      );
    }
    return fc.oneof(...options);
  });
}

interface Envelope {
  ocs: { meta: { status: string; statuscode: number; message: string }; data: unknown };
}

function check(plan: Plan, res: RawResponse, fixture: OperationFixture | undefined): void {
  const context = `${plan.mutation} ${plan.request.method} ${plan.request.path.slice(0, 200)} → ${res.status} ${res.text.slice(0, 300)}`;
  expect(res.status, context).toBeLessThan(500);
  const noBody = res.status === 304 || res.status === 204;
  // A status the contract documents with a binary body only (an avatar: image/*) answers that, not an envelope.
  // The operation that answered (the stub names it; `other-method` may reach another one on the same path).
  const answering = server.fixtures.find((x) => x.operationId === res.headers['x-operation']) ?? fixture;
  const binary = answering?.binaryStatuses[String(res.status)];
  if (binary && !/[/+]json\b/i.test(String(res.headers['content-type']))) {
    const type = String(res.headers['content-type']);
    expect(
      binary.some((range) => range === type || (range.endsWith('/*') && type.startsWith(range.slice(0, -1)))),
      context,
    ).toBe(true);
  } else if (!noBody) {
    const body = JSON.parse(res.text) as Envelope;
    expect(body.ocs.meta.statuscode, context).toBe(res.status);
    expect(body.ocs.meta.status, context).toBe(res.status < 400 ? 'ok' : 'failure');
    if (res.status === 400) {
      const data = body.ocs.data as { error: string; errors: Array<{ parameter: unknown; in: unknown; message: unknown }> };
      expect(data.error, context).toBe('validation');
      expect(data.errors.length, context).toBeGreaterThan(0);
      for (const e of data.errors) expect([typeof e.parameter, typeof e.in, typeof e.message], context).toEqual(['string', 'string', 'string']);
      if (plan.expect.kind === 'invalid')
        expect(data.errors, context).toContainEqual(expect.objectContaining({ parameter: plan.expect.parameter, in: plan.expect.in }));
    }
    if (plan.expect.kind === 'success' && fixture?.success.data !== undefined) expect(body.ocs.data, context).toEqual(fixture.success.data);
  }
  if (plan.expect.kind === 'success') expect(res.status, context).toBe(fixture?.success.status);
  if (plan.expect.kind === 'invalid') expect(res.status, context).toBe(400);
  if (plan.expect.kind === 'status') expect(res.status, context).toBe(plan.expect.status);
}

describe('fuzz against a real server', () => {
  it(`${RUNS} generated and mutated requests: no 5xx, invalid ones refused with their status, server stays up`, async () => {
    const fixtures = server.fixtures;
    const byRequest = new WeakMap<RawRequest, OperationFixture>();
    const counts: Record<string, number> = {};
    const times: Record<string, number> = {};
    const arbitrary = fc.constantFrom(...fixtures).chain((f) => planArbitrary([f]).map((plan) => (byRequest.set(plan.request, f), plan)));
    await fc.assert(
      fc.asyncProperty(arbitrary, async (plan) => {
        counts[plan.mutation] = (counts[plan.mutation] ?? 0) + 1;
        const started = performance.now();
        const res = await client.send(plan.request);
        times[plan.mutation] = (times[plan.mutation] ?? 0) + performance.now() - started;
        check(plan, res, byRequest.get(plan.request));
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    if (process.env.FUZZ_DEBUG) console.log(Object.fromEntries(Object.entries(times).map(([k, v]) => [k, Math.round(v)])));
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(RUNS);
    for (const mutation of [
      'none',
      'wrong-type',
      'missing-required',
      'huge-string',
      'odd-unicode',
      'proto-keys',
      'random-query',
      'no-ocs-header',
      'wrong-credentials',
      'too-large',
    ]) {
      expect(counts[mutation] ?? 0, `mutation ${mutation} ran (${JSON.stringify(counts)})`).toBeGreaterThanOrEqual(Math.floor(RUNS / 500));
    }
    expect(server.errors).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const health = await client.send(validRequest(fixtures[0]));
    expect(health.status).toBe(fixtures[0].success.status);
    // A bound on a runaway loop, not a speed check (speed lives in test/bench): the machine CI shares is slow.
  }, 180_000);
});
