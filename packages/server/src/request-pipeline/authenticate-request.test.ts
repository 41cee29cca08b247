import { describe, expect, it } from 'vitest';
import { compileContract } from '../compiled-contract.js';
import { contracts } from '../generated/index.js';
import { admitActor, createAuthenticationStage } from './authenticate-request.js';
import { createErrorReporter, type TalkErrorInfo } from './report-error.js';

const compiled = compileContract(contracts.v4);
const ops = [...compiled.operations.values()];
const guestsMay = ops.find((op) => op.descriptor.anonymous)!;
const usersOnly = ops.find((op) => !op.descriptor.anonymous)!;
const headers = (h: Record<string, string>) => (name: string) => h[name] ?? null;
const csrf = headers({ 'ocs-apirequest': 'true' });
const alice = { user: 'alice', password: 'secret' };
const statusOf = (value: unknown) => (value instanceof Response ? value.status : value);

describe('admitActor', () => {
  it.each([
    [
      'a recognised actor passes',
      { op: usersOnly, credentials: alice, actor: { type: 'users', id: 'alice' }, header: csrf, want: { type: 'users', id: 'alice' } },
    ],
    ['refused credentials → 401', { op: guestsMay, credentials: alice, actor: null, header: csrf, want: 401 }],
    ['nobody, users only → 401', { op: usersOnly, credentials: null, actor: null, header: csrf, want: 401 }],
    ['nobody, guests may → anonymous', { op: guestsMay, credentials: null, actor: undefined, header: csrf, want: { type: 'anonymous' } }],
    ['no CSRF header → 412', { op: usersOnly, credentials: alice, actor: { type: 'users', id: 'alice' }, header: headers({}), want: 412 }],
    [
      'CSRF header not "true" → 412',
      { op: usersOnly, credentials: alice, actor: { type: 'users', id: 'alice' }, header: headers({ 'ocs-apirequest': '1' }), want: 412 },
    ],
  ])('%s', (_name, { op, credentials, actor, header, want }) => {
    expect(statusOf(admitActor(op, credentials, actor, header))).toEqual(want);
  });

  it('challenges only when credentials were sent', () => {
    expect((admitActor(usersOnly, alice, null, csrf) as Response).headers.get('www-authenticate')).toMatch(/^Basic/);
    expect((admitActor(usersOnly, null, null, csrf) as Response).headers.get('www-authenticate')).toBeNull();
  });
});

describe('createAuthenticationStage', () => {
  const request = new Request('http://127.0.0.1/x');
  const reports: TalkErrorInfo['kind'][] = [];
  const reporter = createErrorReporter((_e, info) => reports.push(info.kind));
  const basic = `Basic ${Buffer.from('alice:secret').toString('base64')}`;

  it('decodes basic credentials for the hook; a malformed header is a 401 without asking it', () => {
    const seen: unknown[] = [];
    const stage = createAuthenticationStage((input) => (seen.push(input.credentials), { type: 'users', id: 'alice' }), reporter);
    expect(stage(usersOnly, request, headers({ ...{ 'ocs-apirequest': 'true' }, authorization: basic }))).toEqual({ type: 'users', id: 'alice' });
    expect(statusOf(stage(usersOnly, request, headers({ 'ocs-apirequest': 'true', authorization: 'Basic !!!' })))).toBe(401);
    expect(seen).toEqual([alice]);
  });

  it('a throwing hook is a reported 500; an async one gives a Promise of the actor', async () => {
    reports.length = 0;
    const throwing = createAuthenticationStage(() => {
      throw new Error('down');
    }, reporter);
    expect(statusOf(throwing(usersOnly, request, csrf))).toBe(500);
    const later = createAuthenticationStage(async () => ({ type: 'users', id: 'alice' }), reporter)(usersOnly, request, csrf);
    expect(later).toBeInstanceOf(Promise);
    expect(await later).toEqual({ type: 'users', id: 'alice' });
    const rejecting = createAuthenticationStage(() => Promise.reject(new Error('down')), reporter);
    expect(statusOf(await rejecting(usersOnly, request, csrf))).toBe(500);
    expect(reports).toEqual(['authenticate', 'authenticate']);
  });
});
