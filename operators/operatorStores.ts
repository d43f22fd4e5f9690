import type { CannedReplyInput } from './cannedReply';
import type { CannedReplyStore } from './cannedReplyStore';
import { LoginThrottle, type LoginThrottleOptions } from './loginThrottle';
import { MemoryCannedReplyStore } from './memoryCannedReplyStore';
import { MemoryLoginAttemptStore } from './memoryLoginAttemptStore';
import { MemoryOperatorAccountStore } from './memoryOperatorAccountStore';
import { MemorySessionStore } from './memorySessionStore';
import type { OperatorAccountStore } from './operatorAccountStore';
import { type CannedReplyRedisClient, RedisCannedReplyStore } from './redisCannedReplyStore';
import { type LoginAttemptRedisClient, RedisLoginAttemptStore } from './redisLoginAttemptStore';
import { type AccountRedisClient, RedisOperatorAccountStore } from './redisOperatorAccountStore';
import { RedisSessionStore, type SessionRedisClient } from './redisSessionStore';
import type { SessionStore } from './sessionStore';

/** Every command the console's Redis stores use: any node-redis v5 client satisfies it. */
export type OperatorRedisClient = AccountRedisClient &
  SessionRedisClient &
  LoginAttemptRedisClient &
  CannedReplyRedisClient;

/** The console's own stores (cases, events and presence come from handoff/). */
export interface OperatorStores {
  accounts: OperatorAccountStore;
  sessions: SessionStore;
  throttle: LoginThrottle;
  cannedReplies: CannedReplyStore;
}

export interface OperatorStoresOptions {
  /** Redis when REDIS_URL is set; otherwise the embedded default. */
  redis?: OperatorRedisClient;
  /** REDIS_KEY_PREFIX, e.g. "la:". */
  prefix: string;
  /** SESSION_TTL_HOURS in ms. */
  sessionTtlMs: number;
  /** OPERATORS_FILE: the accounts of the embedded default (shared with `npm run operator`). */
  operatorsFile: string;
  /** The queue ids of config/handoff.yaml: accounts may only serve these (see OperatorAccount.queues). */
  knownQueues?: readonly string[];
  throttle?: Partial<LoginThrottleOptions>;
  /** Canned replies of the embedded default at start-up (Redis keeps what supervisors saved). */
  cannedReplies?: CannedReplyInput[];
}

export const DEFAULT_CANNED_REPLIES: CannedReplyInput[] = [
  { title: 'Saluto', text: 'Buongiorno, sono un operatore di Linea Amica. Come posso aiutarla?' },
  {
    title: 'Verifica in corso',
    text: 'Grazie per l’attesa: sto verificando, le rispondo tra qualche istante.',
  },
  {
    title: 'Richiamata',
    text: 'Per questa richiesta è meglio sentirci al telefono: la richiameremo al numero che ci ha lasciato.',
  },
  { title: 'Chiusura', text: 'C’è altro in cui posso esserle utile? Altrimenti chiudo la conversazione.' },
];

/** Builds the console's stores for Redis or for the embedded default. */
export function createOperatorStores(options: OperatorStoresOptions): OperatorStores {
  const { redis, prefix, sessionTtlMs } = options;
  const known = options.knownQueues ? { knownQueues: options.knownQueues } : {};
  if (redis) {
    return {
      accounts: new RedisOperatorAccountStore(redis, { prefix, ...known }),
      sessions: new RedisSessionStore(redis, { prefix, ttlMs: sessionTtlMs }),
      throttle: new LoginThrottle(new RedisLoginAttemptStore(redis, prefix), options.throttle),
      cannedReplies: new RedisCannedReplyStore(redis, prefix),
    };
  }
  return {
    accounts: new MemoryOperatorAccountStore({ file: options.operatorsFile, ...known }),
    sessions: new MemorySessionStore({ ttlMs: sessionTtlMs }),
    throttle: new LoginThrottle(new MemoryLoginAttemptStore(), options.throttle),
    cannedReplies: new MemoryCannedReplyStore(options.cannedReplies ?? DEFAULT_CANNED_REPLIES),
  };
}
