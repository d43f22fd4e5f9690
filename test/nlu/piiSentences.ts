import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { codiceFiscaleCheckChar } from '../../nlu/entities/codiceFiscale';

/**
 * Sentences for the personal-data masker's property tests: every line of the repository's entity,
 * question and knowledge fixtures, the shared evaluation data when it sits beside the project,
 * and generated codici fiscali, IBANs, phones and emails in the shapes citizens write them.
 */

const ROOT = join(__dirname, '..', '..');

function linesOf(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
}

/** The `text` of every line of a JSONL entity file. */
function entityTexts(file: string): string[] {
  return linesOf(file).map((l) => (JSON.parse(l) as { text: string }).text);
}

/** The `question` column of a TSV question file (header skipped). */
function questions(file: string): string[] {
  return linesOf(file)
    .slice(1)
    .map((l) => l.split('\t')[2] ?? '');
}

function filesUnder(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? filesUnder(join(dir, d.name), ext) : d.name.endsWith(ext) ? [join(dir, d.name)] : [],
  );
}

/** Fixture sentences found in the repository (and in ../shared/eval when present: it is optional). */
export function fixtureSentences(): string[] {
  const dirs = [join(ROOT, 'test', 'fixtures'), join(ROOT, '..', 'shared', 'eval')];
  const out: string[] = [];
  for (const dir of dirs) {
    for (const f of filesUnder(dir, '.jsonl')) out.push(...entityTexts(f));
    for (const f of filesUnder(dir, '.tsv')) out.push(...questions(f));
  }
  // Knowledge entries are what the bot says: their lines also go through the transcript's masker.
  for (const dir of [join(ROOT, 'test', 'fixtures', 'knowledge'), join(ROOT, 'knowledge', 'entries')])
    for (const f of filesUnder(dir, '.yaml')) out.push(...linesOf(f));
  return [...new Set(out)];
}

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be reproduced. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const MONTHS = 'ABCDEHLMPRST';
/** Omocodia: the digit d is written as the d-th of these letters. */
const OMOCODIA = 'LMNPQRSTUV';
/** Indexes of the digits of a codice fiscale, replaced right to left in omocodia. */
const DIGIT_POSITIONS = [14, 13, 12, 10, 9, 7, 6];

/** Codici fiscali: valid, with a wrong check character, and with omocodia (some or all digits). */
function codiciFiscali(next: () => number, count: number): string[] {
  const pick = (chars: string): string => chars.charAt(Math.floor(next() * chars.length));
  const digits = (n: number): string =>
    Array.from({ length: n }, () => String(Math.floor(next() * 10))).join('');
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const day = 1 + Math.floor(next() * 31) + (next() < 0.5 ? 40 : 0);
    let first15 = Array.from({ length: 6 }, () => pick(LETTERS)).join('');
    first15 += digits(2) + pick(MONTHS) + String(day).padStart(2, '0') + pick(LETTERS) + digits(3);
    // 0: plain, 1-7: that many digits replaced by letters.
    const replaced = i % 8;
    const chars = first15.split('');
    for (const p of DIGIT_POSITIONS.slice(0, replaced)) chars[p] = OMOCODIA.charAt(Number(chars[p]));
    first15 = chars.join('');
    const check = codiceFiscaleCheckChar(first15) ?? 'X';
    out.push(first15 + check);
    // The same code with a check character that fails.
    out.push(first15 + LETTERS.charAt((LETTERS.indexOf(check) + 1 + (i % 25)) % 26));
  }
  return out;
}

/** "RSS MRA 85T10 A562S", "RSSMRA 85T10 A562S", "RSS-MRA-85T10-A562S". */
function grouped(cf: string, separator: string, joinName: boolean): string {
  const name = joinName ? cf.slice(0, 6) : cf.slice(0, 3) + separator + cf.slice(3, 6);
  return [name, cf.slice(6, 11), cf.slice(11)].join(separator);
}

const CF_TEMPLATES = [
  (cf: string) => `il mio codice fiscale è ${cf}`,
  (cf: string) => `CF: ${cf}`,
  (cf: string) => `cf ${cf} grazie`,
  (cf: string) => `C.F. ${cf}`,
  (cf: string) => `Codice Fiscale n. ${cf}, nato a Lecco`,
  (cf: string) => `(${cf})`,
  (cf: string) => `${cf}.`,
  (cf: string) => `intestato a ${cf};`,
  (cf: string) => `"${cf}"`,
  (cf: string) => `${cf}`,
  (cf: string) => `mio figlio ${cf} deve rinnovare la licenza`,
];

/** IBAN check digits (ISO 13616): 98 minus the mod 97 of the rearranged code. */
function withCheckDigits(country: string, bban: string): string {
  const rearranged = bban + country + '00';
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const digits = code >= 65 ? String(code - 55) : ch;
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return country + String(98 - remainder).padStart(2, '0') + bban;
}

