// Check every recorded exchange of one Talk release against a contract slice.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { exchangeChecker } from './check-exchange.js';
import { operationMatcher } from './operation-matcher.js';
import { exchangeId, readRecordedExchanges, type RecordedExchange } from './recorded-exchange.js';

type JsonObject = Record<string, unknown>;

/** One exchange left off-contract on purpose, with the reason (test/conformance/allow-list.yaml). */
export interface AllowListEntry {
  /** Talk release (`'19'`, `'21'`). */
  release: string;
  /** `exchangeId`: HAR file without `.har` and the step, e.g. `configured/sip-recording/verify-dialout-options-as-string`. */
  exchange: string;
  reason: string;
}

export interface ExchangeResult {
  exchange: RecordedExchange;
  id: string;
  operationId: string;
  violations: string[];
  undeclared: string[];
  allowed?: AllowListEntry;
}

export interface ConformanceResult {
  /** Exchanges that match an operation of the slice. */
  matched: ExchangeResult[];
  /** Exchanges of requests the contract does not cover, by `METHOD /path` (counted, not checked). */
  outside: Map<string, number>;
  onContract: number;
  undeclaredFields: number;
  /** Allow-list entries that matched no off-contract exchange (stale entries are an error). */
  unusedAllowListEntries: AllowListEntry[];
}

export const ALLOW_LIST_FILE = path.join(path.dirname(new URL(import.meta.url).pathname), 'allow-list.yaml');

/**
 * The reviewed allow-list: exchanges deliberately left off-contract.
 *
 * @example
 * ```ts
 * readAllowList().filter((e) => e.release === '21');
 * ```
 */
export function readAllowList(file = ALLOW_LIST_FILE): AllowListEntry[] {
  const data = (parse(readFileSync(file, 'utf8')) ?? []) as unknown;
  if (!Array.isArray(data)) throw new Error(`${file}: expected a list of {release, exchange, reason}`);
  return data.map((entry, i) => {
    const e = entry as Partial<AllowListEntry>;
    if (typeof e.release !== 'string' || typeof e.exchange !== 'string' || typeof e.reason !== 'string' || e.reason.trim() === '') {
      throw new Error(`${file}: entry ${i + 1} needs release, exchange and a reason`);
    }
    return { release: e.release, exchange: e.exchange, reason: e.reason };
  });
}

/**
 * Match every exchange below `folder` to an operation of `slice` and check it (see {@link exchangeChecker}).
 *
 * @example
 * ```ts
 * const result = runConformance('../shared/real-talk/talk-21.1.0-nc-31.0.2', slice, '21', readAllowList());
 * console.log(`${result.onContract}/${result.matched.length}`);
 * ```
 */
export function runConformance(folder: string, slice: JsonObject, release: string, allowList: AllowListEntry[]): ConformanceResult {
  const match = operationMatcher(slice);
  const check = exchangeChecker(slice);
  const allowed = new Map(allowList.filter((e) => e.release === release).map((e) => [e.exchange, e]));
  const used = new Set<string>();
  const matched: ExchangeResult[] = [];
  const outside = new Map<string, number>();
  for (const exchange of readRecordedExchanges(folder)) {
    const operation = match(exchange.method, exchange.pathname);
    if (!operation) {
      const key = `${exchange.method} ${exchange.pathname.replace(/\/\d+(?=\/|$)/g, '/{n}')}`;
      outside.set(key, (outside.get(key) ?? 0) + 1);
      continue;
    }
    const id = exchangeId(exchange);
    const findings = check(exchange, operation);
    const result: ExchangeResult = { exchange, id, operationId: operation.operationId, ...findings };
    if ((findings.violations.length > 0 || findings.undeclared.length > 0) && allowed.has(id)) {
      result.allowed = allowed.get(id);
      used.add(id);
    }
    matched.push(result);
  }
  const clean = (r: ExchangeResult): boolean => r.allowed !== undefined || (r.violations.length === 0 && r.undeclared.length === 0);
  return {
    matched,
    outside,
    onContract: matched.filter(clean).length,
    undeclaredFields: matched.filter((r) => !r.allowed).reduce((n, r) => n + r.undeclared.length, 0),
    unusedAllowListEntries: [...allowed.values()].filter((e) => !used.has(e.exchange)),
  };
}

/** Problems of the off-contract exchanges, one line each, grouped by operation and status (for messages). */
export function describeProblems(result: ConformanceResult, limit = 200): string[] {
  const groups = new Map<string, Set<string>>();
  for (const r of result.matched) {
    if (r.allowed) continue;
    for (const v of r.violations) {
      const key = `${r.operationId} ${v}`;
      groups.set(key, (groups.get(key) ?? new Set()).add(r.id));
    }
    for (const u of r.undeclared) {
      const key = `${r.operationId} ${r.exchange.status}: undeclared field ${u.replace(/\/\d+(?=\/|$)/g, '/*')}`;
      groups.set(key, (groups.get(key) ?? new Set()).add(r.id));
    }
  }
  return [...groups.entries()].slice(0, limit).map(([key, ids]) => `${key}  [${ids.size}x, e.g. ${[...ids][0]}]`);
}
