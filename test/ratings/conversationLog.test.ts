import { MemoryConversationLog } from '../../ratings/memoryConversationLog';
import { RedisConversationLog } from '../../ratings/redisConversationLog';
import { useTestRedis } from '../support/redis';
import { conversationLogContract } from './conversationLogContract';

conversationLogContract('memory', async (options) => new MemoryConversationLog(options));

const { prefix, client: redisClient } = useTestRedis('convlog');
let n = 0;
conversationLogContract(
  'redis',
  async (options) => new RedisConversationLog(redisClient(), { ...options, prefix: `${prefix}${n++}:` }),
);