function ibans(next: () => number, count: number): string[] {
  const digits = (n: number): string =>
    Array.from({ length: n }, () => String(Math.floor(next() * 10))).join('');
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const cin = LETTERS.charAt(Math.floor(next() * 26));
    out.push(withCheckDigits('IT', cin + digits(10) + digits(12)));
    out.push(withCheckDigits('DE', digits(18)));
    out.push(withCheckDigits('CH', digits(17)));
  }
  return out;
}

const IBAN_TEMPLATES = [
  (iban: string) => `IBAN ${iban}`,
  (iban: string) => `bonifico sul conto ${iban.toLowerCase()}`,
  (iban: string) => `le coordinate sono ${(iban.match(/.{1,4}/g) ?? []).join(' ')}`,
  (iban: string) => `iban: ${(iban.match(/.{1,4}/g) ?? []).join('-')}.`,
  (iban: string) => `${iban.slice(0, 2)} ${iban.slice(2)}`,
  (iban: string) => `${iban}X`,
  (iban: string) => `pagate a ${iban.slice(0, -1)}`,
];

const PHONES = [
  'il mio cellulare è 333 1234567',
  'chiamatemi al +39 347 1122334',
  'fisso 0341 295111',
  'tel. 0341/29.51.11',
  'tel.0341295111',
  'cell.333 1234567',
  '(0341) 295111',
  '(centralino 0341 295111)',
  'dalla Svizzera +41 79 000 00 00',
  '0039 0341 295111',
  '+44 7911 123456',
  'fisso 0341 / 295111',
  '0341 - 29 51 11',
  '03 / 41 / 29 / 51 / 11',
  '0341) (295111',
  '0341 29 51 11 oppure 333.123.45.67',
  'al 3331234567 o al 3387654321',
  'numero verde 800 123456',
  'pratica 1234 del 12/03/2026, 1.200,50 euro',
  'la versione 3.5 e il 0.341295',
  'protocollo n. 2026/0012345',
  '+39\t333\t1234567',
];

const EMAILS = [
  'scrivetemi a mario.rossi@libero.it',
  'la PEC è provincia.lecco@pec.regione.lombardia.it.',
  'mail: a@b.it',
  'ho scritto a info @ provincia.lecco.it ma niente',
];

/** Questions with long ordinary words and no personal data: the finders must not run on them. */
export const ORDINARY_LONG_WORDS = [
  'devo installare un cartello pubblicitario lungo la strada provinciale',
  'esame per diventare autotrasportatore',
  'precisazioni sull’autorizzazione paesaggistica per l’impiantistica',
  'documentazione necessaria per la concessione dell’attraversamento stradale',
  'sovraccaricamento dei semirimorchi internazionalizzati',
  'Responsabilità dell’amministrazione provinciale per l’inquinamento atmosferico',
  'contributi per la ristrutturazione e l’impermeabilizzazione del tetto',
  'nel 2026 serve ancora la ricertificazione per autotrasportatori internazionali?',
];

/** Generated sentences holding personal data in the shapes citizens write it, plus near misses. */
export function generatedSentences(): string[] {
  const next = random(20261126);
  const out: string[] = [];
  const cfs = ['RSSMRA85T10A562S', 'RSSMRA85T10A56NH', 'RSSMRA85T10A562T', ...codiciFiscali(next, 64)];
  cfs.forEach((cf, i) => {
    const template = CF_TEMPLATES[i % CF_TEMPLATES.length] ?? ((s: string) => s);
    out.push(template(cf), template(cf.toLowerCase()));
    out.push(`cf ${grouped(cf, ' ', false)}`, grouped(cf, ' ', true), `CF: ${grouped(cf, '-', false)}`);
    out.push(`codice fiscale ${grouped(cf.toLowerCase(), ' ', i % 2 === 0)}`);
    // Too short or too long: a code only after "codice fiscale" or "CF".
    out.push(`codice fiscale ${cf.slice(0, 15)}`, `CF ${cf}Z`, `${cf.slice(0, 15)}`);
    out.push(`${cf},${cf}`, `tel${cf}`, `${cf}-${cf.slice(0, 4)}`);
  });
  // A code with every digit replaced: only after "codice fiscale" or "CF".
  out.push('cf RSSMRAVRTMLLNPQX', 'codice fiscale: RSSMRAVRTMLLNPQX', 'type RSSMRAVRTMLLNPQX');
  const ibanList = ['IT60X0542811101000000123456', ...ibans(next, 12)];
  ibanList.forEach((iban, i) => {
    for (const template of IBAN_TEMPLATES) out.push(template(iban));
    out.push(`IBAN ${iban.slice(0, 4)}${i}${iban.slice(5)}`);
  });
  out.push(...PHONES, ...EMAILS, ...ORDINARY_LONG_WORDS);
  out.push(
    'CF RSSMRA85T10A562S, mail mario.rossi@libero.it, tel 333 1234567, IBAN IT60 X054 2811 1010 0000 0123 456',
    'case 3f2a6c1e-0341-4a2b-9c3d-295111abcdef at 2026-11-26T10:00:00Z, took 0.341295 ms',
    'type DialogTurnResult',
    'redis://127.0.0.1:6379/0',
  );
  return [...new Set(out)];
}
