import { type Activity, MessageFactory, type TurnContext } from 'botbuilder-core';
import type { Dialog } from './botbuilderDialogs';
import { type Lang, langFromLocale, TEXTS } from '../bots/texts';
import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import type { Interpretation, SearchRequestOptions } from '../knowledge/search';
import type { Entity } from '../nlu/entity';
import { recognizeEntities } from '../nlu/recognizeEntities';
import { checkCodiceFiscale } from '../nlu/validation';
import type { ConversationLog } from '../ratings/conversationLog';
import { type ConversationData, newSessionId } from './conversationData';
import {
  answerActivity,
  type ButtonValue,
  clarifyActivity,
  disambiguationActivity,
  facetActivity,
  operatorButton,
  whichProcedureActivity,
} from './entryReplies';
import { type Facet, FACETS } from './facets';
import { type MessageReading, MessageReader } from './messageReading';
import { parseFace, ratingPromptActivity } from './ratingReplies';
import type { SmallTalk } from './smallTalk';

/** What the main dialog needs from the knowledge engine. */
export interface QuestionInterpreter {
  interpret(text: string, options?: SearchRequestOptions): Interpretation;
}

/** Child dialogs started by the main dialog; each receives `{ lang, reason }` as options. */
export interface MainDialogChildren {
  /** Hands the conversation to a Linea Amica operator (escalation issue). */
  escalation?: Dialog;
  /** Asks the "Mettiamoci la faccia" rating (rating issue). */
  rating?: Dialog;
  /** Service statistics (conversations started, answered by the bot) for the reports. */
  log?: ConversationLog;
  /** After this much silence, the citizen's next message also brings the rating question. */
  ratingIdleMs?: number;
  /** Reads message texts (language, small talk, facet); one with its default cache if not given. */
  reader?: MessageReader;
}

export interface ChildDialogOptions {
  lang: Lang;
  reason: 'asked' | 'misses' | 'entry' | 'goodbye' | 'command';
  procedureId?: string;
}

/** How the main dialog is told to start with the rating (after an operator closed the case). */
export interface MainDialogStart {
  start: 'rating';
  lang: Lang;
}

/** A child dialog to begin, and its options. */
export interface ChildStart {
  id: string;
  options: object;
}

/** What a citizen's message led to: answered in full, or a child dialog to begin. */
export type Route = { kind: 'done' } | { kind: 'child'; child: ChildStart };

const DONE: Route = { kind: 'done' };

/** Consecutive misses after which the bot offers an operator. */
const MISSES_BEFORE_OPERATOR = 2;

const REPLIES: Record<Exclude<SmallTalk, 'operator' | 'rate'>, Record<Lang, string>> = {
  greeting: {
    it: 'Buongiorno! Scrivimi pure la tua domanda sui servizi della Provincia di Lecco.',
    en: "Hello! Ask me anything about the Province of Lecco's services.",
  },
  thanks: {
    it: 'Prego! Se hai altre domande scrivi pure.',
    en: "You're welcome! Ask me if you need anything else.",
  },
  goodbye: {
    it: 'Arrivederci e grazie per aver scritto alla Provincia di Lecco.',
    en: 'Goodbye, and thank you for contacting the Province of Lecco.',
  },
  insult: {
    it: 'Mi dispiace se non ti sono stato utile. Prova a riscrivere la domanda con altre parole, oppure chiedi di parlare con un operatore.',
    en: "I'm sorry I haven't been helpful. Try asking in other words, or ask to talk to an operator.",
  },
  help: {
    it: 'Posso rispondere a domande sui procedimenti della Provincia di Lecco: trasporti (autoscuole, autotrasporto), strade provinciali (passi carrai, trasporti eccezionali, segnalazioni), ambiente, caccia e pesca, lavoro, accesso agli atti e altro. Scrivi la domanda con parole tue; dopo la risposta puoi chiedere documenti, costi, tempi e dove andare. Per una persona di Linea Amica scrivi "operatore".',
    en: 'I can answer questions about the Province of Lecco\'s procedures: transport, provincial roads, environment, hunting and fishing, employment, access to documents and more. Ask in your own words; then you can ask about documents, costs, time limits and where to go. To talk to a Linea Amica operator write "operator".',
  },
  identity: {
    it: 'Sono l\'assistente virtuale della Provincia di Lecco: un programma, non una persona. Rispondo alle domande sui procedimenti della Provincia; per parlare con una persona di Linea Amica scrivi "operatore".',
    en: 'I am the virtual assistant of the Province of Lecco: a program, not a person. I answer questions about the Province\'s procedures; to talk to a person at Linea Amica write "operator".',
  },
  cancel: {
    it: 'Va bene. Se hai altre domande scrivi pure.',
    en: 'All right. Ask me if you need anything else.',
  },
};

