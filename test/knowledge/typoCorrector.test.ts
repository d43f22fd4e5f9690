import { TypoCorrector, typoCost, withinOneEdit } from '../../knowledge/typoCorrector';

describe('TypoCorrector', () => {
  const vocabulary = new TypoCorrector();
  for (const w of [
    'passaporto',
    'stazione',
    'autorizzazione',
    'impianti',
    'cellulare',
    'avviso',
    'avviso',
    'avvisi',
  ]) {
    vocabulary.add(w);
  }

  it('corrects a missing, extra, wrong or swapped letter', () => {
    expect(vocabulary.correct('autorizazione')).toBe('autorizzazione');
    expect(vocabulary.correct('stazzione')).toBe('stazione');
    expect(vocabulary.correct('impiati')).toBe('impianti');
    expect(vocabulary.correct('cellulre')).toBe('cellulare');
    expect(vocabulary.correct('passaproto')).toBe('passaporto');
  });

  it('prefers the more frequent word', () => {
    expect(vocabulary.correct('avvise')).toBe('avviso');
  });

  it('leaves known, short and far-off words alone', () => {
    expect(vocabulary.correct('stazione')).toBeUndefined();
    expect(vocabulary.correct('pss')).toBeUndefined();
    expect(vocabulary.correct('musica')).toBeUndefined();
  });

  it('does not read a real word one letter from a KB word as that word', () => {
    const kb = new TypoCorrector();
    for (const w of ['male', 'spesi', 'mare', 'ditta', 'voto', 'spenta', 'seggio']) kb.add(w);
    // a vowel for another inside the word, a letter far on the keyboard, a letter added that
    // does not double its neighbour: words of their own, not typos
    for (const word of ['mele', 'sposi', 'madre', 'dritta', 'vuoto', 'spetta', 'peggio']) {
      expect({ word, correction: kb.correct(word) }).toEqual({ word, correction: undefined });
    }
  });

  it('prefers the likeliest typo: a doubled letter written single before a wrong letter', () => {
    const kb = new TypoCorrector();
    kb.add('grafico');
    kb.add('grafico');
    kb.add('traffico');
    expect(kb.correct('trafico')).toBe('traffico');
    expect(typoCost('trafico', 'traffico')).toBeLessThan(typoCost('trafico', 'grafico') ?? Infinity);
  });

  it('accepts a wrong letter next on the keyboard or sounding alike, and any slip in a long word', () => {
    expect(typoCost('licensa', 'licenza')).toBeDefined();
    expect(typoCost('cavaxlo', 'cavallo')).toBeUndefined();
    expect(typoCost('cavaklo', 'cavallo')).toBeDefined();
    expect(typoCost('autprizzazione', 'autorizzazione')).toBeDefined();
    expect(typoCost('extracurriculare', 'extracurricolare')).toBeDefined();
  });

  it('measures one edit', () => {
    expect(withinOneEdit('abc', 'acb')).toBe(true);
    expect(withinOneEdit('abc', 'abcd')).toBe(true);
    expect(withinOneEdit('abc', 'cba')).toBe(false);
    expect(withinOneEdit('abc', 'abc')).toBe(false);
  });
});
