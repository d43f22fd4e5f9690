import { type Activity, ActionTypes, CardFactory, type CardAction, MessageFactory } from 'botbuilder-core';
import type { Lang } from '../bots/texts';
import type { KnowledgeEntry } from '../knowledge/entry';
import { type Facet, FACET_LABELS, facetText, GENERAL_CONTACTS } from './facets';

/** The value a button sends back: show a facet of an entry, open an entry, or ask for an operator. */
export type ButtonValue =
  { facet: Facet; procedureId: string } | { procedureId: string } | { action: 'operator' };

const OPERATOR_LABEL: Record<Lang, string> = { it: 'Parla con un operatore', en: 'Talk to an operator' };

function button(title: string, value: ButtonValue): CardAction {
  // messageBack: the citizen sees their choice in the transcript, the bot gets the value.
  return { type: ActionTypes.MessageBack, title, text: title, displayText: title, value };
}

export function operatorButton(lang: Lang): CardAction {
  return button(OPERATOR_LABEL[lang], { action: 'operator' });
}

function title(entry: KnowledgeEntry, lang: Lang): string {
  return lang === 'en' && entry.titleEn ? entry.titleEn : entry.title;
}

function summary(entry: KnowledgeEntry, lang: Lang): string {
  return lang === 'en' && entry.summaryEn ? entry.summaryEn : entry.summary;
}

/** Key facts for the card: office, deadline, costs in one line each. */
function keyFacts(entry: KnowledgeEntry, lang: Lang): string {
  const it = lang === 'it';
  const facts: string[] = [];
  if (entry.office) facts.push(`${it ? 'Ufficio' : 'Office'}: ${entry.office.name}`);
  if (entry.deadlineDays)
    facts.push(`${it ? 'Tempi' : 'Time limit'}: ${entry.deadlineDays} ${it ? 'giorni' : 'days'}`);
  if (entry.costs?.fees.length)
    facts.push(
      `${it ? 'Costi' : 'Costs'}: ${entry.costs.fees.map((f) => `€ ${f.amountEur.toLocaleString('it-IT')} (${f.description})`).join('; ')}`,
    );
  else if (entry.costs?.marcaDaBollo) facts.push(it ? 'Costi: marca da bollo' : 'Costs: revenue stamp');
  return facts.join('\n');
}

function procedureButtons(entry: KnowledgeEntry, lang: Lang): CardAction[] {
  const facets: Facet[] = ['documents', 'costs', 'times', 'where'];
  const buttons = facets.map((f) => button(FACET_LABELS[f][lang], { facet: f, procedureId: entry.id }));
  if (entry.onlineService)
    buttons.push({ type: ActionTypes.OpenUrl, title: FACET_LABELS.online[lang], value: entry.onlineService });
  buttons.push(operatorButton(lang));
  return buttons;
}

/**
 * Answers built from each entry, by language and facet. They depend only on the entry, which the
 * knowledge base never changes (a new KB has new entry objects): each is built once and frozen,
 * and every turn gets its own shallow copy, to which the adapters add id, conversation and
 * replyToId.
 */
const builtReplies = new WeakMap<KnowledgeEntry, Map<string, Readonly<Partial<Activity>>>>();

