import type { NewOperatorAccount } from './operatorAccountStore';
/** Who may use the console: operators handle cases; supervisors also see everyone and edit canned replies. */
export type OperatorRole = 'operator' | 'supervisor';

export const OPERATOR_ROLES: readonly OperatorRole[] = ['operator', 'supervisor'];

/** A console account as stored: the password only as a scrypt hash (see passwordHash.ts). */
export interface OperatorAccount {
  username: string;
  displayName: string;
  role: OperatorRole;
  /**
   * The queues (ids of config/handoff.yaml) this operator serves: only their cases are shown and
   * may be claimed, and the bot counts the operator as available only for them. Absent or empty:
   * every queue (accounts created before queues existed keep working as before).
   */
  queues?: string[];
  passwordHash: string;
  createdAt: string;
  updatedAt: string;
}

/** What the console and logs may see of an account. */
export interface OperatorProfile {
  username: string;
  displayName: string;
  role: OperatorRole;
  /** The queues served; empty means every queue. */
  queues: string[];
}

/** What `update` may change; `queues: []` means every queue again. */
export interface OperatorAccountChanges {
  displayName?: string;
  role?: OperatorRole;
  queues?: string[];
}

export function toProfile(account: OperatorAccount): OperatorProfile {
  return {
    username: account.username,
    displayName: account.displayName,
    role: account.role,
    queues: [...(account.queues ?? [])],
  };
}

export function isOperatorRole(value: unknown): value is OperatorRole {
  return value === 'operator' || value === 'supervisor';
}

/** True when the operator serves `queue`: no queues assigned means every queue. */
export function servesQueue(who: Pick<OperatorAccount, 'queues'>, queue: string): boolean {
  return !who.queues || who.queues.length === 0 || who.queues.includes(queue);
}

/** True when the user may see and work the cases of `queue`: supervisors see every queue. */
export function seesQueue(user: Pick<OperatorProfile, 'role' | 'queues'>, queue: string): boolean {
  return user.role === 'supervisor' || servesQueue(user, queue);
}

/** Raised for a queue id that config/handoff.yaml does not define. */
export class UnknownQueueError extends Error {
  constructor(
    readonly queue: string,
    readonly knownQueues: readonly string[],
  ) {
    super(`Unknown queue "${queue}": the queues of config/handoff.yaml are ${knownQueues.join(', ')}`);
    this.name = 'UnknownQueueError';
  }
}

/**
 * The queues of an account as stored: trimmed, without blanks or repeats, in the given order.
 * With `knownQueues`, an id outside it is refused (UnknownQueueError).
 */
export function normalizeQueues(queues: readonly string[], knownQueues?: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of queues) {
    const queue = raw.trim();
    if (queue === '' || out.includes(queue)) continue;
    if (knownQueues && !knownQueues.includes(queue)) throw new UnknownQueueError(queue, knownQueues);
    out.push(queue);
  }
  return out;
}

/** The account with its queues normalised; an empty list is not stored (it means every queue). */
export function withQueues(
  account: OperatorAccount,
  queues: readonly string[] | undefined,
  knownQueues?: readonly string[],
): OperatorAccount {
  const { queues: _old, ...rest } = account;
  const normalized = normalizeQueues(queues ?? [], knownQueues);
  return normalized.length > 0 ? { ...rest, queues: normalized } : rest;
}

/** A new account as both stores create it: username normalised, a blank display name is the username. */
export function newAccount(
  input: NewOperatorAccount,
  at: string,
  knownQueues?: readonly string[],
): OperatorAccount {
  const username = normalizeUsername(input.username);
  return withQueues(
    {
      username,
      displayName: input.displayName.trim() || username,
      role: input.role,
      passwordHash: input.passwordHash,
      createdAt: at,
      updatedAt: at,
    },
    input.queues,
    knownQueues,
  );
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

/** Raised for a username outside [a-z0-9._-], 2-64 characters (after lower-casing). */
export class InvalidUsernameError extends Error {
  constructor(readonly username: string) {
    super(`Invalid operator username "${username}": use 2-64 characters among a-z 0-9 . _ -`);
    this.name = 'InvalidUsernameError';
  }
}

/** Usernames are case-insensitive: "Mario.Rossi" and "mario.rossi" are one account. */
export function normalizeUsername(username: string): string {
  const u = username.trim().toLowerCase();
  if (!USERNAME.test(u)) throw new InvalidUsernameError(username);
  return u;
}

/**
 * An account after an update: a blank display name keeps the old one; `queues` (when given)
 * replaces the old list, validated against `knownQueues` when the store knows them.
 */
export function withChanges(
  account: OperatorAccount,
  changes: OperatorAccountChanges,
  knownQueues?: readonly string[],
): OperatorAccount {
  const changed: OperatorAccount = {
    ...account,
    displayName: changes.displayName?.trim() || account.displayName,
    role: changes.role ?? account.role,
  };
  return changes.queues === undefined ? changed : withQueues(changed, changes.queues, knownQueues);
}
