import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { mayHoldCodiceFiscale } from '../../dialogs/mainRouter';
import { foldForMatch } from '../../dialogs/textMatch';
import { transcriptLine } from '../../dialogs/transcript';
import { recognizeEntities } from '../../nlu/recognizeEntities';
import { QUESTIONS } from '../../bench/questions';

const EVAL = join(__dirname, '..', 'fixtures', 'eval');

/** Citizens' sentences: the evaluation questions and the entity sentences. */
function corpus(): string[] {
  const texts: string[] = [...QUESTIONS];
  for (const file of readdirSync(EVAL)) {
    const raw = readFileSync(join(EVAL, file), 'utf8');
    if (file.endsWith('.tsv'))
      for (const line of raw.split('\n').slice(1)) {
        const question = line.split('\t')[2];
        if (question) texts.push(question);
      }
    if (file.endsWith('.jsonl'))
      for (const line of raw.split('\n'))
        if (line.trim()) texts.push((JSON.parse(line) as { text: string }).text);
  }
  return texts;
}

// Codici fiscali as citizens write them: plain, lower case, spaced, dashed, omocodia, truncated.
const CODES = [
  'RSSMRA85T10A562S',
  'rssmra85t10a562s',
  'RSS MRA 85T10 A562S',
  'RSS-MRA-85T10-A562S',
  'RSSMRALRTMNAQRSS',
  'RSSMRA85T10A562',
  'RSSMRA85T10A56',
];

describe('mayHoldCodiceFiscale', () => {
  it('is true for every message in which the recognizer finds a codice fiscale', () => {
    const texts = corpus();
    const withCode = CODES.flatMap((code) => [
      `il mio codice fiscale è ${code}`,
      `CF ${code}`,
      `c.f. ${code}, grazie`,
      `mi chiamo Mario, ${code}`,
      code,
    ]);
    let found = 0;
    for (const text of [...texts, ...withCode]) {
      const codes = recognizeEntities(text).filter((e) => e.type === 'codiceFiscale');
      if (codes.length === 0) continue;
      found += 1;
      expect({ text, may: mayHoldCodiceFiscale(text) }).toEqual({ text, may: true });
    }
    // The check above met real codes, not only sentences without any.
    expect(found).toBeGreaterThan(CODES.length * 2);
  });

  it('is false for the plain questions most citizens write', () => {
    const plain = corpus().filter((t) => !mayHoldCodiceFiscale(t));
    expect(plain.length).toBeGreaterThan(corpus().length / 2);
    expect(QUESTIONS.filter((q) => mayHoldCodiceFiscale(q))).toEqual([]);
  });
});

describe('foldForMatch', () => {
  it('folds each text on its own, also when texts alternate', () => {
    const a = "Qual è l'orario dell'ufficio?";
    const b = 'PASSO   carraio, provinciale!';
    expect(foldForMatch(a)).toBe('qual e l orario dell ufficio');
    expect(foldForMatch(b)).toBe('passo carraio provinciale');
    expect(foldForMatch(a)).toBe('qual e l orario dell ufficio');
    expect(foldForMatch('')).toBe('');
    expect(foldForMatch(b)).toBe('passo carraio provinciale');
  });
});

describe('transcriptLine', () => {
  it("masks and shortens the bot's long answers the same way each time they are said", () => {
    const answer = `Paga con bonifico sull'IBAN IT60X0542811101000000123456. ${'Testo della risposta. '.repeat(30)}Vuoi altro?`;
    const first = transcriptLine('bot', answer);
    const again = transcriptLine('bot', answer);
    expect(first?.text).toBe(again?.text);
    expect(first?.text).not.toContain('IT60X0542811101000000123456');
    expect(first?.text.length).toBeLessThanOrEqual(240);
    expect(first?.text.endsWith('Vuoi altro?')).toBe(true);
    const short = transcriptLine('bot', 'Il codice RSSMRA85T10A562S non è valido');
    expect(short?.text).toBe('Il codice [codice fiscale] non è valido');
  });
});
