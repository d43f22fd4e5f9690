import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  normalizeUsername,
  type OperatorAccount,
  type OperatorAccountChanges,
  UnknownQueueError,
  newAccount,
  withChanges,
} from './operatorAccount';
import {
  type NewOperatorAccount,
  type OperatorAccountStore,
  OperatorExistsError,
  OperatorNotFoundError,
} from './operatorAccountStore';

export interface MemoryOperatorAccountStoreOptions {
  /**
   * JSON file the accounts are loaded from and saved to (e.g. data/operators.json). The file is
   * re-read when it changes on disk, so accounts added with `npm run operator` reach a running
   * server without a restart. Without a file the accounts live only in this process.
   */
  file?: string;
  /**
   * The queue ids of config/handoff.yaml: `add`/`update` refuse others, and so does loading the
   * file (an account's `queues` edited by hand with a typo stops the start-up with its name).
   */
  knownQueues?: readonly string[];
  now?: () => Date;
}

/** The accounts file cannot be used: unreadable JSON, or an account with a bad `queues` field. */
export class OperatorsFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`Operators file ${file}: ${reason}`);
    this.name = 'OperatorsFileError';
  }
}

interface AccountsFile {
  version: 1;
  accounts: OperatorAccount[];
}

/** Embedded default: accounts in memory (stored as JSON copies), optionally persisted to a file. */
export class MemoryOperatorAccountStore implements OperatorAccountStore {
  private accounts = new Map<string, string>();
  private loadedMtimeMs = -1;
  private readonly now: () => Date;

  constructor(private readonly options: MemoryOperatorAccountStoreOptions = {}) {
    this.now = options.now ?? (() => new Date());
    // Read (and check) the file now: a broken file stops the start-up, not the first login.
    this.reload();
  }

  async add(input: NewOperatorAccount): Promise<OperatorAccount> {
    this.reload();
    const username = normalizeUsername(input.username);
    if (this.accounts.has(username)) throw new OperatorExistsError(username);
    const at = this.now().toISOString();
    const account = newAccount(input, at, this.options.knownQueues);
    this.accounts.set(username, JSON.stringify(account));
    this.save();
    return account;
  }

  async get(username: string): Promise<OperatorAccount | undefined> {
    this.reload();
    const raw = this.accounts.get(username.trim().toLowerCase());
    return raw === undefined ? undefined : (JSON.parse(raw) as OperatorAccount);
  }

  async setPassword(username: string, passwordHash: string): Promise<OperatorAccount> {
    return this.change(username, (a) => ({ ...a, passwordHash }));
  }

  async update(username: string, changes: OperatorAccountChanges): Promise<OperatorAccount> {
    return this.change(username, (a) => withChanges(a, changes, this.options.knownQueues));
  }

  async remove(username: string): Promise<boolean> {
    this.reload();
    const removed = this.accounts.delete(username.trim().toLowerCase());
    if (removed) this.save();
    return removed;
  }

  async list(): Promise<OperatorAccount[]> {
    this.reload();
    return [...this.accounts.values()]
      .map((raw) => JSON.parse(raw) as OperatorAccount)
      .sort((a, b) => a.username.localeCompare(b.username));
  }

  private async change(
    username: string,
    fn: (a: OperatorAccount) => OperatorAccount,
  ): Promise<OperatorAccount> {
    const current = await this.get(username);
    if (!current) throw new OperatorNotFoundError(username);
    const next = { ...fn(current), updatedAt: this.now().toISOString() };
    this.accounts.set(current.username, JSON.stringify(next));
    this.save();
    return next;
  }

  private reload(): void {
    const file = this.options.file;
    if (!file) return;
    let mtimeMs: number;
    try {
      mtimeMs = statSync(file).mtimeMs;
    } catch {
      return; // no file yet: start empty, created on first save
    }
    if (mtimeMs === this.loadedMtimeMs) return;
    let parsed: AccountsFile;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8')) as AccountsFile;
    } catch (err) {
      throw new OperatorsFileError(file, err instanceof Error ? err.message : String(err));
    }
    for (const a of parsed.accounts) this.checkQueues(file, a);
    this.accounts = new Map(parsed.accounts.map((a) => [a.username, JSON.stringify(a)]));
    this.loadedMtimeMs = mtimeMs;
  }

  /** An account's `queues` from the file: a list of known queue ids, or absent. */
  private checkQueues(file: string, account: OperatorAccount): void {
    const queues: unknown = account.queues;
    if (queues === undefined) return;
    if (!Array.isArray(queues) || !queues.every((q) => typeof q === 'string'))
      throw new OperatorsFileError(
        file,
        `operator "${account.username}": "queues" must be a list of queue ids, e.g. ["trasporti", "ambiente"]`,
      );
    const known = this.options.knownQueues;
    const unknown = known ? queues.find((q) => !known.includes(q)) : undefined;
    if (known && unknown !== undefined)
      throw new OperatorsFileError(
        file,
        `operator "${account.username}": ${new UnknownQueueError(unknown, known).message}`,
      );
  }

  private save(): void {
    const file = this.options.file;
    if (!file) return;
    const data: AccountsFile = {
      version: 1,
      accounts: [...this.accounts.values()].map((raw) => JSON.parse(raw) as OperatorAccount),
    };
    mkdirSync(dirname(file), { recursive: true });
    // Write then rename, so a reader never sees half a file; 0600 because it holds password hashes.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, file);
    this.loadedMtimeMs = statSync(file).mtimeMs;
  }
}
