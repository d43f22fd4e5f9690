import type { CalendarDate } from './calendarDate';

const FOLD: Record<string, string> = {
  à: 'a',
  á: 'a',
  â: 'a',
  ä: 'a',
  è: 'e',
  é: 'e',
  ê: 'e',
  ë: 'e',
  ì: 'i',
  í: 'i',
  î: 'i',
  ï: 'i',
  ò: 'o',
  ó: 'o',
  ô: 'o',
  ö: 'o',
  ù: 'u',
  ú: 'u',
  û: 'u',
  ü: 'u',
  ç: 'c',
  ñ: 'n',
  '\u2019': "'",
  '\u2018': "'",
  '`': "'",
  '´': "'",
  '\u00a0': ' ',
  '\u202f': ' ',
  '\u2013': '-',
  '\u2014': '-',
};

/**
 * Lowercases and strips Italian accents one character for one character, so that an offset in
 * the folded text is the same offset in the original.
 */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length !== text.length) return foldPerChar(text);
  let out = '';
  let changed = false;
  for (const ch of lower) {
    const f = FOLD[ch];
    if (f !== undefined) {
      out += f;
      changed = true;
    } else out += ch;
  }
  return changed ? out : lower;
}

function foldPerChar(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const lower = text.charAt(i).toLowerCase();
    const ch = lower.length === 1 ? lower : text.charAt(i);
    out += FOLD[ch] ?? ch;
  }
  return out;
}

/** What every entity finder receives: the message, its folded form and the reference day. */
export interface TextContext {
  text: string;
  /** `fold(text)`: same length and offsets as `text`. */
  folded: string;
  today: CalendarDate;
}

export function makeContext(text: string, today: CalendarDate): TextContext {
  return { text, folded: fold(text), today };
}
