import { recognizeEntities } from '../../nlu/recognizeEntities';
import { RecognizeOptionsError } from '../../nlu/recognizeOptionsError';
import { THURSDAY } from './entitySupport';

describe('recognizeEntities', () => {
  it('reads a message with several kinds of entities, in text order, with their spans', () => {
    const text = 'Il 3/12 alle 10 e mezza pago 1.200,50 € da Lecco, tel. 0341 295111';
    const entities = recognizeEntities(text, { referenceDate: THURSDAY });
    expect(entities.map((e) => [e.type, e.value])).toEqual([
      ['date', '2026-12-03'],
      ['time', '10:30'],
      ['money', { amount: 1200.5, currency: 'EUR' }],
      ['comune', 'Lecco'],
      ['phone', '+390341295111'],
    ]);
    for (const e of entities) expect(text.slice(e.start, e.end)).toBe(e.text);
  });

  it('keeps checksum validity on identifiers only', () => {
    const entities = recognizeEntities('P.IVA 02193970130, targa AB123CD', { referenceDate: THURSDAY });
    expect(entities.map((e) => [e.type, e.valid])).toEqual([
      ['partitaIva', true],
      ['targa', undefined],
    ]);
  });

  it('finds nothing in small talk', () => {
    expect(recognizeEntities('Grazie, buona giornata', { referenceDate: THURSDAY })).toEqual([]);
  });

  it('uses today in Rome when no reference date is given', () => {
    const [today] = recognizeEntities('oggi');
    const rome = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());
    expect(today?.value).toBe(rome);
  });
});

describe('recognizeEntities options', () => {
  it('rejects a reference date or a time zone it cannot use, naming the option', () => {
    expect(() => recognizeEntities('domani', { referenceDate: 'ieri sera' })).toThrow(RecognizeOptionsError);
    expect(() => recognizeEntities('domani', { referenceDate: '2026-02-30' })).toThrow(/referenceDate/);
    expect(() => recognizeEntities('domani', { referenceDate: THURSDAY, timeZone: 'Europe/Lecco' })).toThrow(
      expect.objectContaining({ option: 'timeZone' }),
    );
  });

  it('reads the reference instant in the given time zone', () => {
    const [date] = recognizeEntities('domani', { referenceDate: '2026-11-26T23:30:00Z', timeZone: 'UTC' });
    expect(date?.value).toBe('2026-11-27');
  });
});
