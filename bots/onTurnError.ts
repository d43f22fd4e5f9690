import type { ConversationState, TurnContext } from 'botbuilder-core';
import type { Logger } from '../ops/logger';
import type { Metrics } from '../ops/metrics';
import { langFromLocale, TEXTS } from './texts';

/**
 * The one turn-error handler of every adapter: log with the conversation id, apologise to the
 * citizen, and clear the broken dialog state so the next message starts clean.
 */
export function createOnTurnError(logger: Logger, conversationState: ConversationState, metrics: Metrics) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const conversationId = context.activity?.conversation?.id;
    metrics.errors.inc({ kind: 'turn' });
    logger.error(
      { err: error, conversationId, channel: context.activity?.channelId },
      'unhandled error in bot turn',
    );
    try {
      await context.sendActivity(TEXTS.turnError[langFromLocale(context.activity?.locale)]);
    } catch (sendError) {
      logger.warn({ err: sendError, conversationId }, 'could not tell the citizen about the error');
    }
    try {
      await conversationState.delete(context);
      await conversationState.saveChanges(context, true);
    } catch (stateError) {
      logger.warn({ err: stateError, conversationId }, 'could not clear the conversation state');
    }
  };
}
