import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { stringify as toYaml } from 'yaml';
import { AREAS, entrySchema, type Area, type KnowledgeEntry } from './entry';
import { KbImportError } from './kbImportError';
import { foldAccents } from './normalize';

/** Entry fields a column of the "Tipologie di procedimento" table can fill. */
type Target =
  | 'title'
  | 'summary'
  | 'legalReferences'
  | 'officeName'
  | 'officePerson'
  | 'officePhone'
  | 'officeEmail'
  | 'officePec'
  | 'deadline'
  | 'silenzioAssenso'
  | 'onlineService'
  | 'paymentMethods'
  | 'costs'
  | 'substitutePower'
  | 'remedies'
  | 'followUp'
  | 'documents'
  | 'whoMayApply'
  | 'area';

/** Column names administrations use (normalised: lower case, no accents, no punctuation). */
const ALIASES: Record<Target, string[]> = {
  title: [
    'procedimento',
    'tipologia di procedimento',
    'denominazione del procedimento',
    'denominazione procedimento',
    'nome procedimento',
    'titolo',
    'oggetto del procedimento',
  ],
  summary: ['breve descrizione', 'descrizione del procedimento', 'descrizione'],
  legalReferences: [
    'riferimenti normativi',
    'normativa di riferimento',
    'normativa',
    'riferimenti normativi utili',
  ],
  officeName: [
    'unita organizzativa responsabile',
    'unita organizzativa responsabile dell istruttoria',
    'unita organizzativa',
    'ufficio responsabile',
    'struttura responsabile',
    'ufficio competente',
    'servizio competente',
  ],
  officePerson: [
    'responsabile del procedimento',
    'nome del responsabile del procedimento',
    'responsabile procedimento',
    'responsabile',
  ],
  officePhone: ['telefono', 'recapito telefonico', 'recapiti telefonici', 'tel'],
  officeEmail: [
    'email',
    'e mail',
    'casella di posta elettronica istituzionale',
    'posta elettronica',
    'indirizzo email',
  ],
  officePec: ['pec', 'posta elettronica certificata', 'indirizzo pec'],
  deadline: [
    'termine di conclusione',
    'termine di conclusione del procedimento',
    'termine del procedimento',
    'termini di conclusione',
    'termine',
    'durata',
  ],
  silenzioAssenso: [
    'silenzio assenso',
    'silenzio assenso dichiarazione dell interessato',
    'procedimento con silenzio assenso',
  ],
  onlineService: [
    'link al servizio online',
    'link di accesso al servizio on line',
    'servizio online',
    'servizio on line',
    'link al servizio on line',
    'link',
  ],
  paymentMethods: [
    'modalita di pagamento',
    'modalita per l effettuazione dei pagamenti',
    'pagamenti',
    'modalita pagamento',
  ],
  costs: ['costi', 'costo', 'oneri', 'importi'],
  substitutePower: [
    'titolare del potere sostitutivo',
    'potere sostitutivo',
    'soggetto a cui e attribuito il potere sostitutivo',
  ],
  remedies: [
    'strumenti di tutela',
    'strumenti di tutela amministrativa e giurisdizionale',
    'tutela',
    'ricorsi',
  ],
  followUp: [
    'modalita per ottenere informazioni',
    'modalita con le quali gli interessati possono ottenere informazioni',
    'stato del procedimento',
  ],
  documents: ['documenti da allegare', 'atti e documenti da allegare', 'modulistica', 'moduli', 'documenti'],
  whoMayApply: ['destinatari', 'a chi si rivolge', 'chi puo presentare la domanda', 'soggetti interessati'],
  area: ['area', 'settore', 'area tematica', 'materia'],
};

export interface ParsedTable {
  entries: KnowledgeEntry[];
  /** Headers no entry field could take. */
  unmappedColumns: string[];
  /** 1-based data rows (the header is row 1) left out, with why. */
  unmappedRows: Array<{ row: number; reason: string }>;
  encoding: 'utf-8' | 'windows-1252';
  delimiter: ';' | ',';
  /** Which header went to which field. */
  columns: Array<{ header: string; field: string }>;
}

export interface ImportOptions {
  outDir: string;
  /** Overwrite entries that already exist. */
  force?: boolean;
  /** Date to put in lastReviewed (YYYY-MM-DD); today by default. */
  today?: string;
}

export interface ImportReport extends ParsedTable {
  written: string[];
  /** Files left alone because they exist and --force was not given. */
  skipped: string[];
}

/** Normalises a header for matching: case, accents, punctuation and spacing do not matter. */
export function normalizeHeader(header: string): string {
  return foldAccents(header.toLowerCase())
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** UTF-8 when the bytes are valid UTF-8 (with or without BOM), Windows-1252 otherwise. */
export function decodeTable(buffer: Buffer): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
    return { text: text.replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(buffer, 'win1252'), encoding: 'windows-1252' };
  }
}

