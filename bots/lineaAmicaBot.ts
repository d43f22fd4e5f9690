import {
  ActivityHandler,
  ActivityTypes,
  type ConversationState,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder-core';
import { DialogSet, type DialogState, DialogTurnStatus } from '../dialogs/botbuilderDialogs';
import { type ConversationData, emptyConversationData } from '../dialogs/conversationData';
import type { MainDialog, MainDialogOptions } from '../dialogs/mainDialog';
import type { HandoffCase } from '../handoff/case';
import type { ConversationTranscript } from './conversationTranscript';
import type { HandoffRelay } from './handoffRelay';
import { langFromLocale, TEXTS } from './texts';

export interface LineaAmicaBotOptions {
  privacyUrl: string;
  /** The dialogs' conversation data (session, handled case). */
  conversationData: StatePropertyAccessor<ConversationData>;
  /** The operator transcript: each message turn is recorded, and appended when the turn saves. */
  transcript: ConversationTranscript;
  /** While a case is open, activities go to the operator instead of the dialogs. */
  relay?: HandoffRelay;
}

const DIALOG_STATE_CONFIGURATION = 'DialogStateManagerConfiguration';

/**
 * What goes to the relay while a case is open. A conversationUpdate (Telegram /start, a resumed
 * Web Chat) must not make the bot greet over the operator: the relay lets it pass in silence.
 */
const RELAYED_TYPES: ReadonlySet<string> = new Set([
  ActivityTypes.Message,
  ActivityTypes.Typing,
  ActivityTypes.ConversationUpdate,
]);

/**
 * The citizen-facing bot: greets when a citizen joins; while an operator case is open relays
 * everything to it and stays silent; otherwise runs the main dialog. Saves the conversation state
 * at the end of each turn (no user state: nothing of ours is kept per user across conversations).
 */
export class LineaAmicaBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly dialogs: DialogSet;
  private stateConfiguration: unknown;

  constructor(
    private readonly conversationState: ConversationState,
    private readonly dialog: MainDialog,
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
  }

  override async run(context: TurnContext): Promise<void> {
    const type = context.activity.type;
    if (this.options.relay && RELAYED_TYPES.has(type)) {
      const open = await this.options.relay.openCase(context);
      if (open) {
        await this.options.relay.handle(context, open);
        return;
      }
    }
    if (type === ActivityTypes.Message) {
      // Every message (text, button, attachment) goes to the router and dialogs directly: the
      // event emission of ActivityHandler would only find this one handler for it.
      const data = await this.options.conversationData.get(context, emptyConversationData());
      this.recordTranscript(context, data);
      await this.runDialog(context, data);
    } else {
      await super.run(context);
    }
    await this.save(context);
  }

  /**
   * Proactive turn after an operator closed the citizen's case: the bot takes the conversation
   * back and asks the "Mettiamoci la faccia" rating about the operator's work.
   */
  async resumeAfterCase(context: TurnContext, closed: HandoffCase): Promise<void> {
    const data = await this.options.conversationData.get(context, emptyConversationData());
    data.handledCase = {
      caseId: closed.id,
      queue: closed.queue,
      ...(closed.operator ? { operator: closed.operator } : {}),
    };
    data.ratingAsked = false;
    const sessionId = closed.conversationReference.sessionId;
    if (typeof sessionId === 'string') data.sessionId = sessionId;
    const dc = await this.createDialogContext(context);
    await dc.cancelAllDialogs();
    const start: MainDialogOptions = { start: 'rating', lang: langFromLocale(closed.locale) };
    await dc.beginDialog(this.dialog.id, start);
    await this.save(context);
  }

  private async save(context: TurnContext): Promise<void> {
    await Promise.all([
      this.conversationState.saveChanges(context, false),
      this.options.transcript.flush(context),
    ]);
  }

  private recordTranscript(context: TurnContext, data: ConversationData): void {
    // A transcript kept in the state by an earlier version moves to the log.
    const earlier = data.transcript;
    if (earlier) delete data.transcript;
    this.options.transcript.recordTurn(context, earlier);
  }

  private async greet(context: TurnContext): Promise<void> {
    await context.sendActivity(
      TEXTS.greeting[langFromLocale(context.activity.locale)](this.options.privacyUrl),
    );
  }

  /**
   * botbuilder-dialogs rebuilds its memory scopes and path resolvers on every turn unless the
   * configuration is in turn state: keep the first turn's, as botbuilder's DialogManager does
   * (measured: with a smaller transcript, about 20% less CPU per turn).
   */
  private async createDialogContext(context: TurnContext) {
    if (this.stateConfiguration) context.turnState.set(DIALOG_STATE_CONFIGURATION, this.stateConfiguration);
    const dc = await this.dialogs.createContext(context);
    this.stateConfiguration ??= context.turnState.get(DIALOG_STATE_CONFIGURATION);
    return dc;
  }

  /**
   * With no dialog active (a prompt waiting for its answer), the message is routed without any
   * dialog machinery; most are answered in that one step. Only a child dialog to begin (an
   * operator, the rating) or an active one needs a dialog context: the main dialog then begins
   * the child the router chose, exactly as if it had routed the message itself.
   */
  private async runDialog(context: TurnContext, data: ConversationData): Promise<void> {
    const active = await this.dialogState.get(context);
    if (!active || active.dialogStack.length === 0) {
      const route = await this.dialog.router.route(context, data);
      if (route.kind === 'done') return;
      const dc = await this.createDialogContext(context);
      const options: MainDialogOptions = { delegate: route.child };
      await dc.beginDialog(this.dialog.id, options);
      return;
    }
    const dc = await this.createDialogContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.dialog.id);
  }
}
