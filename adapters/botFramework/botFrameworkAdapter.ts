import {
  type Activity,
  ActivityEx,
  ActivityTypes,
  BotCallbackHandlerKey,
  Channels,
  type ConversationReference,
  DeliveryModes,
  INVOKE_RESPONSE_KEY,
  type InvokeResponse,
  type ResourceResponse,
  StatusCodes,
  TurnContext,
} from 'botbuilder-core';
import type { ClaimsIdentity } from 'botframework-connector';
import { UnproxiedBotAdapter } from '../unproxiedBotAdapter';
import type { BotFrameworkAuthenticator, TurnIdentity } from './botFrameworkAuthenticator';
import type { ChannelClient } from './channelClient';

type TurnLogic = (context: TurnContext) => Promise<void>;

/** The first failure to deliver one of the turn's activities to the channel. */
const DELIVERY_FAILURE_KEY = Symbol('BotFrameworkAdapter.deliveryFailure');

/**
 * The Bot Framework protocol on `/api/messages` (Emulator, Azure Bot Service channels), without
 * CloudAdapter's per-turn Azure HTTP stack: incoming activities are authenticated by
 * botframework-connector (see {@link BotFrameworkAuthenticator}) and the bot's activities go to
 * `{serviceUrl}/v3/conversations/...` through one shared keep-alive {@link ChannelClient}.
 * Turn results follow CloudAdapter: `expectReplies` returns the buffered replies, `invoke` the
 * invoke response the bot set (501 when none), `delay` waits, `trace` reaches only the Emulator.
 *
 * A turn whose activities could not all be delivered fails (after `onTurnError` has run) with the
 * {@link ChannelError}, so the HTTP answer, or the proactive caller, learns it.
 */
export class BotFrameworkAdapter extends UnproxiedBotAdapter {
  constructor(
    private readonly auth: BotFrameworkAuthenticator,
    private readonly channel: ChannelClient,
  ) {
    super();
  }

  /**
   * Runs one turn for an incoming activity with the request's `Authorization` header. Resolves
   * to what the HTTP answer carries (undefined: 200 without body); rejects with an
   * `AuthenticationError` (401), a `ChannelError`, or the turn's error when `onTurnError` rethrew.
   */
  async processActivity(
    authHeader: string,
    activity: Activity,
    logic: TurnLogic,
  ): Promise<InvokeResponse | undefined> {
    const identity = await this.auth.authenticateRequest(activity, authHeader);
    // Who called is what the authentication says, never what the request claims.
    if (identity.callerId) activity.callerId = identity.callerId;
    else delete (activity as Partial<Activity>).callerId;
    const context = this.createContext(activity, identity, logic);
    await this.runTurn(context, logic);
    return this.turnResult(context);
  }

  /** Proactive messages for the configured app (an operator's reply). */
  async continueConversation(reference: Partial<ConversationReference>, logic: TurnLogic): Promise<void> {
    await this.continueConversationAsync(this.auth.appId, reference, logic);
  }

