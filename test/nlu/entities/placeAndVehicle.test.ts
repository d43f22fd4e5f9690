import { valuesOf } from '../entitySupport';

describe('CAP', () => {
  it.each([
    ['CAP 23822 Bellano', ['23822']],
    ['abito a lierna cap 23827', ['23827']],
    ['via Roma 1, 20121 Milano', ['20121']],
    ['Lecco 23900', ['23900']],
    ['il cap di Milano è 20121', ['20121']],
  ])('%s', (text, value) => {
    expect(valuesOf('cap', text)).toEqual(value);
  });

  it('leaves other five-digit numbers as numbers', () => {
    expect(valuesOf('cap', 'protocollo 12345 del mese')).toEqual([]);
  });
});

describe('targa', () => {
  it.each([
    ['targa DR 456 KM', ['DR456KM']],
    ['il furgone targato EP-219-LS', ['EP219LS']],
    ['targa auto: gz 803 fb', ['GZ803FB']],
    ['AB123CD', ['AB123CD']],
    ['la moto ha targa AB 12345', ['AB12345']],
  ])('%s', (text, value) => {
    expect(valuesOf('targa', text)).toEqual(value);
  });

  it('needs capitals or a vehicle nearby for the lowercase shape', () => {
    expect(valuesOf('targa', 'ne ho da 300 ml')).toEqual([]);
  });
});

describe('comuni of the Provincia di Lecco', () => {
  it.each([
    ['Abito a Olgiate Molgora', ['Olgiate Molgora']],
    ['vivo a mandello', ['Mandello del Lario']],
    ['sono di calolzio', ['Calolziocorte']],
    ["sede a Paderno d'Adda", ["Paderno d'Adda"]],
    ['abito a Barzano', ['Barzanò']],
    ['abito a valmadera', ['Valmadrera']],
    ['lavoro a casatenvo', ['Casatenovo']],
    ['tra Ballabio e Morterone', ['Ballabio', 'Morterone']],
    ['abito a Leco', ['Lecco']],
    ['vivo a Malgarte', ['Malgrate']],
    ['abito a Birvio', ['Brivio']],
    ['a castllo di brianza', ['Castello di Brianza']],
  ])('%s', (text, value) => {
    expect(valuesOf('comune', text)).toEqual(value);
  });

  it('ignores places outside the Province, the Province itself, surnames and ordinary words', () => {
    expect(valuesOf('comune', 'Abito a Milano, vicino a Como, sigla LC')).toEqual([]);
    expect(valuesOf('comune', 'Abito a Cernusco sul Naviglio')).toEqual([]);
    expect(valuesOf('comune', 'in provincia di Lecco')).toEqual([]);
    expect(valuesOf('comune', 'Mi chiamo Paolo Brivio')).toEqual([]);
    expect(valuesOf('comune', 'quello di maggio mi sveglio presto')).toEqual([]);
    expect(valuesOf('comune', 'Anyone can ask')).toEqual([]);
    expect(valuesOf('comune', 'al bivio, sullo stesso lato')).toEqual([]);
  });
});
