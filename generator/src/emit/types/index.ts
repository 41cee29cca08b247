import type { Emitter } from '../emitter.js';
import { emitOpenApiTypes } from './openapi-types.js';

export { emitOpenApiTypes, openApiTypesAst, openApiTypesSource, shortPathSlice, withoutMediaExamples } from './openapi-types.js';
export type { OpenApiTypesOptions } from './openapi-types.js';

/**
 * `packages/client/src/generated/v1.ts` … `v4.ts`: the openapi-typescript types of each version slice
 * (short paths; without the `OCS-APIRequest` header, which the client always sends).
 *
 * @example
 * ```ts
 * const files = await clientTypesEmitter.emit(context);
 * ```
 */
export const clientTypesEmitter: Emitter = {
  name: 'client-types',
  emit: (context) =>
    emitOpenApiTypes(context, { outDir: 'packages/client/src/generated', omitHeaderParameters: ['OCS-APIRequest'] }),
};
