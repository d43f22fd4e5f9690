import { constants, PerformanceObserver } from 'node:perf_hooks';

/** IPC "gc": the server answers with its garbage collections since it started. */
export interface GcReport {
  gc: GcTotals;
}

export interface GcTotals {
  /** Mark-compacts (V8's full collections) and the time they stopped JavaScript, ms. */
  majors: number;
  majorPauseMs: number;
  /** Scavenges (young generation). */
  minors: number;
  minorPauseMs: number;
}

/**
 * Counts the server's collections (perf_hooks "gc" entries), so the bench can say how many
 * mark-compacts a row's turns caused: each stops every turn in flight for a few milliseconds.
 */
export function listenForGcRequests(): void {
  const totals: GcTotals = { majors: 0, majorPauseMs: 0, minors: 0, minorPauseMs: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
        totals.majors += 1;
        totals.majorPauseMs += entry.duration;
      } else if (kind === constants.NODE_PERFORMANCE_GC_MINOR) {
        totals.minors += 1;
        totals.minorPauseMs += entry.duration;
      }
    }
  }).observe({ entryTypes: ['gc'] });
  process.on('message', (message: unknown) => {
    if (message !== 'gc' || !process.send) return;
    const report: GcReport = { gc: { ...totals } };
    process.send(report);
  });
}
