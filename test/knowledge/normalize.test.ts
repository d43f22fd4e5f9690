import { analyzeStems } from '../../knowledge/analyzer';
import { foldAccents, matchTokens, tokenize } from '../../knowledge/normalize';

describe('tokenize', () => {
  it('keeps accented letters', () => {
    expect(tokenize('La città di Lecco')).toEqual(['la', 'città', 'di', 'lecco']);
    expect(tokenize('È già così')).toEqual(['è', 'già', 'così']);
  });

  it('splits elisions, with straight or typographic apostrophes', () => {
    expect(tokenize("dell'autoscuola")).toEqual(['dell', 'autoscuola']);
    expect(tokenize('all’ufficio, un’altra sede')).toEqual(['all', 'ufficio', 'un', 'altra', 'sede']);
  });
});

describe('matching', () => {
  it('folds accents so that text written without them matches', () => {
    expect(foldAccents('perché città è')).toBe('perche citta e');
    expect(matchTokens('Città')).toEqual(matchTokens('citta'));
  });

  it('reads accented capitals, typographic punctuation and combining accents alike', () => {
    expect(matchTokens('È l’Ufficio «Trasporti» – costo 16\u00a0€; Più')).toEqual([
      'e',
      'l',
      'ufficio',
      'trasporti',
      'costo',
      '16',
      'piu',
    ]);
    expect(matchTokens('citta\u0300 Perche\u0301')).toEqual(['citta', 'perche']);
    expect(matchTokens('Città “Straße”')).toEqual(['citta', 'straße']);
  });

  it('drops stop words, including "è" and elided articles, and stems the rest', () => {
    expect(analyzeStems("È l'autoscuola della città", 'it')).toEqual(analyzeStems('autoscuole citta', 'it'));
    expect(analyzeStems('dell’autoscuola', 'it')).toEqual(analyzeStems('autoscuola', 'it'));
  });

  it('gives singular and plural the same stem', () => {
    expect(analyzeStems('caldaia', 'it')).toEqual(analyzeStems('caldaie', 'it'));
    expect(analyzeStems('autorizzazione', 'it')).toEqual(analyzeStems('autorizzazioni', 'it'));
    expect(analyzeStems('driveways', 'en')).toEqual(analyzeStems('driveway', 'en'));
  });
});
