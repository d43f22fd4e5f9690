import type { Candidate } from '../../nlu/entities/candidate';
import { findCodiciFiscali } from '../../nlu/entities/codiceFiscale';
import { findEmails } from '../../nlu/entities/email';
import { findIbans } from '../../nlu/entities/iban';
import { findPhones } from '../../nlu/entities/phone';
import { ALL_PII_TYPES, DEFAULT_PII_LABELS, type PiiMaskOptions, type PiiType } from '../../nlu/piiMask';
import { makeContext, type TextContext } from '../../nlu/textContext';

/**
 * The masker as it was before its prefilters were tightened (commit e1713c5), kept as the
 * reference the current masker must match byte for byte. With `prefilters: false` every finder
 * runs on every message: what a masker whose prefilters never miss anything must also produce.
 */

const NO_DAY = { year: 1970, month: 1, day: 1 };

export const OLD_PREFILTERS: Record<PiiType, (text: string) => boolean> = {
  email: (t) => t.includes('@'),
  phone: (t) => /\d(?:[\s./()-]?\d){5}/.test(t),
  codiceFiscale: (t) => /[A-Za-z0-9]{16}/.test(t),
  iban: (t) => /[A-Za-z]{2} ?\d{2}/.test(t),
};

const FIND: Record<PiiType, (ctx: TextContext) => Candidate[]> = {
  email: findEmails,
  phone: findPhones,
  codiceFiscale: findCodiciFiscali,
  iban: findIbans,
};

const INTERNATIONAL_RUN = /(?:\+|\b00)\d{1,3}(?:[\s./-]?\d){6,13}\b/g;

export function createReferenceMasker(
  options: PiiMaskOptions = {},
  prefilters = true,
): (text: string) => string {
  const types = options.types ?? ALL_PII_TYPES;
  const labels = { ...DEFAULT_PII_LABELS, ...options.labels };
  return (text: string): string => {
    if (text.length < 6) return text;
    const active = prefilters ? types.filter((t) => OLD_PREFILTERS[t](text)) : types;
    if (active.length === 0) return text;
    const ctx = makeContext(text, NO_DAY);
    const spans: Array<{ start: number; end: number; label: string }> = [];
    for (const type of active) {
      for (const c of FIND[type](ctx)) spans.push({ start: c.start, end: c.end, label: labels[type] });
      if (type === 'phone')
        for (const m of text.matchAll(INTERNATIONAL_RUN))
          spans.push({ start: m.index, end: m.index + m[0].length, label: labels.phone });
    }
    spans.sort((a, b) => b.end - b.start - (a.end - a.start));
    const kept: typeof spans = [];
    for (const s of spans) if (!kept.some((k) => k.start < s.end && s.start < k.end)) kept.push(s);
    kept.sort((a, b) => b.start - a.start);
    let out = text;
    for (const s of kept) out = out.slice(0, s.start) + s.label + out.slice(s.end);
    return out;
  };
}
