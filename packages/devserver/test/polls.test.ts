// Polls: a poll is posted as a talk-poll rich object, can be voted and closed (poll_voted / poll_closed), and
// the documented refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevUser } from '../src/index.js';
import { CHAT, V4, groupWith, ocs, startServer } from './support.js';

const POLL = '/ocs/v2.php/apps/spreed/api/v1/poll';

describe('polls', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let alice: DevUser;
  let bob: DevUser;
  let room: string;

  beforeAll(async () => {
    server = await startServer();
    [alice, bob] = server.users;
    room = await groupWith(server.url, alice, 'Lunch', ['bob']);
  });
  afterAll(async () => {
    await server.close();
  });

  it('a poll can be voted and closed; the chat shows the poll object, poll_voted and poll_closed', async () => {
    const created = await ocs(server.url, 'POST', `${POLL}/${room}`, {
      user: alice,
      body: { question: 'Where?', options: ['Pizza', 'Sushi'], resultMode: 0, maxVotes: 1 },
    });
    expect(created.status).toBe(201);
    const poll = created.body?.ocs.data;
    expect(poll).toMatchObject({ question: 'Where?', options: ['Pizza', 'Sushi'], status: 0, actorId: 'alice', votes: [] });
    const chat = (await ocs(server.url, 'GET', `${CHAT}/${room}?lookIntoFuture=0&limit=5`, { user: bob })).body?.ocs.data;
    expect(chat[0].message).toBe('{object}');
    expect(chat[0].messageParameters.object).toEqual({ type: 'talk-poll', id: String(poll.id), name: 'Where?' });

    expect((await ocs(server.url, 'POST', `${POLL}/${room}/${poll.id}`, { user: bob, body: { optionIds: [0, 1] } })).status).toBe(400);
    const voted = await ocs(server.url, 'POST', `${POLL}/${room}/${poll.id}`, { user: bob, body: { optionIds: [1] } });
    expect(voted.status).toBe(201);
    expect(voted.body?.ocs.data).toMatchObject({ votedSelf: [1], votes: { 'option-1': 1 }, numVoters: 1 });
    expect((await ocs(server.url, 'GET', `${CHAT}/${room}?lookIntoFuture=0&limit=1`, { user: bob })).body?.ocs.data[0].systemMessage).toBe('poll_voted');

    expect((await ocs(server.url, 'DELETE', `${POLL}/${room}/${poll.id}`, { user: bob })).status).toBe(403);
    const closed = await ocs(server.url, 'DELETE', `${POLL}/${room}/${poll.id}`, { user: alice });
    expect(closed.status).toBe(200);
    expect(closed.body?.ocs.data).toMatchObject({ status: 1, votes: { 'option-1': 1 }, details: [{ actorId: 'bob', optionId: 1 }] });
    const last = (await ocs(server.url, 'GET', `${CHAT}/${room}?lookIntoFuture=0&limit=1`, { user: bob })).body?.ocs.data[0];
    expect(last.systemMessage).toBe('poll_closed');
    expect(last.messageParameters.poll.id).toBe(String(poll.id));

    expect((await ocs(server.url, 'POST', `${POLL}/${room}/${poll.id}`, { user: bob, body: { optionIds: [0] } })).status).toBe(400);
    expect((await ocs(server.url, 'GET', `${POLL}/${room}/${poll.id}`, { user: bob })).body?.ocs.data.status).toBe(1);
    expect((await ocs(server.url, 'GET', `${POLL}/${room}/999`, { user: bob })).status).toBe(404);
    expect(server.problems).toEqual([]);
  });

  it('hidden polls show no summary before closing; one-option polls and one-to-one conversations are refused', async () => {
    const poll = (await ocs(server.url, 'POST', `${POLL}/${room}`, { user: alice, body: { question: 'Secret?', options: ['Yes', 'No'], resultMode: 1 } })).body
      ?.ocs.data;
    const voted = (await ocs(server.url, 'POST', `${POLL}/${room}/${poll.id}`, { user: bob, body: { optionIds: [0] } })).body?.ocs.data;
    expect(voted.votes).toEqual([]);
    expect(voted.votedSelf).toEqual([0]);
    expect((await ocs(server.url, 'POST', `${POLL}/${room}`, { user: alice, body: { question: 'One?', options: ['Only'] } })).status).toBe(400);
    const direct = (await ocs(server.url, 'POST', `${V4}/room`, { user: alice, body: { roomType: 1, invite: 'bob' } })).body?.ocs.data.token;
    expect((await ocs(server.url, 'POST', `${POLL}/${direct}`, { user: alice, body: { question: 'Q?', options: ['a', 'b'] } })).status).toBe(400);
    expect((await ocs(server.url, 'POST', `${POLL}/${room}/draft/${poll.id}`, { user: alice, body: { question: 'Q?', options: ['a', 'b'] } })).status).toBe(
      400,
    );
    expect(server.problems).toEqual([]);
  });
});
