import { MemoryStorage, type Storage, type StoreItems } from 'botbuilder';
import { createLogger } from '../../ops/logger';
import { StorageConcurrencyError } from '../../storage/redisStorage';
import { ResilientStorage } from '../../storage/resilientStorage';

/** A primary store that can be switched off, like Redis going down. */
class SwitchableStorage implements Storage {
  down = false;
  readonly inner = new MemoryStorage();
  private check(): void {
    if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
  }
  async read(keys: string[]): Promise<StoreItems> {
    this.check();
    return this.inner.read(keys);
  }
  async write(changes: StoreItems): Promise<void> {
    this.check();
    return this.inner.write(changes);
  }
  async delete(keys: string[]): Promise<void> {
    this.check();
    return this.inner.delete(keys);
  }
}

const logger = createLogger({ level: 'silent', maskPersonalData: true });

describe('ResilientStorage', () => {
  it('keeps conversations going in memory while the primary is down, and uses it again when back', async () => {
    const primary = new SwitchableStorage();
    const storage = new ResilientStorage(primary, logger);
    await storage.write({ conv: { turn: 1 } });
    primary.down = true;
    const during = await storage.read(['conv']);
    expect(during).toEqual({});
    await storage.write({ conv: { turn: 2, eTag: 'stale-from-redis' } });
    expect((await storage.read(['conv'])).conv.turn).toBe(2);
    primary.down = false;
    expect((await storage.read(['conv'])).conv.turn).toBe(1);
  });

  it('passes an eTag conflict to the caller instead of hiding it', async () => {
    const primary: Storage = {
      read: async () => ({}),
      write: async () => Promise.reject(new StorageConcurrencyError('conv')),
      delete: async () => undefined,
    };
    await expect(new ResilientStorage(primary, logger).write({ conv: { x: 1 } })).rejects.toThrow(
      StorageConcurrencyError,
    );
  });
});
