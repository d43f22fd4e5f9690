import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryOperatorAccountStore, OperatorsFileError } from '../../operators/memoryOperatorAccountStore';
import { RedisOperatorAccountStore } from '../../operators/redisOperatorAccountStore';
import { cleanPrefix, connectTestRedis, type TestRedis, uniquePrefix } from '../support/redis';
import { operatorAccountStoreContract } from './operatorAccountStoreContract';

operatorAccountStoreContract('memory', async (options) => new MemoryOperatorAccountStore(options));

const dir = mkdtempSync(join(tmpdir(), 'la-operators-'));
let files = 0;
operatorAccountStoreContract(
  'memory with file',
  async (options) => new MemoryOperatorAccountStore({ ...options, file: join(dir, `ops${files++}.json`) }),
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
  async (options) => new RedisOperatorAccountStore(redis, { ...options, prefix: `${prefix}${n++}:` }),
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

  describe('queues written by hand in the file', () => {
    const knownQueues = ['trasporti', 'ambiente', 'generale'];
    const account = (extra: Record<string, unknown>) => ({
      username: 'anna',
      displayName: 'Anna',
      role: 'operator',
      passwordHash: 'h',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      ...extra,
    });
    const write = (name: string, accounts: unknown[]) => {
      const file = join(dir, name);
      writeFileSync(file, JSON.stringify({ version: 1, accounts }));
      return file;
    };

    it('reads an old file without queues (every queue) and one with queues', async () => {
      const old = new MemoryOperatorAccountStore({ file: write('old.json', [account({})]), knownQueues });
      expect((await old.get('anna'))?.queues).toBeUndefined();
      const file = write('queues.json', [account({ queues: ['ambiente'] })]);
      expect((await new MemoryOperatorAccountStore({ file, knownQueues }).get('anna'))?.queues).toEqual([
        'ambiente',
      ]);
    });

    it('refuses at start-up an unknown queue, naming the file, the operator and the queue', () => {
      const file = write('typo.json', [account({ queues: ['trasporti', 'ambinete'] })]);
      const load = () => new MemoryOperatorAccountStore({ file, knownQueues });
      expect(load).toThrow(OperatorsFileError);
      expect(load).toThrow(
        `Operators file ${file}: operator "anna": Unknown queue "ambinete": the queues of config/handoff.yaml are trasporti, ambiente, generale`,
      );
    });

    it('refuses queues that are not a list', () => {
      const file = write('string.json', [account({ queues: 'trasporti' })]);
      expect(() => new MemoryOperatorAccountStore({ file, knownQueues })).toThrow(/"queues" must be a list/);
    });
  });
});
