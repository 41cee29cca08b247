// The capabilities the dev server generates have the shape of the recorded release's (config keys and types,
// config-local, versions); the recording is only read here, never copied into the repository.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTalkSources, talkSource } from '../../../test/support/talk-sources.js';
import { cloudCapabilities, releaseProfile } from '../src/index.js';

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
