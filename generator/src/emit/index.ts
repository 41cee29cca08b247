import type { Emitter } from './emitter.js';
import { operationTableEmitter } from './operations/index.js';
import { typesEmitter } from './types/index.js';
import { serverEmitter } from './server/index.js';
import { enumsEmitter } from './enums/index.js';
import { capabilitiesEmitter } from './capabilities/index.js';

/**
 * Every output target of `talk-contract generate`. Adding an output means adding one folder under
 * `emit/` and one line here.
 */
export const emitters: Emitter[] = [typesEmitter, operationTableEmitter, serverEmitter, enumsEmitter, capabilitiesEmitter];
