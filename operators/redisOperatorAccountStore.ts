import type { RedisClientType } from 'redis';
import {
  normalizeUsername,
  type OperatorAccount,
  type OperatorAccountChanges,
  newAccount,
  withChanges,
} from './operatorAccount';
import {
  type NewOperatorAccount,
  type OperatorAccountStore,
  OperatorExistsError,
  OperatorNotFoundError,
} from './operatorAccountStore';

export type AccountRedisClient = Pick<RedisClientType, 'hSetNX' | 'hSet' | 'hGet' | 'hDel' | 'hGetAll'>;

export interface RedisOperatorAccountStoreOptions {
  /** Key prefix, e.g. "la:"; accounts live in the hash `<prefix>operators`. */
  prefix: string;
  /** The queue ids of config/handoff.yaml: `add`/`update` refuse others (UnknownQueueError). */
  knownQueues?: readonly string[];
  now?: () => Date;
}

/** Accounts in one Redis hash (username → JSON), shared by every process. */
export class RedisOperatorAccountStore implements OperatorAccountStore {
  private readonly key: string;
  private readonly now: () => Date;
  private readonly knownQueues: readonly string[] | undefined;

  constructor(
    private readonly client: AccountRedisClient,
    options: RedisOperatorAccountStoreOptions,
  ) {
    this.key = `${options.prefix}operators`;
    this.now = options.now ?? (() => new Date());
    this.knownQueues = options.knownQueues;
  }

  async add(input: NewOperatorAccount): Promise<OperatorAccount> {
    const username = normalizeUsername(input.username);
    const at = this.now().toISOString();
    const account = newAccount(input, at, this.knownQueues);
    const added = await this.client.hSetNX(this.key, username, JSON.stringify(account));
    if (!added) throw new OperatorExistsError(username);
    return account;
  }

  async get(username: string): Promise<OperatorAccount | undefined> {
    const raw = await this.client.hGet(this.key, username.trim().toLowerCase());
    return typeof raw === 'string' ? (JSON.parse(raw) as OperatorAccount) : undefined;
  }

  async setPassword(username: string, passwordHash: string): Promise<OperatorAccount> {
    return this.change(username, (a) => ({ ...a, passwordHash }));
  }

  async update(username: string, changes: OperatorAccountChanges): Promise<OperatorAccount> {
    return this.change(username, (a) => withChanges(a, changes, this.knownQueues));
  }

  async remove(username: string): Promise<boolean> {
    return (await this.client.hDel(this.key, username.trim().toLowerCase())) > 0;
  }

  async list(): Promise<OperatorAccount[]> {
    const all = await this.client.hGetAll(this.key);
    return Object.values(all)
      .map((raw) => JSON.parse(raw) as OperatorAccount)
      .sort((a, b) => a.username.localeCompare(b.username));
  }

  // Accounts change rarely and by hand (CLI): read-modify-write without a transaction is enough.
  private async change(
    username: string,
    fn: (a: OperatorAccount) => OperatorAccount,
  ): Promise<OperatorAccount> {
    const current = await this.get(username);
    if (!current) throw new OperatorNotFoundError(username);
    const next = { ...fn(current), updatedAt: this.now().toISOString() };
    await this.client.hSet(this.key, current.username, JSON.stringify(next));
    return next;
  }
}
