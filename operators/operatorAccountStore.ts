import type { OperatorAccount, OperatorRole } from './operatorAccount';

export interface NewOperatorAccount {
  username: string;
  displayName: string;
  role: OperatorRole;
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
 * Usernames are normalised by the store (see normalizeUsername).
 */
export interface OperatorAccountStore {
  /** @throws OperatorExistsError, InvalidUsernameError */
  add(input: NewOperatorAccount): Promise<OperatorAccount>;
  get(username: string): Promise<OperatorAccount | undefined>;
  /** @throws OperatorNotFoundError */
  setPassword(username: string, passwordHash: string): Promise<OperatorAccount>;
  /** @throws OperatorNotFoundError */
  update(username: string, changes: { displayName?: string; role?: OperatorRole }): Promise<OperatorAccount>;
  /** True when an account was removed. */
  remove(username: string): Promise<boolean>;
  /** Sorted by username. */
  list(): Promise<OperatorAccount[]>;
}
