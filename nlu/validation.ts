import { validatePhoneNumberLength } from 'libphonenumber-js';
import { codiceFiscaleCheckChar, CODICE_FISCALE_SHAPE } from './entities/codiceFiscale';
import { findEmails, normalizeEmail } from './entities/email';
import { findPhones } from './entities/phone';
import { makeContext } from './textContext';

/** Outcome of checking what a citizen typed; `reason` is Italian, ready to show. */
export type ValidationResult = { ok: true; value: string } | { ok: false; reason: string };

const NO_DAY = { year: 1970, month: 1, day: 1 };
const MAX_INPUT = 500;

const DOMAIN_TYPOS: Record<string, string> = {
  'gmial.com': 'gmail.com',
  'gmai.com': 'gmail.com',
  'gmal.com': 'gmail.com',
  'gamil.com': 'gmail.com',
  'gmail.it': 'gmail.com',
  'gmail.co': 'gmail.com',
  'gmail.con': 'gmail.com',
  'gmail.cm': 'gmail.com',
  'hotmial.it': 'hotmail.it',
  'hotmai.it': 'hotmail.it',
  'hotmail.con': 'hotmail.com',
  'libro.it': 'libero.it',
  'liberto.it': 'libero.it',
  'libero.com': 'libero.it',
  'outlok.it': 'outlook.it',
  'outlook.con': 'outlook.com',
  'yahoo.con': 'yahoo.com',
  'yaho.it': 'yahoo.it',
  'alice.con': 'alice.it',
  'tiscali.con': 'tiscali.it',
};
const TLD_TYPOS = /\.(con|cmo|ocm|itt|ti|it\.)$/;

function fail(reason: string): ValidationResult {
  return { ok: false, reason };
}

/** Checks an email address typed by a citizen (alone or inside a sentence). */
export function validateEmail(text: string): ValidationResult {
  const input = text.slice(0, MAX_INPUT).trim();
  if (!input)
    return fail('Non ho ricevuto nessun indirizzo email: me lo scrive, per esempio nome.cognome@gmail.com?');
  const found = findEmails(makeContext(input, NO_DAY));
  const first = found[0];
  if (found.length > 1) return fail('Ho trovato più di un indirizzo email: me ne scriva uno solo.');
  if (first && typeof first.value === 'string') {
    const value = first.value;
    const domain = value.slice(value.indexOf('@') + 1);
    const suggestion = DOMAIN_TYPOS[domain];
    if (suggestion)
      return fail(
        `Il dominio "${domain}" sembra sbagliato: forse intendeva ${value.slice(0, value.indexOf('@'))}@${suggestion}?`,
      );
    if (TLD_TYPOS.test(domain))
      return fail(`La parte finale "${domain}" sembra sbagliata: controlli, per esempio .it o .com.`);
    return { ok: true, value };
  }
  const token = input.split(/\s+/).find((w) => w.includes('@'));
  if (!token) {
    if (/\bchiocciola\b/i.test(input))
      return fail('Scriva la chiocciola come simbolo "@", per esempio nome@gmail.com.');
    return fail(
      'Nell\'indirizzo email manca la chiocciola "@": lo riscriva, per esempio nome.cognome@gmail.com.',
    );
  }
  if (/@.*@/.test(token))
    return fail('Un indirizzo email contiene una sola chiocciola "@": controlli e lo riscriva.');
  const [local = '', domain = ''] = normalizeEmail(token).split('@');
  if (!local) return fail('Manca la parte prima della chiocciola "@" (il nome della casella).');
  if (!domain) return fail('Manca la parte dopo la chiocciola "@", per esempio gmail.com.');
  if (!domain.includes('.'))
    return fail(
      `Dopo la chiocciola manca il punto e la parte finale: per esempio ${domain}.it o ${domain}.com.`,
    );
  if (/[^a-z0-9.-]/.test(domain))
    return fail(
      'Dopo la chiocciola "@" ci sono caratteri non ammessi: usi solo lettere, numeri, punti e trattini.',
    );
  return fail("L'indirizzo email non sembra valido: controlli che non ci siano spazi o caratteri in più.");
}

