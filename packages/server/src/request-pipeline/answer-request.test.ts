import { describe, expect, it } from 'vitest';
import { operationFixtures } from '../../test/support/contract-fixtures.js';
import { compileContract } from '../compiled-contract.js';
import { TalkResponseError } from '../errors.js';
import { contracts } from '../generated/index.js';
import { createAnswerStage, headAnswer } from './answer-request.js';
import { createErrorReporter } from './report-error.js';

const compiled = compileContract(contracts.v4);
const f = operationFixtures('v4').find((x) => x.success.data !== undefined)!;
const op = compiled.operations.get(f.operationId)!;
const request = new Request('http://127.0.0.1/x');

function answerStage(validateResponses: boolean) {
  const errors: unknown[] = [];
  const answer = createAnswerStage({ validateResponses, reporter: createErrorReporter((error) => errors.push(error)) });
  return { answer: (result: unknown) => answer(op, result, request), errors };
}

describe('createAnswerStage', () => {
  it('wraps data in the OCS envelope with the handler’s headers (numbers in decimal)', async () => {
    const { answer, errors } = answerStage(true);
    const res = answer({ ...f.success, headers: { 'X-Custom': 'yes', 'X-Count': 3 } });
    expect(res.status).toBe(f.success.status);
    expect(res.headers.get('x-custom')).toBe('yes');
    expect(res.headers.get('x-count')).toBe('3');
    expect(((await res.json()) as { ocs: { data: unknown } }).ocs.data).toEqual(f.success.data);
    expect(errors).toEqual([]);
  });

  it.each([
    ['no status', { data: [] }, 'invalid-result'],
    ['a status out of range', { status: 100 }, 'invalid-result'],
    ['a header with CR/LF', { status: 200, headers: { 'X-A': 'a\r\nb' } }, 'invalid-headers'],
    ['a header above U+00FF', { status: 200, headers: { 'X-A': '\u2603' } }, 'invalid-headers'],
    ['an invalid header name', { status: 200, headers: { 'X A': '1' } }, 'invalid-headers'],
    ['a message that is not a string', { status: 200, message: 1 }, 'invalid-result'],
  ])('even without validateResponses, %s is a reported 500', async (_name, result, code) => {
    const { answer, errors } = answerStage(false);
    const res = answer(result);
    expect(res.status).toBe(500);
    expect(((await res.json()) as { ocs: { data: unknown } }).ocs.data).toEqual({ error: 'internal' });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(TalkResponseError);
    expect((errors[0] as TalkResponseError).code).toBe(code);
  });

  it('with validateResponses, an undocumented status is a reported 500', () => {
    const { answer, errors } = answerStage(true);
    expect(answer({ status: 299, data: [] }).status).toBe(500);
    expect((errors[0] as TalkResponseError).code).toBe('undocumented-status');
  });
});

describe('headAnswer', () => {
  it('keeps status and headers, adds the body’s Content-Length, drops the body', async () => {
    const get = new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json', 'x-a': '1' } });
    const head = await headAnswer(Promise.resolve(get));
    expect(head.status).toBe(200);
    expect(Object.fromEntries(head.headers)).toEqual({ 'content-type': 'application/json', 'x-a': '1', 'content-length': '11' });
    expect(await head.text()).toBe('');
    const empty = await headAnswer(new Response(null, { status: 304 }));
    expect(empty.status).toBe(304);
    expect(empty.headers.get('content-length')).toBeNull();
  });
});
