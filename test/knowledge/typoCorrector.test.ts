import { TypoCorrector, withinOneEdit } from '../../knowledge/typoCorrector';

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

  it('measures one edit', () => {
    expect(withinOneEdit('abc', 'acb')).toBe(true);
    expect(withinOneEdit('abc', 'abcd')).toBe(true);
    expect(withinOneEdit('abc', 'cba')).toBe(false);
    expect(withinOneEdit('abc', 'abc')).toBe(false);
  });
});
