import { MemoryConversationLog } from '../../ratings/memoryConversationLog';
import { RedisConversationLog } from '../../ratings/redisConversationLog';
import { cleanPrefix, connectTestRedis, type TestRedis, uniquePrefix } from '../support/redis';
import { conversationLogContract } from './conversationLogContract';

conversationLogContract('memory', async (options) => new MemoryConversationLog(options));

let redis: TestRedis;
const prefix = uniquePrefix('convlog');
beforeAll(async () => {
  redis = await connectTestRedis();
});
afterAll(async () => {
  await cleanPrefix(redis, prefix);
  await redis.quit();
});
let n = 0;
conversationLogContract(
  'redis',
  async (options) => new RedisConversationLog(redis, { ...options, prefix: `${prefix}${n++}:` }),
);
