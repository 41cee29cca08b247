import type { Emitter, GenerateContext, GeneratedFile } from '../emitter.js';
import { generatedHeader } from '../header.js';
import { tsKey, tsString } from '../operations/ts-literal.js';
import { featureNames } from './feature-model.js';

export { featureNames } from './feature-model.js';

const union = (names: readonly string[], indent: string): string => (names.length === 0 ? 'never' : names.map((n) => `\n${indent}| ${tsString(n)}`).join(''));

/**
 * The source of `capabilities.ts`: the feature names (`spreed.features`) the contract knows as literal unions,
 * one over every release and API version (`TalkFeature`) and one per Talk release (`TalkFeaturesByRelease`).
 * Types only: nothing of it reaches a bundle.
 *
 * @example
 * ```ts
 * capabilitiesSource(context).includes('export type TalkFeature ='); // true
 * ```
 */
export function capabilitiesSource(context: GenerateContext): string {
  const all = featureNames(context.full);
  const releases = Object.entries(context.releaseSlices).sort(([a], [b]) => Number(a) - Number(b));
  return [
    generatedHeader(context.specHash),
    '/**',
    ' * A capability feature name (`spreed.features` of `GET /ocs/v2.php/cloud/capabilities`) the contract knows: the',
    ' * `x-talk-features` list of the capabilities schema (transcribed from real Talk 19 and 21) and every',
    ' * `x-talk-capability` an operation, parameter or field is gated by.',
    ' *',
    ' * @example',
    ' * ```ts',
    " * const feature: TalkFeature = 'talk-polls';",
    ' * ```',
    ' */',
    `export type TalkFeature =${union(all, '  ')};`,
    '',
    '/**',
    ' * The feature names each Talk release may advertise (its release slice: `x-talk-since`/`x-talk-until` applied),',
    ' * written as {@link TalkFeature} without the names the release does not have.',
    ' *',
    ' * @example',
    ' * ```ts',
    " * type Talk19Feature = TalkFeaturesByRelease['19'];",
    ' * ```',
    ' */',
    'export interface TalkFeaturesByRelease {',
    ...releases.map(([release, slice]) => {
      const has = new Set(featureNames(slice));
      const missing = all.filter((name) => !has.has(name));
      return `  ${tsKey(release)}: ${missing.length === 0 ? 'TalkFeature' : `Exclude<TalkFeature,${union(missing, '    ')}\n  >`};`;
    }),
    '}',
    '',
  ].join('\n');
}

/**
 * `packages/client/src/generated/capabilities.ts`: the literal unions of capability feature names that
 * `talk.capabilities.has(feature)` accepts.
 *
 * @example
 * ```ts
 * const [file] = await capabilitiesEmitter.emit(context);
 * ```
 */
export const capabilitiesEmitter: Emitter = {
  name: 'client-capabilities',
  emit: (context): GeneratedFile[] => [{ path: 'packages/client/src/generated/capabilities.ts', content: capabilitiesSource(context) }],
};
