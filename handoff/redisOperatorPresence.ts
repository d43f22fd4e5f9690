import {
  DEFAULT_PRESENCE_TIMEOUT_MS,
  type OnlineOperator,
  type OperatorPresence,
  type OperatorPresenceOptions,
  servesQueue,
} from './operatorPresence';
import {
  DEFAULT_COMMAND_TIMEOUT_MS,
  type HandoffRedisClient,
  RedisCaller,
  RedisScript,
  replyArray,
} from './redisCaller';

export interface RedisOperatorPresenceOptions extends OperatorPresenceOptions {
  /** Prepended to the keys, e.g. "la:handoff:". */
  prefix: string;
  commandTimeoutMs?: number;
}

// KEYS: presence zset (username -> last seen ms), presence queues hash (username -> JSON list)
const HEARTBEAT = new RedisScript(
  'presence.heartbeat',
  `
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
return 1
`,
);
const OFFLINE = new RedisScript(
  'presence.offline',
  `
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
return 1
`,
);
// ARGV: cutoff ms. Drops the operators seen before it, returns the others: name, ms, queues, ...
const ONLINE = new RedisScript(
  'presence.online',
  `
for _, name in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1])) do
  redis.call('ZREM', KEYS[1], name)
  redis.call('HDEL', KEYS[2], name)
end
local out = {}
local flat = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
for i = 1, #flat, 2 do
  table.insert(out, flat[i])
  table.insert(out, flat[i + 1])
  table.insert(out, redis.call('HGET', KEYS[2], flat[i]) or '[]')
end
return out
`,
);

/** Operator presence shared by every process through Redis. */
export class RedisOperatorPresence implements OperatorPresence {
  private readonly caller: RedisCaller;
  private readonly keys: string[];
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(client: HandoffRedisClient, options: RedisOperatorPresenceOptions) {
    this.caller = new RedisCaller(client, options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS);
    this.keys = [`${options.prefix}presence`, `${options.prefix}presence:queues`];
    this.timeoutMs = options.timeoutMs ?? DEFAULT_PRESENCE_TIMEOUT_MS;
    this.now = options.now ?? Date.now;
  }

  async heartbeat(username: string, queues: string[] = []): Promise<void> {
    await this.caller.run(HEARTBEAT, this.keys, [username, String(this.now()), JSON.stringify(queues)]);
  }

  async offline(username: string): Promise<void> {
    await this.caller.run(OFFLINE, this.keys, [username]);
  }

  async online(queue?: string): Promise<OnlineOperator[]> {
    const flat = replyArray(
      await this.caller.run(ONLINE, this.keys, [String(this.now() - this.timeoutMs)]),
      'presence.online',
    );
    const out: OnlineOperator[] = [];
    for (let i = 0; i + 2 < flat.length; i += 3) {
      const op: OnlineOperator = {
        username: String(flat[i]),
        lastSeenAt: new Date(Number(flat[i + 1])).toISOString(),
        queues: parseQueues(String(flat[i + 2])),
      };
      if (servesQueue(op, queue)) out.push(op);
    }
    return out.sort((a, b) => a.username.localeCompare(b.username));
  }

  async anyOnline(queue: string): Promise<boolean> {
    return (await this.online(queue)).length > 0;
  }
}

function parseQueues(raw: string): string[] {
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
}
