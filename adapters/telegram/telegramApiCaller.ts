import { type Telegram, TelegramError } from 'telegraf';
import type { Opts, Telegram as BotApiMethods } from 'telegraf/types';
import type { Logger } from '../../ops/logger';
import {
  TelegramBlockedError,
  TelegramRequestError,
  TelegramUnauthorizedError,
  TelegramUnavailableError,
} from './telegramErrors';

export type BotApiMethod = keyof BotApiMethods;
export type BotApiResult<M extends BotApiMethod> = ReturnType<BotApiMethods[M]>;
export type AbortSignalLike = NonNullable<Parameters<Telegram['callApi']>[2]>['signal'];

export interface TelegramApiCallerOptions {
  /** Attempts for network errors and 5xx replies before giving up. */
  maxAttempts?: number;
  /** First backoff delay; doubled at every failure (with jitter), up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How many 429 replies in a row are waited out before giving up. */
  maxRateLimitRetries?: number;
  /** A longer `retry_after` is not waited out (the call fails). */
  maxRetryAfterSeconds?: number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_API_CALLER_OPTIONS: Required<Omit<TelegramApiCallerOptions, 'sleep'>> = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRateLimitRetries: 5,
  maxRetryAfterSeconds: 120,
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Calls the Bot API through telegraf's client and applies Telegram's rules: a 429 waits
 * `retry_after` then retries, network errors and 5xx retry with exponential backoff, a 403 becomes
 * TelegramBlockedError, 401/409 TelegramUnauthorizedError, any other refusal TelegramRequestError.
 */
export class TelegramApiCaller {
  private readonly options: Required<Omit<TelegramApiCallerOptions, 'sleep'>>;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    readonly telegram: Telegram,
    private readonly logger: Logger,
    options: TelegramApiCallerOptions = {},
  ) {
    const { sleep, ...rest } = options;
    this.options = { ...DEFAULT_API_CALLER_OPTIONS, ...rest };
    this.sleep = sleep ?? defaultSleep;
  }

  async call<M extends BotApiMethod>(
    method: M,
    payload: Opts<M>,
    signal?: AbortSignalLike,
  ): Promise<BotApiResult<M>> {
    let failures = 0;
    let rateLimited = 0;
    for (;;) {
      try {
        return await this.telegram.callApi(method, payload, { signal });
      } catch (err) {
        if (err instanceof Error && err.name === 'AbortError') throw err;
        if (err instanceof TelegramError) {
          const code = err.code;
          if (code === 429) {
            const retryAfter = err.parameters?.retry_after ?? 1;
            rateLimited += 1;
            if (
              rateLimited > this.options.maxRateLimitRetries ||
              retryAfter > this.options.maxRetryAfterSeconds
            ) {
              throw new TelegramUnavailableError(method, failures + rateLimited, err);
            }
            this.logger.warn({ method, retryAfter }, 'Telegram rate limit: waiting retry_after');
            await this.sleep(retryAfter * 1000);
            continue;
          }
          if (code === 403) throw new TelegramBlockedError(method, err.description);
          if (code === 401 || code === 409)
            throw new TelegramUnauthorizedError(method, code, err.description);
          if (code < 500) throw new TelegramRequestError(method, code, err.description);
        }
        // Network error, 5xx or an unreadable reply: back off and retry.
        failures += 1;
        if (failures >= this.options.maxAttempts) throw new TelegramUnavailableError(method, failures, err);
        const delay = this.backoffMs(failures);
        this.logger.warn(
          {
            method,
            attempt: failures,
            delayMs: delay,
            err: err instanceof Error ? err.message : String(err),
          },
          'Telegram call failed; retrying',
        );
        await this.sleep(delay);
      }
    }
  }

  /** Exponential backoff with "equal jitter": half fixed, half random. */
  backoffMs(failures: number): number {
    const ceiling = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** (failures - 1));
    return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
  }
}
