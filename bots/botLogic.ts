import type { TurnContext } from 'botbuilder';

/** What every channel adapter runs for one incoming activity: the bot's turn handler. */
export type BotLogic = (context: TurnContext) => Promise<void>;
