// The capabilities the dev server generates have the shape of the recorded release's (config keys and types,
// config-local, versions); the recording is only read here, never copied into the repository.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findTalkSources, talkSource } from '../../../test/support/talk-sources.js';
import { cloudCapabilities, createDevServer, devCapabilities, releaseProfile } from '../src/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));

const sources = findTalkSources('realTalk');
if (!sources.present) console.warn(sources.reason);

/** Keys and value types, recursively (arrays as `array`). */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return 'array';
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .map(([k, v]) => [k, shape(v)])
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
    );
  return typeof value;
}

describe.skipIf(!sources.present)('cloud capabilities in the shape of the recorded release', () => {
  it.each([
    ['19', 'talk-19.0.1-nc-29.0.1'],
    ['21', 'talk-21.1.0-nc-31.0.2'],
  ] as const)('Talk %s', (release, folder) => {
    const recorded = JSON.parse(readFileSync(path.join(talkSource.realTalk, folder, 'capabilities.json'), 'utf8')) as { ocs?: { data: unknown } };
    const real = (recorded.ocs?.data ?? recorded) as { version: unknown; capabilities: { core: unknown; spreed: Record<string, unknown> } };
    const dev = cloudCapabilities(releaseProfile(release)) as { version: unknown; capabilities: { core: unknown; spreed: Record<string, unknown> } };
    expect(dev.version).toEqual(real.version);
    expect(shape(dev.capabilities.core)).toEqual(shape(real.capabilities.core));
    for (const key of ['config', 'config-local', 'version']) expect(shape(dev.capabilities.spreed[key]), key).toEqual(shape(real.capabilities.spreed[key]));
    expect(dev.capabilities.spreed.version).toBe(real.capabilities.spreed.version);
    expect(Object.keys(dev.capabilities.spreed).sort()).toEqual(Object.keys(real.capabilities.spreed).sort());
  });
});

type Slice = { paths: Record<string, Record<string, { operationId?: string; 'x-talk-capability'?: string }>> };

/** The capability each operation of the release slice is gated by. */
function gatingCapabilities(release: '19' | '21'): Map<string, string[]> {
  const slice = JSON.parse(readFileSync(path.resolve(here, `../../spec/dist/openapi.v4.talk-${release}.json`), 'utf8')) as Slice;
  const gates = new Map<string, string[]>();
  for (const item of Object.values(slice.paths))
    for (const op of Object.values(item)) {
      const capability = op?.['x-talk-capability'];
      if (capability && op.operationId) gates.set(capability, [...(gates.get(capability) ?? []), op.operationId]);
    }
  return gates;
}

/** The feature names the release slice knows: its `x-talk-features` entries (other releases' already dropped). */
function contractFeatures(release: '19' | '21'): Set<string> {
  const slice = JSON.parse(readFileSync(path.resolve(here, `../../spec/dist/openapi.v4.talk-${release}.json`), 'utf8')) as unknown;
  const names = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object')
      for (const [key, v] of Object.entries(value)) {
        if (key === 'x-talk-features') for (const entry of v as (string | { name: string })[]) names.add(typeof entry === 'string' ? entry : entry.name);
        else walk(v);
      }
  };
  walk(slice);
  return names;
}

