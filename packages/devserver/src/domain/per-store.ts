// State that belongs to one TalkStore without being a field of it: what is not persisted (a running call's start time).
import type { TalkStore } from './store.js';

/**
 * A getter for per-store state, created by `create` on first use and dropped with the store.
 *
 * @example
 * const pollsOf = perStore(() => ({ nextId: 1, byId: new Map<number, unknown>() }));
 * pollsOf(store).nextId; // 1
 */
export function perStore<T>(create: () => T): (store: TalkStore) => T {
  const states = new WeakMap<TalkStore, T>();
  return (store) => {
    let state = states.get(store);
    if (state === undefined) {
      state = create();
      states.set(store, state);
    }
    return state;
  };
}
