import type { OperatorAccount, OperatorAccountChanges, OperatorRole } from './operatorAccount';

export interface NewOperatorAccount {
  username: string;
  displayName: string;
  role: OperatorRole;
  /** The queues served; absent or empty: every queue. */
  queues?: string[];
  passwordHash: string;
}

export class OperatorExistsError extends Error {
  constructor(readonly username: string) {
    super(`Operator "${username}" already exists`);
    this.name = 'OperatorExistsError';
  }
}

export class OperatorNotFoundError extends Error {
  constructor(readonly username: string) {
    super(`Operator "${username}" not found`);
    this.name = 'OperatorNotFoundError';
  }
}

/**
 * Console accounts. Memory (embedded default, optionally backed by a JSON file shared by
 * `npm run operator` and `npm start`) and Redis implementations pass one contract suite.
 * Usernames are normalised by the store (see normalizeUsername). A store given the known queue
 * ids (config/handoff.yaml) refuses others in `add` and `update` with UnknownQueueError.
 */
export interface OperatorAccountStore {
  /** @throws OperatorExistsError, InvalidUsernameError, UnknownQueueError */
  add(input: NewOperatorAccount): Promise<OperatorAccount>;
  get(username: string): Promise<OperatorAccount | undefined>;
  /** @throws OperatorNotFoundError */
  setPassword(username: string, passwordHash: string): Promise<OperatorAccount>;
  /** @throws OperatorNotFoundError, UnknownQueueError */
  update(username: string, changes: OperatorAccountChanges): Promise<OperatorAccount>;
  /** True when an account was removed. */
  remove(username: string): Promise<boolean>;
  /** Sorted by username. */
  list(): Promise<OperatorAccount[]>;
}
