import type { Emitter } from './emitter.js';

/**
 * Every output target of `talk-contract generate`. Adding an output means adding one folder under
 * `emit/` and one line here.
 */
export const emitters: Emitter[] = [];
