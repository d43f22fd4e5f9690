/** The citizen blocked the bot (or deleted the account): Bot API 403. Nothing more can be sent. */
export class TelegramBlockedError extends Error {
  constructor(
    readonly method: string,
    readonly description: string,
  ) {
    super(`Telegram ${method}: forbidden (${description})`);
    this.name = 'TelegramBlockedError';
  }
}

/** The bot token was refused (401) or another process polls with it (409): a configuration problem. */
export class TelegramUnauthorizedError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    readonly description: string,
  ) {
    super(`Telegram ${method}: ${code} ${description}`);
    this.name = 'TelegramUnauthorizedError';
  }
}

/** The Bot API could not be reached, or kept failing, after every retry. */
export class TelegramUnavailableError extends Error {
  constructor(
    readonly method: string,
    readonly attempts: number,
    cause: unknown,
  ) {
    super(
      `Telegram ${method}: still failing after ${attempts} attempts (${cause instanceof Error ? cause.message : String(cause)})`,
      { cause },
    );
    this.name = 'TelegramUnavailableError';
  }
}

/** The Bot API refused a request for a reason a retry will not fix (e.g. 400 Bad Request). */
export class TelegramRequestError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    readonly description: string,
  ) {
    super(`Telegram ${method}: ${code} ${description}`);
    this.name = 'TelegramRequestError';
  }
}
