import { AuthenticationError } from 'botframework-connector';
import type { Request, Response, Server } from 'restify';
import { sendError } from '../../app/httpErrors';
import type { BotLogic } from '../../bots/botLogic';
import type { Logger } from '../../ops/logger';
import { BotFrameworkAdapter } from './botFrameworkAdapter';
import { BotFrameworkAuthenticator } from './botFrameworkAuthenticator';
import { ChannelClient } from './channelClient';
import { ChannelError } from './channelError';
import { incomingActivity } from './incomingActivity';

export interface BotFrameworkOptions {
  appId?: string;
  appPassword?: string;
  appType: string;
  tenantId?: string;
  /** Deadline of each request to the channel (default 10 s). */
  channelTimeoutMs?: number;
}

/**
 * The adapter of the standard Bot Framework endpoint (Emulator, Azure Bot Service channels).
 * Without an app id it accepts unauthenticated requests (Emulator); with one, a request without
 * a valid JWT gets 401 and the bot's replies carry its token.
 */
export function createBotFrameworkAdapter(options: BotFrameworkOptions): BotFrameworkAdapter {
  return new BotFrameworkAdapter(
    new BotFrameworkAuthenticator(options),
    new ChannelClient({ timeoutMs: options.channelTimeoutMs }),
  );
}

/**
 * `POST /api/messages`: 400 for a body that is not an activity, 401 for a failed authentication,
 * then the turn; 200 (empty, or the invoke response / expected replies), 502 when the channel
 * did not take the bot's replies, 500 when the turn failed beyond `onTurnError`.
 */
export function mountBotFrameworkRoute(
  server: Server,
  adapter: BotFrameworkAdapter,
  logic: BotLogic,
  logger: Logger,
): void {
  server.post('/api/messages', async (req: Request, res: Response) => {
    const parsed = incomingActivity(req.body);
    if ('error' in parsed) {
      sendError(res, 400, 'BadArgument', parsed.error);
      return;
    }
    try {
      const result = await adapter.processActivity(req.header('authorization') ?? '', parsed.activity, logic);
      const status = result?.status ?? 200;
      if (result?.body === undefined) res.send(status);
      else res.send(status, result.body);
    } catch (err) {
      if (err instanceof AuthenticationError) {
        logger.info(
          { reason: err.message, channel: parsed.activity.channelId },
          'Bot Framework request refused',
        );
        sendError(res, 401, 'Unauthorized', err.message);
      } else if (err instanceof ChannelError) {
        sendError(res, 502, 'ChannelUnavailable', err.message);
      } else {
        logger.error({ err, channel: parsed.activity.channelId }, 'Bot Framework turn failed');
        sendError(res, 500, 'ServiceError', 'Internal error');
      }
    }
  });
}
