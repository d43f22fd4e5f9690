import type { TextContext } from '../textContext';
import { candidate, type Candidate } from './candidate';

/**
 * Yes/no answers. They count at the start of a clause ("Certo, il CAP è…", "No, grazie") or as
 * "di sì"/"di no"; a weak word ("giusto", "perfetto") only when it is the whole answer. The
 * impersonal "si" ("si può pagare online?") is not a yes.
 */
const STRONG: Array<[RegExp, boolean]> = [
  [
    /^(?:assolutamente|certamente|decisamente|ovviamente|sicuramente|ma certo che|certo che) (?:si|sì)(?![a-z])/,
    true,
  ],
  [
    /^(?:(?:assolutamente|decisamente|certamente|ovviamente|sicuramente|certo che|purtroppo) no|non sono d'accordo|(?:nemmeno|neanche|neppure) per (?:sogno|idea))(?![a-z])/,
    false,
  ],
  [/^no(?:,? grazie)?(?![a-z'])/, false],
  [/^nope\b|^no thanks?\b|^negativo\b/, false],
  [
    /^(?:si|sì)(?:,? (?:si|sì))*(?=$|[\s]*[.,!;:)]|\s+(?:grazie|certo|esatto|ok|okay|va bene|confermo|perfetto|certamente|assolutamente|giusto|corretto|prego|volentieri|per favore|d'accordo|lo confermo|confermo)\b)/,
    true,
  ],
  [
    /^(?:certo|certamente|sicuramente|esatto|esattamente|confermo|ok|okay|okey|d'accordo|daccordo|va bene|va benissimo|benissimo|senz'altro|volentieri|affermativo|yes|yeah|yep|sure|of course|giustissimo|correttissimo|d'accordissimo|sono d'accordo|vabbe|vabbene|vabene)(?![a-z'])/,
    true,
  ],
];
const WEAK: Array<[RegExp, boolean]> = [
  [
    /^(?:giusto|corretto|perfetto|ottimo|esatto cosi|confermato|okei|assolutamente|ovviamente|sicuro|proprio cosi|e giusto|e corretto|confermo tutto)(?: grazie(?: mille)?)?$/,
    true,
  ],
  [
    /^(?:non ancora|no no|nono|per niente|nossignore|non direi|non proprio|non e corretto|non e giusto|sbagliato)(?: grazie(?: mille)?)?$/,
    false,
  ],
];
const OPENERS =
  /^(?:(?:ah|oh|beh|be'|allora|mah|ma|guardi|senta|ecco|ehm|eh|buongiorno|buonasera|salve|ciao|grazie mille|grazie|gentilissimi|scusi|perfetto|ottimo|bene|benissimo)[,!]?\s+)+/g;
const DI_SI_NO = /\b(?:di|che) (si|sì|no)\b(?!\s*[a-z])/g;
const MI_VA_BENE = /\b(non )?(?:mi|ci|per me|a me|per noi) va (?:bene|benissimo)\b/g;
const FOLLOWS_QUESTION = /^[^.!?]*\bse\b/;
/** "sì" followed by a verb is the impersonal "si" written with an accent by mistake. */
const IMPERSONAL_AFTER =
  /^\s+(?:puo|possono|deve|devono|paga|pagano|fa|fanno|trova|trovano|tratta|chiama|intende|dice|vede|usa|prende|richiede|ottiene|accede|presenta|e|sono|era)\b/;

const IMPERSONAL_AFTER_ACCENTED =
  /^\s+(?:puo|possono|deve|devono|paga|pagano|fa|fanno|trova|trovano|tratta|chiama|intende|dice|vede|usa|prende|richiede|ottiene|accede|presenta)\b/;

/** One answer per sentence: "Sì, mi va bene" is a single yes. */
function sameSentence(folded: string, a: number, b: number): boolean {
  return !/[.!?\n]/.test(folded.slice(Math.min(a, b), Math.max(a, b)));
}

function cleaned(text: string): string {
  return text
    .replace(/[^\p{L}\s']/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function findBooleans(ctx: TextContext): Candidate[] {
  const { folded } = ctx;
  const out: Candidate[] = [];
  const whole = cleaned(folded);
  for (const [re, value] of WEAK) {
    if (re.test(whole)) {
      const start = folded.search(/\p{L}/u);
      return [candidate(ctx, 'boolean', Math.max(0, start), folded.length, value)];
    }
  }
  // Walk the clause starts.
  const starts = [0];
  for (const m of folded.matchAll(/[.!?;\n]\s*/g)) starts.push(m.index + m[0].length);
  for (const m of folded.matchAll(OPENERS)) starts.push(m.index + m[0].length);
  // "Grazie, sì." — an answer closing the message after a comma.
  for (const m of folded.matchAll(/,\s*(?=(?:si|no|certo|esatto|ok|va bene|d'accordo)(?:[.!]*\s*$|,))/g))
    starts.push(m.index + m[0].length);
  const seen = new Set<number>();
  for (const rawStart of starts) {
    let start = rawStart;
    while (start < folded.length && /[\s"'(«-]/.test(folded.charAt(start))) start++;
    if (seen.has(start) || start >= folded.length) continue;
    seen.add(start);
    const rest = folded.slice(start, start + 60);
    // "Sì ho ricevuto…": with the accent it is a yes whatever follows, unless a verb makes it "si può".
    const accented = /^s[iì](?![a-z'])/i.test(rest) && /^sì/i.test(ctx.text.slice(start, start + 2));
    if (/^si (?:e|o) no\b/.test(rest)) continue;
    if (accented && !IMPERSONAL_AFTER_ACCENTED.test(rest.slice(2))) {
      out.push(candidate(ctx, 'boolean', start, start + 2, true));
      continue;
    }
    for (const [re, value] of STRONG) {
      const m = re.exec(rest);
      if (!m) continue;
      const after = rest.slice(m[0].length);
      if (value && /^(?:si|sì)$/.test(m[0]) && IMPERSONAL_AFTER.test(after)) break;
      if (/^(?:ok|okay|va bene)$/.test(m[0]) && FOLLOWS_QUESTION.test(after) && /\?/.test(after)) break;
      out.push(candidate(ctx, 'boolean', start, start + m[0].length, value));
      break;
    }
  }
  for (const m of folded.matchAll(DI_SI_NO)) {
    const s = m.index + m[0].length - (m[1] ?? '').length;
    // "che si" is usually the impersonal "si"; "che sì" with the accent is an answer.
    if (m[0].startsWith('che') && m[1] !== 'no' && ctx.text.charAt(m.index + m[0].length - 1) !== 'ì')
      continue;
    const value = m[1] !== 'no';
    if (
      !out.some((c) => (c.start <= s && s < c.end) || (c.value === value && sameSentence(folded, c.start, s)))
    )
      out.push(candidate(ctx, 'boolean', s, m.index + m[0].length, value));
  }
  for (const m of folded.includes(' va ben') ? folded.matchAll(MI_VA_BENE) : []) {
    // "Non mi va bene": a no.
    const value = m[1] === undefined;
    if (!out.some((c) => c.value === value && sameSentence(folded, c.start, m.index)))
      out.push(candidate(ctx, 'boolean', m.index, m.index + m[0].length, value));
  }
  // One answer per sentence: "Va bene, ok, grazie" is a single yes.
  out.sort((a, b) => a.start - b.start);
  return out.filter(
    (c, i) => !out.slice(0, i).some((p) => p.value === c.value && sameSentence(folded, p.start, c.start)),
  );
}
