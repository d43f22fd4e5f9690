import { readFileSync } from 'node:fs';
import { importProcedureTable, type ImportReport } from '../knowledge/importer';
import { KbImportError } from '../knowledge/kbImportError';

export interface KbImportArgs {
  file: string;
  outDir: string;
  force: boolean;
}

const USAGE = 'usage: npm run kb:import -- FILE.csv [--out DIR] [--force]';

export function parseImportArgs(argv: readonly string[], defaultOut: string): KbImportArgs {
  let file: string | undefined;
  let outDir = defaultOut;
  let force = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--force') force = true;
    else if (arg === '--out') {
      const value = argv[++i];
      if (!value) throw new KbImportError(`--out needs a directory. ${USAGE}`);
      outDir = value;
    } else if (arg?.startsWith('--out=')) outDir = arg.slice('--out='.length);
    else if (arg?.startsWith('--')) throw new KbImportError(`unknown option ${arg}. ${USAGE}`);
    else if (arg !== undefined) file = arg;
  }
  if (!file) throw new KbImportError(USAGE);
  return { file, outDir, force };
}

export function formatImportReport(report: ImportReport): string {
  const lines = [
    `Read ${report.entries.length + report.unmappedRows.length} rows (${report.encoding}, separator "${report.delimiter}").`,
    `Columns: ${report.columns.map((c) => `${c.header} -> ${c.field}`).join('; ')}`,
  ];
  if (report.unmappedColumns.length > 0)
    lines.push(`Columns not imported: ${report.unmappedColumns.join('; ')}`);
  for (const r of report.unmappedRows) lines.push(`Row ${r.row} not imported: ${r.reason}`);
  for (const f of report.written) lines.push(`written ${f}`);
  for (const f of report.skipped) lines.push(`kept ${f} (exists; use --force to overwrite)`);
  lines.push(
    `${report.written.length} written, ${report.skipped.length} kept. Imported entries have reviewNeeded: true; run npm run kb:check.`,
  );
  return lines.join('\n');
}

function readTable(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new KbImportError(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Runs the import; returns the exit code: 0 imported, 1 nothing to import, 2 unusable input. */
export function main(
  argv: readonly string[],
  defaultOut = process.env.KB_DIR ?? 'knowledge/entries',
): number {
  try {
    const args = parseImportArgs(argv, defaultOut);
    const report = importProcedureTable(readTable(args.file), { outDir: args.outDir, force: args.force });
    process.stdout.write(`${formatImportReport(report)}\n`);
    // Unmapped rows and columns are reported, not fatal: the office reviews every entry anyway.
    return report.entries.length > 0 ? 0 : 1;
  } catch (err) {
    if (err instanceof KbImportError) {
      process.stderr.write(`kb:import: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
