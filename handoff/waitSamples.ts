/** How long one case waited in its queue before an operator claimed it. */
export interface AssignmentWaitSample {
  /** When the case was claimed (ISO). */
  at: string;
  waitMs: number;
  /** waitMs divided by the position the case had when it entered the queue. */
  perPositionMs: number;
}

/** The recent assignment waits of a queue, newest first (kept by the case stores). */
export interface WaitSampleSource {
  recentAssignmentWaits(queue: string): Promise<AssignmentWaitSample[]>;
}
