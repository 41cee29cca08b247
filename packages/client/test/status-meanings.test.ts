// The documented status meanings: describeStatus, the describeStatus option of the client (TalkApiError.meaning,
// the error message, talk.operations) and the public operation table, checked against the contract's slices.
import { afterEach, describe, expect, it } from 'vitest';
import { loadSpec } from '@talk-contract/spec';
import {
  apiVersions,
  createTalkClient,
  describeStatus,
  findOperation,
  operationsFor,
  operationTable,
  TalkApiError,
  type StatusDescriber,
} from '../src/index.js';
import { deref } from './sample-input.js';
import { ocs, startTinyServer, type TinyServer } from './tiny-server.js';

const auth = { user: 'alice', appPassword: 'app-password' };
let server: TinyServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('describeStatus', () => {
  it.each([
    ['a documented status', 'receiveMessages', 412, 'v4', /lobby is active/],
    ['a status as a string', 'getConversation', '404', 'v4', /could not be found/],
    ['a status only some versions document, in one of them', 'sendMessage', 429, 'v4', /mentioned other participants too often/],
    ['any version when none is given', 'sendMessage', 429, undefined, /mentioned other participants too often/],
  ] as const)('%s', (_name, operationId, status, version, want) => {
    expect(describeStatus(operationId, status, version)).toMatch(want);
  });

  it.each([
    ['a status the operation does not document', 'getConversation', 418, 'v4'],
    ['a status documented only in later versions', 'sendMessage', 429, 'v1'],
    ['an operation the version does not have', 'addReaction', 200, 'v1'],
    ['an unknown operation', 'noSuchOperation', 404, 'v4'],
  ] as const)('undefined for %s', (_name, operationId, status, version) => {
    expect(describeStatus(operationId, status, version)).toBeUndefined();
  });
});

describe('the describeStatus option', () => {
  it('without it, TalkApiError has no meaning and its message names the OCS message', async () => {
    server = await startTinyServer((_req, res) => {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ ocs: { meta: { status: 'failure', statuscode: 404, message: 'Room not found' }, data: [] } }));
    });
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v4', auth });
    const error = (await talk.conversations.get('abc123xy').catch((e: unknown) => e)) as TalkApiError;
    expect(error).toBeInstanceOf(TalkApiError);
    expect(error.meaning).toBeUndefined();
    expect(error.message).toBe(`getConversation failed with HTTP 404: Room not found at ${server.url}/ocs/v2.php/apps/spreed/api/v4/room/abc123xy`);
  });

  it('with its own describer: called with operationId, status and the client version; its text is the meaning', async () => {
    server = await startTinyServer((_req, res) => ocs(res, 412, []));
    const calls: unknown[][] = [];
    const german: StatusDescriber = (...args) => {
      calls.push(args);
      return 'Die Lobby ist aktiv.';
    };
    const talk = createTalkClient({ baseUrl: server.url, apiVersion: 'v3', auth, describeStatus: german });
    const error = (await talk.chat.receive('abc123xy', { lookIntoFuture: 0 }).catch((e: unknown) => e)) as TalkApiError;
    expect(calls).toEqual([['receiveMessages', 412, 'v3']]);
    expect(error.meaning).toBe('Die Lobby ist aktiv.');
    expect(error.message).toContain(': Die Lobby ist aktiv.');
  });

  it('talk.operations: the meanings with describeStatus, empty strings without', () => {
    const plain = createTalkClient({ baseUrl: 'http://127.0.0.1:9', apiVersion: 'v4' });
    const described = createTalkClient({ baseUrl: 'http://127.0.0.1:9', apiVersion: 'v4', describeStatus });
    expect(described.operations).toEqual(operationsFor('v4'));
    const get = plain.operations.find((op) => op.operationId === 'getConversation')!;
    expect(Object.keys(get.statuses)).toEqual(Object.keys(findOperation('v4', 'getConversation')!.statuses));
    expect(new Set(Object.values(get.statuses))).toEqual(new Set(['']));
  });
});

describe('the operation table against the contract', () => {
  type Operation = { operationId: string; responses: Record<string, unknown> };
  const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

  it.each(apiVersions)('operationsFor(%s): every operation of the slice with its method, path and status meanings', (version) => {
    const slice = loadSpec(version) as unknown as { paths: Record<string, Record<string, Operation>> } & Parameters<typeof deref>[0];
    const fromSpec: Record<string, { route: string; statuses: Record<string, string> }> = {};
    for (const [concrete, item] of Object.entries(slice.paths)) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        const statuses = Object.fromEntries(
          Object.entries(op.responses).map(([status, r]) => [status, (deref(slice, r) as { description: string }).description]),
        );
        fromSpec[op.operationId] = { route: `${method.toUpperCase()} ${concrete}`, statuses };
      }
    }
    const fromTable = Object.fromEntries(
      operationsFor(version).map((op) => [op.operationId, { route: `${op.method} ${op.basePath}${op.path}`, statuses: op.statuses }]),
    );
    expect(fromTable).toEqual(fromSpec);
  });

  it('operationTable lists each operation once per version, with the meanings describeStatus gives', () => {
    for (const version of apiVersions) {
      const ids = operationTable.filter((row) => row.versions.includes(version)).map((row) => row.operationId);
      expect(new Set(ids).size).toBe(ids.length);
    }
    for (const row of operationTable) {
      for (const [status, meaning] of Object.entries(row.statuses)) expect(describeStatus(row.operationId, status, row.versions[0])).toBe(meaning);
    }
  });
});
