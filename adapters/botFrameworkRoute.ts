import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import type { BotLogic } from '../bots/botLogic';

export interface BotFrameworkOptions {
  appId?: string;
  appPassword?: string;
  appType: string;
  tenantId?: string;
}

/**
 * The standard Bot Framework endpoint (Emulator, Azure Bot Service channels) through
 * botbuilder's CloudAdapter. Without an app id it accepts unauthenticated requests (Emulator);
 * with one, a request without a valid JWT gets 401.
 */
export function createCloudAdapter(options: BotFrameworkOptions): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: options.appId ?? '',
    MicrosoftAppPassword: options.appPassword ?? '',
    MicrosoftAppType: options.appType,
    MicrosoftAppTenantId: options.tenantId ?? '',
  });
  return new CloudAdapter(auth);
}

export function mountBotFrameworkRoute(server: Server, adapter: CloudAdapter, logic: BotLogic): void {
  server.post('/api/messages', async (req: Request, res: Response) => {
    await adapter.process(req, res, logic);
  });
}
