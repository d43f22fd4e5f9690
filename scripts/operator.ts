/**
 * `npm run operator -- add|update|passwd|list|remove …`: console accounts in Redis (REDIS_URL) or,
 * for the embedded default, in the JSON file OPERATORS_FILE (data/operators.json) that `npm start`
 * reads. `--queues` accepts the queue ids of HANDOFF_CONFIG (config/handoff.yaml).
 */
import { createClient } from 'redis';
import { loadConfig } from '../config/config';
import { loadHandoffConfig } from '../handoff/handoffConfig';
import { MemoryOperatorAccountStore } from '../operators/memoryOperatorAccountStore';
import { runOperatorCli } from '../operators/operatorCli';
import { DEFAULT_OPERATORS_FILE } from '../operators/operatorsFile';
import { RedisOperatorAccountStore } from '../operators/redisOperatorAccountStore';
import { RedisSessionStore } from '../operators/redisSessionStore';

async function main(): Promise<number> {
  const config = loadConfig();
  const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
  const argv = process.argv.slice(2);
  const knownQueues = Object.keys(loadHandoffConfig(config.HANDOFF_CONFIG).queues);
  if (!config.REDIS_URL) {
    const file = operatorsFileFrom(config) ?? process.env.OPERATORS_FILE ?? DEFAULT_OPERATORS_FILE;
    return runOperatorCli(
      argv,
      io,
      new MemoryOperatorAccountStore({ file, knownQueues }),
      async () => undefined,
      { knownQueues },
    );
  }
  const client = createClient({ url: config.REDIS_URL });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const prefix = config.REDIS_KEY_PREFIX;
    const sessions = new RedisSessionStore(client, { prefix, ttlMs: config.SESSION_TTL_HOURS * 3_600_000 });
    return await runOperatorCli(
      argv,
      io,
      new RedisOperatorAccountStore(client, { prefix, knownQueues }),
      async (username) => {
        await sessions.deleteForUser(username);
      },
      { knownQueues },
    );
  } finally {
    await client.quit();
  }
}

/** OPERATORS_FILE once config/config.ts validates it. */
function operatorsFileFrom(config: object): string | undefined {
  const value: unknown = Reflect.get(config, 'OPERATORS_FILE');
  return typeof value === 'string' && value !== '' ? value : undefined;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
