import { API_VERSIONS } from '../../load/api-versions.js';
import { buildOperationModel } from '../../model/index.js';
import type { Emitter, GeneratedFile } from '../emitter.js';
import { generatedHeader } from '../header.js';
import { contractDescriptor, tsImportType, tsJsonConst, tsStringUnion, tsTypeAlias } from './contract-module.js';

const OUT = 'packages/server/src/generated';

/**
 * `@talk-contract/server`'s generated part, per API version: `contract/<v>.ts` (the run-time descriptor the
 * server compiles its Ajv validators and routes from, plus the unions of routed and of anonymous operations); `index.ts` ties
 * the versions together with the `components` and `operations` types of `@talk-contract/types` for the
 * handler types.
 *
 * @example
 * ```ts
 * const files = await serverEmitter.emit(context); // packages/server/src/generated/contract/v4.ts, ...
 * ```
 */
export const serverEmitter: Emitter = {
  name: 'server',
  emit(context) {
    const header = generatedHeader(context.specHash);
    const files: GeneratedFile[] = [];
    for (const version of API_VERSIONS) {
      const slice = context.slices[version];
      const operations = buildOperationModel(slice, version);
      const anonymous = operations.filter((op) => op.anonymous).map((op) => op.operationId);
      const routed = operations.map((op) => op.operationId);
      files.push({
        path: `${OUT}/contract/${version}.ts`,
        content: [
          header,
          tsImportType(['ContractDescriptor'], '../../contract-descriptor.js'),
          tsTypeAlias('RoutedOperationId', tsStringUnion(routed), [
            `Operations of API ${version} the server routes (those of \`paths\`; webhooks are requests Talk sends, not served).`,
          ]),
          tsTypeAlias('AnonymousOperationId', tsStringUnion(anonymous), [
            `Operations of API ${version} that guests may call without credentials (\`security\` contains \`{}\`).`,
          ]),
          tsJsonConst('contract', 'ContractDescriptor', contractDescriptor(slice, version, operations), [
            `The API ${version} slice as the server needs it at run time: routes, parameters, body and response schemas.`,
          ]),
        ].join('\n'),
      });
    }
    const imports = API_VERSIONS.flatMap((v) => [
      `import type { operations as Operations${v.toUpperCase()}, components as Components${v.toUpperCase()} } from '@talk-contract/types/${v}';`,
      `import type { AnonymousOperationId as Anonymous${v.toUpperCase()}, RoutedOperationId as Routed${v.toUpperCase()} } from './contract/${v}.js';`,
      `import { contract as contract${v.toUpperCase()} } from './contract/${v}.js';`,
    ]);
    const members = API_VERSIONS.map(
      (v) =>
        `  ${v}: { operations: Operations${v.toUpperCase()}; components: Components${v.toUpperCase()}; routed: Routed${v.toUpperCase()}; anonymous: Anonymous${v.toUpperCase()} };`,
    );
    files.push({
      path: `${OUT}/index.ts`,
      content: [
        header,
        ...imports,
        tsImportType(['ContractDescriptor'], '../contract-descriptor.js'),
        '/** The generated types of every API version slice, keyed by version. */',
        'export interface TalkContracts {',
        ...members,
        '}',
        '',
        tsJsonConst('apiVersions', `readonly (keyof TalkContracts)[]`, [...API_VERSIONS], ['The API versions the server has a slice of.']),
        '/** The run-time descriptor of every API version slice. */',
        'export const contracts: Record<keyof TalkContracts, ContractDescriptor> = {',
        ...API_VERSIONS.map((v) => `  ${v}: contract${v.toUpperCase()},`),
        '};',
        '',
      ].join('\n'),
    });
    return files;
  },
};
