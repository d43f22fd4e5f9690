import { analyzeStems } from '../../knowledge/analyzer';
import { SynonymDictionary } from '../../knowledge/synonymDictionary';

const dictionary = SynonymDictionary.fromYaml(`
families:
  - [accesso carraio, passo carrabile, passo carraio]
  - [impianti termici, bollino caldaia]
  - [strada provinciale, sp]
familiesEn:
  - [abnormal load, oversize load]
`);

const expandIt = (text: string): string[] => dictionary.expand(analyzeStems(text, 'it'), 'it');

describe('SynonymDictionary', () => {
  it('adds the wording the KB uses for a jargon expression', () => {
    expect(expandIt('mi serve il passo carrabile')).toEqual(analyzeStems('accesso carraio', 'it'));
    // stop words between the words do not matter
    expect(expandIt('bollino della caldaia')).toEqual(analyzeStems('impianti termici', 'it'));
    expect(expandIt('bollino caldaia scaduto')).toEqual(analyzeStems('impianti termici', 'it'));
  });

  it('matches plurals and upper case', () => {
    expect(expandIt('PASSI CARRABILI')).toEqual(analyzeStems('accesso carraio', 'it'));
    expect(expandIt('buca sulla SP 72')).toEqual(analyzeStems('strada provinciale', 'it'));
  });

  it('adds nothing when the KB wording is already there or nothing matches', () => {
    expect(expandIt('accesso carraio')).toEqual([]);
    expect(expandIt('orari dello sportello')).toEqual([]);
  });

  it('tells which words of the text brought in each added stem', () => {
    const stems = analyzeStems('bollino della caldaia scaduto', 'it');
    const expansion = dictionary.expandWithSources(stems, 'it');
    expect(expansion.map((e) => e.stem)).toEqual(analyzeStems('impianti termici', 'it'));
    for (const e of expansion) expect(e.sources).toEqual(analyzeStems('bollino caldaia', 'it'));
    expect(dictionary.expandWithSources(analyzeStems('accesso carraio', 'it'), 'it')).toEqual([]);
  });

  it('expands English families only for English text', () => {
    expect(dictionary.expand(analyzeStems('oversize load permit', 'en'), 'en')).toEqual(
      analyzeStems('abnormal', 'en'),
    );
  });

  it('rejects a malformed file', () => {
    expect(() => SynonymDictionary.fromYaml('families: [[solo]]')).toThrow();
  });
});
