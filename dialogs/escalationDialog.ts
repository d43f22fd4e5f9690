import {
  ActionTypes,
  type Activity,
  MessageFactory,
  type StatePropertyAccessor,
  TurnContext,
} from 'botbuilder-core';
import {
  ComponentDialog,
  type DialogContext,
  type DialogTurnResult,
  DialogTurnStatus,
  type PromptValidatorContext,
  TextPrompt,
  WaterfallDialog,
  type WaterfallStepContext,
} from './botbuilderDialogs';
import type { Lang } from '../bots/texts';
import type { CaseContact } from '../handoff/case';
import type { HandoffDesk } from '../handoff/handoffDesk';
import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import { parseYesNo } from '../nlu/parseYesNo';
import { validateEmail, validatePhone } from '../nlu/validation';
import type { ConversationLog } from '../ratings/conversationLog';
import { type ConversationData, emptyConversationData } from './conversationData';
import type { ChildDialogOptions } from './mainDialog';
import { detectSmallTalk } from './smallTalk';
import { foldForMatch, wordCount } from './textMatch';
import { NO_TRANSCRIPT, type TranscriptReader } from './transcript';

export const ESCALATION_DIALOG = 'escalationDialog';
const ESCALATION_WATERFALL = 'escalationWaterfall';
const CONSENT_PROMPT = 'escalationConsentPrompt';
const CONTACT_PROMPT = 'escalationContactPrompt';
const SUMMARY_PROMPT = 'escalationSummaryPrompt';

interface EscalationState {
  lang: Lang;
  queue: string;
  kind: 'live' | 'callback';
  procedureId?: string;
  /** The citizen's last question before asking for an operator (the answers to the prompts are not). */
  question?: string;
  contact?: CaseContact;
}

const T = {
  unavailable: {
    it: 'Gli operatori di Linea Amica sono momentaneamente non raggiungibili. Continuo a risponderti io; puoi riprovare tra qualche minuto oppure chiamare il centralino 0341 295111.',
    en: 'Linea Amica operators are momentarily unreachable. I can keep answering; try again in a few minutes or call +39 0341 295111.',
  },
  closed: {
    it: (queue: string, next?: string) =>
      `In questo momento l'ufficio "${queue}" è chiuso${next ? ` (riapre ${next})` : ''}. Puoi lasciare un messaggio con un tuo recapito: un operatore ti ricontatterà in orario d'ufficio.`,
    en: (queue: string, next?: string) =>
      `The "${queue}" office is closed now${next ? ` (it reopens ${next})` : ''}. You can leave a message with your contact details and an operator will get back to you during office hours.`,
  },
  noOperator: {
    it: (queue: string) =>
      `In questo momento nessun operatore di "${queue}" è disponibile. Puoi lasciare un messaggio con un tuo recapito: ti ricontatteremo appena possibile.`,
    en: (queue: string) =>
      `No "${queue}" operator is available right now. You can leave a message with your contact details and we will get back to you as soon as possible.`,
  },
  live: {
    it: (queue: string) => `Ti metto in contatto con un operatore di Linea Amica – ${queue}.`,
    en: (queue: string) => `I will put you in touch with a Linea Amica operator – ${queue}.`,
  },
  consentAgain: { it: 'Rispondi Sì o No, per favore.', en: 'Please answer Yes or No.' },
  declined: {
    it: 'Va bene, niente operatore: continuo a risponderti io. Puoi anche chiamare il centralino 0341 295111.',
    en: 'All right, no operator: I will keep answering. You can also call +39 0341 295111.',
  },
  contactLive: {
    it: 'Se vuoi essere ricontattato in caso di bisogno, scrivimi un indirizzo email o un numero di telefono; altrimenti scrivi «salta».',
    en: 'If you would like to be contacted back if needed, write an email address or a phone number; otherwise write "skip".',
  },
  contactCallback: {
    it: 'Scrivimi un indirizzo email o un numero di telefono a cui ricontattarti.',
    en: 'Please write an email address or a phone number we can contact you at.',
  },
  contactRequired: {
    it: 'Per essere ricontattato mi serve un indirizzo email o un numero di telefono.',
    en: 'To contact you back we need an email address or a phone number.',
  },
  summary: {
    it: 'In una riga: di che cosa hai bisogno?',
    en: 'In one line: what do you need?',
  },
  queued: {
    it: (queue: string, position: number, minutes: number) =>
      `Sei in coda per Linea Amica – ${queue}: sei al ${position}° posto, attesa stimata circa ${minutes} minut${minutes === 1 ? 'o' : 'i'}. Puoi continuare a scrivere: i tuoi messaggi arrivano all'operatore. Scrivi «annulla» per tornare all'assistente virtuale.`,
    en: (queue: string, position: number, minutes: number) =>
      `You are in the Linea Amica – ${queue} queue: position ${position}, estimated wait about ${minutes} minute${minutes === 1 ? '' : 's'}. You can keep writing: your messages reach the operator. Write "cancel" to go back to the virtual assistant.`,
  },
  callbackQueued: {
    it: (id: string) =>
      `Ho registrato la tua richiesta (n. ${id}): un operatore di Linea Amica ti ricontatterà in orario d'ufficio. Intanto posso continuare a risponderti.`,
    en: (id: string) =>
      `Your request has been registered (no. ${id}): a Linea Amica operator will contact you during office hours. Meanwhile I can keep answering.`,
  },
  questionInstead: {
    it: 'Va bene, lascio stare la richiesta di un operatore e rispondo alla tua domanda. Se poi vuoi parlare con una persona scrivi «operatore».',
    en: 'All right, I will drop the request for an operator and answer your question. Write "operator" if you want a person later.',
  },
  cancelled: {
    it: 'Va bene, ho annullato la richiesta di un operatore. Continuo a risponderti io.',
    en: 'All right, I cancelled the request for an operator. I will keep answering.',
  },
  failed: {
    it: 'Non sono riuscito a inoltrare la richiesta agli operatori. Riprova tra qualche minuto oppure chiama il centralino 0341 295111.',
    en: 'I could not pass your request to the operators. Try again in a few minutes or call +39 0341 295111.',
  },
} as const;

