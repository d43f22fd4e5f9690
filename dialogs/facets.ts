import type { KnowledgeEntry } from '../knowledge/entry';
import { foldForMatch } from './textMatch';
import type { Lang } from '../bots/texts';

/** The parts of an entry a citizen asks about after the first answer. */
export type Facet =
  'documents' | 'costs' | 'times' | 'where' | 'online' | 'who' | 'remedies' | 'followUp' | 'legal';

export const FACETS: readonly Facet[] = [
  'documents',
  'costs',
  'times',
  'where',
  'online',
  'who',
  'remedies',
  'followUp',
  'legal',
];

// Word patterns on folded text (lowercase, no accents). Order matters: the first match wins.
const PATTERNS: Array<[Facet, RegExp]> = [
  [
    'followUp',
    /\b(a che punto|stato della (mia )?pratica|seguire la (mia )?pratica|(la|della) mia (domanda|richiesta|istanza)( [a-z0-9]+){0,4} (e stata|sia stata|e ancora|e in corso|risulta)|track my|status of my)\b/,
  ],
  ['remedies', /\b(ricors[oi]|impugna|opporm[ie]|diniego|rifiut(o|ata)|negano|negat[oa]|appeal)\b/],
  [
    'costs',
    /\b(cost[aio]|costano|quanto (si )?pag\w*|pagare|pagamento|pagament[oi]|tariff[ae]|prezzo|spes[ae]|marca da bollo|bollo(?! (auto|moto|veicol))|pagopa|gratis|gratuit[oa]|pagat[oa]|retribuit[oa]|indennita|diritti di istruttoria|cost|how much|fee|fees|price|pay|free|free of charge)\b/,
  ],
  [
    'times',
    /\b(tempi|tempo(?! fa)|quanto ci vuole|ci vuole|ci vogliono|urgent[ei]|urgenza|quanti giorni|giorni|scadenz[ae]|termine|entro quando|durata|quanto dura|ogni quanto|quando (e|sono)(?! apert)|quando si (fa|fanno|tiene|tengono|svolge|svolgono)|prossim[aei] (date|sessioni|appelli)|how long|deadline|days)\b/,
  ],
  [
    'documents',
    /\b(document[oi]|modul[oi]|modulistica|cosa (devo|bisogna) (presentare|allegare|portare)|cosa serve|^(e )?(cosa|che cosa|che) (devo|dobbiamo|bisogna|deve) fare( adesso| ora| quindi)?$|come (mi )?iscriv\w*|come si diventa|come diventare|come partecipo|come partecipare|allegat[oi]|requisit[oi]|domanda|documents?|forms?|requirements?|what (do|should) i (need|bring)|what is needed)\b/,
  ],
  ['online', /\b(online|on line|on-line|sito|link|servizio online|spid|website)\b/],
  [
    'where',
    /\b((?<!da )dove|da dove(?! (comincio|inizio|parto|comincia|inizia|cominciare|iniziare|partire))|indirizzo|ufficio|uffici|orari[oi]?|sportello|contatt(o|i|are)|telefono|email|mail|pec|a chi (mi )?rivolg|where|office|hours|address|phone|contact|who (do|should|can) i (call|contact|ask))\b/,
  ],
  ['who', /\b(chi puo|chi pu[oò]|chi deve|who can|who may|eligible)\b/],
  ['legal', /\b(legge|leggi|normativa|norme|riferimenti normativi|decreto|law|regulation)\b/],
];

/** The facet a message asks about, if any ("quanto costa?" → costs). */
export function detectFacet(text: string): Facet | undefined {
  return facetOf(text)?.facet;
}

/**
 * The facet a message asks about and the rest of the message without the words that name it,
 * folded ("quanto costa il passo carraio" → costs, "quanto  il passo carraio"): what the rest
 * is about tells a follow-up on the procedure just discussed from a question on another one.
 */
export function facetOf(text: string): { facet: Facet; rest: string } | undefined {
  const folded = foldForMatch(text);
  for (const [facet, re] of PATTERNS) {
    const match = re.exec(folded);
    if (!match) continue;
    // Whole words go: "quanto si pag" takes "paga" with it, not leaving "a".
    let end = match.index + match[0].length;
    while (end < folded.length && /\w/.test(folded[end] ?? '')) end++;
    return { facet, rest: `${folded.slice(0, match.index)} ${folded.slice(end)}` };
  }
  return undefined;
}

export const FACET_LABELS: Record<Facet, Record<Lang, string>> = {
  documents: { it: 'Documenti', en: 'Documents' },
  costs: { it: 'Costi', en: 'Costs' },
  times: { it: 'Tempi', en: 'Time limits' },
  where: { it: 'Dove e quando', en: 'Where and when' },
  online: { it: 'Servizio online', en: 'Online service' },
  who: { it: 'Chi può chiederlo', en: 'Who may apply' },
  remedies: { it: 'Ricorsi', en: 'Appeals' },
  followUp: { it: 'Seguire la pratica', en: 'Follow your case' },
  legal: { it: 'Normativa', en: 'Legal references' },
};