/** Checks a phone number; Italian numbers need no prefix, foreign ones need +XX or 00XX. */
export function validatePhone(text: string): ValidationResult {
  const input = text.slice(0, MAX_INPUT).trim();
  const phones = findPhones(makeContext(input, NO_DAY));
  const first = phones[0];
  if (phones.length > 1) return fail('Ho trovato più di un numero di telefono: me ne scriva uno solo.');
  if (first && typeof first.value === 'string') return { ok: true, value: first.value };
  const compact = input.replace(/[\s./()-]/g, '').replace(/^00/, '+');
  const digits = compact.replace(/\D/g, '');
  if (!digits)
    return fail(
      'Non trovo un numero di telefono: scriva solo le cifre, per esempio 0341 295111 o 333 1234567.',
    );
  if (/[a-z]/i.test(compact.replace(/^tel|^cell|^telefono|^cellulare|^numero|:/gi, '')))
    return fail('Il numero di telefono deve contenere solo cifre (e, se estero, il prefisso con il +).');
  const international = compact.startsWith('+');
  if (!international && !/^[03]/.test(digits))
    return fail(
      'I numeri italiani iniziano con 0 (fisso) o con 3 (cellulare). Se è un numero estero, aggiunga il prefisso internazionale, per esempio +41.',
    );
  const length = validatePhoneNumberLength(compact, 'IT');
  if (length === 'TOO_SHORT' || digits.length < 6)
    return fail(`Il numero sembra troppo corto (${digits.length} cifre): controlli di averlo scritto tutto.`);
  if (length === 'TOO_LONG' || digits.length > 15)
    return fail(
      `Il numero sembra troppo lungo (${digits.length} cifre): controlli che non ci siano cifre in più.`,
    );
  if (length === 'INVALID_COUNTRY')
    return fail('Il prefisso internazionale non esiste: controlli le prime cifre dopo il +.');
  return fail('Il numero non sembra valido: controlli le cifre e lo riscriva, per esempio 333 1234567.');
}

const POSITION_RULES: Array<{ from: number; to: number; re: RegExp; what: string }> = [
  { from: 0, to: 6, re: /^[A-Z]{6}$/, what: 'i primi 6 caratteri (cognome e nome) devono essere lettere' },
  {
    from: 6,
    to: 8,
    re: /^[0-9LMNPQRSTUV]{2}$/,
    what: "il 7° e l'8° carattere (anno di nascita) devono essere cifre",
  },
  {
    from: 8,
    to: 9,
    re: /^[ABCDEHLMPRST]$/,
    what: 'il 9° carattere (mese di nascita) deve essere una lettera tra A B C D E H L M P R S T',
  },
  {
    from: 9,
    to: 11,
    re: /^[0-9LMNPQRSTUV]{2}$/,
    what: "il 10° e l'11° carattere (giorno di nascita) devono essere cifre",
  },
  { from: 11, to: 12, re: /^[A-Z]$/, what: "il 12° carattere (comune di nascita) dev'essere una lettera" },
  { from: 12, to: 15, re: /^[0-9LMNPQRSTUV]{3}$/, what: 'i caratteri dal 13° al 15° devono essere cifre' },
  { from: 15, to: 16, re: /^[A-Z]$/, what: "l'ultimo carattere (di controllo) dev'essere una lettera" },
];

/** Checks a codice fiscale: length, shape (omocodia included) and the official check character. */
export function checkCodiceFiscale(text: string): ValidationResult {
  const input = text.slice(0, MAX_INPUT).trim();
  const tokens = input.toUpperCase().match(/[A-Z0-9]{16}/g);
  const compact =
    tokens?.find((t) => /^[A-Z]{6}/.test(t) && /\d/.test(t)) ??
    input
      .replace(/^(?:codice fiscale|c\.?\s?f\.?)[:\s]*/i, '')
      .replace(/[\s.-]/g, '')
      .toUpperCase();
  if (!compact)
    return fail('Non ho ricevuto il codice fiscale: lo trova sulla tessera sanitaria, 16 caratteri.');
  if (/[^A-Z0-9]/.test(compact))
    return fail('Il codice fiscale contiene solo lettere e cifre: controlli e lo riscriva.');
  if (compact.length !== 16)
    return fail(
      `Il codice fiscale ha 16 caratteri, ne ho contati ${compact.length}: controlli di averlo copiato tutto.`,
    );
  if (!CODICE_FISCALE_SHAPE.test(compact)) {
    for (const rule of POSITION_RULES) {
      const part = compact.slice(rule.from, rule.to);
      if (rule.re.test(part)) continue;
      const hint = part.includes('O') && rule.from >= 6 ? ' (forse una O al posto dello zero?)' : '';
      return fail(`Il codice fiscale non è scritto correttamente: ${rule.what}${hint}.`);
    }
    return fail('Il codice fiscale non è scritto correttamente: controlli i caratteri.');
  }
  if (codiceFiscaleCheckChar(compact.slice(0, 15)) !== compact.charAt(15))
    return fail(
      `L'ultimo carattere del codice fiscale, "${compact.charAt(15)}", è il carattere di controllo e non corrisponde agli altri 15: c'è probabilmente un errore di battitura. Lo ricontrolli sulla tessera sanitaria.`,
    );
  return { ok: true, value: compact };
}
