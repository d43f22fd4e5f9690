/**
 * A bounded least-recently-used map, for values that never go stale (the bound only limits
 * memory): the search's recent interpretations (on a deadline day citizens ask the same few
 * questions over and over; a new knowledge base means a new search) and the transcript text of
 * the bot's recent long answers.
 */
export class LruCache<V> {
  // A Map iterates in insertion order: the first key is the least recently used one.
  private readonly map = new Map<string, V>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError(`capacity must be an integer >= 0`);
  }

  get size(): number {
    return this.map.size;
  }

  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    if (this.capacity === 0) return;
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) {
      const oldest = this.map.keys().next();
      if (!oldest.done) this.map.delete(oldest.value);
    }
  }

  clear(): void {
    this.map.clear();
  }
}
