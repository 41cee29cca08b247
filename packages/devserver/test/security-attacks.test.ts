// The attacks of issue 13, each against a real dev server on 127.0.0.1: a session id is not a login, ids from a
// request are checked against the conversation, and visitors / lobby-held members learn nothing about the chat.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DevUser } from '../src/index.js';
import { CHAT, V4, joinAsGuest, ocs, startServer, upload } from './support.js';

const SHARES = '/ocs/v2.php/apps/files_sharing/api/v1/shares';

describe('security: sessions, ids and what visitors see', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let alice: DevUser;
  let bob: DevUser;
  let carol: DevUser;

  beforeEach(async () => {
    server = await startServer();
    [alice, bob, carol] = server.users;
  });
  afterEach(async () => {
    const problems = [...server.problems];
    await server.close();
    expect(problems, 'every answer on-contract').toEqual([]);
  });

  const create = async (roomType: number, roomName: string) =>
    (await ocs(server.url, 'POST', `${V4}/room`, { user: alice, body: { roomType, roomName } })).body?.ocs.data.token as string;
  const join = async (token: string, user: DevUser) => {
    const res = await ocs(server.url, 'POST', `${V4}/room/${token}/participants/active`, { user, body: {} });
    expect(res.status).toBe(200);
    return res.body?.ocs.data.sessionId as string;
  };

  it("a plain member cannot act as the owner with the owner's session id from the participant list", async () => {
    const token = await create(3, 'Team');
    await ocs(server.url, 'POST', `${V4}/room/${token}/participants`, { user: alice, body: { newParticipant: 'bob' } });
    await join(token, alice);
    const list = await ocs(server.url, 'GET', `${V4}/room/${token}/participants`, { user: bob });
    const owner = (list.body?.ocs.data as { actorId: string; sessionIds: string[] }[]).find((p) => p.actorId === 'alice');
    expect(owner?.sessionIds).toHaveLength(1);
    const stolen = `talk_session=${owner?.sessionIds[0]}`;
    // Without credentials, the owner's session id is no login: the request is an anonymous visitor's.
    const rename = await ocs(server.url, 'PUT', `${V4}/room/${token}`, { cookie: stolen, body: { roomName: 'Taken over' } });
    expect(rename.status).not.toBe(200);
    const send = await ocs(server.url, 'POST', `${CHAT}/${token}`, { cookie: stolen, body: { message: 'I am alice' } });
    expect(send.status).toBe(404);
    expect(server.store.conversations.get(token)?.name).toBe('Team');
    // With bob's own credentials, alice's session does not become his.
    const state = await ocs(server.url, 'PUT', `${V4}/room/${token}/participants/state`, { user: bob, cookie: stolen, body: { state: 0 } });
    expect(state.status).toBe(404);
    expect(server.store.sessions.get(owner?.sessionIds[0] ?? '')?.state).toBe(1);
  });

  it("a self-joined outsider cannot use the owner's session id either", async () => {
    const token = await create(3, 'Open house');
    await join(token, alice);
    await join(token, carol);
    const list = await ocs(server.url, 'GET', `${V4}/room/${token}/participants`, { user: carol });
    expect(list.status).toBe(200);
    const ownerSession = (list.body?.ocs.data as { actorId: string; sessionIds: string[] }[]).find((p) => p.actorId === 'alice')?.sessionIds[0];
    expect(ownerSession).toBeTruthy();
    const cookie = `talk_session=${ownerSession}`;
    const makePrivate = await ocs(server.url, 'DELETE', `${V4}/room/${token}/public`, { cookie });
    expect(makePrivate.status).not.toBe(200);
    const history = await ocs(server.url, 'GET', `${CHAT}/${token}?lookIntoFuture=0`, { cookie });
    expect(history.status).toBe(404);
    expect(server.store.conversations.get(token)?.type).toBe(3);
  });

  it("a guest's own cookie still works, and only in the guest's conversation", async () => {
    const token = await create(3, 'Guests welcome');
    const cookie = await joinAsGuest(server.url, token);
    expect((await ocs(server.url, 'POST', `${CHAT}/${token}`, { cookie, body: { message: 'hello' } })).status).toBe(201);
    const other = await create(3, 'Elsewhere');
    expect((await ocs(server.url, 'POST', `${CHAT}/${other}`, { cookie, body: { message: 'hello' } })).status).toBe(404);
  });

  it("shareFile's talkMetaData.replyTo cannot pull a message of another conversation in as the parent", async () => {
    const secret = await create(2, 'Secret');
    const sent = await ocs(server.url, 'POST', `${CHAT}/${secret}`, { user: alice, body: { message: 'the launch code is 1234' } });
    const secretId = sent.body?.ocs.data.id as number;
    const own = (await ocs(server.url, 'POST', `${V4}/room`, { user: carol, body: { roomType: 2, roomName: 'Mine' } })).body?.ocs.data.token as string;
    expect(await upload(server.url, carol, 'notes.txt', 'my notes')).toBe(201);
    const share = await ocs(server.url, 'POST', SHARES, {
      user: carol,
      body: { shareType: 10, shareWith: own, path: 'notes.txt', talkMetaData: JSON.stringify({ replyTo: secretId }) },
    });
    expect(share.status).toBe(200);
    const history = await ocs(server.url, 'GET', `${CHAT}/${own}?lookIntoFuture=0`, { user: carol });
    const text = JSON.stringify(history.body?.ocs.data);
    expect(text).not.toContain('launch code');
    const file = (history.body?.ocs.data as { message: string; parent?: unknown }[]).find((m) => m.message === '{file}');
    expect(file).toBeDefined();
    expect(file?.parent).toBeUndefined();
  });

  it('a reply to a message of another conversation is refused (400)', async () => {
    const secret = await create(2, 'Secret');
    const secretId = (await ocs(server.url, 'POST', `${CHAT}/${secret}`, { user: alice, body: { message: 'hidden' } })).body?.ocs.data.id as number;
    const own = (await ocs(server.url, 'POST', `${V4}/room`, { user: carol, body: { roomType: 2, roomName: 'Mine' } })).body?.ocs.data.token as string;
    const reply = await ocs(server.url, 'POST', `${CHAT}/${own}`, { user: carol, body: { message: 'gotcha', replyTo: secretId } });
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body)).not.toContain('hidden');
  });

  it('visitors of a password-protected public conversation see no lastMessage (as real Talk)', async () => {
    const token = await create(3, 'Locked');
    await ocs(server.url, 'POST', `${CHAT}/${token}`, { user: alice, body: { message: 'members only' } });
    await ocs(server.url, 'PUT', `${V4}/room/${token}/password`, { user: alice, body: { password: 'Correct-Horse-7' } });
    const asUser = await ocs(server.url, 'GET', `${V4}/room/${token}`, { user: carol });
    const asGuest = await ocs(server.url, 'GET', `${V4}/room/${token}`);
    for (const res of [asUser, asGuest]) {
      expect(res.status).toBe(200);
      expect(res.body?.ocs.data.hasPassword).toBe(true);
      expect(res.body?.ocs.data).not.toHaveProperty('lastMessage');
      expect(res.body?.ocs.data.name).toBe('');
      expect(JSON.stringify(res.body)).not.toContain('members only');
    }
  });

  it('members held in the lobby see no lastMessage; moderators do', async () => {
    const token = await create(2, 'Webinar');
    await ocs(server.url, 'POST', `${V4}/room/${token}/participants`, { user: alice, body: { newParticipant: 'bob' } });
    await ocs(server.url, 'POST', `${CHAT}/${token}`, { user: alice, body: { message: 'backstage talk' } });
    server.admin.setLobbyState(token, 1);
    const held = await ocs(server.url, 'GET', `${V4}/room/${token}`, { user: bob });
    expect(held.status).toBe(200);
    expect(held.body?.ocs.data.lobbyState).toBe(1);
    expect(held.body?.ocs.data).not.toHaveProperty('lastMessage');
    expect(JSON.stringify(held.body)).not.toContain('backstage');
    const moderator = await ocs(server.url, 'GET', `${V4}/room/${token}`, { user: alice });
    expect(moderator.body?.ocs.data.lastMessage.id).toBeGreaterThan(0);
  });
});
