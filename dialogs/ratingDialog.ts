import type { StatePropertyAccessor, TurnContext } from 'botbuilder-core';
import {
  ComponentDialog,
  Dialog,
  type DialogTurnResult,
  WaterfallDialog,
  type WaterfallStepContext,
} from './botbuilderDialogs';
import type { Lang } from '../bots/texts';
import type { Face } from '../ratings/rating';
import type { RatingStore } from '../ratings/ratingStore';
import { DEFAULT_RATING_REASONS, type RatingReason } from '../ratings/reasons';
import { type ConversationData, emptyConversationData, newSessionId } from './conversationData';
import {
  commentPromptActivity,
  parseFace,
  parseReason,
  ratingPromptActivity,
  reasonPromptActivity,
} from './ratingReplies';

export const RATING_DIALOG = 'ratingDialog';
const RATING_WATERFALL = 'ratingWaterfall';

export interface RatingDialogOptions {
  lang: Lang;
  /** Said before the question (e.g. "Arrivederci…"). */
  preface?: string;
  /**
   * 'command': the citizen asked to rate ("/valuta"); 'value': a face button was pressed outside
   * the question's turn; otherwise the bot asks at the end.
   */
  reason?: string;
}

/** A rating dialog that ended because the citizen wrote something else: the bot handles it as a new message. */
export interface RatingDialogResult {
  unhandled?: boolean;
}

export interface RatingDialogSettings {
  reasons?: readonly RatingReason[];
  commentMaxLength?: number;
}

const THANKS: Record<Lang, string> = {
  it: 'Grazie per la tua valutazione: ci aiuta a migliorare il servizio.',
  en: 'Thank you for your rating: it helps us improve the service.',
};
const ALREADY: Record<Lang, string> = {
  it: 'Hai già valutato questa conversazione: grazie!',
  en: 'You have already rated this conversation: thank you!',
};
const NOT_SAVED: Record<Lang, string> = {
  it: 'Non sono riuscito a salvare la valutazione in questo momento: ci scusiamo.',
  en: 'I could not save your rating right now: sorry.',
};

/**
 * "Mettiamoci la faccia": three faces, a reason after a red one and an optional comment.
 * Stored once per conversation session; a second click or a replay changes nothing.
 */
export class RatingDialog extends ComponentDialog {
  private readonly reasons: readonly RatingReason[];
  private readonly commentMaxLength: number;

  constructor(
    private readonly ratings: RatingStore,
    private readonly data: StatePropertyAccessor<ConversationData>,
    settings: RatingDialogSettings = {},
  ) {
    super(RATING_DIALOG);
    this.reasons = settings.reasons ?? DEFAULT_RATING_REASONS;
    this.commentMaxLength = settings.commentMaxLength ?? 500;
    this.addDialog(
      new WaterfallDialog(RATING_WATERFALL, [
        this.askFaceStep.bind(this),
        this.faceStep.bind(this),
        this.reasonStep.bind(this),
        this.commentStep.bind(this),
      ]),
    );
    this.initialDialogId = RATING_WATERFALL;
  }

