/** Who may use the console: operators handle cases; supervisors also see everyone and edit canned replies. */
export type OperatorRole = 'operator' | 'supervisor';

export const OPERATOR_ROLES: readonly OperatorRole[] = ['operator', 'supervisor'];

/** A console account as stored: the password only as a scrypt hash (see passwordHash.ts). */
export interface OperatorAccount {
  username: string;
  displayName: string;
  role: OperatorRole;
  passwordHash: string;
  createdAt: string;
  updatedAt: string;
}

/** What the console and logs may see of an account. */
export interface OperatorProfile {
  username: string;
  displayName: string;
  role: OperatorRole;
}

export function toProfile(account: OperatorAccount): OperatorProfile {
  return { username: account.username, displayName: account.displayName, role: account.role };
}

export function isOperatorRole(value: unknown): value is OperatorRole {
  return value === 'operator' || value === 'supervisor';
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

/** An account after an update: a blank display name keeps the old one. */
export function withChanges(
  account: OperatorAccount,
  changes: { displayName?: string; role?: OperatorRole },
): OperatorAccount {
  return {
    ...account,
    displayName: changes.displayName?.trim() || account.displayName,
    role: changes.role ?? account.role,
  };
}
