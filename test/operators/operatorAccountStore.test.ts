import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryOperatorAccountStore } from '../../operators/memoryOperatorAccountStore';
import { RedisOperatorAccountStore } from '../../operators/redisOperatorAccountStore';
import { cleanPrefix, connectTestRedis, type TestRedis, uniquePrefix } from '../support/redis';
import { operatorAccountStoreContract } from './operatorAccountStoreContract';

operatorAccountStoreContract('memory', async () => new MemoryOperatorAccountStore());

const dir = mkdtempSync(join(tmpdir(), 'la-operators-'));
let files = 0;
operatorAccountStoreContract(
  'memory with file',
  async () => new MemoryOperatorAccountStore({ file: join(dir, `ops${files++}.json`) }),
);

let redis: TestRedis;
const prefix = uniquePrefix('operators');
beforeAll(async () => {
  redis = await connectTestRedis();
});
afterAll(async () => {
  await cleanPrefix(redis, prefix);
  await redis.quit();
});
let n = 0;
operatorAccountStoreContract(
  'redis',
  async () => new RedisOperatorAccountStore(redis, { prefix: `${prefix}${n++}:` }),
);

describe('MemoryOperatorAccountStore with a file', () => {
  const input = { username: 'anna', displayName: 'Anna', role: 'operator' as const, passwordHash: 'h' };

  it('lets a second instance (the CLI vs the server) see accounts added by the first', async () => {
    const file = join(dir, 'shared.json');
    const server = new MemoryOperatorAccountStore({ file });
    expect(await server.list()).toEqual([]);
    const cli = new MemoryOperatorAccountStore({ file });
    await cli.add(input);
    expect((await server.get('anna'))?.displayName).toBe('Anna');
    await cli.remove('anna');
    // mtime resolution can be coarse: removal must still be seen after the rename.
    expect(await new MemoryOperatorAccountStore({ file }).get('anna')).toBeUndefined();
  });

  it('writes the file readable by its owner only', async () => {
    const file = join(dir, 'sub', 'private.json');
    await new MemoryOperatorAccountStore({ file }).add(input);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      version: 1,
      accounts: [{ username: 'anna' }],
    });
  });
});
