import type { BotAdapter, ConversationReference, TurnContext } from 'botbuilder-core';
import type { HandoffCase } from '../handoff/case';
import type { CitizenActivity, CitizenGateway } from '../operators/citizenGateway';

/** Runs a proactive turn in a citizen's conversation, on whichever channel it lives. */
export type ProactiveRunner = (
  c: HandoffCase,
  logic: (context: TurnContext) => Promise<void>,
) => Promise<void>;

export interface ChannelGatewayOptions {
  /** Our own adapters by channel id (directline, telegram). */
  adapters: Record<string, BotAdapter>;
  /** Every other channel (Emulator, Azure Bot Service) goes through the Bot Framework adapter. */
  cloud: BotAdapter;
  appId?: string;
  /** Serialises proactive turns with the citizen's own turns of the same conversation. */
  serialize: <T>(key: string, work: () => Promise<T>) => Promise<T>;
}

/**
 * Delivers operators' messages to citizens as proactive messages on the citizen's own channel:
 * Web Chat (Direct Line), Telegram, Bot Framework channels.
 */
export class ChannelGateway implements CitizenGateway {
  constructor(private readonly options: ChannelGatewayOptions) {}

  readonly run: ProactiveRunner = async (c, logic) => {
    const reference = c.conversationReference as Partial<ConversationReference>;
    const adapter = this.options.adapters[c.channel];
    await this.options.serialize(`${c.channel}:${c.conversationId}`, async () => {
      if (adapter) await adapter.continueConversation(reference, logic);
      else await this.options.cloud.continueConversationAsync(this.options.appId ?? '', reference, logic);
    });
  };

  async sendToCitizen(c: HandoffCase, activity: CitizenActivity): Promise<void> {
    await this.run(c, async (context) => {
      await context.sendActivity({ ...activity });
    });
  }
}
