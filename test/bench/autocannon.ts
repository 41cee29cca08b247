// autocannon (CommonJS, untyped) with the part of its API the benchmarks use.
import { createRequire } from 'node:module';

/** What one autocannon run reports (the fields the benchmarks read). */
export interface AutocannonResult {
  requests: { average: number; total: number };
  /** Seconds the run took. */
  duration: number;
  non2xx: number;
  errors: number;
}

/** Options of one autocannon run (the ones the benchmarks set). */
export interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  headers: Record<string, string>;
  method?: string;
  body?: string;
}

/** Load HTTP `url` with autocannon. */
export const autocannon = createRequire(import.meta.url)('autocannon') as (options: AutocannonOptions) => Promise<AutocannonResult>;
