import { BotAdapter, type TurnContext } from 'botbuilder-core';

/**
 * A BotAdapter whose turns run on the TurnContext itself. botbuilder's BotAdapter hands the
 * middleware and the bot a revocable Proxy of the context, so that a context used after its turn
 * throws; but every property read through a Proxy is a trap lookup (~0.1 µs against a few ns,
 * measured), and a turn reads the context, from our code and from TurnContext's own methods,
 * hundreds of times: about 9 % of a Direct Line turn's CPU in interleaved bench runs. Our
 * channels deliver a reply sent after its turn to the conversation all the same; a turn whose
 * replies live only until it ends (expectReplies) keeps botbuilder's proxy.
 */
export abstract class UnproxiedBotAdapter extends BotAdapter {
  /** Whether a reply sent after this turn ended still reaches the user. */
  protected lateRepliesDelivered(_context: TurnContext): boolean {
    return true;
  }

  protected override async runMiddleware(
    context: TurnContext,
    next: (revocableContext: TurnContext) => Promise<void>,
  ): Promise<void> {
    if (!this.lateRepliesDelivered(context)) return super.runMiddleware(context, next);
    if (context.activity?.locale) context.locale = context.activity.locale;
    try {
      await this.middleware.run(context, () => next(context));
    } catch (err) {
      // As BotAdapter: the turn's error goes to onTurnError, or to the caller without one.
      if (!this.onTurnError) throw err;
      await this.onTurnError(context, err instanceof Error ? err : new Error(String(err)));
    }
  }
}
