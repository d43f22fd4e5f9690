export const DEFAULT_POSITION_UPDATE_INTERVAL_MS = 60_000;
const DEFAULT_MAX_TRACKED = 10_000;

export interface PositionUpdatePolicyOptions {
  /** At most one update per case in this interval (reaching first place is always told). */
  minIntervalMs?: number;
  now?: () => number;
  /** Cases remembered at most; the oldest is forgotten first. */
  maxTracked?: number;
}

/**
 * Decides when to tell a waiting citizen their position: the first time, then only when it
 * improves and the last update is older than the interval, so a busy queue does not flood the
 * chat. Reaching first place is told at once. State is per process, like the citizen's turn.
 */
export class PositionUpdatePolicy {
  private readonly told = new Map<string, { position: number; at: number }>();
  private readonly minIntervalMs: number;
  private readonly now: () => number;
  private readonly maxTracked: number;

  constructor(options: PositionUpdatePolicyOptions = {}) {
    this.minIntervalMs = options.minIntervalMs ?? DEFAULT_POSITION_UPDATE_INTERVAL_MS;
    this.now = options.now ?? Date.now;
    this.maxTracked = options.maxTracked ?? DEFAULT_MAX_TRACKED;
  }

  /** True when the citizen should be told `position` now; records it as told. */
  shouldTell(caseId: string, position: number): boolean {
    const now = this.now();
    const last = this.told.get(caseId);
    const tell =
      last === undefined ||
      (position < last.position && (position === 1 || now - last.at >= this.minIntervalMs));
    if (tell) this.remember(caseId, position, now);
    return tell;
  }

  /** The case left the queue (claimed, closed, cancelled). */
  forget(caseId: string): void {
    this.told.delete(caseId);
  }

  private remember(caseId: string, position: number, at: number): void {
    this.told.delete(caseId);
    this.told.set(caseId, { position, at });
    if (this.told.size > this.maxTracked) {
      const oldest = this.told.keys().next();
      if (!oldest.done) this.told.delete(oldest.value);
    }
  }
}
