import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, parseImportArgs } from '../../scripts/kbImport';

const CSV = join(__dirname, '..', 'fixtures', 'knowledge', 'tipologie-procedimento-win1252.csv');

describe('kb:import', () => {
  it('parses its arguments', () => {
    expect(parseImportArgs(['t.csv', '--out', 'x', '--force'], 'kb')).toEqual({
      file: 't.csv',
      outDir: 'x',
      force: true,
    });
    expect(parseImportArgs(['--out=y', 't.csv'], 'kb')).toEqual({ file: 't.csv', outDir: 'y', force: false });
    expect(() => parseImportArgs([], 'kb')).toThrow(/usage/);
    expect(() => parseImportArgs(['t.csv', '--overwrite'], 'kb')).toThrow(/unknown option/);
  });

  it('writes the entries and reports the unmapped row and columns', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-import-cli-'));
    let out = '';
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    try {
      expect(main([CSV, '--out', dir])).toBe(0);
      expect(readdirSync(dir)).toHaveLength(3);
      expect(out).toMatch(/Row 4 not imported/);
      expect(out).toMatch(/Columns not imported: Note interne; Codice/);
    } finally {
      spy.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 for a missing file', () => {
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(main(['/nonexistent/file.csv'])).toBe(2);
    } finally {
      spy.mockRestore();
    }
  });
});
