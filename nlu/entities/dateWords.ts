/** Italian month and weekday words shared by the date finders (folded: lowercase, no accents). */

export const MONTHS: Readonly<Record<string, number>> = {
  gennaio: 1,
  febbraio: 2,
  marzo: 3,
  aprile: 4,
  maggio: 5,
  giugno: 6,
  luglio: 7,
  agosto: 8,
  settembre: 9,
  ottobre: 10,
  novembre: 11,
  dicembre: 12,
  gen: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  mag: 5,
  giu: 6,
  lug: 7,
  ago: 8,
  set: 9,
  sett: 9,
  ott: 10,
  nov: 11,
  dic: 12,
};
/** Full names and abbreviations, as one capturing group. */
export const MONTH_RE =
  '(gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre|gen|feb|mar|apr|mag|giu|lug|ago|sett|set|ott|nov|dic)';
/** Full names only ("mar" and "set" are words too), as one capturing group. */
export const FULL_MONTH_RE =
  '(gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre)';

export const WEEKDAYS: Readonly<Record<string, number>> = {
  domenica: 0,
  lunedi: 1,
  martedi: 2,
  mercoledi: 3,
  giovedi: 4,
  venerdi: 5,
  sabato: 6,
};
export const WEEKDAY_RE = '(lunedi|martedi|mercoledi|giovedi|venerdi|sabato|domenica)';

/** "via 4 Novembre", "piazza XX Settembre": a street named after a date is not a date. */
export const STREET_BEFORE = /\b(?:via|viale|corso|piazza|piazzale|largo|vicolo|p\.za|p\.le|v\.le)\s+$/;