describe('the features the dev server advertises', () => {
  // A client that gates on capabilities (connectTalk does) must find every area the dev server implements.
  it.each(['19', '21'] as const)('Talk %s: every capability that gates an operation of the release slice', (release) => {
    const features = devCapabilities(releaseProfile(release)).features as string[];
    const missing = [...gatingCapabilities(release)].filter(([capability]) => !features.includes(capability));
    expect(missing).toEqual([]);
  });

  it.each(['19', '21'] as const)('Talk %s: only feature names the contract knows for that release', (release) => {
    const known = contractFeatures(release);
    expect(known.size).toBeGreaterThan(50);
    const features = devCapabilities(releaseProfile(release)).features as string[];
    expect(features.filter((f) => !known.has(f))).toEqual([]);
  });

  it('Talk 19 does not advertise what only later releases have', () => {
    const features19 = devCapabilities(releaseProfile('19')).features as string[];
    const features21 = devCapabilities(releaseProfile('21')).features as string[];
    expect(features19).not.toContain('edit-draft-poll');
    expect(features19).not.toContain('mention-permissions');
    expect(features21).toEqual(expect.arrayContaining(['edit-draft-poll', 'mention-permissions']));
  });

  describe.skipIf(!sources.present)('never more than the recorded release', () => {
    it.each([
      ['19', 'talk-19.0.1-nc-29.0.1'],
      ['21', 'talk-21.1.0-nc-31.0.2'],
    ] as const)('Talk %s', (release, folder) => {
      const recorded = JSON.parse(readFileSync(path.join(talkSource.realTalk, folder, 'capabilities.json'), 'utf8')) as { ocs?: { data: unknown } };
      const real = (recorded.ocs?.data ?? recorded) as { capabilities: { spreed: { features: string[] } } };
      const features = devCapabilities(releaseProfile(release)).features as string[];
      // Talk advertises `message-expiration` only when background jobs run by cron (the recorded servers ran
      // them by ajax); the dev server expires messages itself, so it advertises the feature it implements.
      const extras = features.filter((f) => !real.capabilities.spreed.features.includes(f));
      expect(extras).toEqual(['message-expiration']);
    });
  });
});

describe('createDevServer({ withoutFeatures })', () => {
  it('leaves the features out of both capability answers and changes the Talk hash; the operations still answer', async () => {
    const plain = await createDevServer({ port: 0 });
    const limited = await createDevServer({ port: 0, withoutFeatures: ['talk-polls'] });
    try {
      const read = async (server: typeof plain) => {
        const [alice] = server.users;
        const headers = { 'OCS-APIRequest': 'true', Accept: 'application/json', Authorization: `Basic ${btoa(`${alice.id}:${alice.appPassword}`)}` };
        const cloud = await fetch(`${server.url}/ocs/v2.php/cloud/capabilities`, { headers });
        const room = await fetch(`${server.url}/ocs/v2.php/apps/spreed/api/v4/room`, {
          method: 'POST',
          headers: { ...headers, 'Content-Type': 'application/json' },
          body: JSON.stringify({ roomType: 2, roomName: 'Gates' }),
        });
        const token = ((await room.json()) as { ocs: { data: { token: string } } }).ocs.data.token;
        const conversation = await fetch(`${server.url}/ocs/v2.php/apps/spreed/api/v4/room/${token}/capabilities`, { headers });
        const poll = await fetch(`${server.url}/ocs/v2.php/apps/spreed/api/v1/poll/${token}`, {
          method: 'POST',
          headers: { ...headers, 'Content-Type': 'application/json' },
          body: JSON.stringify({ question: 'Q?', options: ['a', 'b'] }),
        });
        return {
          cloud: ((await cloud.json()) as { ocs: { data: { capabilities: { spreed: { features: string[] } } } } }).ocs.data.capabilities.spreed.features,
          conversation: ((await conversation.json()) as { ocs: { data: { features: string[] } } }).ocs.data.features,
          hash: conversation.headers.get('X-Nextcloud-Talk-Hash'),
          poll: poll.status,
        };
      };
      const [a, b] = [await read(plain), await read(limited)];
      expect(a.cloud).toContain('talk-polls');
      expect(a.conversation).toContain('talk-polls');
      expect(b.cloud).not.toContain('talk-polls');
      expect(b.conversation).not.toContain('talk-polls');
      expect(b.cloud.length).toBe(a.cloud.length - 1);
      expect(b.hash).not.toBe(a.hash);
      expect(b.poll).toBe(201);
    } finally {
      await plain.close();
      await limited.close();
    }
  });

  it('refuses a feature the release does not advertise, naming it', async () => {
    await expect(createDevServer({ port: 0, talk: '19', withoutFeatures: ['edit-draft-poll'] })).rejects.toThrow(
      /withoutFeatures: "edit-draft-poll" is not advertised by Talk 19\.0\.1/,
    );
  });
});
