import type { Activity, TurnContext } from 'botbuilder';
import type { Server } from 'restify';
import {
  createTelegramChannel,
  type TelegramChannelDeps,
} from '../../../adapters/telegram/createTelegramChannel';
import type { TelegramAdapter } from '../../../adapters/telegram/telegramAdapter';
import type { TelegramChannel } from '../../../adapters/telegram/telegramChannel';
import { createHttpServer } from '../../../app/server';
import type { BotLogic } from '../../../bots/botLogic';
import { createLogger } from '../../../ops/logger';
import { FakeTelegramApi } from '../../support/fakeTelegramApi';
import { testConfig } from '../../support/config';

/** The test bot: greets, says what it received, and replies to media like the real bot should. */
export const echoLogic: BotLogic = async (context: TurnContext) => {
  const a = context.activity;
  if (a.type === 'conversationUpdate') {
    if (a.membersAdded?.some((m) => m.id !== a.recipient.id))
      await context.sendActivity('Benvenuto in **Linea Amica**!');
    return;
  }
  if (a.type !== 'message') return;
  const channelData = (a.channelData ?? {}) as Record<string, unknown>;
  if (channelData.unsupported === true) {
    await context.sendActivity(
      `Non posso leggere ${a.attachments?.[0]?.name ?? 'allegati'}: scrivimi la domanda.`,
    );
    return;
  }
  await context.sendActivity(`Hai scritto: ${a.text ?? ''}`);
};

export interface HarnessOptions extends Partial<Omit<TelegramChannelDeps, 'config' | 'server' | 'logger'>> {
  mode: 'polling' | 'webhook';
  /** TELEGRAM_WEBHOOK_SECRET; a random one when unset. */
  secret?: string;
  /** More environment variables for the config (e.g. PUBLIC_URL). */
  env?: Record<string, string>;
  /** Log level of the captured log lines (default debug). */
  logLevel?: string;
  /** Start the channel in start() (default true). */
  autoStart?: boolean;
}

/** The Telegram adapter and channel wired as the composition root does, against a fake Bot API. */
export class TelegramHarness {
  private constructor(
    readonly fake: FakeTelegramApi,
    readonly server: Server,
    readonly adapter: TelegramAdapter,
    readonly channel: TelegramChannel,
    /** Every activity the bot logic saw, in order. */
    readonly received: Partial<Activity>[],
    readonly logLines: Array<Record<string, unknown>>,
  ) {}

  static async start(options: HarnessOptions): Promise<TelegramHarness> {
    const fake = new FakeTelegramApi();
    const received: Partial<Activity>[] = [];
    const logLines: Array<Record<string, unknown>> = [];
    const apiRoot = await fake.start();
    const logger = createLogger({
      level: options.logLevel ?? 'debug',
      maskPersonalData: true,
      destination: {
        write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>),
      },
    });
    const server = createHttpServer({ maxBodyBytes: 262144, logger });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const env: Record<string, string> = {
      ...options.env,
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: apiRoot,
    };
    if (options.mode === 'webhook') {
      env.TELEGRAM_WEBHOOK_URL = `http://127.0.0.1:${server.address().port}/api/telegram/updates`;
      if (options.secret) env.TELEGRAM_WEBHOOK_SECRET = options.secret;
    }
    const inner = options.logic ?? echoLogic;
    const wiring = createTelegramChannel({
      ...options,
      config: testConfig(env),
      server,
      logger,
      logic: async (context) => {
        received.push(JSON.parse(JSON.stringify(context.activity)) as Partial<Activity>);
        await inner(context);
      },
      apiOptions: { baseDelayMs: 20, maxDelayMs: 200, ...options.apiOptions },
      channelOptions: { pollingTimeoutSeconds: 1, maxBackoffMs: 200, ...options.channelOptions },
    });
    if (!wiring) throw new Error('createTelegramChannel returned nothing with a token');
    const harness = new TelegramHarness(fake, server, wiring.adapter, wiring.channel, received, logLines);
    if (options.autoStart !== false) await wiring.channel.start();
    return harness;
  }

  async waitForReceived(count: number, timeoutMs = 5000): Promise<Partial<Activity>[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > deadline)
        throw new Error(`bot received ${this.received.length} activities, expected ${count}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.received;
  }

  async stop(): Promise<void> {
    await this.channel.stop();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await this.fake.stop();
  }
}
