import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import type { OpenAPI3 } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';
import { API_VERSIONS } from '../../load/api-versions.js';
import type { JsonObject } from '../../load/slice.js';
import { openApiTypesAst, shortPathSlice, withoutMediaExamples } from './openapi-types.js';

const specDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../packages/spec/dist');

describe('openApiTypesAst', () => {
  // The emitter skips openapiTS()'s Redocly lint + bundle; the output must stay what openapiTS() writes.
  it.each(API_VERSIONS)('gives the same types as openapiTS() for the %s slice', async (version) => {
    const slice = JSON.parse(readFileSync(path.join(specDir, `openapi.${version}.json`), 'utf8')) as JsonObject;
    const doc = withoutMediaExamples(shortPathSlice(slice, ['OCS-APIRequest']));
    const reference = astToString(await openapiTS(structuredClone(doc) as unknown as OpenAPI3, { silent: true, alphabetize: true }));
    expect(astToString(await openApiTypesAst(structuredClone(doc)))).toBe(reference);
  });
});

describe('withoutMediaExamples', () => {
  it('drops media-type examples and keeps schema examples', () => {
    const doc = withoutMediaExamples({
      paths: { '/x': { get: { responses: { '200': { content: { 'application/json': { example: { a: 1 }, schema: { example: 2 } } } } } } } },
    });
    expect(doc).toEqual({ paths: { '/x': { get: { responses: { '200': { content: { 'application/json': { schema: { example: 2 } } } } } } } } });
  });
});
