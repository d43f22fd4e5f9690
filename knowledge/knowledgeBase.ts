import type { KnowledgeEntry } from './entry';

/** The validated entries, by id. */
export class KnowledgeBase {
  private readonly byId: ReadonlyMap<string, KnowledgeEntry>;

  constructor(readonly entries: readonly KnowledgeEntry[]) {
    this.byId = new Map(entries.map((e) => [e.id, e]));
  }

  get(id: string): KnowledgeEntry | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get size(): number {
    return this.entries.length;
  }
}
