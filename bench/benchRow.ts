/** One line of the benchmark table printed by `npm run bench`. */
export interface BenchRow {
  /** Short label, e.g. "b. echo bot (CloudAdapter)". */
  name: string;
  /** Requests or operations per second. */
  throughput: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  /** Resident set size of the measured process, MB, when known. */
  rssMb?: number;
  /** Anything else worth printing (e.g. index build time). */
  notes?: string;
}
