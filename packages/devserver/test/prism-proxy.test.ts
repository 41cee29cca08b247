import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrismProxy } from './prism.js';
import type { PrismProxy } from './prism.js';
import { runGuestScenario, runScenario } from './scenario.js';
import { startServer } from './support.js';

describe('the client scenario through `prism proxy --errors` in front of the dev server', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let prism: PrismProxy;
  beforeAll(async () => {
    server = await startServer();
    prism = await startPrismProxy(server.url);
  });
  afterAll(async () => {
    await prism?.close();
    await server?.close();
  });

  it('has zero contract violations: no sl-violations header and no 500', async () => {
    const seen: { method: string; url: string; status: number; violations: string | null }[] = [];
    const recordingFetch: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const response = await fetch(request);
      seen.push({ method: request.method, url: request.url, status: response.status, violations: response.headers.get('sl-violations') });
      return response;
    };
    await runScenario(prism.url, server.users, recordingFetch);
    await runGuestScenario(prism.url, server.users, recordingFetch);
    expect(seen.length).toBeGreaterThan(30);
    expect(seen.filter((r) => r.violations !== null || r.status >= 500)).toEqual([]);
    expect(server.problems).toEqual([]);
  });
});
