import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  decodeTable,
  detectDelimiter,
  importProcedureTable,
  normalizeHeader,
  parseProcedureTable,
  slugify,
} from '../../knowledge/importer';
import { KbImportError } from '../../knowledge/kbImportError';
import { loadKnowledgeBase } from '../../knowledge/loader';

const CSV = join(__dirname, '..', 'fixtures', 'knowledge', 'tipologie-procedimento-win1252.csv');
const TODAY = '2026-11-26';

describe('parseProcedureTable on a Windows-1252 table with ";" and messy headers', () => {
  const table = parseProcedureTable(readFileSync(CSV), TODAY);

  it('detects the encoding and the separator', () => {
    expect(table.encoding).toBe('windows-1252');
    expect(table.delimiter).toBe(';');
  });

  it('maps headers regardless of case, accents, punctuation and order', () => {
    const fields = Object.fromEntries(table.columns.map((c) => [c.field, c.header.trim()]));
    expect(fields).toMatchObject({
      title: 'PROCEDIMENTO',
      summary: 'Breve Descrizione',
      officeName: 'Unità Organizzativa responsabile',
      officePerson: 'Responsabile del procedimento',
      deadline: 'TERMINE DI CONCLUSIONE (giorni)',
      silenzioAssenso: 'Silenzio-assenso',
      paymentMethods: 'Modalità di pagamento',
      onlineService: 'Link al servizio on-line',
      substitutePower: 'Titolare del potere sostitutivo',
    });
  });

  it('reports the columns and rows it could not map', () => {
    expect(table.unmappedColumns).toEqual(['Note interne', 'Codice']);
    expect(table.unmappedRows).toEqual([{ row: 4, reason: 'no procedure name' }]);
  });

  it('turns rows into entries needing review, with accented text decoded', () => {
    expect(table.entries.map((e) => e.id)).toEqual([
      'autorizzazione-all-esercizio-di-autoscuola',
      'concessione-per-accessi-carrai-su-strade-provinciali',
      'licenza-di-pesca',
    ]);
    const [autoscuola, carrai, pesca] = table.entries;
    expect(autoscuola).toMatchObject({
      type: 'procedimento',
      area: 'trasporti',
      deadlineDays: 30,
      silenzioAssenso: false,
      onlineService: 'https://www.provincia.lecco.it/autoscuole',
      office: { name: 'Servizio Trasporti', person: 'Dott.ssa Maria Rossi' },
      legalReferences: ['D.Lgs. 285/1992', 'DPR 495/1992'],
      costs: { paymentMethods: ['pagoPA', 'marca da bollo'] },
      reviewNeeded: true,
      lastReviewed: TODAY,
    });
    expect(carrai?.summary).toContain('città');
    expect(carrai).toMatchObject({ area: 'strade', silenzioAssenso: true, deadlineDays: 60 });
    // a description too short to be a summary falls back on the title
    expect(pesca?.summary).toBe('Licenza di pesca.');
    expect(pesca?.area).toBe('caccia-pesca');
  });
});

describe('importProcedureTable', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kb-import-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes entry files that the loader accepts', () => {
    const report = importProcedureTable(readFileSync(CSV), { outDir: dir, today: TODAY });
    expect(report.written).toHaveLength(3);
    const kb = loadKnowledgeBase(dir);
    expect(kb.get('licenza-di-pesca')?.reviewNeeded).toBe(true);
  });

  it('never overwrites an existing entry without force', () => {
    const file = join(dir, 'licenza-di-pesca.yaml');
    writeFileSync(file, 'edited by the office');
    const kept = importProcedureTable(readFileSync(CSV), { outDir: dir, today: TODAY });
    expect(kept.skipped).toEqual([file]);
    expect(readFileSync(file, 'utf8')).toBe('edited by the office');
    const forced = importProcedureTable(readFileSync(CSV), { outDir: dir, today: TODAY, force: true });
    expect(forced.written).toContain(file);
    expect(readFileSync(file, 'utf8')).toContain('id: licenza-di-pesca');
    expect(readdirSync(dir)).toHaveLength(3);
  });

  it('reads UTF-8 with BOM and "," too', () => {
    const csv =
      '\uFEFFDescrizione,Denominazione procedimento\n"Rilascio del tesserino, per la stagione venatoria",Tesserino venatorio\n';
    const table = parseProcedureTable(Buffer.from(csv, 'utf8'), TODAY);
    expect(table).toMatchObject({ encoding: 'utf-8', delimiter: ',', unmappedColumns: [], unmappedRows: [] });
    expect(table.entries[0]).toMatchObject({ id: 'tesserino-venatorio', area: 'caccia-pesca' });
    expect(existsSync(join(dir, 'tesserino-venatorio.yaml'))).toBe(false);
  });

  it('refuses a table without a procedure name column', () => {
    expect(() => parseProcedureTable(Buffer.from('Ufficio;Telefono\nA;1\n'), TODAY)).toThrow(KbImportError);
  });
});

describe('helpers', () => {
  it('normalises headers', () => {
    expect(normalizeHeader('  Unità  Organizzativa-RESPONSABILE ')).toBe('unita organizzativa responsabile');
  });

  it('detects the separator outside quotes', () => {
    expect(detectDelimiter('"a;b",c,d\n')).toBe(',');
    expect(detectDelimiter('a;b;c\n')).toBe(';');
  });

  it('decodes Windows-1252 accents', () => {
    expect(decodeTable(Buffer.from([0x63, 0x69, 0x74, 0x74, 0xe0])).text).toBe('città');
  });

  it('makes slugs that the schema accepts', () => {
    expect(slugify("Autorizzazione all'esercizio di un'attività")).toBe(
      'autorizzazione-all-esercizio-di-un-attivita',
    );
    expect(slugify('x'.repeat(30) + ' ' + 'y'.repeat(40)).length).toBeLessThanOrEqual(60);
  });
});
