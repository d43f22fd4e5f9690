import { FACE_LABELS } from './rating';
import type {
  DurationStats,
  Percent,
  PerformanceReport,
  SatisfactionReport,
  SatisfactionRow,
  TrendReport,
} from './reports';

/**
 * CSV for Italian spreadsheets: RFC 4180 quoting and CRLF line ends, but `;` as separator and a
 * decimal comma, which is what Excel with Italian regional settings opens without an import
 * wizard; UTF-8 with a byte-order mark so accented letters survive. Cells that a spreadsheet
 * would run as a formula (starting with = + - @) get a leading apostrophe.
 */
export const CSV_SEPARATOR = ';';
export const CSV_BOM = '\uFEFF';
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

type Cell = string | number | null;

export function csvCell(value: Cell): string {
  if (value === null) return '';
  let text = typeof value === 'number' ? String(value).replace('.', ',') : value;
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLines(rows: Cell[][]): string {
  return CSV_BOM + rows.map((row) => row.map(csvCell).join(CSV_SEPARATOR)).join('\r\n') + '\r\n';
}

const pct = (p: Percent): Cell => p;
const seconds = (ms: number | null): Cell => (ms === null ? null : Math.round(ms / 100) / 10);

function satisfactionRows(rows: SatisfactionRow[], first: SatisfactionRow | undefined): Cell[][] {
  const reasons = first?.reasons ?? [];
  const header: Cell[] = [
    'Gruppo',
    'Chiave',
    'Conversazioni',
    'Valutate',
    'Partecipazione %',
    `${FACE_LABELS.positive} (verde)`,
    `${FACE_LABELS.neutral} (giallo)`,
    `${FACE_LABELS.negative} (rosso)`,
    'Verde %',
    'Giallo %',
    'Rosso %',
    ...reasons.map((r) => `Motivo rosso: ${r.label}`),
    'Rosso senza motivo',
  ];
  return [
    header,
    ...rows.map((r) => [
      r.label,
      r.key,
      r.conversations,
      r.rated,
      pct(r.participationPct),
      r.counts.positive,
      r.counts.neutral,
      r.counts.negative,
      pct(r.pct.positive),
      pct(r.pct.neutral),
      pct(r.pct.negative),
      ...reasons.map((reason) => r.reasons.find((x) => x.code === reason.code)?.count ?? 0),
      r.negativeWithoutReason,
    ]),
  ];
}

function stats(s: DurationStats): Cell[] {
  return [seconds(s.avgMs), seconds(s.p50Ms), seconds(s.p90Ms)];
}

/** The report as CSV text (see CSV_SEPARATOR): groups first, then a "Totale" row where there is one. */
export function toCsv(report: SatisfactionReport | TrendReport | PerformanceReport): string {
  if (report.kind === 'satisfaction')
    return csvLines(satisfactionRows([...report.groups, report.total], report.total));
  if (report.kind === 'trend') return csvLines(satisfactionRows(report.points, report.points[0]));
  const outcomes = [
    ...new Set([report.total, ...report.groups].flatMap((r) => Object.keys(r.outcomes))),
  ].sort();
  const header: Cell[] = [
    'Gruppo',
    'Chiave',
    'Conversazioni',
    'Solo assistente virtuale',
    'Solo assistente %',
    'Passate a operatore',
    'Passate a operatore %',
    'Prese in carico',
    'Attesa media (s)',
    'Attesa mediana (s)',
    'Attesa 90° percentile (s)',
    'Chiuse',
    'Gestione media (s)',
    'Gestione mediana (s)',
    'Gestione 90° percentile (s)',
    ...outcomes.map((o) => `Esito: ${o}`),
  ];
  return csvLines([
    header,
    ...[...report.groups, report.total].map((r) => [
      r.label,
      r.key,
      r.conversations,
      r.botOnly,
      pct(r.botOnlyPct),
      r.escalated,
      pct(r.escalatedPct),
      r.assigned,
      ...stats(r.wait),
      r.closed,
      ...stats(r.handling),
      ...outcomes.map((o) => r.outcomes[o] ?? 0),
    ]),
  ]);
}
