// Types are tested as types: every `@ts-expect-error` line must fail to compile (tsc reports an unused
// directive otherwise), every expectTypeOf must hold.
import { describe, expectTypeOf, test } from 'vitest';
import type { v1, v4 } from '../src/index.js';
import type { paths as PathsV4 } from '../src/generated/v4.js';

describe('@talk-contract/types', () => {
  test('each version namespace has the schemas of that version', () => {
    expectTypeOf<v1.components['schemas']['Room']['count']>().toEqualTypeOf<number>();
    expectTypeOf<v4.components['schemas']['Room']['permissions']>().toEqualTypeOf<number>();
    expectTypeOf<v4.components['schemas']['Room']['token']>().toEqualTypeOf<string>();
    // @ts-expect-error permissions is v4-only
    type NoPermissions = v1.components['schemas']['Room']['permissions'];
  });

  test('paths are keyed below the API base, and only in the versions that have them', () => {
    expectTypeOf<v4.paths>().toHaveProperty('/room/note-to-self');
    expectTypeOf<v4.paths>().toHaveProperty('/chat/{token}');
    expectTypeOf<v1.paths>().toHaveProperty('/room');
    // @ts-expect-error note-to-self is not in v1
    type NoNoteToSelf = v1.paths['/room/note-to-self'];
    // @ts-expect-error paths carry no OCS base
    type NoBase = v4.paths['/ocs/v2.php/apps/spreed/api/v4/room'];
  });

  test('operations by operationId carry the documented body and statuses; the namespace is the per-version module', () => {
    type SendMessage = v4.operations['sendMessage'];
    expectTypeOf<SendMessage['requestBody']['content']['application/json']['message']>().toEqualTypeOf<string>();
    expectTypeOf<SendMessage['responses']>().toHaveProperty(201);
    expectTypeOf<v4.paths>().toEqualTypeOf<PathsV4>();
  });
});
