import {
  ActivityHandler,
  type BotState,
  type ConversationState,
  type StatePropertyAccessor,
  type TurnContext,
  type UserState,
} from 'botbuilder';
import { type Dialog, DialogSet, type DialogState, DialogTurnStatus } from 'botbuilder-dialogs';
import { langFromLocale, TEXTS } from './texts';

export interface LineaAmicaBotOptions {
  privacyUrl: string;
}

/**
 * The citizen-facing bot: greets when a citizen joins, runs the main dialog on every other
 * activity, and saves conversation and user state at the end of each turn.
 */
export class LineaAmicaBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly dialogs: DialogSet;

  constructor(
    private readonly conversationState: ConversationState,
    private readonly userState: UserState,
    private readonly dialog: Dialog,
    private readonly options: LineaAmicaBotOptions,
  ) {
    super();
    this.dialogState = conversationState.createProperty<DialogState>('DialogState');
    this.dialogs = new DialogSet(this.dialogState);
    this.dialogs.add(dialog);

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id !== botId) await this.greet(context);
      }
      await next();
    });

    // Every other incoming activity (text, button, attachment, event) goes to the dialogs.
    this.onMessage(async (context, next) => {
      await this.runDialog(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.saveAll(context, this.conversationState, this.userState);
  }

  private async saveAll(context: TurnContext, ...states: BotState[]): Promise<void> {
    for (const state of states) await state.saveChanges(context, false);
  }

  private async greet(context: TurnContext): Promise<void> {
    await context.sendActivity(
      TEXTS.greeting[langFromLocale(context.activity.locale)](this.options.privacyUrl),
    );
  }

  private async runDialog(context: TurnContext): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    const result = await dc.continueDialog();
    // A dialog that ended because the message was not for it (e.g. a question instead of a
    // rating) hands the message to a fresh main dialog in the same turn.
    const unhandled =
      result.status === DialogTurnStatus.complete && (result.result as { unhandled?: boolean } | undefined)?.unhandled;
    if (result.status === DialogTurnStatus.empty || unhandled) await dc.beginDialog(this.dialog.id);
  }
}
