import { valuesOf } from '../entitySupport';

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
