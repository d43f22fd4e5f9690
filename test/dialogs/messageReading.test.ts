import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { detectFacet, facetOf } from '../../dialogs/facets';
import { MessageReader, mayHoldCodiceFiscale, readMessage } from '../../dialogs/messageReading';
import { detectSmallTalk } from '../../dialogs/smallTalk';
import { wordCount } from '../../dialogs/textMatch';
import { languageEvidence } from '../../knowledge/language';
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

describe('readMessage', () => {
  it('reads each text as the detectors do one by one', () => {
    const texts = [
      ...corpus().slice(0, 400),
      'Documenti',
      'quanto costa?',
      'grazie mille',
      'voglio parlare con un operatore',
      'How much does the fishing licence cost?',
      '',
    ];
    for (const text of texts) {
      const words = wordCount(text);
      expect({ text, reading: readMessage(text) }).toEqual({
        text,
        reading: {
          words,
          language: words >= 3 ? languageEvidence(text) : readMessage(text).language,
          smallTalk: detectSmallTalk(text),
          facet: detectFacet(text),
          facetRest: facetOf(text)?.rest,
          mayHoldCodiceFiscale: mayHoldCodiceFiscale(text),
        },
      });
    }
  });
});

describe('the language of a message', () => {
  it.each([
    ['hello', 'en'],
    ['Hi!', 'en'],
    ['thank you', 'en'],
    ['how much?', 'en'],
    ['parli inglese?', 'en'],
    ['Ciao', 'it'],
    ['grazie mille', 'it'],
    ['quanto costa?', 'it'],
    ['Documenti', undefined],
    ['ok', undefined],
    ['AUA', undefined],
    ['+39 333 1234567', undefined],
    ['fishing licence renewal', undefined],
    ['devo rinnovare la licenza', 'it'],
    ['I need a fishing licence', 'en'],
  ])('"%s" is %s', (text, language) => {
    expect(readMessage(text).language).toBe(language);
  });
});

describe('MessageReader', () => {
  it('gives a text the same frozen reading each time, whatever was read in between', () => {
    const reader = new MessageReader();
    const first = reader.read('quanto costa il tesserino per la caccia');
    expect(reader.read('How much does it cost?').language).toBe('en');
    const again = reader.read('quanto costa il tesserino per la caccia');
    expect(again).toBe(first);
    expect(Object.isFrozen(again)).toBe(true);
    expect(again).toEqual(readMessage('quanto costa il tesserino per la caccia'));
    expect(again.facet).toBe('costs');
  });

  it('keeps nothing with a cache of 0 and still reads correctly', () => {
    const reader = new MessageReader(0);
    const first = reader.read('grazie mille');
    const again = reader.read('grazie mille');
    expect(again).not.toBe(first);
    expect(again.smallTalk).toBe('thanks');
  });
});
