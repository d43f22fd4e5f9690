import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runEntityEval } from '../../scripts/evalEntities';

async function evalDirWith(files: Record<string, unknown[]>): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'entities-eval-'));
  for (const [name, lines] of Object.entries(files))
    await fs.writeFile(path.join(dir, name), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return dir;
}

describe('runEntityEval', () => {
  it('passes when every labelled entity is found, and reads held-out files too', async () => {
    const dir = await evalDirWith({
      'dev-entities.jsonl': [
        {
          text: 'Vengo domani alle 8',
          expect: [
            { type: 'date', value: '2026-11-27' },
            { type: 'time', value: '08:00' },
          ],
        },
        { text: 'P.IVA 02193970130', expect: [{ type: 'partitaIva', value: '02193970130', valid: true }] },
      ],
      'test-entities.jsonl': [
        { text: 'costa 5 euro', expect: [{ type: 'money', value: { currency: 'EUR', amount: 5 } }] },
      ],
      'dev-questions.tsv': [],
    });
    const { passed, report } = await runEntityEval(dir);
    expect(passed).toBe(true);
    expect(report).toMatch(/dev-entities\.jsonl/);
    expect(report).toMatch(/test-entities\.jsonl/);
    expect(report).toMatch(/money\s+1\s+100\.0%\s+100\.0%/);
  });

  it('reads a single labelled file when given a file instead of a directory', async () => {
    const dir = await evalDirWith({
      'dev-entities.jsonl': [{ text: 'Sono 3 domande', expect: [] }],
      'blind.jsonl': [
        { text: 'costa 5 euro', expect: [{ type: 'money', value: { currency: 'EUR', amount: 5 } }] },
      ],
    });
    const { passed, report } = await runEntityEval(path.join(dir, 'blind.jsonl'));
    expect(passed).toBe(true);
    expect(report).toMatch(/blind\.jsonl \(1 sentences/);
    expect(report).not.toMatch(/dev-entities/);
  });

  it('fails and lists the misses when a value or a validity is wrong', async () => {
    const dir = await evalDirWith({
      'dev-entities.jsonl': [
        { text: 'P.IVA 02193970130', expect: [{ type: 'partitaIva', value: '02193970130', valid: false }] },
        { text: 'Sono 3 domande', expect: [] },
      ],
    });
    const { passed, report } = await runEntityEval(dir);
    expect(passed).toBe(false);
    expect(report).toMatch(/missed\s+partitaIva="02193970130" \(not valid\)/);
    expect(report).toMatch(/spurious number=3/);
  });
});
