import { valuesOf } from '../entitySupport';

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
    expect(valuesOf('comune', "L'anno è il 2026, l'anno e mezzo")).toEqual([]);
  });

  it('still reads a name written in pieces or with a hyphen', () => {
    expect(valuesOf('comune', 'abito a Casa te novo')).toEqual(['Casatenovo']);
    expect(valuesOf('comune', 'abito a Monte-Marenzo')).toEqual(['Monte Marenzo']);
    expect(valuesOf('comune', 'La sede è a Paderno d’Adda')).toEqual(["Paderno d'Adda"]);
  });
});
