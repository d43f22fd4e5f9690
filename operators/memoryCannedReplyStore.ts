import { randomUUID } from 'node:crypto';
import { type CannedReply, type CannedReplyInput, CannedReplyNotFoundError } from './cannedReply';
import { type CannedReplyStore, sortByTitle } from './cannedReplyStore';

/** Embedded default: canned replies in this process, seeded with `initial`. */
export class MemoryCannedReplyStore implements CannedReplyStore {
  private readonly replies = new Map<string, string>();

  constructor(
    initial: CannedReplyInput[] = [],
    private readonly now: () => Date = () => new Date(),
  ) {
    for (const r of initial) {
      const reply: CannedReply = {
        ...r,
        id: randomUUID(),
        updatedAt: now().toISOString(),
        updatedBy: 'system',
      };
      this.replies.set(reply.id, JSON.stringify(reply));
    }
  }

  async list(): Promise<CannedReply[]> {
    return sortByTitle([...this.replies.values()].map((raw) => JSON.parse(raw) as CannedReply));
  }

  async create(input: CannedReplyInput, by: string): Promise<CannedReply> {
    const reply: CannedReply = {
      id: randomUUID(),
      title: input.title,
      text: input.text,
      updatedAt: this.now().toISOString(),
      updatedBy: by,
    };
    this.replies.set(reply.id, JSON.stringify(reply));
    return reply;
  }

  async update(id: string, input: CannedReplyInput, by: string): Promise<CannedReply> {
    if (!this.replies.has(id)) throw new CannedReplyNotFoundError(id);
    const reply: CannedReply = {
      id,
      title: input.title,
      text: input.text,
      updatedAt: this.now().toISOString(),
      updatedBy: by,
    };
    this.replies.set(id, JSON.stringify(reply));
    return reply;
  }

  async delete(id: string): Promise<boolean> {
    return this.replies.delete(id);
  }
}
