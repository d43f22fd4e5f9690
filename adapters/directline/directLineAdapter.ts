import {
  type Activity,
  ActivityTypes,
  BotAdapter,
  type ChannelAccount,
  type ConversationReference,
  type ResourceResponse,
  TurnContext,
} from 'botbuilder-core';
import type { BotLogic } from '../../bots/botLogic';
import { UnproxiedBotAdapter } from '../unproxiedBotAdapter';
import { activityId, type DirectLineStore } from './directLineStore';

export const DIRECTLINE_CHANNEL_ID = 'directline';

/** botframework-connector's ClaimsIdentity, as BotAdapter's signature names it. */
type ClaimsIdentity = Exclude<Parameters<BotAdapter['continueConversationAsync']>[0], string>;

export interface DirectLineAdapterOptions {
  /** The bot's account in every activity it sends. */
  botId?: string;
  botName?: string;
  /** Put into activities' serviceUrl (our public URL), so conversation references are complete. */
  serviceUrl?: string;
}

export const DEFAULT_BOT_ID = 'linea-amica-bot';
export const DEFAULT_BOT_NAME = 'Linea Amica';

/**
 * The bot side of our Direct Line channel: runs the bot's logic for incoming activities and
 * appends what the bot sends to the conversation's activity log, from where the streams and
 * pollers of every process deliver it.
 */
export class DirectLineAdapter extends UnproxiedBotAdapter {
  readonly bot: ChannelAccount;
  private readonly serviceUrl: string;

  constructor(
    private readonly store: DirectLineStore,
    options: DirectLineAdapterOptions = {},
  ) {
    super();
    // Frozen: it is the sender of every reply and the recipient of every message, and the store
    // serialises a frozen object once (activityJson).
    this.bot = Object.freeze({
      id: options.botId ?? DEFAULT_BOT_ID,
      name: options.botName ?? DEFAULT_BOT_NAME,
      role: 'bot',
    });
    this.serviceUrl = options.serviceUrl ?? '';
  }

  /** Runs one turn for an activity the user sent (already stored, with its id). */
  async processActivity(activity: Partial<Activity>, logic: BotLogic): Promise<void> {
    const context = new TurnContext(this, activity);
    await this.runMiddleware(context, logic);
  }

  /** Proactive messages (e.g. an operator's): runs `logic` with a context for the conversation. */
  async continueConversation(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const activity = TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: 'continueConversation' },
      { channelId: DIRECTLINE_CHANNEL_ID, bot: this.bot, serviceUrl: this.serviceUrl, ...reference },
      true,
    );
    const context = new TurnContext(this, activity);
    await this.runMiddleware(context, logic);
  }

  /** The newer proactive API, for callers written against CloudAdapter; no auth is involved. */
  override continueConversationAsync(
    botAppId: string,
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void>;
  override continueConversationAsync(
    claimsIdentity: ClaimsIdentity,
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void>;
  override continueConversationAsync(
    claimsIdentity: ClaimsIdentity,
    reference: Partial<ConversationReference>,
    audience: string,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void>;
  override async continueConversationAsync(
    _botAppIdOrClaimsIdentity: string | ClaimsIdentity,
    reference: Partial<ConversationReference>,
    logicOrAudience: ((context: TurnContext) => Promise<void>) | string,
    maybeLogic?: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const logic = typeof logicOrAudience === 'function' ? logicOrAudience : maybeLogic;
    if (!logic) throw new Error('DirectLineAdapter.continueConversationAsync: missing logic');
    await this.continueConversation(reference, logic);
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const conversationId = context.activity.conversation?.id;
    if (!conversationId) throw new Error('DirectLineAdapter.sendActivities: the turn has no conversation id');
    const responses: ResourceResponse[] = [];
    let pending: { index: number; activity: Partial<Activity> }[] = [];
    // Consecutive activities go to the store in one append (one Redis round trip).
    const flush = async (): Promise<void> => {
      if (pending.length === 0) return;
      const batch = pending;
      pending = [];
      const stored = await this.store.append(
        conversationId,
        batch.map((p) => p.activity),
      );
      batch.forEach((p, i) => {
        responses[p.index] = { id: activityId(conversationId, stored.first + i) };
      });
    };
    for (const [index, activity] of activities.entries()) {
      if (activity.type === 'delay') {
        await flush();
        await new Promise((resolve) =>
          setTimeout(resolve, typeof activity.value === 'number' ? activity.value : 1000),
        );
        responses[index] = { id: '' };
      } else if (activity.type === ActivityTypes.InvokeResponse || activity.type === ActivityTypes.Trace) {
        // Nothing to deliver to a Direct Line client.
        responses[index] = { id: '' };
      } else {
        pending.push({ index, activity: this.stamp(context, activity) });
      }
    }
    await flush();
    return responses;
  }

  /** Direct Line has no in-place update: the new version is appended as a `messageUpdate`. */
  async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse | void> {
    const conversationId = context.activity.conversation?.id ?? activity.conversation?.id;
    if (!conversationId) throw new Error('DirectLineAdapter.updateActivity: no conversation id');
    const update = this.stamp(context, { ...activity });
    update.type = ActivityTypes.MessageUpdate;
    update.replyToId = activity.id;
    const stored = await this.store.append(conversationId, [update]);
    return { id: activityId(conversationId, stored.first) };
  }

  /** Appends a `messageDelete` naming the activity, for clients that honour it. */
  async deleteActivity(context: TurnContext, reference: Partial<ConversationReference>): Promise<void> {
    const conversationId = reference.conversation?.id ?? context.activity.conversation?.id;
    if (!conversationId) throw new Error('DirectLineAdapter.deleteActivity: no conversation id');
    const deletion = this.stamp(context, { type: ActivityTypes.MessageDelete });
    deletion.replyToId = reference.activityId;
    await this.store.append(conversationId, [deletion]);
  }

  /**
   * Completes an outgoing activity in place: when, who sends it, to whom, in reply to what. The
   * activities come from TurnContext, which hands the adapter its own copies (botbuilder's
   * adapters change them too); a copy costs as much as the rest of the send. The store leaves out
   * any `id` the bot set and assigns its own.
   */
  private stamp(context: TurnContext, activity: Partial<Activity>): Partial<Activity> {
    const incoming = context.activity;
    activity.timestamp = new Date();
    activity.channelId = DIRECTLINE_CHANNEL_ID;
    activity.serviceUrl ||= this.serviceUrl;
    activity.conversation ??= incoming.conversation;
    activity.from = this.bot;
    activity.recipient ??= incoming.from;
    activity.replyToId ??= incoming.id;
    return activity;
  }
}
