import { TRANSCRIPT_MAX_LINES, type TranscriptLine, type TranscriptLog } from '../../storage/transcriptLog';

export function line(i: number, from: TranscriptLine['from'] = 'citizen'): TranscriptLine {
  return { from, text: `riga ${i} – città`, at: new Date(Date.UTC(2026, 0, 1, 9, 0, i)).toISOString() };
}

/** The behaviour every TranscriptLog must have (memory and Redis alike). `make` returns an empty log. */
export function transcriptLogContract(name: string, make: () => Promise<TranscriptLog>): void {
  describe(`${name} (TranscriptLog contract)`, () => {
    let log: TranscriptLog;
    beforeEach(async () => {
      log = await make();
    });

    it('reads an unknown conversation as empty', async () => {
      expect(await log.read('directline/nobody')).toEqual([]);
    });

    it('reads back the lines in the order they were appended, across appends', async () => {
      await log.append('directline/a', [line(1), line(2, 'bot')]);
      await log.append('directline/a', [line(3)]);
      await log.append('directline/a', []);
      expect(await log.read('directline/a')).toEqual([line(1), line(2, 'bot'), line(3)]);
    });

    it(`keeps only the last ${TRANSCRIPT_MAX_LINES} lines`, async () => {
      const lines = Array.from({ length: TRANSCRIPT_MAX_LINES + 7 }, (_, i) => line(i));
      await log.append('telegram/b', lines.slice(0, 20));
      await log.append('telegram/b', lines.slice(20));
      const read = await log.read('telegram/b');
      expect(read).toHaveLength(TRANSCRIPT_MAX_LINES);
      expect(read[0]).toEqual(line(7));
      expect(read.at(-1)).toEqual(line(TRANSCRIPT_MAX_LINES + 6));
    });

    it('keeps conversations apart', async () => {
      await log.append('directline/a', [line(1)]);
      await log.append('telegram/a', [line(2)]);
      expect(await log.read('directline/a')).toEqual([line(1)]);
      expect(await log.read('telegram/a')).toEqual([line(2)]);
    });

    it('is not changed by changing what was appended or read', async () => {
      const appended = line(1);
      await log.append('directline/c', [appended]);
      appended.text = 'cambiato';
      const read = await log.read('directline/c');
      (read[0] as TranscriptLine).text = 'cambiato anche qui';
      read.push(line(9));
      expect(await log.read('directline/c')).toEqual([line(1)]);
    });
  });
}
