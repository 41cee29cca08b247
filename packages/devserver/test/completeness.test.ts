// Every operation of the v4 slice has a dev server handler (driven by the slice, so new operations show up here).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { talkOperations } from '@talk-contract/server';
import { describe, expect, it } from 'vitest';
import { devHandlers } from '../src/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const slice = JSON.parse(readFileSync(path.resolve(here, '../../spec/dist/openapi.v4.json'), 'utf8')) as {
  paths: Record<string, Record<string, { operationId?: string }>>;
};
const sliceOperationIds = Object.values(slice.paths)
  .flatMap((item) => Object.values(item))
  .map((op) => op.operationId)
  .filter((id): id is string => typeof id === 'string')
  .sort();

describe('handler completeness', () => {
  it('the slice has operations', () => {
    expect(sliceOperationIds.length).toBeGreaterThan(30);
  });

  it.each(sliceOperationIds)('%s has a handler', (operationId) => {
    expect(typeof devHandlers[operationId]).toBe('function');
  });

  it('the server package serves exactly the operations of the slice', () => {
    expect(
      talkOperations('v4')
        .map((op) => op.operationId)
        .sort(),
    ).toEqual(sliceOperationIds);
  });
});
