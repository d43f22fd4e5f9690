import { randomBytes, randomUUID } from 'node:crypto';
import { isAbsolute, join } from 'node:path';
import type { Storage } from 'botbuilder-core';
import type { Server } from 'restify';
import {
  createBotFrameworkAdapter,
  mountBotFrameworkRoute,
} from '../adapters/botFramework/botFrameworkRoute';
import { createDirectLine } from '../adapters/directline/createDirectLine';
import { DIRECTLINE_CHANNEL_ID } from '../adapters/directline/directLineAdapter';
import type { BotLogic } from '../bots/botLogic';
import { ConversationTranscript } from '../bots/conversationTranscript';
import { LineaAmicaBot } from '../bots/lineaAmicaBot';
import { createOnTurnError } from '../bots/onTurnError';
import { TurnSerializer } from '../bots/turnSerializer';
import type { Config } from '../config/config';
import { yamlReaderFor } from '../config/yamlReader';
import { CONVERSATION_DATA, type ConversationData } from '../dialogs/conversationData';
import { EscalationDialog } from '../dialogs/escalationDialog';
import { MainDialog } from '../dialogs/mainDialog';
import { MessageReader } from '../dialogs/messageReading';
import { HandoffRelay } from '../bots/handoffRelay';
import { QueuePositionNotifier } from '../bots/queuePositionNotifier';
import { loadHandoffConfig } from '../handoff/handoffConfig';
import { HandoffDesk } from '../handoff/handoffDesk';
import { createHandoffServices } from '../handoff/handoffServices';
import { RatingDialog } from '../dialogs/ratingDialog';
import type { ConversationLog } from '../ratings/conversationLog';
import { MemoryConversationLog } from '../ratings/memoryConversationLog';
import { MemoryRatingStore } from '../ratings/memoryRatingStore';
import type { RatingStore } from '../ratings/ratingStore';
import { RedisConversationLog } from '../ratings/redisConversationLog';
import { RedisRatingStore } from '../ratings/redisRatingStore';
import { RatingRetention } from '../ratings/ratingRetention';
import { createReportsAuthorizer } from '../ratings/reportsAuthorizer';
import { ReportsRoutes } from '../ratings/reportsRoute';
import { ReportService } from '../ratings/reportService';
import { OperatorApi } from '../operators/operatorApi';
import { createOperatorStores } from '../operators/operatorStores';
import { SESSION_COOKIE } from '../operators/sessionCookie';
import { mountOperatorStatic } from '../operators/staticRoutes';
import { loadKnowledge, synonymsFileBeside } from '../knowledge/loadKnowledge';
import type { KnowledgeSearchOptions } from '../knowledge/search';
import { recognizeEntities } from '../nlu/recognizeEntities';
import { mountHealthRoutes, type ReadinessCheck } from '../ops/healthRoutes';
import { createLogger, type Logger } from '../ops/logger';
import { Metrics } from '../ops/metrics';
import { connectRedis, type RedisConnection } from '../storage/redisConnection';
import { RedisStorage } from '../storage/redisStorage';
import { LeanConversationState } from '../storage/leanConversationState';
import { MemoryStateStorage } from '../storage/memoryStateStorage';
import { ResilientStorage } from '../storage/resilientStorage';
import { MemoryTranscriptLog } from '../storage/memoryTranscriptLog';
import { RedisTranscriptLog } from '../storage/redisTranscriptLog';
import type { TranscriptLog } from '../storage/transcriptLog';
import { mountWebRoutes } from '../web/staticRoutes';
import { projectRoot } from './projectRoot';
import { mountNluRoute } from './nluRoute';
import { ChannelGateway } from './channelGateway';
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
  /** Knowledge search tuning (the bench measures the search without its interpretation cache). */
  search?: Partial<KnowledgeSearchOptions>;
  /** Message texts whose reading the router keeps (MessageReader); 0 reads every message afresh. */
  readingCacheSize?: number;
}

