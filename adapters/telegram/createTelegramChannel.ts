import { randomBytes } from 'node:crypto';
import type { TurnContext } from 'botbuilder-core';
import type { Server } from 'restify';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { Telegram } from 'telegraf';
import type { BotLogic } from '../../bots/botLogic';
import type { Config } from '../../config/config';
import type { Logger } from '../../ops/logger';
import type { Metrics } from '../../ops/metrics';
import type { RedisConnection } from '../../storage/redisConnection';
import { CallbackDataCodec, type CallbackDataCodecOptions } from './callbackDataCodec';
import { MemoryCallbackDataStore } from './memoryCallbackDataStore';
import { MemoryUpdateDedupeStore } from './memoryUpdateDedupeStore';
import { RedisCallbackDataStore } from './redisCallbackDataStore';
import { RedisUpdateDedupeStore } from './redisUpdateDedupeStore';
import { TelegramAdapter, type TelegramAdapterOptions } from './telegramAdapter';
import { TelegramApiCaller, type TelegramApiCallerOptions } from './telegramApiCaller';
import { TelegramChannel, type TelegramChannelOptions } from './telegramChannel';

export type TelegramConfig = Pick<
  Config,
  | 'TELEGRAM_BOT_TOKEN'
  | 'TELEGRAM_WEBHOOK_URL'
  | 'TELEGRAM_WEBHOOK_SECRET'
  | 'TELEGRAM_API_ROOT'
  | 'TELEGRAM_PROXY'
  | 'PUBLIC_URL'
  | 'REDIS_KEY_PREFIX'
>;

export interface TelegramChannelDeps {
  config: TelegramConfig;
  /** The shared restify server (webhook mode mounts its route here). */
  server: Server;
  /** The bot's turn handler, the same every channel runs. */
  logic: BotLogic;
  logger: Logger;
  metrics?: Metrics;
  /** When given, button payloads and update ids are shared by every process through Redis. */
  redis?: RedisConnection;
  onTurnError?: (context: TurnContext, error: Error) => Promise<void>;
  /** Called once when a citizen blocks the bot: end that conversation (e.g. close its handoff case). */
  onBlocked?: (chatId: string) => Promise<void> | void;
  adapterOptions?: Omit<TelegramAdapterOptions, 'onBlocked' | 'metrics'>;
  apiOptions?: TelegramApiCallerOptions;
  callbackOptions?: CallbackDataCodecOptions;
  channelOptions?: Omit<TelegramChannelOptions, 'mode' | 'metrics'>;
}

export interface TelegramWiring {
  adapter: TelegramAdapter;
  channel: TelegramChannel;
}

/**
 * Builds the Telegram adapter and channel from the configuration, or returns undefined when
 * TELEGRAM_BOT_TOKEN is not set. Webhook mode when TELEGRAM_WEBHOOK_URL is set, polling otherwise.
 */
export function createTelegramChannel(deps: TelegramChannelDeps): TelegramWiring | undefined {
  const { config, logger } = deps;
  const token = config.TELEGRAM_BOT_TOKEN;
  if (!token) return undefined;
  const log = logger.child({ channel: 'telegram' });
  const telegram = new Telegram(token, { apiRoot: config.TELEGRAM_API_ROOT });
  // Many public administrations' servers reach the internet only through an HTTP proxy. Set after
  // construction: telegraf drops any agent for an http:// API root (its default agent is https
  // only), while this one tunnels both (a self-hosted Bot API server, the tests' fake one).
  if (config.TELEGRAM_PROXY)
    telegram.options.agent = new HttpsProxyAgent(config.TELEGRAM_PROXY, { keepAlive: true });
  const api = new TelegramApiCaller(telegram, log, deps.apiOptions);
  const prefix = config.REDIS_KEY_PREFIX;
  const callbackStore = deps.redis
    ? new RedisCallbackDataStore(deps.redis, { prefix })
    : new MemoryCallbackDataStore();
  const dedupe = deps.redis
    ? new RedisUpdateDedupeStore(deps.redis, { prefix })
    : new MemoryUpdateDedupeStore();
  const adapter = new TelegramAdapter(api, new CallbackDataCodec(callbackStore, deps.callbackOptions), log, {
    linkBase: config.PUBLIC_URL,
    ...deps.adapterOptions,
    onBlocked: deps.onBlocked,
    metrics: deps.metrics,
  });
  if (deps.onTurnError) adapter.onTurnError = deps.onTurnError;
  const mode: TelegramChannelOptions['mode'] = config.TELEGRAM_WEBHOOK_URL
    ? {
        kind: 'webhook',
        url: config.TELEGRAM_WEBHOOK_URL,
        secret: config.TELEGRAM_WEBHOOK_SECRET ?? randomBytes(32).toString('hex'),
        server: deps.server,
      }
    : { kind: 'polling' };
  const channel = new TelegramChannel(adapter, api, dedupe, deps.logic, log, {
    ...deps.channelOptions,
    mode,
    metrics: deps.metrics,
  });
  return { adapter, channel };
}
