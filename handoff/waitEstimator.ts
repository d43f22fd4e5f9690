import type { WaitSampleSource } from './waitSamples';

export const DEFAULT_MINUTES_PER_POSITION = 5;

export interface WaitEstimatorOptions {
  /** Used while a queue has no recent claims. */
  defaultMinutesPerPosition?: number;
}

export interface WaitEstimate {
  position: number;
  /** Whole minutes, at least 1. */
  minutes: number;
  /** How many recent claims the estimate rests on (0: the default was used). */
  samples: number;
}

/**
 * Estimated wait from how long recent cases of the queue waited: each claim records its wait
 * divided by the position the case had on arrival; the median of those, times the citizen's
 * position, is the estimate. The median keeps one forgotten case from skewing everyone's wait.
 * Without history, `defaultMinutesPerPosition` is one operator's pace: with `operators` serving
 * the queue online, they take the cases ahead in parallel (position 5 with 2 operators waits
 * like position 3 with one). The history already reflects how many served the queue, so it is
 * used as it is.
 */
export class WaitEstimator {
  private readonly defaultMsPerPosition: number;

  constructor(
    private readonly samples: WaitSampleSource,
    options: WaitEstimatorOptions = {},
  ) {
    this.defaultMsPerPosition = (options.defaultMinutesPerPosition ?? DEFAULT_MINUTES_PER_POSITION) * 60_000;
  }

  /** `operators`: how many operators serving this queue are online (unknown or 0: counted as 1). */
  async estimate(queue: string, position: number, operators?: number): Promise<WaitEstimate> {
    const recent = await this.samples.recentAssignmentWaits(queue);
    const ahead = Math.max(1, position);
    const ms =
      recent.length > 0
        ? ahead * median(recent.map((s) => s.perPositionMs))
        : Math.ceil(ahead / Math.max(1, operators ?? 1)) * this.defaultMsPerPosition;
    const minutes = Math.max(1, Math.ceil(ms / 60_000));
    return { position, minutes, samples: recent.length };
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] ?? hi) + hi) / 2;
}
