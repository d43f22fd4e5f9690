import type { AddressInfo } from 'node:net';
import type { TurnContext } from 'botbuilder';
import type { Server } from 'restify';
import { BotFrameworkAdapter } from '../../../adapters/botFramework/botFrameworkAdapter';
import {
  type BotFrameworkAuthOptions,
  BotFrameworkAuthenticator,
} from '../../../adapters/botFramework/botFrameworkAuthenticator';
import { ChannelClient } from '../../../adapters/botFramework/channelClient';
import { mountBotFrameworkRoute } from '../../../adapters/botFramework/botFrameworkRoute';
import { createHttpServer } from '../../../app/server';
import { createLogger } from '../../../ops/logger';

/** The turn errors `onTurnError` saw. */
export type TurnErrors = Error[];

export interface BotFrameworkHarness {
  url: string;
  adapter: BotFrameworkAdapter;
  turnErrors: TurnErrors;
  stop(): Promise<void>;
}

/**
 * `/api/messages` on a restify server of ours (the app's body parser and error bodies) with the
 * Bot Framework adapter and a test bot; `onTurnError` records the error and tries to apologise,
 * as the app's does.
 */
export async function startBotFramework(
  logic: (context: TurnContext) => Promise<void>,
  auth: BotFrameworkAuthOptions = { appType: 'MultiTenant' },
  channelTimeoutMs = 10_000,
): Promise<BotFrameworkHarness> {
  const logger = createLogger({ level: 'silent', maskPersonalData: false });
  const server: Server = createHttpServer({ maxBodyBytes: 100_000, logger });
  const channel = new ChannelClient({ timeoutMs: channelTimeoutMs });
  const adapter = new BotFrameworkAdapter(new BotFrameworkAuthenticator(auth), channel);
  const turnErrors: TurnErrors = [];
  adapter.onTurnError = async (context, error) => {
    turnErrors.push(error);
    try {
      await context.sendActivity('Si è verificato un errore.');
    } catch {
      /* the channel may be the reason */
    }
  };
  mountBotFrameworkRoute(server, adapter, logic, logger);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    adapter,
    turnErrors,
    async stop() {
      channel.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function activity(serviceUrl: string, conversationId: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'message',
    id: 'act-1',
    channelId: 'emulator',
    serviceUrl,
    conversation: { id: conversationId },
    from: { id: 'user-1', name: 'Cittadino' },
    recipient: { id: 'bot', name: 'Bot' },
    locale: 'it-IT',
    text: 'ciao',
    ...extra,
  };
}
