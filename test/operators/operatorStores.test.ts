import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryOperatorAccountStore } from '../../operators/memoryOperatorAccountStore';
import { createOperatorStores, DEFAULT_CANNED_REPLIES } from '../../operators/operatorStores';
import { RedisOperatorAccountStore } from '../../operators/redisOperatorAccountStore';
import { cleanPrefix, connectTestRedis, uniquePrefix } from '../support/redis';

describe('createOperatorStores', () => {
  it('without Redis, reads the accounts file written by `npm run operator`', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'la-opstores-')), 'operators.json');
    await new MemoryOperatorAccountStore({ file }).add({
      username: 'anna',
      displayName: 'Anna',
      role: 'operator',
      passwordHash: 'h',
    });
    const stores = createOperatorStores({ prefix: 'la:', sessionTtlMs: 1000, operatorsFile: file });
    expect((await stores.accounts.get('anna'))?.displayName).toBe('Anna');
    expect((await stores.cannedReplies.list()).length).toBe(DEFAULT_CANNED_REPLIES.length);
  });

  it('with Redis, keeps everything in Redis under the prefix', async () => {
    const redis = await connectTestRedis();
    const prefix = uniquePrefix('opstores');
    try {
      const stores = createOperatorStores({
        redis,
        prefix,
        sessionTtlMs: 60_000,
        operatorsFile: '/nonexistent',
      });
      expect(stores.accounts).toBeInstanceOf(RedisOperatorAccountStore);
      await stores.accounts.add({
        username: 'bruno',
        displayName: 'Bruno',
        role: 'operator',
        passwordHash: 'h',
      });
      const s = await stores.sessions.create('bruno');
      expect(await redis.exists(`${prefix}operators`)).toBe(1);
      expect((await stores.sessions.get(s.id))?.username).toBe('bruno');
      expect(await stores.cannedReplies.list()).toEqual([]);
    } finally {
      await cleanPrefix(redis, prefix);
      await redis.quit();
    }
  });
});
