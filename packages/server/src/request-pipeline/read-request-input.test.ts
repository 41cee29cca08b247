import { describe, expect, it } from 'vitest';
import { bodyKindOf, readRequestInput, refuseDeclaredBody } from './read-request-input.js';

const post = (body: BodyInit, headers: Record<string, string> = {}) => new Request('http://127.0.0.1/x', { method: 'POST', body, headers });
const envelopeOf = async (value: unknown) => {
  expect(value).toBeInstanceOf(Response);
  const res = value as Response;
  return { status: res.status, data: ((await res.json()) as { ocs: { data: unknown } }).ocs.data };
};

describe('bodyKindOf', () => {
  it.each([
    ['', null],
    ['application/json', 'json'],
    ['application/json; charset=utf-8', 'json'],
    ['application/merge-patch+json', 'json'],
    ['application/x-www-form-urlencoded', 'form'],
    ['multipart/form-data; boundary=x', 'multipart'],
    ['text/plain', null],
    ['application/jsonx', null],
  ])('%j → %s', (given, want) => {
    expect(bodyKindOf(given)).toBe(want);
  });
});

describe('readRequestInput', () => {
  it('parses a JSON object, a form and a multipart form; an empty JSON body is no input', async () => {
    expect(await readRequestInput(post('{"a":1}'), 'json', 'application/json', 100)).toEqual({ json: { a: 1 }, form: null });
    expect(await readRequestInput(post('a=1&b[]=2'), 'form', 'application/x-www-form-urlencoded', 100)).toEqual({
      json: null,
      form: new Map<string, unknown>([
        ['a', '1'],
        ['b', ['2']],
      ]),
    });
    const multipart = new FormData();
    multipart.append('a', '1');
    const request = new Request('http://127.0.0.1/x', { method: 'POST', body: multipart });
    const result = await readRequestInput(request, 'multipart', request.headers.get('content-type')!, 10_000);
    expect(result).toEqual({ json: null, form: new Map([['a', '1']]) });
    expect(await readRequestInput(post('  '), 'json', 'application/json', 100)).toEqual({ json: null, form: null });
  });

  it.each([
    ['not JSON', '{"a":', 'is not valid JSON'],
    ['an array', '[1]', 'must be a JSON object'],
    ['a string', '"x"', 'must be a JSON object'],
  ])('400 for a JSON body that is %s', async (_name, body, message) => {
    expect(await envelopeOf(await readRequestInput(post(body), 'json', 'application/json', 100))).toEqual({
      status: 400,
      data: { error: 'validation', errors: [{ parameter: '', in: 'body', message }] },
    });
  });

  it('413 in the OCS envelope over the limit', async () => {
    expect(await envelopeOf(await readRequestInput(post('{"a":"' + 'x'.repeat(200) + '"}'), 'json', 'application/json', 100))).toEqual({
      status: 413,
      data: { error: 'body-too-large' },
    });
  });
});

describe('refuseDeclaredBody', () => {
  const header = (value: string | null) => (name: string) => (name === 'content-length' ? value : null);
  it('answers 413 for a declared length over the limit, nothing otherwise', async () => {
    expect(refuseDeclaredBody(post('x'), header('10'), 10)).toBeNull();
    expect(refuseDeclaredBody(post('x'), header(null), 0)).toBeNull();
    const refused = refuseDeclaredBody(post('x'.repeat(11)), header('11'), 10);
    expect(await envelopeOf(refused)).toEqual({ status: 413, data: { error: 'body-too-large' } });
    expect(refused?.headers.get('connection')).toBeNull();
    // Longer than what is drained: the connection will be cut, so the client is told.
    expect(refuseDeclaredBody(post('x'), header(String(2 ** 40)), 10)?.headers.get('connection')).toBe('close');
  });
});
