/** An operator the presence tracker has seen recently. */
export interface OnlineOperator {
  username: string;
  lastSeenAt: string;
}

/** Operator presence as the console needs it (implemented over handoff's presence). */
export interface PresencePort {
  /** The operator is at the console (login, heartbeat, open event stream). */
  heartbeat(username: string): Promise<void>;
  /** The operator logged out. */
  offline(username: string): Promise<void>;
  online(): Promise<OnlineOperator[]>;
}
