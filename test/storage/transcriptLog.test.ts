import { MemoryTranscriptLog } from '../../storage/memoryTranscriptLog';
import { RedisTranscriptLog } from '../../storage/redisTranscriptLog';
import { connectTestRedis, useTestRedis } from '../support/redis';
import { line, transcriptLogContract } from './transcriptLogContract';

transcriptLogContract('MemoryTranscriptLog', async () => new MemoryTranscriptLog());

const { prefix, client: redisClient } = useTestRedis('transcript');

let n = 0;
transcriptLogContract(
  'RedisTranscriptLog',
  async () => new RedisTranscriptLog(redisClient(), { prefix: `${prefix}${n++}:`, ttlSeconds: 60 }),
);

describe('MemoryTranscriptLog', () => {
  it('drops the conversation written least recently beyond its limit', async () => {
    const log = new MemoryTranscriptLog({ maxConversations: 2 });
    await log.append('a', [line(1)]);
    await log.append('b', [line(2)]);
    await log.append('a', [line(3)]);
    await log.append('c', [line(4)]);
    expect(await log.read('b')).toEqual([]);
    expect(await log.read('a')).toEqual([line(1), line(3)]);
    expect(await log.read('c')).toEqual([line(4)]);
  });
});

describe('RedisTranscriptLog', () => {
  it('is shared between processes and expires after the TTL of its last write', async () => {
    const other = await connectTestRedis();
    try {
      const p = `${prefix}shared:`;
      await new RedisTranscriptLog(redisClient(), { prefix: p, ttlSeconds: 100 }).append('x', [line(1)]);
      expect(await new RedisTranscriptLog(other, { prefix: p }).read('x')).toEqual([line(1)]);
      const ttl = await redisClient().ttl(`${p}x`);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(100);
    } finally {
      await other.quit();
    }
  });

  it('skips a stored line it cannot read', async () => {
    const p = `${prefix}garbage:`;
    await redisClient().rPush(`${p}x`, ['not json', JSON.stringify({ from: 'x' }), JSON.stringify(line(1))]);
    expect(await new RedisTranscriptLog(redisClient(), { prefix: p }).read('x')).toEqual([line(1)]);
  });
});
