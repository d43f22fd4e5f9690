import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  MessageFactory,
  type TurnContext,
} from 'botbuilder';
import restify, { type Request, type Response } from 'restify';
import { listenForProfilerCommands } from './profiler';
import { announce } from './serverReady';

/**
 * Row b, the anchor: Microsoft's 02.echo-bot sample (botbuilder-samples, JavaScript) as written:
 * restify with the body parser, CloudAdapter with ConfigurationBotFrameworkAuthentication and no
 * app id (no auth), EchoBot on ActivityHandler. Replies are POSTed to the activity's serviceUrl.
 */
class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const replyText = `Echo: ${context.activity.text ?? ''}`;
      await context.sendActivity(MessageFactory.text(replyText, replyText));
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const welcomeText = 'Hello and welcome!';
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id !== context.activity.recipient.id) {
          await context.sendActivity(MessageFactory.text(welcomeText, welcomeText));
        }
      }
      await next();
    });
  }
}

const server = restify.createServer();
server.use(restify.plugins.bodyParser());

const botFrameworkAuthentication = new ConfigurationBotFrameworkAuthentication({});
const adapter = new CloudAdapter(botFrameworkAuthentication);
adapter.onTurnError = async (context: TurnContext, error: Error) => {
  process.stderr.write(`[onTurnError] unhandled error: ${error.message}\n`);
  await context.sendActivity('The bot encountered an error or bug.');
};
const myBot = new EchoBot();

server.post('/api/messages', async (req: Request, res: Response) => {
  await adapter.process(req, res, (context) => myBot.run(context));
});
listenForProfilerCommands();
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => announce(server.server));
