import { valuesOf } from '../entitySupport';

describe('targa', () => {
  it.each([
    ['targa DR 456 KM', ['DR456KM']],
    ['il furgone targato EP-219-LS', ['EP219LS']],
    ['targa auto: gz 803 fb', ['GZ803FB']],
    ['AB123CD', ['AB123CD']],
    ['la moto ha targa AB 12345', ['AB12345']],
    ['Ho ancora la vecchia targa LC 345678', ['LC345678']],
    ['auto storica targata MI 0A1234', ['MI0A1234']],
  ])('%s', (text, value) => {
    expect(valuesOf('targa', text)).toEqual(value);
  });

  it('needs capitals or a vehicle nearby for the lowercase shape', () => {
    expect(valuesOf('targa', 'ne ho da 300 ml')).toEqual([]);
  });

  it('reads an old plate only right after "targa" and with a province code', () => {
    expect(valuesOf('targa', 'pratica LC 345678')).toEqual([]);
    expect(valuesOf('targa', 'targa XY 345678')).toEqual([]);
  });
});
