// SIP dial-in (after an admin configured SIP), mention permissions, emoji avatars and user settings: each change
// shows in later answers, and the documented refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationAvatar } from '../src/handlers/avatar-handlers.js';
import type { DevUser } from '../src/index.js';
import { CHAT, V4, groupWith, ocs, startServer } from './support.js';

const V1 = '/ocs/v2.php/apps/spreed/api/v1';

describe('conversation settings of the newer areas', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let alice: DevUser;
  let bob: DevUser;
  let root: DevUser;
  let room: string;

  beforeAll(async () => {
    server = await startServer({
      users: [
        { id: 'alice', displayName: 'Alice', groups: ['phone'] },
        { id: 'bob', displayName: 'Bob' },
        { id: 'root', displayName: 'Admin', groups: ['admin'] },
      ],
    });
    [alice, bob, root] = server.users;
    room = await groupWith(server.url, alice, 'Settings', ['bob']);
  });
  afterAll(async () => {
    await server.close();
  });

  it('SIP dial-in needs a SIP group (401) and a configured SIP bridge; then sipEnabled shows in the Room', async () => {
    expect((await ocs(server.url, 'PUT', `${V4}/room/${room}/webinar/sip`, { user: alice, body: { state: 1 } })).status).toBe(412);
    expect(
      (await ocs(server.url, 'POST', `${V1}/settings/sip`, { user: alice, body: { sipGroups: ['phone'], dialInInfo: '+49 30 1234', sharedSecret: 's3cret' } }))
        .status,
    ).toBe(403);
    expect(
      (await ocs(server.url, 'POST', `${V1}/settings/sip`, { user: root, body: { sipGroups: ['phone'], dialInInfo: '+49 30 1234', sharedSecret: 's3cret' } }))
        .status,
    ).toBe(200);
    expect((await ocs(server.url, 'PUT', `${V4}/room/${room}/webinar/sip`, { user: bob, body: { state: 1 } })).status).toBe(403);
    expect((await ocs(server.url, 'PUT', `${V4}/room/${room}/webinar/sip`, { user: alice, body: { state: 1 } })).body?.ocs.data.sipEnabled).toBe(1);
    expect((await ocs(server.url, 'PUT', `${V4}/room/${room}/webinar/sip`, { user: alice, body: { state: 1 } })).status).toBe(400);
    expect((await ocs(server.url, 'GET', `${V4}/room/${room}`, { user: bob })).body?.ocs.data.sipEnabled).toBe(1);
    expect((await ocs(server.url, 'GET', `/ocs/v2.php/apps/spreed/api/v3/signaling/settings?token=${room}`, { user: bob })).body?.ocs.data.sipDialinInfo).toBe(
      '+49 30 1234',
    );
    expect(server.problems).toEqual([]);
  });

  it('mention permissions are for moderators of group conversations and show in the Room', async () => {
    expect((await ocs(server.url, 'PUT', `${V4}/room/${room}/mention-permissions`, { user: bob, body: { mentionPermissions: 1 } })).status).toBe(403);
    expect((await ocs(server.url, 'PUT', `${V4}/room/${room}/mention-permissions`, { user: alice, body: { mentionPermissions: 1 } })).status).toBe(200);
    expect((await ocs(server.url, 'GET', `${V4}/room/${room}`, { user: bob })).body?.ocs.data.mentionPermissions).toBe(1);
    const direct = (await ocs(server.url, 'POST', `${V4}/room`, { user: alice, body: { roomType: 1, invite: 'bob' } })).body?.ocs.data.token;
    expect((await ocs(server.url, 'PUT', `${V4}/room/${direct}/mention-permissions`, { user: alice, body: { mentionPermissions: 1 } })).status).toBe(400);
    expect(server.problems).toEqual([]);
  });

  it('an emoji avatar is stored and answered; deleting it goes back to the generated one', async () => {
    expect(conversationAvatar(server.store, room, { kind: 'user', userId: 'bob' }, false).contentType).toBe('image/svg+xml');
    expect((await ocs(server.url, 'POST', `${V1}/room/${room}/avatar/emoji`, { user: alice, body: { emoji: 'ab', color: '0082c9' } })).status).toBe(400);
    expect((await ocs(server.url, 'POST', `${V1}/room/${room}/avatar/emoji`, { user: alice, body: { emoji: '🚀', color: 'red' } })).status).toBe(400);
    expect((await ocs(server.url, 'POST', `${V1}/room/${room}/avatar/emoji`, { user: bob, body: { emoji: '🚀' } })).status).toBe(403);
    const set = await ocs(server.url, 'POST', `${V1}/room/${room}/avatar/emoji`, { user: alice, body: { emoji: '🚀', color: '0082c9' } });
    expect(set.body?.ocs.data.isCustomAvatar).toBe(true);
    const room1 = (await ocs(server.url, 'GET', `${V4}/room/${room}`, { user: bob })).body?.ocs.data;
    expect(room1.isCustomAvatar).toBe(true);
    expect(room1.lastMessage.systemMessage).toBe('avatar_set');
    const image = conversationAvatar(server.store, room, { kind: 'user', userId: 'bob' }, false);
    expect(new TextDecoder().decode(image.bytes)).toContain('🚀');
    expect(new TextDecoder().decode(image.bytes)).toContain('#0082c9');
    const removed = await ocs(server.url, 'DELETE', `${V1}/room/${room}/avatar`, { user: alice });
    expect(removed.body?.ocs.data.isCustomAvatar).toBe(false);
    expect(removed.body?.ocs.data.lastMessage.systemMessage).toBe('avatar_removed');
    expect(server.problems).toEqual([]);
  });

  it('user settings are validated; read_status_privacy hides the common read marker', async () => {
    expect((await ocs(server.url, 'POST', `${V1}/settings/user`, { user: bob, body: { key: 'read_status_privacy', value: 5 } })).status).toBe(400);
    for (const user of [alice, bob]) await ocs(server.url, 'POST', `${CHAT}/${room}/read`, { user, body: {} });
    expect((await ocs(server.url, 'GET', `${V4}/room/${room}`, { user: bob })).body?.ocs.data.lastCommonReadMessage).toBeGreaterThan(0);
    expect((await ocs(server.url, 'POST', `${V1}/settings/user`, { user: bob, body: { key: 'read_status_privacy', value: 1 } })).status).toBe(200);
    expect((await ocs(server.url, 'GET', `${V4}/room/${room}`, { user: bob })).body?.ocs.data.lastCommonReadMessage).toBe(0);
    expect(server.problems).toEqual([]);
  });
});