  override continueConversationAsync(
    botAppId: string,
    reference: Partial<ConversationReference>,
    logic: TurnLogic,
  ): Promise<void>;
  override continueConversationAsync(
    claimsIdentity: ClaimsIdentity,
    reference: Partial<ConversationReference>,
    logic: TurnLogic,
  ): Promise<void>;
  override continueConversationAsync(
    claimsIdentity: ClaimsIdentity,
    reference: Partial<ConversationReference>,
    audience: string,
    logic: TurnLogic,
  ): Promise<void>;
  override async continueConversationAsync(
    botAppIdOrClaimsIdentity: string | ClaimsIdentity,
    reference: Partial<ConversationReference>,
    logicOrAudience: TurnLogic | string,
    maybeLogic?: TurnLogic,
  ): Promise<void> {
    const logic = typeof logicOrAudience === 'function' ? logicOrAudience : maybeLogic;
    if (!logic) throw new TypeError('BotFrameworkAdapter.continueConversationAsync(): logic is required');
    const claimsIdentity =
      typeof botAppIdOrClaimsIdentity === 'string'
        ? this.auth.claimsFor(botAppIdOrClaimsIdentity)
        : botAppIdOrClaimsIdentity;
    const audience = typeof logicOrAudience === 'string' ? logicOrAudience : undefined;
    const activity = ActivityEx.getContinuationActivity(reference) as Activity;
    await this.runTurn(this.createContext(activity, { claimsIdentity, audience }, logic), logic);
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      delete activity.id;
      let response: ResourceResponse = { id: '' };
      if (activity.type === 'delay') {
        await new Promise((resolve) =>
          setTimeout(resolve, typeof activity.value === 'number' ? activity.value : 1000),
        );
      } else if (activity.type === ActivityTypes.InvokeResponse) {
        context.turnState.set(INVOKE_RESPONSE_KEY, activity);
      } else if (activity.type === ActivityTypes.Trace && activity.channelId !== Channels.Emulator) {
        // Traces are for the Emulator only.
      } else {
        const conversationId = activity.conversation?.id ?? context.activity.conversation?.id;
        if (!conversationId)
          throw new Error('BotFrameworkAdapter.sendActivities: the activity has no conversation id');
        response = await this.deliver(context, (serviceUrl, authorization) =>
          this.channel.sendActivity(serviceUrl, conversationId, activity, authorization),
        );
      }
      responses.push(response);
    }
    return responses;
  }

  async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse | void> {
    const conversationId = activity.conversation?.id ?? context.activity.conversation?.id;
    const activityId = activity.id;
    if (!conversationId || !activityId)
      throw new Error('BotFrameworkAdapter.updateActivity: the activity needs an id and a conversation id');
    const response = await this.deliver(context, (serviceUrl, authorization) =>
      this.channel.updateActivity(serviceUrl, conversationId, activityId, activity, authorization),
    );
    return response.id ? { id: response.id } : undefined;
  }

  async deleteActivity(context: TurnContext, reference: Partial<ConversationReference>): Promise<void> {
    const conversationId = reference.conversation?.id ?? context.activity.conversation?.id;
    const activityId = reference.activityId;
    if (!conversationId || !activityId)
      throw new Error(
        'BotFrameworkAdapter.deleteActivity: the reference needs an activity id and a conversation id',
      );
    await this.deliver(context, async (serviceUrl, authorization) => {
      await this.channel.deleteActivity(serviceUrl, conversationId, activityId, authorization);
      return { id: activityId };
    });
  }

  private createContext(activity: Activity, identity: TurnIdentity, logic: TurnLogic): TurnContext {
    const context = new TurnContext(this, activity);
    context.turnState.set(this.BotIdentityKey, identity.claimsIdentity);
    context.turnState.set(this.OAuthScopeKey, identity.audience);
    context.turnState.set(BotCallbackHandlerKey, logic);
    return context;
  }

  private async runTurn(context: TurnContext, logic: TurnLogic): Promise<void> {
    await this.runMiddleware(context, logic);
    const failure: unknown = context.turnState.get(DELIVERY_FAILURE_KEY);
    if (failure) throw failure;
  }

  /**
   * One request to the turn's channel: always the serviceUrl the turn came from (the one the
   * token's serviceUrl claim was checked against), never one an outgoing activity names.
   */
  private async deliver(
    context: TurnContext,
    request: (serviceUrl: string, authorization: string | undefined) => Promise<ResourceResponse>,
  ): Promise<ResourceResponse> {
    try {
      const serviceUrl = context.activity.serviceUrl;
      if (!serviceUrl) throw new Error('BotFrameworkAdapter: the turn has no serviceUrl to send to');
      const authorization = await this.auth.authorization(
        context.turnState.get(this.BotIdentityKey),
        context.turnState.get(this.OAuthScopeKey),
      );
      return await request(serviceUrl, authorization);
    } catch (err) {
      if (!context.turnState.get(DELIVERY_FAILURE_KEY)) context.turnState.set(DELIVERY_FAILURE_KEY, err);
      throw err;
    }
  }

  /** Replies sent after an expectReplies turn would miss its response: such turns keep botbuilder's proxy. */
  protected override lateRepliesDelivered(context: TurnContext): boolean {
    return context.activity.deliveryMode !== DeliveryModes.ExpectReplies;
  }

  private turnResult(context: TurnContext): InvokeResponse | undefined {
    if (context.activity.deliveryMode === DeliveryModes.ExpectReplies)
      return { status: StatusCodes.OK, body: { activities: context.bufferedReplyActivities } };
    if (context.activity.type === ActivityTypes.Invoke) {
      const invokeResponse: Partial<Activity> | undefined = context.turnState.get(INVOKE_RESPONSE_KEY);
      if (!invokeResponse) return { status: StatusCodes.NOT_IMPLEMENTED };
      return invokeResponse.value as InvokeResponse | undefined;
    }
    return undefined;
  }
}