  /** Asks the three faces, unless this session was already rated. */
  private async askFaceStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as RatingDialogOptions;
    const data = await this.data.get(step.context, emptyConversationData());
    data.sessionId ??= newSessionId();
    const rated = await this.ratings.hasRated(data.sessionId).catch(() => false);
    // A face button pressed later (the question was not blocking): go straight to reading it.
    if (options.reason === 'value') {
      // A replayed click on the question of a session that just ended (nothing asked since).
      const replay =
        !rated &&
        data.previousSessionId !== undefined &&
        data.procedures.length === 0 &&
        (await this.ratings.hasRated(data.previousSessionId).catch(() => false));
      if (!rated && !replay) return step.next();
      await step.context.sendActivity(ALREADY[options.lang]);
      return step.endDialog();
    }
    const askedBefore = data.ratingAsked && options.reason !== 'command';
    // "Grazie" right after rating (or skipping) the previous session: nothing new to rate yet.
    const justEnded =
      options.reason === 'goodbye' &&
      data.previousSessionId !== undefined &&
      data.procedures.length === 0 &&
      data.handledCase === undefined;
    if (askedBefore || rated || justEnded) {
      if (options.preface) await step.context.sendActivity(options.preface);
      else if (options.reason === 'command') await step.context.sendActivity(ALREADY[options.lang]);
      return step.endDialog();
    }
    data.ratingAsked = true;
    await step.context.sendActivity(ratingPromptActivity(options.lang, options.preface));
    return Dialog.EndOfTurn;
  }

  /** Reads the face; a red face goes on to the reason. Anything else ends the rating unasked. */
  private async faceStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as RatingDialogOptions;
    const activity = step.context.activity;
    const face = parseFace(activity.value, activity.text);
    if (face === undefined) return step.endDialog({ unhandled: true } satisfies RatingDialogResult);
    if (face === 'skip') {
      await this.finishSession(step.context);
      await step.context.sendActivity(
        options.lang === 'it' ? 'Va bene, nessun problema.' : 'All right, no problem.',
      );
      return step.endDialog();
    }
    const stored = await this.record(step.context, face, options.lang);
    if (!stored) return step.endDialog();
    if (face !== 'negative') {
      await this.finishSession(step.context);
      await step.context.sendActivity(THANKS[options.lang]);
      return step.endDialog();
    }
    await step.context.sendActivity(reasonPromptActivity(options.lang, this.reasons));
    return Dialog.EndOfTurn;
  }

  /** Reads the reason of a red face and asks an optional comment. */
  private async reasonStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as RatingDialogOptions;
    const activity = step.context.activity;
    const reason = parseReason(activity.value, activity.text, this.reasons);
    if (reason === undefined || reason === 'skip') {
      await this.finishSession(step.context);
      await step.context.sendActivity(THANKS[options.lang]);
      return reason === undefined ? step.endDialog({ unhandled: true }) : step.endDialog();
    }
    (step.values as { reason?: string }).reason = reason;
    await step.context.sendActivity(commentPromptActivity(options.lang, this.commentMaxLength));
    return Dialog.EndOfTurn;
  }

  /** Stores the reason with the comment, if any (masked and cut by the store). */
  private async commentStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as RatingDialogOptions;
    const activity = step.context.activity;
    const skipped = (activity.value as { ratingComment?: string } | undefined)?.ratingComment === 'skip';
    const comment = skipped ? undefined : activity.text?.trim() || undefined;
    const data = await this.data.get(step.context, emptyConversationData());
    try {
      if (data.sessionId)
        await this.ratings.addReason(data.sessionId, (step.values as { reason: string }).reason, comment);
    } catch {
      // Already given (a replay): nothing changes.
    }
    await this.finishSession(step.context);
    await step.context.sendActivity(THANKS[options.lang]);
    return step.endDialog();
  }

  private async record(context: TurnContext, face: Face, lang: Lang): Promise<boolean> {
    const data = await this.data.get(context, emptyConversationData());
    data.sessionId ??= newSessionId();
    try {
      await this.ratings.record({
        conversationId: data.sessionId,
        channel: context.activity.channelId,
        face,
        procedureIds: data.procedures,
        handledBy: data.handledCase?.operator ? 'operator' : 'bot',
        ...(data.handledCase?.queue ? { queue: data.handledCase.queue } : {}),
        ...(data.handledCase?.operator ? { operator: data.handledCase.operator } : {}),
        ...(context.activity.locale ? { locale: context.activity.locale } : {}),
        conversationStartedAt: data.startedAt ?? new Date().toISOString(),
      });
      return true;
    } catch {
      await context.sendActivity(NOT_SAVED[lang]);
      return false;
    }
  }

  /** The session is over: the next message starts a new one (with its own rating). */
  private async finishSession(context: TurnContext): Promise<void> {
    const data = await this.data.get(context, emptyConversationData());
    const fresh = emptyConversationData();
    if (data.sessionId) data.previousSessionId = data.sessionId;
    data.sessionId = newSessionId();
    data.procedures = fresh.procedures;
    data.misses = 0;
    data.ratingAsked = false;
    delete data.handledCase;
    delete data.startedAt;
  }
}