function cachedReply(entry: KnowledgeEntry, key: string, build: () => Partial<Activity>): Partial<Activity> {
  let replies = builtReplies.get(entry);
  if (!replies) {
    replies = new Map();
    builtReplies.set(entry, replies);
  }
  let template = replies.get(key);
  if (!template) {
    template = deepFreeze(build());
    replies.set(key, template);
  }
  return { ...template };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The first answer from an entry: a short text and a card with the key facts and the follow-up buttons. */
export function answerActivity(entry: KnowledgeEntry, lang: Lang): Partial<Activity> {
  return cachedReply(entry, lang, () => buildAnswerActivity(entry, lang));
}

/** A follow-up on an entry already discussed ("quanto costa?"). */
export function facetActivity(entry: KnowledgeEntry, facet: Facet, lang: Lang): Partial<Activity> {
  return cachedReply(entry, `${lang}:${facet}`, () => buildFacetActivity(entry, facet, lang));
}

/** answerActivity without the cache (for tests). */
export function buildAnswerActivity(entry: KnowledgeEntry, lang: Lang): Partial<Activity> {
  const channelData = { procedureId: entry.id };
  if (entry.type === 'rinvio' && entry.competentAuthority) {
    const ca = entry.competentAuthority;
    const text =
      lang === 'it'
        ? `${summary(entry, lang)}\n\nNon è una pratica della Provincia: è competente **${ca.name}**. ${ca.howToReach}`
        : `${summary(entry, lang)}\n\nThis is not handled by the Province: the competent body is **${ca.name}**. ${ca.howToReach}`;
    const buttons: CardAction[] = ca.url
      ? [{ type: ActionTypes.OpenUrl, title: ca.name, value: ca.url }]
      : [];
    buttons.push(operatorButton(lang));
    const reply = MessageFactory.text(text);
    reply.suggestedActions = { actions: buttons, to: [] };
    return { ...reply, channelData };
  }
  if (entry.type === 'info') {
    const reply = MessageFactory.text(
      [summary(entry, lang), lang === 'it' ? entry.description : undefined].filter(Boolean).join('\n\n'),
    );
    return { ...reply, channelData };
  }
  const card = CardFactory.heroCard(
    title(entry, lang),
    keyFacts(entry, lang),
    undefined,
    procedureButtons(entry, lang),
  );
  const reply = MessageFactory.attachment(card, summary(entry, lang));
  return { ...reply, channelData };
}

/** facetActivity without the cache (for tests). */
export function buildFacetActivity(entry: KnowledgeEntry, facet: Facet, lang: Lang): Partial<Activity> {
  const heading = `**${FACET_LABELS[facet][lang]} – ${title(entry, lang)}**`;
  const reply = MessageFactory.text(`${heading}\n\n${facetText(entry, facet, lang)}`);
  const others: Facet[] = (['documents', 'costs', 'times', 'where'] as Facet[]).filter((f) => f !== facet);
  reply.suggestedActions = {
    actions: [
      ...others.map((f) => button(FACET_LABELS[f][lang], { facet: f, procedureId: entry.id })),
      operatorButton(lang),
    ],
    to: [],
  };
  return { ...reply, channelData: { procedureId: entry.id, facet } };
}

/** Two close candidates: "Intendevi…?" with both as buttons. */
export function disambiguationActivity(entries: KnowledgeEntry[], lang: Lang): Partial<Activity> {
  const reply = MessageFactory.text(
    lang === 'it' ? 'Intendevi una di queste?' : 'Did you mean one of these?',
  );
  reply.suggestedActions = {
    actions: [
      ...entries.map((e) => button(title(e, lang), { procedureId: e.id })),
      button(lang === 'it' ? 'Nessuna delle due' : 'Neither', { action: 'operator' }),
    ],
    to: [],
  };
  return { ...reply, channelData: { candidates: entries.map((e) => e.id) } };
}

const AREA_NAMES: Record<string, Record<Lang, string>> = {
  trasporti: { it: 'i trasporti', en: 'transport' },
  strade: { it: 'le strade provinciali', en: 'provincial roads' },
  ambiente: { it: "l'ambiente", en: 'the environment' },
  'caccia-pesca': { it: 'la caccia e la pesca', en: 'hunting and fishing' },
  lavoro: { it: 'il lavoro', en: 'employment' },
  istruzione: { it: 'le scuole', en: 'schools' },
  turismo: { it: 'il turismo', en: 'tourism' },
  generale: { it: 'i servizi della Provincia', en: "the Province's services" },
  info: { it: 'i servizi della Provincia', en: "the Province's services" },
};

/** A vague question: ask for more, with the most likely topics as options (not a guess). */
export function clarifyActivity(
  area: string | undefined,
  options: KnowledgeEntry[],
  lang: Lang,
): Partial<Activity> {
  const about = area ? AREA_NAMES[area]?.[lang] : undefined;
  const text =
    lang === 'it'
      ? `${about ? `La tua domanda riguarda ${about}, ma ` : ''}ho bisogno di qualche dettaglio in più: che cosa devi fare, esattamente? Puoi scriverlo con parole tue oppure scegliere un argomento.`
      : `${about ? `Your question is about ${about}, but ` : ''}I need a few more details: what exactly do you need to do? Write it in your own words or pick a topic.`;
  const reply = MessageFactory.text(text);
  reply.suggestedActions = {
    actions: options.map((e) => button(title(e, lang), { procedureId: e.id })),
    to: [],
  };
  return { ...reply, channelData: { clarify: { area: area ?? null, options: options.map((e) => e.id) } } };
}

/** What a facet question asks about, as the object of "vuoi sapere …" / "do you want to know …". */
const FACET_ASKED: Record<Facet, Record<Lang, string>> = {
  documents: { it: 'i documenti da presentare', en: 'the documents to present' },
  costs: { it: 'i costi', en: 'the costs' },
  times: { it: 'i tempi', en: 'the time limits' },
  where: { it: 'dove e quando rivolgerti', en: 'where and when to go' },
  online: { it: 'il servizio online', en: 'about the online service' },
  who: { it: 'chi può chiederlo', en: 'who may apply' },
  remedies: { it: 'come fare ricorso', en: 'how to appeal' },
  followUp: { it: 'come seguire la tua pratica', en: 'how to follow your case' },
  legal: { it: 'la normativa', en: 'the legal references' },
};

/** A question on a facet with no procedure in view ("quanto costa?"): which procedure, not a guess. */
export function whichProcedureActivity(facet: Facet, lang: Lang): Partial<Activity> {
  const example =
    lang === 'it'
      ? 'per esempio «licenza di pesca» o «passo carraio»'
      : 'for example "fishing licence" or "driveway"';
  // "Dove siete?": the Province's own contacts first, then the office of a procedure.
  const text =
    facet === 'where'
      ? lang === 'it'
        ? `La Provincia di Lecco ha sede in Piazza Stazione 4, 23900 Lecco: ${GENERAL_CONTACTS.it}. Se cerchi l'ufficio di un procedimento, scrivimi quale, ${example}.`
        : `The Province of Lecco is at Piazza Stazione 4, 23900 Lecco: ${GENERAL_CONTACTS.en}. If you are looking for the office of a procedure, tell me which one, ${example}.`
      : lang === 'it'
        ? `Di quale procedimento vuoi sapere ${FACET_ASKED[facet].it}? Scrivimi il nome, ${example}.`
        : `For which procedure do you want to know ${FACET_ASKED[facet].en}? Write its name, ${example}.`;
  const reply = MessageFactory.text(text);
  reply.suggestedActions = { actions: [operatorButton(lang)], to: [] };
  return { ...reply, channelData: { askedFacet: facet } };
}
