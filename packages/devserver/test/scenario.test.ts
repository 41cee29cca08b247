import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGuestScenario, runScenario } from './scenario.js';
import { startServer } from './support.js';

describe('client scenario against the dev server (validateResponses: true)', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('create, invite, chat, poll, read, moderate, leave, delete: every answer on-contract', async () => {
    await runScenario(server.url, server.users);
    expect(server.problems).toEqual([]);
  });

  it('a guest joins a password-protected public conversation, chats, polls and leaves', async () => {
    await runGuestScenario(server.url, server.users);
    expect(server.problems).toEqual([]);
  });
});
