import type { Storage, StoreItems } from 'botbuilder-core';
import type { Logger } from '../ops/logger';
import { MemoryStateStorage } from './memoryStateStorage';

/**
 * Bot state that survives a Redis outage: reads and writes go to the primary store; when it
 * fails, this process keeps the conversation going on an in-memory copy, so the bot keeps
 * answering from the knowledge base. When the primary is back, it is used again. The copy is
 * bounded like Redis (a TTL and a maximum number of conversations), so a long outage cannot grow
 * the process without limit.
 */
export class ResilientStorage implements Storage {
  private readonly fallback = new MemoryStateStorage();
  private degraded = false;

  constructor(
    private readonly primary: Storage,
    private readonly logger: Logger,
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    try {
      const items = await this.primary.read(keys);
      this.recovered();
      return items;
    } catch (err) {
      this.failed(err);
      return this.fallback.read(keys);
    }
  }

  async write(changes: StoreItems): Promise<void> {
    try {
      await this.primary.write(changes);
      this.recovered();
    } catch (err) {
      if (!isUnavailable(err)) throw err;
      this.failed(err);
      // The in-memory copy accepts the change whatever eTag it carries from the primary.
      const copy: StoreItems = {};
      for (const [key, value] of Object.entries(changes)) copy[key] = { ...(value as object), eTag: '*' };
      await this.fallback.write(copy);
    }
  }

  async delete(keys: string[]): Promise<void> {
    await this.fallback.delete(keys);
    try {
      await this.primary.delete(keys);
    } catch (err) {
      this.failed(err);
    }
  }

  private failed(err: unknown): void {
    if (!this.degraded)
      this.logger.error({ err }, 'bot state store unreachable: keeping conversations in memory');
    this.degraded = true;
  }

  private recovered(): void {
    if (this.degraded) this.logger.info('bot state store reachable again');
    this.degraded = false;
  }
}

/** A connection problem (not an eTag conflict, which must reach the caller). */
function isUnavailable(err: unknown): boolean {
  return !(err instanceof Error && err.name === 'StorageConcurrencyError');
}
