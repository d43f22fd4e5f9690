import { StorageConcurrencyError } from '../../storage/redisStorage';
import { MemoryStateStorage } from '../../storage/memoryStateStorage';

/** A clock the tests move by hand. */
function clock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

async function keysIn(storage: MemoryStateStorage, keys: string[]): Promise<string[]> {
  return Object.keys(await storage.read(keys)).sort();
}

describe('MemoryStateStorage bounds', () => {
  it('keeps at most maxItems, dropping the one written least recently', async () => {
    const storage = new MemoryStateStorage({ maxItems: 2 });
    await storage.write({ a: { v: 1 } });
    await storage.write({ b: { v: 2 } });
    await storage.write({ a: { v: 3 } }); // a is now the most recently written
    await storage.writeStateJson('c', '{"v":4}');
    expect(await keysIn(storage, ['a', 'b', 'c'])).toEqual(['a', 'c']);
    expect(storage.size).toBe(2);
    expect((await storage.read(['a'])).a.v).toBe(3);
  });

  it('reading does not keep an item: only writes count as use', async () => {
    const storage = new MemoryStateStorage({ maxItems: 2 });
    await storage.write({ a: { v: 1 }, b: { v: 2 } });
    await storage.read(['a']);
    await storage.readStateJson('a');
    await storage.write({ c: { v: 3 } });
    expect(await keysIn(storage, ['a', 'b', 'c'])).toEqual(['b', 'c']);
  });

  it('expires an item the TTL after its last write', async () => {
    const time = clock();
    const storage = new MemoryStateStorage({ ttlSeconds: 60, now: time.now });
    await storage.write({ a: { v: 1 }, b: { v: 2 } });
    time.advance(30_000);
    await storage.writeStateJson('b', '{"v":3}'); // refreshed: lives until 90 s
    time.advance(29_999);
    expect(await keysIn(storage, ['a', 'b'])).toEqual(['a', 'b']);
    time.advance(1);
    expect(await keysIn(storage, ['a', 'b'])).toEqual(['b']);
    expect(await storage.readStateJson('a')).toBeUndefined();
    time.advance(30_000);
    expect(await storage.readStateJson('b')).toBeUndefined();
    expect(await storage.read(['b'])).toEqual({});
  });

  it('drops expired items at the next write, even if nobody reads them again', async () => {
    const time = clock();
    const storage = new MemoryStateStorage({ ttlSeconds: 60, now: time.now });
    for (let i = 0; i < 100; i++) await storage.write({ [`conv-${i}`]: { v: i } });
    time.advance(60_000);
    await storage.write({ fresh: { v: 1 } });
    expect(storage.size).toBe(1);
  });

  it('an expired item no longer blocks a write with a stale eTag', async () => {
    const time = clock();
    const storage = new MemoryStateStorage({ ttlSeconds: 60, now: time.now });
    await storage.write({ k: { v: 1 } });
    const old = (await storage.read(['k'])).k;
    await storage.write({ k: { ...old, v: 2 } });
    time.advance(60_000);
    await storage.write({ k: { ...old, v: 3 } });
    expect((await storage.read(['k'])).k.v).toBe(3);
  });

  it('keeps items forever with ttlSeconds 0, and defaults to the 7 days of the Redis store', async () => {
    const time = clock();
    const forever = new MemoryStateStorage({ ttlSeconds: 0, now: time.now });
    const byDefault = new MemoryStateStorage({ now: time.now });
    await forever.write({ k: { v: 1 } });
    await byDefault.write({ k: { v: 1 } });
    time.advance(7 * 24 * 3600 * 1000 - 1);
    expect(await keysIn(byDefault, ['k'])).toEqual(['k']);
    time.advance(1);
    expect(await keysIn(byDefault, ['k'])).toEqual([]);
    time.advance(365 * 24 * 3600 * 1000);
    expect(await keysIn(forever, ['k'])).toEqual(['k']);
  });

  it('refuses bounds that would keep nothing or make no sense', () => {
    expect(() => new MemoryStateStorage({ maxItems: 0 })).toThrow(RangeError);
    expect(() => new MemoryStateStorage({ maxItems: 1.5 })).toThrow(RangeError);
    expect(() => new MemoryStateStorage({ ttlSeconds: -1 })).toThrow(RangeError);
    expect(() => new MemoryStateStorage({ ttlSeconds: Number.NaN })).toThrow(RangeError);
  });
});

describe('MemoryStateStorage copies', () => {
  it('never shares objects with the caller, in either direction', async () => {
    const storage = new MemoryStateStorage();
    const written = { data: { list: ['a'] } };
    await storage.write({ k: written });
    written.data.list.push('changed after the write');
    const first = (await storage.read(['k'])).k as { data: { list: string[] } };
    expect(first.data.list).toEqual(['a']);
    first.data.list.push('changed after the read');
    const second = (await storage.read(['k'])).k as { data: { list: string[] } };
    expect(second.data.list).toEqual(['a']);
    expect(second).not.toBe(first);
  });

  it("does not add an eTag to the caller's object", async () => {
    const storage = new MemoryStateStorage();
    const written: Record<string, unknown> = { v: 1 };
    await storage.write({ k: written });
    expect(written).toEqual({ v: 1 });
  });
});

describe('MemoryStateStorage JSON text', () => {
  it('keeps the item without its eTag, as JSON.stringify writes it', async () => {
    const storage = new MemoryStateStorage();
    await storage.write({ k: { b: 1, a: 'città è', eTag: '*' } });
    expect(await storage.readStateJson('k')).toBe('{"b":1,"a":"città è"}');
    const read = (await storage.read(['k'])).k;
    await storage.write({ k: { ...read, b: 2 } });
    expect(await storage.readStateJson('k')).toBe('{"b":2,"a":"città è"}');
  });

  it('a text write gives the item a new eTag: a writer holding the old one is rejected', async () => {
    const storage = new MemoryStateStorage();
    await storage.write({ k: { v: 1 } });
    const old = (await storage.read(['k'])).k;
    await storage.writeStateJson('k', '{"v":2}');
    const current = (await storage.read(['k'])).k;
    expect(current.v).toBe(2);
    expect(current.eTag).not.toBe(old.eTag);
    await expect(storage.write({ k: { ...old, v: 3 } })).rejects.toThrow(StorageConcurrencyError);
    expect(await storage.readStateJson('k')).toBe('{"v":2}');
  });

  it('a rejected batch stores nothing, and the conflict is one ResilientStorage passes on', async () => {
    const storage = new MemoryStateStorage();
    await storage.write({ k: { v: 1 } });
    const stale = (await storage.read(['k'])).k;
    await storage.write({ k: { ...stale, v: 2 } });
    const err: unknown = await storage
      .write({ other: { v: 1 }, k: { ...stale, v: 3 } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageConcurrencyError);
    expect((err as Error).name).toBe('StorageConcurrencyError');
    expect(await storage.read(['other'])).toEqual({});
  });

  it('deleting removes the text too', async () => {
    const storage = new MemoryStateStorage();
    await storage.writeStateJson('k', '{"v":1}');
    await storage.delete(['k']);
    expect(await storage.readStateJson('k')).toBeUndefined();
  });
});
