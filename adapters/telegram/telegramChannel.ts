import { timingSafeEqual } from 'node:crypto';
// The AbortController telegraf's client is typed with (node-fetch 2 accepts it).
import { AbortController } from 'abort-controller';
import type { Request, Response, Server } from 'restify';
import { sendError } from '../../app/httpErrors';
import type { BotLogic } from '../../bots/botLogic';
import { TurnSerializer } from '../../bots/turnSerializer';
import type { Logger } from '../../ops/logger';
import type { Metrics } from '../../ops/metrics';
import type { TelegramAdapter } from './telegramAdapter';
import type { TelegramApiCaller } from './telegramApiCaller';
import { TelegramRequestError, TelegramUnauthorizedError } from './telegramErrors';
import { chatIdOf, parseTelegramUpdate } from './telegramUpdate';
import type { UpdateDedupeStore } from './updateDedupeStore';

/** How updates arrive: long polling, or Telegram POSTing them to our restify server. */
export type TelegramMode =
  | { kind: 'polling' }
  | {
      kind: 'webhook';
      /** The public URL given to setWebhook; its path is mounted on `server`. */
      url: string;
      /** Sent back by Telegram in X-Telegram-Bot-Api-Secret-Token (1-256 of A-Z a-z 0-9 _ -). */
      secret: string;
      server: Server;
    };

export interface TelegramChannelOptions {
  mode: TelegramMode;
  /** Long-poll duration of one getUpdates. */
  pollingTimeoutSeconds?: number;
  pollingLimit?: number;
  /** Polling waits when this many updates are being handled. */
  maxPendingUpdates?: number;
  /** How long a handled update_id is remembered. */
  dedupeTtlMs?: number;
  /** Longest pause between two failed polls or start attempts. */
  maxBackoffMs?: number;
  /** Remove the webhook on stop() (off: a restart or another replica keeps receiving). */
  deleteWebhookOnStop?: boolean;
  /** The command menu Telegram clients show (setMyCommands); empty leaves it untouched. */
  commandMenu?: BotCommandEntry[];
  metrics?: Metrics;
}

export interface BotCommandEntry {
  command: string;
  description: string;
}

/** The menu of the commands the adapter maps to words the bot understands. */
export const DEFAULT_COMMAND_MENU: BotCommandEntry[] = [
  { command: 'start', description: 'Ricomincia dal saluto' },
  { command: 'aiuto', description: 'Cosa posso chiedere' },
  { command: 'operatore', description: 'Parla con una persona di Linea Amica' },
  { command: 'valuta', description: 'Valuta il servizio (Mettiamoci la faccia)' },
  { command: 'annulla', description: 'Annulla la richiesta in corso' },
];

type ChannelSettings = Required<Omit<TelegramChannelOptions, 'metrics'>> &
  Pick<TelegramChannelOptions, 'metrics'>;

export const DEFAULT_TELEGRAM_CHANNEL_OPTIONS: Omit<ChannelSettings, 'mode' | 'metrics'> = {
  pollingTimeoutSeconds: 50,
  pollingLimit: 100,
  maxPendingUpdates: 1000,
  dedupeTtlMs: 24 * 3600 * 1000,
  maxBackoffMs: 30_000,
  deleteWebhookOnStop: false,
  commandMenu: DEFAULT_COMMAND_MENU,
};

const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'my_chat_member'] as const;
const WEBHOOK_ROUTE = 'telegramWebhook';

function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Brings Telegram updates to the adapter, by long polling or webhook. Every update is handled
 * once (dedupe store), a chat's updates one at a time in arrival order, different chats
 * concurrently; failures are logged and retried with backoff, never thrown at the process.
 */
export class TelegramChannel {
  private readonly options: ChannelSettings;
  private readonly serializer = new TurnSerializer();
  private readonly inflight = new Set<Promise<void>>();
  private stopping = false;
  private running = false;
  private offset = 0;
  private poll?: Promise<void>;
  private abort?: AbortController;
  private wakeUp?: () => void;

  constructor(
    private readonly adapter: TelegramAdapter,
    private readonly api: TelegramApiCaller,
    private readonly dedupe: UpdateDedupeStore,
    private readonly logic: BotLogic,
    private readonly logger: Logger,
    options: TelegramChannelOptions,
  ) {
    this.options = { ...DEFAULT_TELEGRAM_CHANNEL_OPTIONS, ...options };
  }

  get mode(): TelegramMode['kind'] {
    return this.options.mode.kind;
  }

  /**
   * Connects (getMe), then registers the webhook or starts polling. Resolves once updates flow;
   * while Telegram is unreachable it keeps retrying; rejects on a refused token
   * (TelegramUnauthorizedError), a refused request such as a webhook URL Telegram does not accept
   * (TelegramRequestError), or stop().
   */
  async start(): Promise<void> {
    if (this.running) return;
    this.stopping = false;
    await this.untilConnected(async () => {
      await this.adapter.identity();
      const mode = this.options.mode;
      if (mode.kind === 'webhook') {
        this.mountWebhook(mode.server, new URL(mode.url).pathname);
        await this.api.call('setWebhook', {
          url: mode.url,
          secret_token: mode.secret,
          allowed_updates: [...ALLOWED_UPDATES],
        });
      } else {
        await this.api.call('deleteWebhook', { drop_pending_updates: false });
      }
    });
    this.running = true;
    if (this.options.commandMenu.length > 0) {
      // Only a convenience for citizens: a failure must not stop the channel.
      await this.api
        .call('setMyCommands', { commands: this.options.commandMenu })
        .catch((err: unknown) => this.logger.warn({ err }, 'setMyCommands failed'));
    }
    if (this.options.mode.kind === 'polling') this.poll = this.pollLoop();
    this.logger.info({ mode: this.mode }, 'Telegram channel started');
  }

