import type { Candidate } from './entities/candidate';
import { findCodiciFiscali } from './entities/codiceFiscale';
import { findEmails } from './entities/email';
import { findIbans } from './entities/iban';
import { findPhones } from './entities/phone';
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

const FINDERS: Record<
  PiiType,
  { maybe: (text: string) => boolean; find: (ctx: TextContext) => Candidate[] }
> = {
  email: { maybe: (t) => t.includes('@'), find: findEmails },
  phone: { maybe: (t) => /\d(?:[\s./()-]?\d){5}/.test(t), find: findPhones },
  codiceFiscale: { maybe: (t) => /[A-Za-z0-9]{16}/.test(t), find: findCodiciFiscali },
  iban: { maybe: (t) => /[A-Za-z]{2} ?\d{2}/.test(t), find: findIbans },
};

/** An international number libphonenumber does not know is still personal: "+41 79 000 00 00". */
const INTERNATIONAL_RUN = /(?:\+|\b00)\d{1,3}(?:[\s./-]?\d){6,13}\b/g;

/** Builds a masker hiding the chosen kinds of personal data; spans are found by the entity recognizer. */
export function createPiiMasker(options: PiiMaskOptions = {}): (text: string) => string {
  const types = options.types ?? ALL_PII_TYPES;
  const labels = { ...DEFAULT_PII_LABELS, ...options.labels };
  return (text: string): string => {
    if (text.length < 6) return text;
    const active = types.filter((t) => FINDERS[t].maybe(text));
    if (active.length === 0) return text;
    const ctx = makeContext(text, NO_DAY);
    const spans: Array<{ start: number; end: number; label: string }> = [];
    for (const type of active) {
      for (const c of FINDERS[type].find(ctx))
        spans.push({ start: c.start, end: c.end, label: labels[type] });
      if (type === 'phone')
        for (const m of text.matchAll(INTERNATIONAL_RUN))
          spans.push({ start: m.index, end: m.index + m[0].length, label: labels.phone });
    }
    // Longest first, so an IBAN hides the digits a phone finder saw inside it.
    spans.sort((a, b) => b.end - b.start - (a.end - a.start));
    const kept: typeof spans = [];
    for (const s of spans) if (!kept.some((k) => k.start < s.end && s.start < k.end)) kept.push(s);
    kept.sort((a, b) => b.start - a.start);
    let out = text;
    for (const s of kept) out = out.slice(0, s.start) + s.label + out.slice(s.end);
    return out;
  };
}

const maskAll = createPiiMasker();

/** Masks codici fiscali, emails, phone numbers and IBANs (used by the logger). */
export function maskPersonalData(text: string): string {
  return maskAll(text);
}