const SKIP = /^(salta|no|niente|nessuno|no grazie|skip|no thanks|none)$/;

/** Words from which a reply to the consent question is a new question, not a confused yes/no. */
const NEW_QUESTION_MIN_WORDS = 3;

function isNewQuestion(text: string): boolean {
  return (
    wordCount(text) >= NEW_QUESTION_MIN_WORDS &&
    parseYesNo(text) === undefined &&
    detectSmallTalk(text) !== 'operator'
  );
}

function yesNoPrompt(text: string, lang: Lang): Partial<Activity> {
  const reply = MessageFactory.text(text);
  const yes = lang === 'it' ? 'Sì' : 'Yes';
  reply.suggestedActions = {
    actions: [
      { type: ActionTypes.ImBack, title: yes, value: yes },
      { type: ActionTypes.ImBack, title: 'No', value: 'No' },
    ],
    to: [],
  };
  return reply;
}

function formatNext(date: Date | undefined, lang: Lang): string | undefined {
  if (!date) return undefined;
  return date.toLocaleString(lang === 'it' ? 'it-IT' : 'en-GB', {
    timeZone: 'Europe/Rome',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/**
 * Hands the conversation to Linea Amica: privacy notice and consent, an optional (or, for a
 * callback, required) validated contact, a one-line summary when the conversation does not make
 * the need clear, then a case in the queue of the procedure's area.
 */
export class EscalationDialog extends ComponentDialog {
  constructor(
    private readonly desk: HandoffDesk,
    private readonly knowledge: KnowledgeBase,
    private readonly data: StatePropertyAccessor<ConversationData>,
    private readonly log?: ConversationLog,
    /** The conversation so far, for the case (none when the dialog runs without the bot). */
    private readonly transcript: TranscriptReader = NO_TRANSCRIPT,
  ) {
    super(ESCALATION_DIALOG);
    this.addDialog(new TextPrompt(CONSENT_PROMPT, this.validateConsent.bind(this)));
    this.addDialog(new TextPrompt(CONTACT_PROMPT, this.validateContact.bind(this)));
    this.addDialog(new TextPrompt(SUMMARY_PROMPT));
    this.addDialog(
      new WaterfallDialog(ESCALATION_WATERFALL, [
        this.consentStep.bind(this),
        this.contactStep.bind(this),
        this.summaryStep.bind(this),
        this.queueStep.bind(this),
      ]),
    );
    this.initialDialogId = ESCALATION_WATERFALL;
  }

  /** "annulla" at any prompt takes the citizen back to the bot. */
  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    const text = inner.context.activity.text ?? '';
    if (detectSmallTalk(text) === 'cancel') {
      const state = this.stateOf(inner);
      await inner.context.sendActivity(T.cancelled[state?.lang ?? 'it']);
      return inner.cancelAllDialogs();
    }
    // Asked for consent, the citizen wrote a new question instead: drop the request and hand the
    // message back to the main dialog, which answers it (instead of "answer Yes or No" forever).
    if (inner.activeDialog?.id === CONSENT_PROMPT && isNewQuestion(text)) {
      const state = this.stateOf(inner);
      await inner.context.sendActivity(T.questionInstead[state?.lang ?? 'it']);
      await inner.cancelAllDialogs();
      return { status: DialogTurnStatus.complete, result: { unhandled: true } };
    }
    return super.onContinueDialog(inner);
  }

  /** Checks the queue can be reached, shows the privacy notice and asks consent. */
  private async consentStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as ChildDialogOptions;
    const lang = options.lang;
    const area = options.procedureId ? this.knowledge.get(options.procedureId)?.area : undefined;
    const queue = this.desk.queueFor(area);
    const name = this.desk.queueName(queue);
    const availability = await this.desk.availability(queue);
    if (availability.kind === 'unavailable') {
      await step.context.sendActivity(T.unavailable[lang]);
      return step.endDialog();
    }
    const question = await this.lastQuestion(step.context);
    const state: EscalationState = {
      lang,
      queue,
      kind: availability.kind,
      ...(options.procedureId ? { procedureId: options.procedureId } : {}),
      ...(question ? { question } : {}),
    };
    (step.values as { escalation?: EscalationState }).escalation = state;
    const intro =
      availability.kind === 'live'
        ? T.live[lang](name)
        : availability.why === 'closed'
          ? T.closed[lang](name, formatNext(availability.nextOpening, lang))
          : T.noOperator[lang](name);
    const privacy = this.desk.privacy;
    const notice = lang === 'it' ? `${privacy.notice}\n\n${privacy.consentQuestion}` : `${ENGLISH_NOTICE}`;
    return step.prompt(CONSENT_PROMPT, {
      prompt: yesNoPrompt(`${intro}\n\n${notice}`, lang),
      retryPrompt: yesNoPrompt(T.consentAgain[lang], lang),
    });
  }

  /** Consent given: asks a contact (optional for a live chat, required for a callback). */
  private async contactStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    if (parseYesNo(String(step.result)) !== true) {
      await step.context.sendActivity(T.declined[state.lang]);
      return step.endDialog();
    }
    return step.prompt(CONTACT_PROMPT, {
      prompt: state.kind === 'live' ? T.contactLive[state.lang] : T.contactCallback[state.lang],
      validations: { kind: state.kind, lang: state.lang },
    });
  }

  /** Asks a one-line summary when the conversation does not already make the need clear. */
  private async summaryStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    state.contact = { consent: true, ...contactFrom(String(step.result)) };
    if (state.procedureId || state.question) return step.next();
    return step.prompt(SUMMARY_PROMPT, { prompt: T.summary[state.lang] });
  }

  /** Opens the case and tells the citizen their position and estimated wait. */
  private async queueStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = this.state(step);
    const context = step.context;
    const data = await this.data.get(context, emptyConversationData());
    // The summary prompt's answer, when it was asked (otherwise the result is the contact).
    const typed =
      !state.procedureId && !state.question && typeof step.result === 'string' ? step.result.trim() : '';
    const entry = state.procedureId ? this.knowledge.get(state.procedureId) : undefined;
    const summary = typed || state.question || entry?.title;
    try {
      const queued = await this.desk.open({
        kind: state.kind,
        queue: state.queue,
        channel: context.activity.channelId,
        conversationId: context.activity.conversation.id,
        conversationReference: {
          ...TurnContext.getConversationReference(context.activity),
          sessionId: data.sessionId,
        } as Record<string, unknown>,
        ...(state.procedureId ? { procedureId: state.procedureId } : {}),
        ...(summary ? { summary: summary.slice(0, 200) } : {}),
        ...(state.contact ? { contact: state.contact } : {}),
        ...(context.activity.locale ? { locale: context.activity.locale } : {}),
        transcript: await this.transcript.read(context),
      });
      const c = queued.case;
      if (data.sessionId) void this.log?.escalated(data.sessionId, c.queue).catch(() => undefined);
      const name = this.desk.queueName(c.queue);
      const text =
        c.kind === 'callback'
          ? T.callbackQueued[state.lang](c.id.slice(0, 8).toUpperCase())
          : T.queued[state.lang](name, queued.wait?.position ?? 1, queued.wait?.minutes ?? 1);
      await context.sendActivity({
        ...MessageFactory.text(text),
        channelData: {
          handoff: {
            caseId: c.id,
            state: c.state,
            ...(queued.wait ? { position: queued.wait.position } : {}),
          },
        },
      });
    } catch {
      await context.sendActivity(T.failed[state.lang]);
    }
    return step.endDialog();
  }

  /** The citizen's last message that was a question (not small talk), when escalation starts. */
  private async lastQuestion(context: TurnContext): Promise<string | undefined> {
    return (await this.transcript.read(context))
      .reverse()
      .find((l) => l.from === 'citizen' && !detectSmallTalk(l.text))?.text;
  }

  private async validateConsent(prompt: PromptValidatorContext<string>): Promise<boolean> {
    return prompt.recognized.succeeded && parseYesNo(prompt.recognized.value ?? '') !== undefined;
  }

  /** An email or a phone, validated; a wrong one is re-asked with the reason. */
  private async validateContact(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const text = (prompt.recognized.value ?? '').trim();
    const state = prompt.options.validations as Pick<EscalationState, 'kind' | 'lang'> | undefined;
    const lang = state?.lang ?? 'it';
    if (SKIP.test(foldForMatch(text))) {
      if (state?.kind === 'callback') {
        await prompt.context.sendActivity(T.contactRequired[lang]);
        return false;
      }
      return true;
    }
    const result = text.includes('@') ? validateEmail(text) : validatePhone(text);
    if (!result.ok) {
      await prompt.context.sendActivity(result.reason);
      return false;
    }
    return true;
  }

  private state(step: WaterfallStepContext): EscalationState {
    return (step.values as { escalation: EscalationState }).escalation;
  }

  /** The waterfall's state, seen from inside the component (the prompt is on top of the stack). */
  private stateOf(inner: DialogContext): EscalationState | undefined {
    for (const instance of inner.stack) {
      const values = (instance.state as { values?: { escalation?: EscalationState } } | undefined)?.values;
      if (values?.escalation) return values.escalation;
    }
    return undefined;
  }
}

const ENGLISH_NOTICE =
  'To put you in touch with an operator of the Province of Lecco we record this conversation and, if you give them, your email address or phone number. We use them only to answer your request (EU Regulation 2016/679, art. 6.1.e); the data controller is the Province of Lecco. Do you agree to the use of your contact data?';

function contactFrom(text: string): Omit<CaseContact, 'consent'> {
  const trimmed = text.trim();
  if (SKIP.test(foldForMatch(trimmed))) return {};
  if (trimmed.includes('@')) {
    const r = validateEmail(trimmed);
    return r.ok ? { email: r.value } : {};
  }
  const r = validatePhone(trimmed);
  return r.ok ? { phone: r.value } : {};
}
