import { MemoryConversationLog } from '../../ratings/memoryConversationLog';
import { MemoryRatingStore } from '../../ratings/memoryRatingStore';
import { csvCell, toCsv } from '../../ratings/reportCsv';
import { ReportService } from '../../ratings/reportService';
import { NOVEMBER_FROM, NOVEMBER_TO, seed } from './seed';

/** A small RFC 4180 reader with `;` separators, to check the output round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

describe('toCsv', () => {
  let reports: ReportService;
  beforeAll(async () => {
    const ratings = new MemoryRatingStore();
    const log = new MemoryConversationLog();
    await seed(ratings, log);
    reports = new ReportService(ratings, log, {
      procedureTitle: (id) => (id === 'autoscuole' ? 'Autoscuole; "scuole guida"' : undefined),
    });
  });

  it('writes the satisfaction report for Italian Excel: BOM, `;`, CRLF, decimal comma, quoted cells', async () => {
    const csv = toCsv(
      await reports.satisfaction({ from: NOVEMBER_FROM, to: NOVEMBER_TO, groupBy: 'procedure' }),
    );
    expect(csv.startsWith('\uFEFFGruppo;Chiave;Conversazioni;Valutate;Partecipazione %;')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(csv).toContain('"Autoscuole; ""scuole guida"""');
    const rows = parseCsv(csv.slice(1));
    const header = rows[0] ?? [];
    expect(header).toContain('Motivo rosso: Tempi di attesa');
    expect(rows.every((r) => r.length === header.length)).toBe(true);
    const col = (row: string[] | undefined, name: string) => row?.[header.indexOf(name)];
    const total = rows.find((r) => r[0] === 'Totale');
    expect(col(total, 'Conversazioni')).toBe('10');
    expect(col(total, 'Partecipazione %')).toBe('60');
    expect(col(total, 'Verde %')).toBe('50');
    expect(col(total, 'Giallo %')).toBe('33,3');
    expect(col(total, 'Rosso %')).toBe('16,7');
    expect(col(total, 'Motivo rosso: Tempi di attesa')).toBe('1');
    const autoscuole = rows.find((r) => r[1] === 'autoscuole');
    expect(autoscuole?.[0]).toBe('Autoscuole; "scuole guida"');
    expect(col(autoscuole, 'Partecipazione %')).toBe('75');
  });

  it('writes the performance report with times in seconds', async () => {
    const csv = toCsv(
      await reports.performance({ from: NOVEMBER_FROM, to: NOVEMBER_TO, groupBy: 'channel' }),
    );
    const rows = parseCsv(csv.slice(1));
    const header = rows[0] ?? [];
    const total = rows.find((r) => r[0] === 'Totale');
    expect(total?.[header.indexOf('Attesa media (s)')]).toBe('60');
    expect(total?.[header.indexOf('Gestione media (s)')]).toBe('340');
    expect(total?.[header.indexOf('Esito: risolto')]).toBe('2');
    expect(rows.map((r) => r[1])).toEqual(['Chiave', 'webchat', 'telegram', '']);
  });

  it('neutralises cells a spreadsheet would run as formulas and leaves empty cells for no data', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+39 333')).toBe("'+39 333");
    expect(csvCell(-1.5)).toBe('-1,5');
    expect(csvCell(null)).toBe('');
    expect(csvCell('riga\nnuova')).toBe('"riga\nnuova"');
  });
});
