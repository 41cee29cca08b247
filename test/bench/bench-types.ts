/** One row of the benchmark results table. */
export interface BenchRow {
  /** What was measured, e.g. "facade call, median per call". */
  metric: string;
  /** The figure measured in this run, with its unit ("0.41 ms", "9.8 KB"). */
  value: string;
  /** The baseline measured in the same run, or "-" for absolute figures (sizes). */
  baseline: string;
  /** value / baseline, or the figure compared with the goal. */
  ratio: string;
  /** The goal from the issue, e.g. "≤ 1.10". */
  goal: string;
  /** Whether the goal is met in this run. */
  met: boolean;
}

/** A benchmark module: `test/bench/<topic>.bench.ts` exporting `title` and `run`. */
export interface BenchModule {
  title: string;
  run(): Promise<BenchRow[]>;
}
