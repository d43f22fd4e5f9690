import type { Candidate } from './entities/candidate';
import { findCodiciFiscali, mayContainCodiceFiscale } from './entities/codiceFiscale';
import { findEmails, mayContainEmail } from './entities/email';
import { findIbans, mayContainIban } from './entities/iban';
import { findPhones, mayContainPhone } from './entities/phone';
import { makeContext, type TextContext } from './textContext';

/** Kinds of personal data the masker can hide. */
export type PiiType = 'codiceFiscale' | 'email' | 'phone' | 'iban';

export interface PiiMaskOptions {
  /** Which kinds to mask. Default: all four. */
  types?: readonly PiiType[];
  /** Replacement text per kind. */
  labels?: Partial<Record<PiiType, string>>;
}

export const ALL_PII_TYPES: readonly PiiType[] = ['codiceFiscale', 'email', 'phone', 'iban'];

export const DEFAULT_PII_LABELS: Readonly<Record<PiiType, string>> = {
  codiceFiscale: '[codice fiscale]',
  email: '[email]',
  phone: '[telefono]',
  iban: '[iban]',
};

const NO_DAY = { year: 1970, month: 1, day: 1 };

/** An international number libphonenumber does not know is still personal: "+41 79 000 00 00". */
const INTERNATIONAL_RUN = /(?:\+|\b00)\d{1,3}(?:[\s./-]?\d){6,13}\b/g;
/** INTERNATIONAL_RUN without the global flag, whose test() would start where the last call stopped. */
const INTERNATIONAL_ANYWHERE = new RegExp(INTERNATIONAL_RUN.source);

interface Finder {
  /**
   * False only when `find` cannot find anything: most messages hold no personal data, and this
   * test spares them folding the text and running the finders. Each comes from its finder's own
   * patterns (a test only on a long alphanumeric run let every "autotrasportatore" through, and
   * skipped codes written in groups, "RSS MRA 85T10 A562S", which then reached the logs).
   */
  maybe: (text: string) => boolean;
  find: (ctx: TextContext) => Candidate[];
}

function withInternationalRuns(ctx: TextContext): Candidate[] {
  const found = findPhones(ctx);
  for (const m of ctx.text.matchAll(INTERNATIONAL_RUN)) {
    const end = m.index + m[0].length;
    found.push({ type: 'phone', text: m[0], start: m.index, end, value: m[0] });
  }
  return found;
}

const FINDERS: Readonly<Record<PiiType, Finder>> = {
  email: { maybe: mayContainEmail, find: findEmails },
  phone: {
    maybe: (t) => mayContainPhone(t) || INTERNATIONAL_ANYWHERE.test(t),
    find: withInternationalRuns,
  },
  codiceFiscale: { maybe: mayContainCodiceFiscale, find: findCodiciFiscali },
  iban: { maybe: mayContainIban, find: findIbans },
};

interface Span {
  start: number;
  end: number;
  label: string;
}

/** Builds a masker hiding the chosen kinds of personal data; spans are found by the entity recognizer. */
export function createPiiMasker(options: PiiMaskOptions = {}): (text: string) => string {
  const labels = { ...DEFAULT_PII_LABELS, ...options.labels };
  // Resolved once: a message without personal data costs one cheap test per kind, no allocation.
  const chosen = (options.types ?? ALL_PII_TYPES).map((type) => ({ ...FINDERS[type], label: labels[type] }));

  /** Masks `text`, whose first candidate kind is `chosen[first]`. */
  function mask(text: string, first: number): string {
    const ctx = makeContext(text, NO_DAY);
    const spans: Span[] = [];
    for (let i = first; i < chosen.length; i++) {
      const finder = chosen[i];
      if (!finder || (i > first && !finder.maybe(text))) continue;
      for (const c of finder.find(ctx)) spans.push({ start: c.start, end: c.end, label: finder.label });
    }
    // Longest first, so an IBAN hides the digits a phone finder saw inside it.
    spans.sort((a, b) => b.end - b.start - (a.end - a.start));
    const kept: Span[] = [];
    for (const s of spans) if (!kept.some((k) => k.start < s.end && s.start < k.end)) kept.push(s);
    kept.sort((a, b) => b.start - a.start);
    let out = text;
    for (const s of kept) out = out.slice(0, s.start) + s.label + out.slice(s.end);
    return out;
  }

  return (text: string): string => {
    if (text.length < 6) return text;
    for (let i = 0; i < chosen.length; i++) if (chosen[i]?.maybe(text)) return mask(text, i);
    return text;
  };
}

const maskAll = createPiiMasker();

/** Masks codici fiscali, emails, phone numbers and IBANs (used by the logger). */
export function maskPersonalData(text: string): string {
  return maskAll(text);
}
