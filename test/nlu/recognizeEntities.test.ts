import { recognizeEntities } from '../../nlu/recognizeEntities';

const REF = '2026-11-26'; // a Thursday

function values(text: string): Array<[string, unknown]> {
  return recognizeEntities(text, { referenceDate: REF }).map((e) => [e.type, e.value]);
}

describe('recognizeEntities', () => {
  it('reads a message with several kinds of entities, in text order', () => {
    expect(values('Il 3/12 alle 10 e mezza pago 1.200,50 € da Lecco, tel. 0341 295111')).toEqual([
      ['date', '2026-12-03'],
      ['time', '10:30'],
      ['money', { amount: 1200.5, currency: 'EUR' }],
      ['comune', 'Lecco'],
      ['phone', '+390341295111'],
    ]);
  });
});
