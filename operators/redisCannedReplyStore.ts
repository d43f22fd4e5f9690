import { randomUUID } from 'node:crypto';
import type { RedisClientType } from 'redis';
import { type CannedReply, type CannedReplyInput, CannedReplyNotFoundError } from './cannedReply';
import { type CannedReplyStore, sortByTitle } from './cannedReplyStore';

export type CannedReplyRedisClient = Pick<RedisClientType, 'hGetAll' | 'hSet' | 'hDel' | 'eval'>;

// Replace only an existing field, so an update racing a delete does not resurrect the reply.
const UPDATE = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
`;

/** Canned replies in one Redis hash (id → JSON), shared by every process. */
export class RedisCannedReplyStore implements CannedReplyStore {
  private readonly key: string;

  constructor(
    private readonly client: CannedReplyRedisClient,
    prefix: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.key = `${prefix}cannedreplies`;
  }

  async list(): Promise<CannedReply[]> {
    const all = await this.client.hGetAll(this.key);
    return sortByTitle(Object.values(all).map((raw) => JSON.parse(raw) as CannedReply));
  }

  async create(input: CannedReplyInput, by: string): Promise<CannedReply> {
    const reply: CannedReply = {
      id: randomUUID(),
      title: input.title,
      text: input.text,
      updatedAt: this.now().toISOString(),
      updatedBy: by,
    };
    await this.client.hSet(this.key, reply.id, JSON.stringify(reply));
    return reply;
  }

  async update(id: string, input: CannedReplyInput, by: string): Promise<CannedReply> {
    const reply: CannedReply = {
      id,
      title: input.title,
      text: input.text,
      updatedAt: this.now().toISOString(),
      updatedBy: by,
    };
    const ok = await this.client.eval(UPDATE, { keys: [this.key], arguments: [id, JSON.stringify(reply)] });
    if (ok !== 1) throw new CannedReplyNotFoundError(id);
    return reply;
  }

  async delete(id: string): Promise<boolean> {
    return (await this.client.hDel(this.key, id)) > 0;
  }
}
