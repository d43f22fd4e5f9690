import { ActionTypes, type Activity, type CardAction, MessageFactory } from 'botbuilder-core';
import type { Lang } from '../bots/texts';
import type { Face } from '../ratings/rating';
import type { RatingReason } from '../ratings/reasons';
import { foldForMatch } from './textMatch';

/** The three faces of "Mettiamoci la faccia", as buttons a screen reader reads correctly. */
const FACES: Array<{ face: Face; it: string; en: string }> = [
  { face: 'positive', it: '🟢 Soddisfatto', en: '🟢 Satisfied' },
  { face: 'neutral', it: '🟡 Non del tutto soddisfatto', en: '🟡 Not fully satisfied' },
  { face: 'negative', it: '🔴 Insoddisfatto', en: '🔴 Dissatisfied' },
];

const SKIP: Record<Lang, string> = { it: 'Salta', en: 'Skip' };

function postBack(title: string, value: object): CardAction {
  return { type: ActionTypes.PostBack, title, value };
}

/** The rating question: `channelData.ratingPrompt`, buttons sending `{"rating": face}`. */
export function ratingPromptActivity(lang: Lang, preface?: string): Partial<Activity> {
  const question =
    lang === 'it'
      ? 'Mettiamoci la faccia: come valuti il servizio che hai ricevuto? Scegli una faccina (oppure salta).'
      : 'How satisfied are you with the service you received? Pick a face (or skip).';
  const reply = MessageFactory.text(preface ? `${preface}\n\n${question}` : question);
  reply.suggestedActions = {
    actions: [
      ...FACES.map((f) => postBack(f[lang], { rating: f.face })),
      postBack(SKIP[lang], { rating: 'skip' }),
    ],
    to: [],
  };
  return { ...reply, channelData: { ratingPrompt: true } };
}

/** After a red face: `channelData.ratingReasonPrompt`, buttons sending `{"ratingReason": code}`. */
export function reasonPromptActivity(lang: Lang, reasons: readonly RatingReason[]): Partial<Activity> {
  const reply = MessageFactory.text(
    lang === 'it'
      ? 'Ci dispiace. Qual è il motivo principale della tua insoddisfazione?'
      : "We're sorry. What is the main reason you are dissatisfied?",
  );
  reply.suggestedActions = {
    actions: [
      ...reasons.map((r) => postBack(r.label, { ratingReason: r.code })),
      postBack(SKIP[lang], { ratingReason: 'skip' }),
    ],
    to: [],
  };
  return { ...reply, channelData: { ratingReasonPrompt: true } };
}

export function commentPromptActivity(lang: Lang, maxLength: number): Partial<Activity> {
  const reply = MessageFactory.text(
    lang === 'it'
      ? `Vuoi aggiungere un commento? Scrivilo qui (al massimo ${maxLength} caratteri, senza dati personali), oppure premi Salta.`
      : `Would you like to add a comment? Write it here (at most ${maxLength} characters, no personal data), or press Skip.`,
  );
  reply.suggestedActions = { actions: [postBack(SKIP[lang], { ratingComment: 'skip' })], to: [] };
  return { ...reply, channelData: { ratingCommentPrompt: true } };
}

const POSITIVE =
  /^(bene|molto bene|benissimo|ottimo|ottima|buono|soddisfatto|soddisfatta|verde|faccina verde|si|tutto bene|perfetto|good|great|satisfied|green)$/;
const NEUTRAL =
  /^(cosi cosi|abbastanza|insomma|non del tutto|non del tutto soddisfatto|sufficiente|giallo|faccina gialla|medio|so so|ok|okay|not fully|yellow)$/;
const NEGATIVE =
  /^(male|malissimo|pessimo|pessima|insoddisfatto|insoddisfatta|rosso|faccina rossa|scarso|non soddisfatto|bad|poor|dissatisfied|red)$/;
const SKIP_WORDS = /^(salta|no|no grazie|non ora|dopo|skip|no thanks|later)$/;

const EMOJI: Array<[RegExp, Face]> = [
  [/(🟢|😀|😃|😄|😊|🙂|👍|😍|❤️|💚)/u, 'positive'],
  [/(🟡|😐|😑|🤔|😕|💛)/u, 'neutral'],
  [/(🔴|🙁|☹️|😞|😠|😡|👎|😢|💔)/u, 'negative'],
];

const FOLDED_FACES = FACES.map((f) => [f.face, foldForMatch(f.it)] as const);

/** A face from a button value or a typed answer ("bene", "così così", "male", an emoji); 'skip' to skip. */
export function parseFace(value: unknown, text: string | undefined): Face | 'skip' | undefined {
  const v = value as { rating?: unknown } | undefined;
  if (v && typeof v === 'object' && typeof v.rating === 'string') {
    if (v.rating === 'positive' || v.rating === 'neutral' || v.rating === 'negative' || v.rating === 'skip')
      return v.rating;
  }
  const raw = (text ?? '').trim();
  // Nothing typed (the router asks on every message whether a face button was pressed).
  if (raw === '') return undefined;
  for (const [re, face] of EMOJI) if (re.test(raw)) return face;
  const folded = foldForMatch(raw)
    .replace(/^(direi|diciamo|mi sento|sono|e stato|e andata|tutto sommato)\s+/, '')
    .replace(/\s+(grazie|direi)$/, '');
  for (const [face, label] of FOLDED_FACES) if (folded === label) return face;
  if (POSITIVE.test(folded)) return 'positive';
  if (NEUTRAL.test(folded)) return 'neutral';
  if (NEGATIVE.test(folded)) return 'negative';
  if (SKIP_WORDS.test(folded)) return 'skip';
  return undefined;
}

/** A reason code from a button value or a typed label. */
export function parseReason(
  value: unknown,
  text: string | undefined,
  reasons: readonly RatingReason[],
): string | 'skip' | undefined {
  const v = value as { ratingReason?: unknown } | undefined;
  if (v && typeof v === 'object' && typeof v.ratingReason === 'string') {
    if (v.ratingReason === 'skip') return 'skip';
    return reasons.some((r) => r.code === v.ratingReason) ? v.ratingReason : undefined;
  }
  const folded = foldForMatch(text ?? '');
  if (SKIP_WORDS.test(folded)) return 'skip';
  const match = reasons.find((r) => foldForMatch(r.label) === folded || r.code === folded);
  return match?.code;
}
