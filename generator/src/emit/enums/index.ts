import type { Emitter, GenerateContext, GeneratedFile } from '../emitter.js';
import { generatedHeader } from '../header.js';
import { tsKey, tsLiteral } from '../operations/ts-literal.js';
import { enumModels, type EnumModel } from './enum-model.js';

export { enumModels, pascalCase, withoutConstantsPointer } from './enum-model.js';
export type { EnumMember, EnumModel } from './enum-model.js';

function jsDoc(lines: string[], indent = ''): string[] {
  const text = lines.filter(Boolean).map((l) => l.replace(/\*\//g, '*\\/'));
  if (text.length === 0) return [];
  if (text.length === 1 && !text[0]!.includes('\n')) return [`${indent}/** ${text[0]} */`];
  return [`${indent}/**`, ...text.flatMap((t) => t.split('\n')).map((t) => `${indent} *${t ? ` ${t}` : ''}`), `${indent} */`];
}

function enumSource(e: EnumModel): string {
  const what = e.kind === 'flags' ? 'Bits of the bit field' : 'Values of';
  const origin = `${what} \`${e.pointer.replace('#/components/schemas/', '').replace('/properties/', '.')}\` (API v4).`;
  const example = e.members[0] ? [`@example`, '```ts', `${e.name}.${e.members[0].name}; // ${tsLiteral(e.members[0].value)}`, '```'] : [];
  const combine = e.kind === 'flags' ? [`Combine bits with \`|\`, test with \`&\`: \`(value & ${e.name}.${e.members[0]?.name}) !== 0\`.`] : [];
  const union = e.members.map((m) => tsLiteral(m.value)).join(' | ');
  const values = union.length > 80 ? `one of the values of {@link ${e.name}}` : `\`${union}\``;
  return [
    ...jsDoc([e.description ?? '', origin, ...combine, ...example]),
    `export const ${e.name} = {`,
    ...e.members.flatMap((m) => [...jsDoc([m.description ?? ''], '  '), `  ${tsKey(m.name)}: ${tsLiteral(m.value)},`]),
    '} as const;',
    ...jsDoc([`${e.kind === 'flags' ? 'One bit' : 'A value'} of ${e.name}: ${values}.`]),
    `export type ${e.name} = (typeof ${e.name})[keyof typeof ${e.name}];`,
    '',
  ].join('\n');
}

/**
 * The source of `enums.ts`: one `as const` object and one literal union type per enum and bit field of the v4
 * slice, members named after `x-enum-varnames` / `x-talk-flags` in PascalCase, JSDoc from the descriptions.
 *
 * @example
 * ```ts
 * enumsSource(context).includes('export const ConversationType = {'); // true
 * ```
 */
export function enumsSource(context: GenerateContext): string {
  return [generatedHeader(context.specHash), ...enumModels(context.slices.v4).map(enumSource)].join('\n');
}

/**
 * `packages/client/src/generated/enums.ts`: named constants and literal unions of every enum and bit field
 * (`ConversationType.Group`, `ParticipantType.Moderator`, `Permission.PublishAudio`).
 *
 * @example
 * ```ts
 * const [file] = await enumsEmitter.emit(context);
 * ```
 */
export const enumsEmitter: Emitter = {
  name: 'client-enums',
  emit: (context): GeneratedFile[] => [{ path: 'packages/client/src/generated/enums.ts', content: enumsSource(context) }],
};
