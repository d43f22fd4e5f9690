import type { StatePropertyAccessor } from 'botbuilder-core';
import {
  ComponentDialog,
  type DialogTurnResult,
  WaterfallDialog,
  type WaterfallStepContext,
} from './botbuilderDialogs';
import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import { type ConversationData, emptyConversationData } from './conversationData';
import {
  type ChildStart,
  type MainDialogChildren,
  type MainDialogStart,
  MainRouter,
  type QuestionInterpreter,
} from './mainRouter';

export type {
  ChildDialogOptions,
  ChildStart,
  MainDialogChildren,
  MainDialogStart,
  QuestionInterpreter,
} from './mainRouter';

export const MAIN_DIALOG = 'mainDialog';
const MAIN_WATERFALL = 'mainWaterfall';

/** Options of the main dialog: where to start, or a child the caller has already routed to. */
export type MainDialogOptions = Partial<MainDialogStart> & {
  /** The message was routed by the caller (`MainRouter`): begin this child directly. */
  delegate?: ChildStart;
};

/**
 * The root dialog: one pass per citizen message through `MainRouter`, which answers, asks back or
 * falls back honestly; the escalation and rating dialogs, when wired, run as its children, and a
 * child that ends because the message was not for it hands the message back for routing.
 */
export class MainDialog extends ComponentDialog {
  /** The routing of one message, also used without a dialog context (see LineaAmicaBot). */
  readonly router: MainRouter;

  constructor(
    knowledge: KnowledgeBase,
    interpreter: QuestionInterpreter,
    private readonly data: StatePropertyAccessor<ConversationData>,
    children: MainDialogChildren = {},
  ) {
    super(MAIN_DIALOG);
    this.router = new MainRouter(knowledge, interpreter, children);
    if (children.escalation) this.addDialog(children.escalation);
    if (children.rating) this.addDialog(children.rating);
    this.addDialog(
      new WaterfallDialog(MAIN_WATERFALL, [this.routeStep.bind(this), this.finalStep.bind(this)]),
    );
    this.initialDialogId = MAIN_WATERFALL;
  }

  /** Routes the citizen's message and begins the child dialog it calls for, if any. */
  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as MainDialogOptions | undefined;
    let next = options?.delegate;
    if (!next) {
      const data = await this.data.get(step.context, emptyConversationData());
      const route = await this.router.route(step.context, data, options);
      if (route.kind === 'child') next = route.child;
    }
    return next ? step.beginDialog(next.id, next.options) : step.endDialog();
  }

  /** A child that ended because the message was not for it (a question instead of a rating) hands it back. */
  private async finalStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((step.result as { unhandled?: boolean } | undefined)?.unhandled)
      return step.replaceDialog(MAIN_WATERFALL, {});
    return step.endDialog();
  }
}