const IDLE_PREFACE: Record<Lang, string> = {
  it: "Bentornato! Se vuoi, dimmi anche com'è andata la conversazione di prima (puoi ignorare la domanda).",
  en: 'Welcome back! If you like, tell us how the earlier conversation went (you may ignore this).',
};

const NO_OPERATOR: Record<Lang, string> = {
  it: 'Per parlare con una persona contatta la Provincia: centralino 0341 295111 (lunedì e mercoledì 9-13 e 15-17.30; martedì, giovedì e venerdì 9-14), PEC provincia.lecco@lc.legalmail.camcom.it.',
  en: 'To talk to a person contact the Province: switchboard +39 0341 295111, PEC provincia.lecco@lc.legalmail.camcom.it.',
};

/** The day a deadline of `days` days from `isoDate` falls on, said plainly. */
function deadlineText(isoDate: string, days: number, lang: Lang): string {
  const start = new Date(`${isoDate}T12:00:00Z`);
  const due = new Date(start.getTime() + days * 86_400_000);
  const fmt = (d: Date) =>
    d.toLocaleDateString(lang === 'it' ? 'it-IT' : 'en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
  return lang === 'it'
    ? `Se la domanda completa è arrivata il ${fmt(start)}, il termine di ${days} giorni scade il ${fmt(due)} (salvo sospensioni per richieste di integrazione).`
    : `If the complete application arrived on ${fmt(start)}, the ${days}-day deadline falls on ${fmt(due)} (unless suspended for missing documents).`;
}

/** The message's entities, recognised on first use (most answers need none). */
type Entities = () => Entity[];
const NO_ENTITIES: Entities = () => [];

function entitiesOf(text: string): Entities {
  let entities: Entity[] | undefined;
  return () => (entities ??= recognizeEntities(text));
}

function isButtonValue(value: unknown): value is ButtonValue {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.procedureId === 'string' || v.action === 'operator';
}

/**
 * One pass over a citizen's message: recognises buttons, small talk and follow-ups, asks the
 * knowledge base, and answers, asks back, or falls back honestly; or says which child dialog
 * (escalation, rating) must take over. Needs no dialog context: most messages are answered in
 * one step, and the bot then runs no dialog machinery at all (MainDialog runs the same routing
 * when a dialog is active).
 */
export class MainRouter {
  private readonly reader: MessageReader;

  constructor(
    private readonly knowledge: KnowledgeBase,
    private readonly interpreter: QuestionInterpreter,
    private readonly children: MainDialogChildren = {},
  ) {
    this.reader = children.reader ?? new MessageReader();
  }

  /** Decides what the citizen's message is and answers it, or says which child dialog starts. */
  async route(
    context: TurnContext,
    data: ConversationData,
    start?: Partial<MainDialogStart>,
  ): Promise<Route> {
    const activity = context.activity;
    if (!data.sessionId || !data.startedAt) {
      data.sessionId ??= newSessionId();
      data.startedAt = new Date().toISOString();
      this.logEvent(() =>
        this.children.log?.started({
          conversationId: data.sessionId ?? '',
          channel: activity.channelId ?? 'unknown',
          ...(activity.locale ? { locale: activity.locale } : {}),
        }),
      );
    }
    const text = (activity.text ?? '').trim();
    const reading = this.reader.read(text);
    const lang = this.language(activity, reading, data);
    const rating = this.children.rating;

    // After an operator closed the case: the rating of the operator's work.
    if (start?.start === 'rating' && rating)
      return child(rating, { lang: start.lang ?? lang, reason: 'operator-closed' });

    // A face pressed at any time counts (stored once per conversation).
    if (rating && parseFace(activity.value, undefined) !== undefined)
      return child(rating, { lang, reason: 'value' });

    // Back after a long silence: the rating of what came before, without blocking the question.
    const now = Date.now();
    const idle =
      rating !== undefined &&
      this.children.ratingIdleMs !== undefined &&
      data.lastActivityAt !== undefined &&
      now - Date.parse(data.lastActivityAt) > this.children.ratingIdleMs;
    data.lastActivityAt = new Date(now).toISOString();
    if (idle && !data.ratingAsked && data.procedures.length > 0) {
      data.ratingAsked = true;
      await context.sendActivity(ratingPromptActivity(lang, IDLE_PREFACE[lang]));
    }

    // What the bot asked about last turn, if it asked which procedure: for this message only.
    const asked = data.askedFacet;
    data.askedFacet = undefined;

    if (isButtonValue(activity.value)) {
      const value = activity.value;
      if ('action' in value) return this.operator(context, data, lang, 'asked');
      const entry = this.knowledge.get(value.procedureId);
      if (entry) {
        const facet = 'facet' in value && FACETS.includes(value.facet) ? value.facet : undefined;
        await this.answer(context, data, entry.id, lang, facet);
        return DONE;
      }
    }
    if (text === '') {
      await context.sendActivity(
        activity.attachments?.length
          ? lang === 'it'
            ? 'Non posso leggere allegati, foto o audio: scrivimi la domanda a parole, per favore.'
            : 'I cannot read attachments, photos or audio: please write your question.'
          : TEXTS.fallback[lang],
      );
      return DONE;
    }

    // A codice fiscale with a wrong check character is pointed out before anything else.
    const entities = entitiesOf(text);
    const badCf = reading.mayHoldCodiceFiscale
      ? entities().find((e) => e.type === 'codiceFiscale' && e.valid === false)
      : undefined;
    if (badCf) {
      const check = checkCodiceFiscale(badCf.text);
      if (!check.ok) await context.sendActivity(check.reason);
    }

    const small = reading.smallTalk;
    if (small === 'operator') return this.operator(context, data, lang, 'asked');
    if (small === 'rate' && rating) return child(rating, { lang, reason: 'command' });
    if ((small === 'goodbye' || small === 'thanks') && rating)
      return child(rating, { lang, reason: 'goodbye', preface: REPLIES[small][lang] });
    if (small && small !== 'rate') {
      await context.sendActivity(REPLIES[small][lang]);
      return DONE;
    }

    const facet = reading.facet ?? asked;
    const interpretation = this.interpreter.interpret(text, { language: lang });
    const best = interpretation.procedures[0];
    // The words that may name a procedure: without the facet's own ("costa", "bollo", "online").
    const topic = reading.facetRest ?? text;
    // A question on a facet follows up on the procedure just discussed ("quanto costa?",
    // "how long does it take?") unless its other words alone clearly ask about another one
    // ("quanto costa il passo carraio?"): the facet's own words ("costa", "bollo", "online",
    // "take") must not pull it elsewhere.
    const followUp =
      facet !== undefined &&
      data.lastProcedureId !== undefined &&
      (interpretation.decision !== 'answer' ||
        best?.id === data.lastProcedureId ||
        !this.namesProcedure(topic, lang, best?.id));
    if (followUp && data.lastProcedureId) {
      await this.answer(context, data, data.lastProcedureId, lang, facet, entities);
      return DONE;
    }
    // Nothing to follow up on, and nothing found ("quanto costa?", "e i tempi?"): ask which
    // procedure, rather than say nothing is known. (A match found is answered: the facet's words
    // are the very topic of some entries, "orari" of the contacts, "pagare" of pagoPA.)
    if (reading.facet && !data.lastProcedureId && interpretation.decision === 'none') {
      data.misses = 0;
      data.askedFacet = reading.facet;
      await context.sendActivity(whichProcedureActivity(reading.facet, lang));
      return DONE;
    }

    switch (interpretation.decision) {
      case 'answer': {
        const entry = best ? this.knowledge.get(best.id) : undefined;
        if (!entry) break;
        await this.answer(context, data, entry.id, lang, facet, entities);
        if (entry.escalate && this.children.escalation)
          return child(this.children.escalation, {
            lang,
            reason: 'entry',
            procedureId: entry.id,
          } satisfies ChildDialogOptions);
        return DONE;
      }
      case 'ambiguous': {
        const entries = this.entries(interpretation, 2);
        if (entries.length < 2) break;
        data.misses = 0;
        await context.sendActivity(disambiguationActivity(entries, lang));
        return DONE;
      }
      case 'vague': {
        data.misses = 0;
        await context.sendActivity(
          clarifyActivity(interpretation.area, this.entries(interpretation, 4), lang),
        );
        return DONE;
      }
      case 'none':
        break;
    }
    return this.fallback(context, data, lang);
  }

  /** True when `text` alone is a clear question on procedure `id`. */
  private namesProcedure(text: string, lang: Lang, id: string | undefined): boolean {
    const interpretation = this.interpreter.interpret(text, { language: lang });
    return interpretation.decision === 'answer' && interpretation.procedures[0]?.id === id;
  }

  private entries(interpretation: Interpretation, limit: number) {
    return interpretation.procedures
      .slice(0, limit)
      .map((p) => this.knowledge.get(p.id))
      .filter((e) => e !== undefined);
  }

  private async answer(
    context: TurnContext,
    data: ConversationData,
    id: string,
    lang: Lang,
    facet?: Facet,
    entities: Entities = NO_ENTITIES,
  ): Promise<void> {
    const entry = this.knowledge.get(id);
    if (!entry) return;
    data.lastProcedureId = id;
    data.misses = 0;
    if (!data.procedures.includes(id)) data.procedures.push(id);
    const session = data.sessionId;
    if (session) this.logEvent(() => this.children.log?.botAnswered(session, id));
    await context.sendActivity(facet ? facetActivity(entry, facet, lang) : answerActivity(entry, lang));
    // A matter of the Comune and the citizen named theirs: say which office to turn to.
    const comune =
      !facet && entry.type === 'rinvio' && /\bComune\b/.test(entry.competentAuthority?.name ?? '')
        ? entities().find((e) => e.type === 'comune')
        : undefined;
    if (comune)
      await context.sendActivity(
        lang === 'it'
          ? `Nel tuo caso è competente il Comune di ${String(comune.value)}: trovi orari e contatti sul suo sito.`
          : `In your case the competent office is the Comune di ${String(comune.value)}: see its website for hours and contacts.`,
      );
    // "I applied on 3 November: when do they answer?" -> the date the deadline falls on.
    const applied =
      facet === 'times' && entry.deadlineDays ? entities().find((e) => e.type === 'date') : undefined;
    if (entry.deadlineDays && applied && typeof applied.value === 'string')
      await context.sendActivity(deadlineText(applied.value, entry.deadlineDays, lang));
  }

  /** Nothing good: say so honestly, suggest rephrasing, offer an operator; after repeated misses, hand over. */
  private async fallback(context: TurnContext, data: ConversationData, lang: Lang): Promise<Route> {
    data.misses += 1;
    if (data.misses >= MISSES_BEFORE_OPERATOR && this.children.escalation) {
      data.misses = 0;
      await context.sendActivity(TEXTS.fallback[lang]);
      return this.operator(context, data, lang, 'misses');
    }
    const reply = MessageFactory.text(TEXTS.fallback[lang]);
    reply.suggestedActions = { actions: [operatorButton(lang)], to: [] };
    await context.sendActivity(reply);
    return DONE;
  }

  private async operator(
    context: TurnContext,
    data: ConversationData,
    lang: Lang,
    reason: ChildDialogOptions['reason'],
  ): Promise<Route> {
    if (this.children.escalation)
      return child(this.children.escalation, {
        lang,
        reason,
        procedureId: data.lastProcedureId,
      } satisfies ChildDialogOptions);
    await context.sendActivity(NO_OPERATOR[lang]);
    return DONE;
  }

  /** Statistics never break a citizen's turn. */
  private logEvent(write: () => Promise<void> | undefined): void {
    void Promise.resolve()
      .then(write)
      .catch(() => undefined);
  }

  /** English when the client says so or the message is clearly English; otherwise the conversation's language. */
  private language(activity: Partial<Activity>, reading: MessageReading, data: ConversationData): Lang {
    if (langFromLocale(activity.locale) === 'en') data.lang = 'en';
    else if (reading.language) data.lang = reading.language;
    return data.lang ?? 'it';
  }
}

function child(dialog: Dialog, options: object): Route {
  return { kind: 'child', child: { id: dialog.id, options } };
}
