import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { ConversationState, MemoryStorage, type Storage, UserState } from 'botbuilder';
import type { Server } from 'restify';
import { createCloudAdapter, mountBotFrameworkRoute } from '../adapters/botFrameworkRoute';
import { DirectLineAdapter } from '../adapters/directline/directLineAdapter';
import { DirectLineChannel } from '../adapters/directline/directLineChannel';
import type { DirectLineStore } from '../adapters/directline/directLineStore';
import { DirectLineTokens } from '../adapters/directline/directLineTokens';
import { MemoryDirectLineStore } from '../adapters/directline/memoryDirectLineStore';
import { RedisDirectLineStore } from '../adapters/directline/redisDirectLineStore';
import type { BotLogic } from '../bots/botLogic';
import { LineaAmicaBot } from '../bots/lineaAmicaBot';
import { createOnTurnError } from '../bots/onTurnError';
import { TurnSerializer } from '../bots/turnSerializer';
import type { Config } from '../config/config';
import { CONVERSATION_DATA, type ConversationData } from '../dialogs/conversationData';
import { MainDialog } from '../dialogs/mainDialog';
import { RatingDialog } from '../dialogs/ratingDialog';
import type { ConversationLog } from '../ratings/conversationLog';
import { MemoryConversationLog } from '../ratings/memoryConversationLog';
import { MemoryRatingStore } from '../ratings/memoryRatingStore';
import type { RatingStore } from '../ratings/ratingStore';
import { RedisConversationLog } from '../ratings/redisConversationLog';
import { RedisRatingStore } from '../ratings/redisRatingStore';
import { loadKnowledgeBase } from '../knowledge/loader';
import { KnowledgeSearch } from '../knowledge/search';
import { SynonymDictionary } from '../knowledge/synonymDictionary';
import { recognizeEntities } from '../nlu/recognizeEntities';
import { mountHealthRoutes, type ReadinessCheck } from '../ops/healthRoutes';
import { createLogger, type Logger } from '../ops/logger';
import { Metrics } from '../ops/metrics';
import { connectRedis, type RedisConnection } from '../storage/redisConnection';
import { RedisStorage } from '../storage/redisStorage';
import { mountWebRoutes } from '../web/staticRoutes';
import { projectRoot } from './projectRoot';
import { mountNluRoute } from './nluRoute';
import { createHttpServer } from './server';

