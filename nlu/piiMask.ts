/**
 * Masks personal data in free text: emails, phone numbers, codici fiscali and IBANs.
 * Used by the logger (nothing personal in logs) and before free text is stored.
 */
const PATTERNS: Array<[RegExp, string]> = [
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '[email]'],
  [/\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,4})?\b/gi, '[iban]'],
  [
    /\b[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-EHLMPR-T][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]\b/gi,
    '[codice fiscale]',
  ],
  [/(?:\+|\b00)?\d[\d\s./-]{7,}\d\b/g, '[telefono]'],
];

export function maskPersonalData(text: string): string {
  let out = text;
  for (const [re, label] of PATTERNS) out = out.replace(re, label);
  return out;
}
