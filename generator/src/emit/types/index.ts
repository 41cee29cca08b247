import type { Emitter } from '../emitter.js';
import { emitOpenApiTypes, emitReleaseTypes } from './openapi-types.js';

export { emitOpenApiTypes, openApiTypesAst, openApiTypesSource, shortPathSlice, withoutMediaExamples } from './openapi-types.js';
export type { OpenApiTypesOptions } from './openapi-types.js';

/**
 * `packages/types/src/generated/v1.ts` … `v4.ts` and `v4-talk-19.ts` … (`@talk-contract/types`): the
 * openapi-typescript types of each version slice and of each Talk release slice (short paths; without the `OCS-APIRequest` header, which client and server handle themselves).
 * Generated once; the client and the server import them from `@talk-contract/types/<version>`.
 *
 * @example
 * ```ts
 * const files = await typesEmitter.emit(context);
 * ```
 */
export const typesEmitter: Emitter = {
  name: 'types',
  emit: async (context) => {
    const options = { outDir: 'packages/types/src/generated', omitHeaderParameters: ['OCS-APIRequest'] };
    return [...(await emitOpenApiTypes(context, options)), ...(await emitReleaseTypes(context, options))];
  },
};