/** The running service: what index.ts starts and stops. */
export interface App {
  readonly config: Config;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly server: Server;
  /** Base URL the server listens on, known after start(). */
  url(): string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface BuildOptions {
  /** Where log lines go (tests capture them); stdout by default. */
  logDestination?: { write(line: string): void };
}

const STATE_TTL_SECONDS = 7 * 24 * 3600;

/** The composition root: the only place that builds and wires collaborators from the config. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<App> {
  const logger = createLogger({
    level: config.LOG_LEVEL,
    maskPersonalData: config.PII_MASKING,
    destination: options.logDestination,
  });
  const metrics = new Metrics(config.NODE_ENV !== 'test');
  const prefix = config.REDIS_KEY_PREFIX;

  // Stores: Redis when configured, otherwise the embedded in-memory defaults.
  const redis: RedisConnection | undefined = config.REDIS_URL
    ? await connectRedis(config.REDIS_URL, logger)
    : undefined;
  const storage: Storage = redis
    ? new RedisStorage(redis, { prefix: `${prefix}state:`, ttlSeconds: STATE_TTL_SECONDS })
    : new MemoryStorage();
  const readiness: ReadinessCheck[] = [];
  if (redis) readiness.push({ name: 'redis', check: async () => (await redis.ping()) === 'PONG' });

  // The knowledge base: a broken file stops the start with file, field and reason.
  const root = projectRoot();
  const kbDir = isAbsolute(config.KB_DIR) ? config.KB_DIR : join(root, config.KB_DIR);
  const knowledge = loadKnowledgeBase(kbDir);
  const kbSynonyms = join(dirname(kbDir), 'synonyms.yaml');
  const synonyms = SynonymDictionary.load(
    existsSync(kbSynonyms) ? kbSynonyms : join(root, 'knowledge', 'synonyms.yaml'),
  );
  const search = new KnowledgeSearch(knowledge.entries, synonyms);
  logger.info({ entries: knowledge.size, kbDir }, 'knowledge base loaded');

  // The bot.
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const conversationData = conversationState.createProperty<ConversationData>(CONVERSATION_DATA);
  // "Mettiamoci la faccia" ratings and the service statistics behind the reports.
  const ratings: RatingStore = redis ? new RedisRatingStore(redis, { prefix }) : new MemoryRatingStore();
  const conversationLog: ConversationLog = redis ? new RedisConversationLog(redis, { prefix }) : new MemoryConversationLog();
  const mainDialog = new MainDialog(knowledge, search, conversationData, {
    rating: new RatingDialog(ratings, conversationData),
    log: conversationLog,
  });
  const bot = new LineaAmicaBot(conversationState, userState, mainDialog, { privacyUrl: config.PRIVACY_URL });
  const onTurnError = createOnTurnError(logger, conversationState, metrics);

  // One turn at a time per conversation, on every channel.
  const serializer = new TurnSerializer();
  const logic: BotLogic = (context) => {
    const channel = context.activity.channelId ?? 'unknown';
    return serializer.run(`${channel}:${context.activity.conversation?.id ?? ''}`, async () => {
      const end = metrics.turnLatency.startTimer({ channel });
      try {
        await bot.run(context);
      } finally {
        end();
        metrics.turns.inc({ channel });
      }
    });
  };

  // HTTP: channels, pages, operations.
  const server = createHttpServer({ maxBodyBytes: config.MAX_BODY_BYTES, logger });
  let stopping = false;
  mountHealthRoutes(server, metrics, readiness, () => stopping);

  const cloudAdapter = createCloudAdapter({
    appId: config.MicrosoftAppId,
    appPassword: config.MicrosoftAppPassword,
    appType: config.MicrosoftAppType,
    tenantId: config.MicrosoftAppTenantId,
  });
  cloudAdapter.onTurnError = onTurnError;
  mountBotFrameworkRoute(server, cloudAdapter, logic);

  // Web Chat: our Direct Line 3.0 server.
  const directLineSecret = config.DIRECTLINE_SECRET ?? randomBytes(32).toString('hex');
  const directLineStore: DirectLineStore = redis
    ? new RedisDirectLineStore(redis, { prefix, ttlSeconds: STATE_TTL_SECONDS })
    : new MemoryDirectLineStore({ ttlSeconds: STATE_TTL_SECONDS });
  const directLineAdapter = new DirectLineAdapter(directLineStore, { serviceUrl: config.PUBLIC_URL });
  directLineAdapter.onTurnError = onTurnError;
  const directLine = new DirectLineChannel({
    tokens: new DirectLineTokens({
      secret: directLineSecret,
      ttlSeconds: config.DIRECTLINE_TOKEN_TTL_SECONDS,
    }),
    store: directLineStore,
    adapter: directLineAdapter,
    logic,
    logger,
    metrics,
    maxTextLength: config.MAX_TEXT_LENGTH,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    secret: directLineSecret,
    publicUrl: config.PUBLIC_URL,
    recordTurnMetrics: false,
  });
  directLine.mount(server);

  mountNluRoute(
    server,
    {
      interpreter: search,
      maxTextLength: config.MAX_TEXT_LENGTH,
      recognizeEntities: (text, context) => recognizeEntities(text, { referenceDate: context.referenceDate }),
    },
    config.ADMIN_API_KEY,
  );
  mountWebRoutes(server, { root });

  let listening = '';
  return {
    config,
    logger,
    metrics,
    server,
    url: () => listening,
    async start() {
      await new Promise<void>((resolve, reject) => {
        server.server.once('error', reject);
        server.listen(config.PORT, config.HOST, () => resolve());
      });
      const address = server.server.address();
      const port = typeof address === 'object' && address ? address.port : config.PORT;
      listening = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`;
      logger.info(
        {
          url: listening,
          redis: Boolean(redis),
          directLineSecret: config.DIRECTLINE_SECRET ? 'configured' : 'random',
        },
        `Linea Amica chatbot ready: citizen chat on ${listening}/, operator console on ${listening}/operator`,
      );
    },
    async stop() {
      stopping = true;
      // Stop accepting, finish the turns in flight, then close the stores.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await directLine.close();
      await serializer.drain();
      server.server.closeAllConnections?.();
      await closed;
      await directLineStore.close();
      if (redis?.isOpen) await redis.quit();
    },
  };
}
