import {
  ComponentDialog,
  type DialogTurnResult,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { langFromLocale, TEXTS } from '../bots/texts';

export const MAIN_DIALOG = 'mainDialog';
const MAIN_WATERFALL = 'mainWaterfall';

/**
 * The root dialog: one pass per citizen message. It decides what the message is and answers,
 * or starts the child dialog that handles it.
 */
export class MainDialog extends ComponentDialog {
  constructor() {
    super(MAIN_DIALOG);
    this.addDialog(new WaterfallDialog(MAIN_WATERFALL, [this.routeStep.bind(this)]));
    this.initialDialogId = MAIN_WATERFALL;
  }

  /** Answers the citizen's message (until the knowledge base lands: the honest fallback). */
  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const lang = langFromLocale(step.context.activity.locale);
    await step.context.sendActivity(TEXTS.fallback[lang]);
    return step.endDialog();
  }
}
