import { describe, expect, it } from 'vitest';
import { concretePath, operationFixtures, toQueryString } from '../../test/support/contract-fixtures.js';
import { compileContract } from '../compiled-contract.js';
import { contracts } from '../generated/index.js';
import { validateRequest } from './validate-request.js';

const compiled = compileContract(contracts.v4);
const fixtures = operationFixtures('v4');
const noHeaders = (name: string) => (name === 'ocs-apirequest' ? 'true' : null);
const withQuery = fixtures.find((f) => f.method === 'GET' && f.parameters.some((p) => p.in === 'query' && p.schema.type === 'integer'))!;
const withBody = fixtures.find((f) => f.body && Object.keys(f.body).length > 0)!;

describe('validateRequest', () => {
  it('gives the coerced input of a valid query string', () => {
    const op = compiled.operations.get(withQuery.operationId)!;
    const name = withQuery.parameters.find((p) => p.in === 'query' && p.schema.type === 'integer')!.name;
    const url = `http://127.0.0.1${concretePath(withQuery)}?${toQueryString({ ...withQuery.queryValues, [name]: 5 })}`;
    const input = validateRequest(op, withQuery.pathValues as Record<string, string>, url, noHeaders, null);
    expect(input).not.toBeInstanceOf(Response);
    expect((input as { query: Record<string, unknown> }).query[name]).toBe(5);
  });

  it('400 in the OCS envelope naming the bad query parameter', async () => {
    const op = compiled.operations.get(withQuery.operationId)!;
    const name = withQuery.parameters.find((p) => p.in === 'query' && p.schema.type === 'integer')!.name;
    const url = `http://127.0.0.1${concretePath(withQuery)}?${toQueryString({ ...withQuery.queryValues, [name]: 'many' })}`;
    const refused = validateRequest(op, withQuery.pathValues as Record<string, string>, url, noHeaders, null) as Response;
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { ocs: { data: { errors: Array<{ parameter: string; in: string }> } } };
    expect(body.ocs.data.errors).toEqual([expect.objectContaining({ parameter: name, in: 'query' })]);
  });

  it('takes the body from a JSON object or a form, over the query string', () => {
    const op = compiled.operations.get(withBody.operationId)!;
    const url = `http://127.0.0.1${concretePath(withBody)}?${toQueryString(withBody.queryValues)}`;
    const params = withBody.pathValues as Record<string, string>;
    const fromJson = validateRequest(op, params, url, noHeaders, { json: withBody.body as Record<string, unknown>, form: null });
    expect((fromJson as { body: unknown }).body).toEqual(withBody.body);
    const form = new Map(Object.entries(withBody.body!).map(([k, v]) => [k, typeof v === 'boolean' ? (v ? '1' : '0') : String(v)]));
    const fromForm = validateRequest(op, params, url, noHeaders, { json: null, form });
    expect((fromForm as { body: unknown }).body).toEqual(withBody.body);
  });
});