/** The separator used in the header line, outside quotes. */
export function detectDelimiter(text: string): ';' | ',' {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ';') semicolons += 1;
    else if (!quoted && ch === ',') commas += 1;
  }
  return semicolons >= commas && semicolons > 0 ? ';' : ',';
}

function mapHeaders(headers: string[]): { byColumn: Map<number, Target>; unmapped: string[] } {
  const byColumn = new Map<number, Target>();
  const taken = new Set<Target>();
  // Best match first: an exact alias beats a contained one, a longer contained alias a shorter one.
  const candidates: Array<{ column: number; target: Target; quality: number }> = [];
  headers.forEach((header, column) => {
    const h = normalizeHeader(header);
    if (h === '') return;
    for (const [target, aliases] of Object.entries(ALIASES) as Array<[Target, string[]]>) {
      for (const alias of aliases) {
        if (h === alias) candidates.push({ column, target, quality: 1000 + alias.length });
        else if (` ${h} `.includes(` ${alias} `)) candidates.push({ column, target, quality: alias.length });
      }
    }
  });
  candidates.sort((a, b) => b.quality - a.quality);
  for (const c of candidates) {
    if (byColumn.has(c.column) || taken.has(c.target)) continue;
    byColumn.set(c.column, c.target);
    taken.add(c.target);
  }
  const unmapped = headers.filter((h, i) => !byColumn.has(i) && h.trim() !== '');
  return { byColumn, unmapped };
}

const AREA_HINTS: Array<[Area, RegExp]> = [
  ['strade', /strad|viabilit|carra|pubblicitar|trasporti eccezionali|sinistr/],
  ['trasporti', /autoscuol|trasport|nautic|revision|autotrasport|circolazione|veicol/],
  ['ambiente', /ambient|rifiut|scaric|emission|inquinament|acque|aria|energ|termic|bonific/],
  ['caccia-pesca', /caccia|venator|pesca|ittic|fauna/],
  ['lavoro', /lavor|impiego|tirocin|collocamento|formazione professionale/],
  ['istruzione', /scuol|istruzion|palestr|edilizia scolastica/],
  ['turismo', /turis|guide|alberg|agenzie di viaggio/],
];

function guessArea(explicit: string | undefined, title: string, summary: string): Area {
  const fromColumn = explicit ? foldAccents(explicit.toLowerCase()).trim() : '';
  const exact = AREAS.find((a) => a === fromColumn.replace(/\s+/g, '-'));
  if (exact) return exact;
  const text = foldAccents(`${fromColumn} ${title} ${summary}`.toLowerCase());
  return AREA_HINTS.find(([, re]) => re.test(text))?.[0] ?? 'generale';
}

export function slugify(title: string, maxLength = 60): string {
  const slug = foldAccents(title.toLowerCase())
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength);
  return cut.slice(0, cut.lastIndexOf('-') > 20 ? cut.lastIndexOf('-') : maxLength).replace(/-+$/, '');
}