/** The Province's own switchboard and PEC, for what no entry says. */
export const GENERAL_CONTACTS: Record<Lang, string> = {
  it: 'centralino 0341 295111, PEC provincia.lecco@lc.legalmail.camcom.it',
  en: 'switchboard +39 0341 295111, PEC provincia.lecco@lc.legalmail.camcom.it',
};

function list(items: string[]): string {
  return items.map((i) => `- ${i}`).join('\n');
}

/** The answer to one facet of an entry, in plain sentences; never invents what the entry lacks. */
export function facetText(entry: KnowledgeEntry, facet: Facet, lang: Lang): string {
  const it = lang === 'it';
  const unknown = it
    ? `Questa informazione non è ancora nella scheda: chiedi all'ufficio (${GENERAL_CONTACTS.it}).`
    : `This information is not in our records yet: please ask the office (${GENERAL_CONTACTS.en}).`;
  switch (facet) {
    case 'documents': {
      const parts: string[] = [];
      if (entry.documents.length > 0)
        parts.push(
          (it ? 'Documenti e moduli:\n' : 'Documents and forms:\n') +
            list(entry.documents.map((d) => (d.url ? `[${d.title}](${d.url})` : d.title))),
        );
      if (entry.requirements.length > 0)
        parts.push((it ? 'Requisiti:\n' : 'Requirements:\n') + list(entry.requirements));
      return parts.length > 0 ? parts.join('\n\n') : unknown;
    }
    case 'costs': {
      if (!entry.costs) return unknown;
      const parts = [entry.costs.text];
      if (entry.costs.fees.length > 0)
        parts.push(
          list(
            entry.costs.fees.map(
              (f) =>
                `${f.description}: € ${f.amountEur.toLocaleString('it-IT', { minimumFractionDigits: 0, maximumFractionDigits: 2 })}`,
            ),
          ),
        );
      if (entry.costs.marcaDaBollo !== undefined)
        parts.push(
          entry.costs.marcaDaBollo
            ? it
              ? 'Serve la marca da bollo.'
              : 'A revenue stamp (marca da bollo) is required.'
            : it
              ? 'Non serve la marca da bollo.'
              : 'No revenue stamp is needed.',
        );
      if (entry.costs.paymentMethods.length > 0)
        parts.push((it ? 'Come pagare: ' : 'How to pay: ') + entry.costs.paymentMethods.join(', ') + '.');
      return parts.join('\n\n');
    }
    case 'times': {
      const parts: string[] = [];
      if (entry.deadlineDays)
        parts.push(
          it
            ? `La Provincia conclude il procedimento entro ${entry.deadlineDays} giorni.`
            : `The Province must conclude within ${entry.deadlineDays} days.`,
        );
      if (entry.deadlineText) parts.push(entry.deadlineText);
      if (entry.silenzioAssenso !== undefined)
        parts.push(
          entry.silenzioAssenso
            ? it
              ? 'Vale il silenzio assenso: se la Provincia non risponde entro il termine, la domanda si intende accolta.'
              : 'Silence means consent: if the Province does not answer in time, the application is granted.'
            : it
              ? 'Non vale il silenzio assenso: serve un provvedimento espresso.'
              : 'Silence does not mean consent: an explicit decision is needed.',
        );
      return parts.length > 0 ? parts.join('\n\n') : unknown;
    }
    case 'where': {
      const parts: string[] = [];
      if (entry.office) {
        const o = entry.office;
        parts.push(
          [
            `${it ? 'Ufficio' : 'Office'}: ${o.name}`,
            o.person ? `${it ? 'Responsabile' : 'Officer'}: ${o.person}` : '',
            o.phone ? `${it ? 'Telefono' : 'Phone'}: ${o.phone}` : '',
            o.email ? `Email: ${o.email}` : '',
            o.pec ? `PEC: ${o.pec}` : '',
          ]
            .filter(Boolean)
            .join('\n'),
        );
      }
      if (entry.where)
        parts.push(
          `${it ? 'Dove' : 'Where'}: ${entry.where.address}${entry.where.hours ? `\n${it ? 'Orari' : 'Hours'}: ${entry.where.hours}` : ''}`,
        );
      if (entry.competentAuthority)
        parts.push(`${entry.competentAuthority.name}: ${entry.competentAuthority.howToReach}`);
      return parts.length > 0 ? parts.join('\n\n') : unknown;
    }
    case 'online':
      return entry.onlineService
        ? `${it ? 'Servizio online' : 'Online service'}: ${entry.onlineService}`
        : it
          ? `Per questa pratica non c'è ancora un servizio online: la domanda si presenta all'ufficio o via PEC (provincia.lecco@lc.legalmail.camcom.it).`
          : 'There is no online service for this yet: apply at the office or by PEC (provincia.lecco@lc.legalmail.camcom.it).';
    case 'who':
      return entry.whoMayApply ?? unknown;
    case 'remedies':
      return entry.remedies ?? unknown;
    case 'followUp':
      return entry.followUp ?? unknown;
    case 'legal':
      return entry.legalReferences.length > 0 ? list(entry.legalReferences) : unknown;
  }
}
