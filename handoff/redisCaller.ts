import { createHash } from 'node:crypto';
import type * as Redis from 'redis';
import { HandoffUnavailableError } from './handoffErrors';

/** What the handoff classes need from a node-redis client: scripts only, so every call is atomic. */
export type HandoffRedisClient = Pick<Redis.RedisClientType, 'isReady' | 'eval' | 'evalSha'>;

export const DEFAULT_COMMAND_TIMEOUT_MS = 2000;

/** A Lua script sent once per server (EVALSHA), again after a Redis restart forgot it. */
export class RedisScript {
  readonly sha: string;
  constructor(
    readonly name: string,
    readonly source: string,
  ) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }
}

// Server replies that mean "not now" rather than "wrong command".
const TRANSIENT_REPLY = /^(LOADING|BUSY|MASTERDOWN|READONLY|TRYAGAIN|CLUSTERDOWN)\b/;

/**
 * Runs scripts failing fast: a client that is not connected, a transient server error or a
 * reply slower than the timeout become `HandoffUnavailableError`, so no citizen's turn hangs.
 */
export class RedisCaller {
  constructor(
    private readonly client: HandoffRedisClient,
    private readonly commandTimeoutMs: number = DEFAULT_COMMAND_TIMEOUT_MS,
  ) {}

  async run(script: RedisScript, keys: string[], args: string[]): Promise<unknown> {
    return this.guard(script.name, async () => {
      try {
        return await this.client.evalSha(script.sha, { keys, arguments: args });
      } catch (err) {
        if (isErrorReply(err) && err.message.startsWith('NOSCRIPT')) {
          return this.client.eval(script.source, { keys, arguments: args });
        }
        throw err;
      }
    });
  }

  private async guard<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    if (!this.client.isReady)
      throw new HandoffUnavailableError(operation, new Error('Redis is not connected'));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no reply within ${this.commandTimeoutMs} ms`)),
        this.commandTimeoutMs,
      );
      timer.unref();
    });
    try {
      return await Promise.race([fn(), timeout]);
    } catch (err) {
      if (isErrorReply(err) && !TRANSIENT_REPLY.test(err.message)) throw err;
      throw new HandoffUnavailableError(operation, err);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** A reply that must be an array (script results). */
export function replyArray(reply: unknown, what: string): unknown[] {
  if (!Array.isArray(reply)) throw new TypeError(`${what}: unexpected Redis reply`);
  return reply;
}

/** A flat HGETALL list as a record. */
export function hashFromFlat(reply: unknown): Record<string, string> {
  const flat = replyArray(reply, 'HGETALL');
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[String(flat[i])] = String(flat[i + 1]);
  return out;
}

/**
 * A Redis error reply (a script error, NOSCRIPT…), not a lost connection. 'redis' is required
 * here rather than imported: a process without REDIS_URL never loads its ~600 modules (about
 * 0.1 s of start-up), and one with it has loaded them already to connect.
 */
function isErrorReply(err: unknown): err is Redis.ErrorReply {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return err instanceof (require('redis') as typeof Redis).ErrorReply;
}