function splitList(value: string): string[] {
  return value
    .split(/\s*(?:;|\r?\n|\|)\s*/)
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

function yesNo(value: string): boolean | undefined {
  const v = foldAccents(value.toLowerCase()).trim();
  if (/^(si|s|yes|vero|true|x)\b/.test(v)) return true;
  if (/^(no|n|false|falso)\b/.test(v)) return false;
  return undefined;
}

function asLink(value: string): string | undefined {
  const v = value.trim();
  if (/^(https?:\/\/|\/)/i.test(v)) return v;
  if (/^www\.|^[a-z0-9-]+(\.[a-z0-9-]+)+(\/\S*)?$/i.test(v)) return `https://${v}`;
  return undefined;
}

function buildEntry(id: string, fields: Partial<Record<Target, string>>, today: string): KnowledgeEntry {
  const title = fields.title ?? '';
  const summaryText = fields.summary && fields.summary.length >= 10 ? fields.summary : `${title}.`;
  const deadline = fields.deadline;
  const days = deadline ? /(\d{1,4})\s*(gg|giorni|gg\.)?/i.exec(deadline) : null;
  const silenzio = fields.silenzioAssenso ? yesNo(fields.silenzioAssenso) : undefined;
  const online = fields.onlineService ? asLink(fields.onlineService) : undefined;
  const office = fields.officeName
    ? {
        name: fields.officeName,
        ...(fields.officePerson ? { person: fields.officePerson } : {}),
        ...(fields.officePhone ? { phone: fields.officePhone } : {}),
        ...(fields.officeEmail ? { email: fields.officeEmail } : {}),
        ...(fields.officePec ? { pec: fields.officePec } : {}),
      }
    : undefined;
  const payment = fields.paymentMethods ? splitList(fields.paymentMethods.replace(/,/g, ';')) : [];
  const raw = {
    id,
    type: 'procedimento',
    title,
    area: guessArea(fields.area, title, summaryText),
    keywords: [],
    summary: summaryText,
    ...(fields.legalReferences ? { legalReferences: splitList(fields.legalReferences) } : {}),
    ...(office ? { office } : {}),
    ...(fields.whoMayApply ? { whoMayApply: fields.whoMayApply } : {}),
    ...(fields.documents ? { documents: splitList(fields.documents).map((t) => ({ title: t })) } : {}),
    ...(fields.costs || payment.length > 0
      ? {
          costs: {
            text: fields.costs ?? 'Chiedi all’ufficio se sono previsti costi.',
            paymentMethods: payment,
          },
        }
      : {}),
    ...(days?.[1] && Number(days[1]) > 0 ? { deadlineDays: Number(days[1]) } : {}),
    ...(deadline ? { deadlineText: deadline } : {}),
    ...(silenzio !== undefined ? { silenzioAssenso: silenzio } : {}),
    ...(fields.followUp ? { followUp: fields.followUp } : {}),
    ...(fields.remedies ? { remedies: fields.remedies } : {}),
    ...(online ? { onlineService: online } : {}),
    ...(fields.substitutePower ? { substitutePower: { name: fields.substitutePower } } : {}),
    lastReviewed: today,
    // Imported text was written for a table, not for citizens: the office reviews it first.
    reviewNeeded: true,
  };
  const parsed = entrySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new KbImportError(
      `${issue?.path.map(String).join('.') || 'entry'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}

/** The entry as office staff would write it: no empty lists or default flags. */
function forYaml(entry: KnowledgeEntry): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(entry).filter(
      ([key, value]) =>
        !(Array.isArray(value) && value.length === 0) && !(key === 'escalate' && value === false),
    ),
  );
}

/** Turns a published "Tipologie di procedimento" table into validated entries, without writing. */
export function parseProcedureTable(
  buffer: Buffer,
  today: string = new Date().toISOString().slice(0, 10),
): ParsedTable {
  const { text, encoding } = decodeTable(buffer);
  const delimiter = detectDelimiter(text);
  let rows: string[][];
  try {
    rows = parseCsv(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as string[][];
  } catch (err) {
    throw new KbImportError(`cannot read the table: ${err instanceof Error ? err.message : String(err)}`);
  }
  const [headers, ...data] = rows;
  if (!headers) throw new KbImportError('the file is empty');
  const { byColumn, unmapped } = mapHeaders(headers);
  if (![...byColumn.values()].includes('title')) {
    throw new KbImportError(
      `no column with the procedure name (e.g. "Procedimento") among: ${headers.join(', ')}`,
    );
  }
  const entries: KnowledgeEntry[] = [];
  const unmappedRows: ParsedTable['unmappedRows'] = [];
  const used = new Set<string>();
  data.forEach((row, index) => {
    const rowNumber = index + 2;
    const fields: Partial<Record<Target, string>> = {};
    for (const [column, target] of byColumn) {
      const value = row[column]?.trim();
      if (value) fields[target] = value;
    }
    if (!fields.title || fields.title.length < 3) {
      if (row.some((c) => c.trim() !== ''))
        unmappedRows.push({ row: rowNumber, reason: 'no procedure name' });
      return;
    }
    let id = slugify(fields.title);
    if (id === '') {
      unmappedRows.push({ row: rowNumber, reason: `cannot make an id from "${fields.title}"` });
      return;
    }
    for (let n = 2; used.has(id); n++) id = `${slugify(fields.title, 56)}-${n}`;
    try {
      entries.push(buildEntry(id, fields, today));
      used.add(id);
    } catch (err) {
      if (!(err instanceof KbImportError)) throw err;
      unmappedRows.push({ row: rowNumber, reason: err.message });
    }
  });
  const columns = [...byColumn].map(([column, field]) => ({ header: headers[column] ?? '', field }));
  return { entries, unmappedColumns: unmapped, unmappedRows, encoding, delimiter, columns };
}

/** Parses the table and writes one YAML file per entry; existing files are kept unless `force`. */
export function importProcedureTable(buffer: Buffer, options: ImportOptions): ImportReport {
  const table = parseProcedureTable(buffer, options.today);
  mkdirSync(options.outDir, { recursive: true });
  const written: string[] = [];
  const skipped: string[] = [];
  for (const entry of table.entries) {
    const file = join(options.outDir, `${entry.id}.yaml`);
    if (existsSync(file) && !options.force) {
      skipped.push(file);
      continue;
    }
    writeFileSync(file, toYaml(forYaml(entry), { lineWidth: 100 }), 'utf8');
    written.push(file);
  }
  return { ...table, written, skipped };
}
