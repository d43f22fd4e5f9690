import type { TurnContext } from 'botbuilder-core';

/** What every channel adapter runs for one incoming activity: the bot's turn handler. */
export type BotLogic = (context: TurnContext) => Promise<void>;
