import { valuesOf } from '../entitySupport';

const numbers = (text: string) => valuesOf('number', text);

describe('numbers', () => {
  it.each([
    ['Abbiamo 18 dipendenti', [18]],
    ['largo 3,5 metri', [3.5]],
    ['ci sono 2.300 capi', [2300]],
    ['il saldo è 1.200,50', [1200.5]],
    ['ventitré pagine', [23]],
    ['quarantadue chilometri', [42]],
    ['trecentocinquanta mucche', [350]],
    ['mille e duecento persone', [1200]],
    ['duemila e cinquecento metri', [2500]],
    ['due milioni di abitanti', [2000000]],
    ['un milione', [1000000]],
    ['10 mila abitanti', [10000]],
    ['il 67 per cento', [67]],
    ['il 50% dei posti', [50]],
    ['1 e mezzo', [1.5]],
    ['sei mesi di tempo', [6]],
  ])('%s', (text, value) => {
    expect(numbers(text)).toEqual(value);
  });

  it.each([
    ['Il terreno è di 12 ettari e mezzo', [12.5]],
    ['ci vogliono tre anni e mezzo', [3.5]],
    ["Sono socio da vent'anni", [20]],
    ["auto con più di trent'anni", [30]],
  ])('reads a half after the unit and an elided ten: %s', (text, value) => {
    expect(numbers(text)).toEqual(value);
  });

  it('leaves "e mezzo" after euro to the amount', () => {
    expect(numbers('costa 2 euro e mezzo')).toEqual([]);
    expect(valuesOf('money', 'costa 2 euro e mezzo')).toEqual([{ amount: 2.5, currency: 'EUR' }]);
  });

  it('does not count articles, thanks and "sei" the verb as numbers', () => {
    expect(numbers('Ho una domanda, un attimo')).toEqual([]);
    expect(numbers('grazie mille')).toEqual([]);
    expect(numbers('Sei sicuro?')).toEqual([]);
  });

  it('does not repeat numbers that are part of another entity', () => {
    expect(numbers('il 12/03/2026 alle 10 ho pagato 50 euro, tel 0341 295111, tra due settimane')).toEqual(
      [],
    );
  });
});