const STATE_TTL_SECONDS = 7 * 24 * 3600;
const SHUTDOWN_GRACE_MS = 10_000;

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
    ? new ResilientStorage(
        new RedisStorage(redis, { prefix: `${prefix}state:`, ttlSeconds: STATE_TTL_SECONDS }),
        logger,
      )
    : new MemoryStateStorage({ ttlSeconds: STATE_TTL_SECONDS });
  const readiness: ReadinessCheck[] = [];
  if (redis) readiness.push({ name: 'redis', check: async () => (await redis.ping()) === 'PONG' });

  // The knowledge base: a broken file stops the start with file, field and reason.
  const root = projectRoot();
  const fromRoot = (path: string) => (isAbsolute(path) ? path : join(root, path));
  // YAML files (knowledge base, synonyms, handoff.yaml) parsed once, then read as JSON.
  const yaml = yamlReaderFor(config.YAML_CACHE_DIR, root, (err) =>
    logger.warn({ err }, 'YAML cache not writable: YAML files will be parsed at every start'),
  );
  const kbDir = fromRoot(config.KB_DIR);
  const kbSynonyms = synonymsFileBeside(kbDir);
  const { kb: knowledge, search } = loadKnowledge({
    kbDir,
    yaml,
    ...(kbSynonyms ? { synonymsFile: kbSynonyms } : {}),
    ...(options.search ? { search: options.search } : {}),
  });
  logger.info({ entries: knowledge.size, kbDir }, 'knowledge base loaded');

  // The bot.
  const conversationState = new LeanConversationState(storage);
  const conversationData = conversationState.createProperty<ConversationData>(CONVERSATION_DATA);
  // The operator transcript, apart from the state that every turn reads and writes.
  const transcriptLog: TranscriptLog = redis
    ? new RedisTranscriptLog(redis, { prefix: `${prefix}transcript:`, ttlSeconds: STATE_TTL_SECONDS })
    : new MemoryTranscriptLog();
  const transcript = new ConversationTranscript(transcriptLog, (err) =>
    logger.warn({ err }, 'transcript log unreachable: operators will miss lines of the bot conversation'),
  );
  // "Mettiamoci la faccia" ratings and the service statistics behind the reports.
  const ratings: RatingStore = redis ? new RedisRatingStore(redis, { prefix }) : new MemoryRatingStore();
  const conversationLog: ConversationLog = redis
    ? new RedisConversationLog(redis, { prefix })
    : new MemoryConversationLog();
  // Linea Amica: queues of cases for human operators, and the live relay between processes.
  const handoffConfig = loadHandoffConfig(fromRoot(config.HANDOFF_CONFIG), yaml);
  const subscriber = redis?.duplicate();
  if (subscriber) {
    subscriber.on('error', (err: unknown) => logger.warn({ err }, 'Redis subscriber error'));
    await subscriber.connect();
  }
  const processId = randomUUID();
  const handoff = createHandoffServices(handoffConfig, {
    prefix: `${prefix}handoff:`,
    processId,
    heartbeatTimeoutSeconds: config.HANDOFF_HEARTBEAT_TIMEOUT_SECONDS,
    redis: redis && subscriber ? { command: redis, subscriber } : undefined,
    onError: (err, context) => logger.warn({ err }, context),
  });
  await handoff.start();
  metrics.watchQueues(async () =>
    (await handoff.cases.queues()).map((q) => ({ queue: q.queue, waiting: q.waiting.length })),
  );
  const desk = new HandoffDesk(
    handoff.cases,
    handoff.events,
    handoff.officeHours,
    handoff.presence,
    handoff.waitEstimator,
    handoffConfig,
    handoff.positionUpdates,
  );
  // Service statistics of operator work, from the case events (the log keeps the first value,
  // so every process may record the same event).
  handoff.events.subscribe((event) => {
    if (event.type !== 'case.assigned' && event.type !== 'case.closed') return;
    const c = event.case;
    const session = c.conversationReference.sessionId;
    if (typeof session !== 'string') return;
    const write =
      event.type === 'case.assigned'
        ? conversationLog.operatorAssigned(
            session,
            c.operator ?? '',
            Date.parse(c.assignedAt ?? event.at) - Date.parse(c.queuedAt),
          )
        : conversationLog.caseClosed(
            session,
            Math.max(0, Date.parse(c.closedAt ?? event.at) - Date.parse(c.assignedAt ?? c.queuedAt)),
            c.outcome ?? 'risolto',
          );
    write.catch((err: unknown) => logger.warn({ err }, 'conversation log write failed'));
  });

  const mainDialog = new MainDialog(knowledge, search, conversationData, {
    escalation: new EscalationDialog(desk, knowledge, conversationData, conversationLog, transcript),
    rating: new RatingDialog(ratings, conversationData),
    log: conversationLog,
    ratingIdleMs: config.RATING_IDLE_MINUTES * 60_000,
    reader: new MessageReader(options.readingCacheSize),
  });
  const bot = new LineaAmicaBot(conversationState, mainDialog, {
    privacyUrl: config.PRIVACY_URL,
    conversationData,
    transcript,
    relay: new HandoffRelay(desk),
  });
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

  const botFrameworkAdapter = createBotFrameworkAdapter({
    appId: config.MicrosoftAppId,
    appPassword: config.MicrosoftAppPassword,
    appType: config.MicrosoftAppType,
    tenantId: config.MicrosoftAppTenantId,
  });
  botFrameworkAdapter.onTurnError = onTurnError;
  mountBotFrameworkRoute(server, botFrameworkAdapter, logic, logger);

  // Web Chat: our Direct Line 3.0 server.
  const directLine = createDirectLine({
    secret: config.DIRECTLINE_SECRET ?? randomBytes(32).toString('hex'),
    tokenTtlSeconds: config.DIRECTLINE_TOKEN_TTL_SECONDS,
    maxTextLength: config.MAX_TEXT_LENGTH,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    conversationsPerMinutePerIp: config.CONVERSATIONS_PER_MINUTE_PER_IP,
    trustProxy: config.TRUST_PROXY,
    publicUrl: config.PUBLIC_URL,
    redis,
    keyPrefix: prefix,
    logic,
    logger,
    metrics,
    recordTurnMetrics: false,
  });
  directLine.adapter.onTurnError = onTurnError;
  directLine.channel.mount(server);

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

  // Telegram, when TELEGRAM_BOT_TOKEN is set (webhook mode mounts its route on this server).
  if (config.TELEGRAM_BOT_TOKEN && !config.PUBLIC_URL)
    logger.warn(
      'TELEGRAM_BOT_TOKEN without PUBLIC_URL: links to our own pages (privacy notice) show as plain text on Telegram',
    );
  // telegraf is loaded only when the channel is configured (it is not needed for anything else).
  const telegram = config.TELEGRAM_BOT_TOKEN
    ? (await import('../adapters/telegram/createTelegramChannel')).createTelegramChannel({
        config,
        server,
        logic,
        logger,
        metrics,
        redis,
        onTurnError,
        // A citizen who blocked the bot leaves any live case: the operator is told it was closed.
        onBlocked: async (chatId) => {
          const open = await desk.openCaseFor('telegram', chatId);
          if (open) await desk.cancel(open);
        },
      })
    : undefined;

  // Operators: accounts, sessions, the console API and page; operator messages reach citizens
  // as proactive messages on their own channel.
  const gateway = new ChannelGateway({
    adapters: {
      [DIRECTLINE_CHANNEL_ID]: directLine.adapter,
      ...(telegram ? { telegram: telegram.adapter } : {}),
    },
    cloud: botFrameworkAdapter,
    appId: config.MicrosoftAppId,
    serialize: (key, work) => serializer.run(key, work),
  });
  const operatorStores = createOperatorStores({
    redis,
    prefix,
    sessionTtlMs: config.SESSION_TTL_HOURS * 3_600_000,
    operatorsFile: fromRoot(config.OPERATORS_FILE),
    knownQueues: Object.keys(handoffConfig.queues),
  });
  const operatorApi = new OperatorApi(
    {
      ...operatorStores,
      cases: handoff.cases,
      events: handoff.events,
      presence: handoff.presence,
      citizens: gateway,
      knowledge: {
        search: (text, limit) =>
          search
            .search(text, { limit })
            .map((hit) => knowledge.get(hit.id))
            .filter((e) => e !== undefined)
            .map((e) => ({ id: e.id, title: e.title, summary: e.summary })),
      },
      logger,
      // The bot takes the conversation back and asks the rating of the operator's work.
      onCaseClosed: (closed) => gateway.run(closed, (context) => bot.resumeAfterCase(context, closed)),
    },
    {
      queues: Object.keys(handoffConfig.queues),
      secureCookies: 'auto',
      trustProxy: config.TRUST_PROXY,
      maxTextLength: config.MAX_TEXT_LENGTH,
    },
  );
  operatorApi.mount(server);
  const positions = new QueuePositionNotifier(
    desk,
    handoff.cases,
    gateway,
    (event) => event.origin === processId || event.origin === 'memory',
    (err) => logger.warn({ err }, 'queue position update failed'),
  );
  handoff.events.subscribe(positions.listener);
  mountOperatorStatic(server, {
    pageDir: join(root, 'web', 'public', 'operator'),
    bootstrapItaliaDir: undefined,
    openApiFile: join(root, 'docs', 'openapi-operator.yaml'),
  });

  // Supervisors' reports ("Mettiamoci la faccia" and service performance).
  const reports = new ReportService(ratings, conversationLog, {
    procedureTitle: (id) => knowledge.get(id)?.title,
  });
  new ReportsRoutes(reports, {
    authorize: createReportsAuthorizer({
      adminApiKey: config.ADMIN_API_KEY,
      sessionCookie: SESSION_COOKIE,
      sessions: operatorStores.sessions,
      accounts: operatorStores.accounts,
    }),
    pageDir: join(root, 'web', 'public', 'operator'),
    logger,
  }).mount(server);
  const retention = new RatingRetention([ratings, conversationLog], {
    retentionDays: config.RATING_RETENTION_DAYS,
    logger,
  });
  retention.start();

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
      if (telegram)
        void telegram.channel
          .start()
          .catch((err: unknown) => logger.error({ err }, 'Telegram channel not started'));
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
      await telegram?.channel.stop();
      operatorApi.shutdown();
      await directLine.channel.close();
      await serializer.drain();
      // Requests already being read or answered finish; after a grace period, cut the rest.
      server.server.closeIdleConnections();
      const grace = setTimeout(() => server.server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      await closed;
      clearTimeout(grace);
      await serializer.drain();
      retention.stop();
      await directLine.store.close();
      await handoff.stop();
      if (subscriber?.isOpen) await subscriber.quit();
      if (redis?.isOpen) await redis.quit();
    },
  };
}