  /** Stops taking updates, finishes the ones in flight and (polling) confirms the offset. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.abort?.abort();
    this.wakeUp?.();
    const mode = this.options.mode;
    if (mode.kind === 'webhook') mode.server.rm(WEBHOOK_ROUTE);
    await this.poll;
    await this.idle();
    await this.serializer.drain();
    if (this.running && mode.kind === 'polling' && this.offset > 0) {
      // One plain attempt: shutting down must not wait out retries.
      await this.api.telegram
        .callApi('getUpdates', { offset: this.offset, limit: 1, timeout: 0 })
        .catch((err: unknown) => this.logger.warn({ err }, 'could not confirm the last Telegram updates'));
    }
    if (this.running && mode.kind === 'webhook' && this.options.deleteWebhookOnStop) {
      await this.api
        .call('deleteWebhook', {})
        .catch((err: unknown) => this.logger.warn({ err }, 'deleteWebhook failed'));
    }
    this.running = false;
    this.logger.info({ mode: this.mode }, 'Telegram channel stopped');
  }

  /** Resolves when every update taken so far has been handled. */
  async idle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.all([...this.inflight]);
  }

  /**
   * Takes one raw update (as Telegram sends it) and handles it in its chat's queue. The promise
   * settles when it has been handled; it never rejects.
   */
  handleUpdate(raw: unknown): Promise<void> {
    const update = parseTelegramUpdate(raw);
    if (!update) {
      this.logger.warn('ignoring a malformed Telegram update');
      return Promise.resolve();
    }
    const chatId = chatIdOf(update);
    const key = chatId !== undefined ? String(chatId) : `update:${update.update_id}`;
    // The claim runs inside the chat's queue, so a chat's updates keep their order.
    const work = this.serializer
      .run(key, async () => {
        if (!(await this.claim(update.update_id))) {
          this.logger.debug({ updateId: update.update_id }, 'repeated Telegram update ignored');
          return;
        }
        await this.adapter.processUpdate(update, this.logic);
      })
      .catch((err: unknown) => {
        this.options.metrics?.errors.inc({ kind: 'telegram' });
        this.logger.error({ err, updateId: update.update_id, chatId }, 'Telegram update failed');
      });
    this.inflight.add(work);
    void work.finally(() => this.inflight.delete(work));
    return work;
  }

  /** A Redis outage must not stop the bot: then an update is handled (at worst twice). */
  private async claim(updateId: number): Promise<boolean> {
    try {
      return await this.dedupe.claim(updateId, this.options.dedupeTtlMs);
    } catch (err) {
      this.logger.warn({ err, updateId }, 'update dedupe store unavailable; handling the update anyway');
      return true;
    }
  }

  private mountWebhook(server: Server, path: string): void {
    server.rm(WEBHOOK_ROUTE);
    const { secret } = this.options.mode.kind === 'webhook' ? this.options.mode : { secret: '' };
    server.post({ path, name: WEBHOOK_ROUTE }, async (req: Request, res: Response) => {
      if (!sameSecret(req.header('x-telegram-bot-api-secret-token') || undefined, secret)) {
        sendError(res, 403, 'Forbidden', 'Wrong or missing X-Telegram-Bot-Api-Secret-Token');
        return;
      }
      if (this.stopping) {
        // Telegram retries later, hopefully on a process that is not shutting down.
        sendError(res, 503, 'ServiceUnavailable', 'Shutting down');
        return;
      }
      // Answer at once: Telegram re-sends an update whose request takes too long.
      res.send(200, {});
      void this.handleUpdate(req.body as unknown);
    });
  }

  private async pollLoop(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      this.abort = new AbortController();
      try {
        const updates = await this.api.call(
          'getUpdates',
          {
            offset: this.offset,
            timeout: this.options.pollingTimeoutSeconds,
            limit: this.options.pollingLimit,
            allowed_updates: [...ALLOWED_UPDATES],
          },
          this.abort.signal,
        );
        failures = 0;
        for (const update of updates) {
          this.offset = Math.max(this.offset, update.update_id + 1);
          void this.handleUpdate(update);
        }
        while (this.inflight.size >= this.options.maxPendingUpdates && !this.stopping) {
          await Promise.race([...this.inflight]);
        }
      } catch (err) {
        if (this.stopping) break;
        failures += 1;
        const delay = this.backoffMs(failures);
        this.options.metrics?.errors.inc({ kind: 'telegram' });
        this.logger.error({ err, delayMs: delay }, 'Telegram getUpdates failed; polling again after a pause');
        await this.pause(delay);
      }
    }
  }

  private async untilConnected(connect: () => Promise<void>): Promise<void> {
    for (let failures = 1; ; failures += 1) {
      if (this.stopping) throw new Error('TelegramChannel stopped before it could start');
      try {
        await connect();
        return;
      } catch (err) {
        // A refused token or request (e.g. a webhook URL Telegram rejects) will not fix itself.
        if (err instanceof TelegramUnauthorizedError || err instanceof TelegramRequestError) throw err;
        const delay = this.backoffMs(failures);
        this.logger.error({ err, delayMs: delay }, 'Telegram not reachable; retrying');
        await this.pause(delay);
      }
    }
  }

  private backoffMs(failures: number): number {
    return Math.min(this.options.maxBackoffMs, 500 * 2 ** (failures - 1));
  }

  /** A pause that stop() cuts short. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }
}
