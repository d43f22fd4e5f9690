import { valuesOf } from '../entitySupport';

const amounts = (text: string) => valuesOf('money', text).map((v) => (v as { amount: number }).amount);

describe('money', () => {
  it.each([
    ['costa 23,50 euro', [23.5]],
    ['una multa da 87 €', [87]],
    ['€ 250', [250]],
    ['EUR 1.850,00', [1850]],
    ['cinquecento euro', [500]],
    ['mille e duecento euro', [1200]],
    ['16 euro e 50', [16.5]],
    ['50 centesimi', [0.5]],
    ['10mila euro', [10000]],
    ['pagato 50€ e poi € 3', [50, 3]],
    ['quindici euro e cinquanta centesimi', [15.5]],
    ['costa da 10 a 20 euro', [10, 20]],
  ])('%s', (text, value) => {
    expect(amounts(text)).toEqual(value);
  });

  it('is always in euro', () => {
    expect(valuesOf('money', 'costa 5 euro')).toEqual([{ amount: 5, currency: 'EUR' }]);
  });
});
