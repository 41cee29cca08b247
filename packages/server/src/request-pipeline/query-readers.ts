// Stage 4 preparation, read query values as the embedding server does: an embedder that imitates a server
// (the dev server imitates Talk) reads some query values more leniently than the contract bounds them
// (PHP's integer coercion, clamping to a maximum). Its readers rewrite the raw values of one operation before
// validation, by operationId: no path patterns of its own, and no second Request built per request.

/**
 * How one query parameter's raw value is read: the value to validate instead, or null to drop the parameter
 * (as if it had not been sent).
 *
 * @example
 * ```ts
 * const timeout: TalkQueryReader = (value) => String(Math.min(Number.parseInt(value, 10) || 0, 30));
 * ```
 */
export type TalkQueryReader = (value: string) => string | null;

/** The query string of an operation as its readers read it (the same string when nothing changes). */
export type QueryRewrite = (operationId: string, queryString: string) => string;

/** Readers per operationId and parameter name. */
export type TalkQueryReaders = Readonly<Record<string, Readonly<Record<string, TalkQueryReader>> | undefined>>;

/**
 * The rewrite of an operation's query string by its readers: the same string when the operation has none or
 * no value changes, else the query with the read values (a parameter sent twice is read from its last value,
 * as Nextcloud reads it, and sent once).
 *
 * @example
 * ```ts
 * const rewrite = createQueryRewrite({ receiveMessages: { timeout: (v) => String(Math.min(Number(v), 30)) } });
 * rewrite('receiveMessages', 'lookIntoFuture=1&timeout=60'); // 'lookIntoFuture=1&timeout=30'
 * rewrite('getConversation', 'x=1'); // 'x=1'
 * ```
 */
export function createQueryRewrite(readers: TalkQueryReaders | undefined): QueryRewrite | null {
  if (!readers) return null;
  const byOperation = new Map<string, [string, TalkQueryReader][]>();
  for (const [operationId, fields] of Object.entries(readers)) {
    if (fields && Object.keys(fields).length > 0) byOperation.set(operationId, Object.entries(fields));
  }
  if (byOperation.size === 0) return null;
  return (operationId, queryString) => {
    const fields = byOperation.get(operationId);
    if (!fields || queryString === '') return queryString;
    const params = new URLSearchParams(queryString);
    let changed = false;
    for (const [name, read] of fields) {
      const all = params.getAll(name);
      if (all.length === 0) continue;
      const value = all[all.length - 1] as string;
      const read_ = read(value);
      if (read_ === value && all.length === 1) continue;
      changed = true;
      if (read_ === null) params.delete(name);
      else params.set(name, read_);
    }
    return changed ? params.toString() : queryString;
  };
}
