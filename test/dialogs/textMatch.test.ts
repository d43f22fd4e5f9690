import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { QUESTIONS } from '../../bench/questions';
import { foldForMatch } from '../../dialogs/textMatch';

/** The fold as first written, for every text: what the ASCII shortcut must reproduce. */
function reference(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’'`´]/g, ' ')
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const EVAL = join(__dirname, '..', 'fixtures', 'eval');

function citizenTexts(): string[] {
  const texts: string[] = [...QUESTIONS];
  for (const file of readdirSync(EVAL).filter((f) => f.endsWith('.tsv')))
    for (const line of readFileSync(join(EVAL, file), 'utf8').split('\n').slice(1)) {
      const question = line.split('\t')[2];
      if (question) texts.push(question);
    }
  return texts;
}

/** Deterministic pseudo-random strings over `alphabet`. */
function randomTexts(alphabet: string, count: number, seed: number): string[] {
  let state = seed;
  const next = (): number => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return Array.from({ length: count }, () =>
    Array.from(
      { length: 1 + Math.floor(next() * 40) },
      () => alphabet[Math.floor(next() * alphabet.length)],
    ).join(''),
  );
}

const ASCII = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)).join('');

describe('foldForMatch', () => {
  it("folds like the full Unicode fold: citizens' questions, every ASCII character, accents and symbols", () => {
    const texts = [
      ...citizenTexts(),
      ...randomTexts(ASCII, 3000, 1),
      ...randomTexts('aB3 \t\n\r\v\f.,;:!?\'"`-_/\\()[]{}@#€àèéìòùÀÉ’´ßœ😀ﬁ', 3000, 2),
      "Qual è l'orario dell'ufficio?",
      'PASSO   carraio, provinciale!',
      '',
      '   ',
      "l'A.U.A.  per  l'impresa",
    ];
    expect(texts.length).toBeGreaterThan(6000);
    for (const text of texts)
      expect({ text, folded: foldForMatch(text) }).toEqual({ text, folded: reference(text) });
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
