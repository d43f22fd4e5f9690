import type { Storage } from 'botbuilder';

/**
 * The behaviour every botbuilder Storage of ours must have (memory and Redis alike).
 * `make` returns a fresh, empty storage.
 */
export function storageContract(name: string, make: () => Promise<Storage>): void {
  describe(`${name} (Storage contract)`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await make();
    });

    it('reads back what was written, as a copy with an eTag', async () => {
      const item = { count: 1, nested: { list: [1, 2, 'tre'] }, text: 'città è' };
      await storage.write({ a: item });
      const read = await storage.read(['a', 'missing']);
      expect(read.a).toMatchObject({ count: 1, nested: { list: [1, 2, 'tre'] }, text: 'città è' });
      expect(typeof read.a.eTag).toBe('string');
      expect(read).not.toHaveProperty('missing');
      item.count = 99;
      expect((await storage.read(['a'])).a.count).toBe(1);
    });

    it('writes with the current eTag succeed and change the eTag', async () => {
      await storage.write({ k: { v: 1 } });
      const first = (await storage.read(['k'])).k;
      await storage.write({ k: { ...first, v: 2 } });
      const second = (await storage.read(['k'])).k;
      expect(second.v).toBe(2);
      expect(second.eTag).not.toBe(first.eTag);
    });

    it('rejects a write with a stale eTag and keeps the newer value', async () => {
      await storage.write({ k: { v: 1 } });
      const stale = (await storage.read(['k'])).k;
      await storage.write({ k: { ...stale, v: 2 } });
      await expect(storage.write({ k: { ...stale, v: 3 } })).rejects.toThrow();
      expect((await storage.read(['k'])).k.v).toBe(2);
    });

    it("a '*' eTag or no eTag overwrites unconditionally", async () => {
      await storage.write({ k: { v: 1 } });
      await storage.write({ k: { v: 2, eTag: '*' } });
      await storage.write({ k: { v: 3 } });
      expect((await storage.read(['k'])).k.v).toBe(3);
    });

    it('of concurrent writers holding the same eTag exactly one wins', async () => {
      await storage.write({ k: { v: 0 } });
      const base = (await storage.read(['k'])).k;
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => storage.write({ k: { ...base, v: i + 1 } })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    });

    it('deletes items, and deleting a missing key is fine', async () => {
      await storage.write({ a: { v: 1 }, b: { v: 2 } });
      await storage.delete(['a', 'nope']);
      const read = await storage.read(['a', 'b']);
      expect(read).not.toHaveProperty('a');
      expect(read.b.v).toBe(2);
    });
  });
}
