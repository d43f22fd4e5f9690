import { maskPersonalData } from '../../../nlu/piiMask';
import { recognizeEntities } from '../../../nlu/recognizeEntities';
import { THURSDAY, valuesOf } from '../entitySupport';

describe('phones', () => {
  it.each([
    ['Il fisso è 0341 295111.', '+390341295111'],
    ['cell 333 9876543', '+393339876543'],
    ['chiamate il 039/9511234', '+390399511234'],
    ['Numero: +39 347 1122334', '+393471122334'],
    ['dall’estero lo 0039 0341 295111', '+390341295111'],
    ['Tel 0341-29.51.11', '+390341295111'],
    ['il mio numero inglese è +44 7911 123456', '+447911123456'],
    ['tel.0341295111', '+390341295111'],
    ['cell.333 1234567', '+393331234567'],
    ['fisso 0341 / 295111', '+390341295111'],
  ])('%s → E.164', (text, value) => {
    expect(valuesOf('phone', text)).toEqual([value]);
  });

  it('leaves the closing bracket of the sentence out of the span', () => {
    const [phone] = recognizeEntities('(centralino 0341 295111)', { referenceDate: THURSDAY });
    expect(phone?.text).toBe('0341 295111');
  });

  it('separates two numbers written one after the other', () => {
    expect(valuesOf('phone', 'al 3331234567 o al 3387654321')).toEqual(['+393331234567', '+393387654321']);
  });

  it('does not read dates or protocol numbers as phones', () => {
    expect(valuesOf('phone', 'del 05.05.2026, protocollo 1234')).toEqual([]);
    expect(valuesOf('phone', 'la versione 3.5 e il 0.341295')).toEqual([]);
  });

  it.each(['dal 01.12.2026 al 31.12.2026', 'scade il 03/11/25', 'nato il 08-10-1990'])(
    'reads "%s" as a date, not a phone, even where the digits make a valid number (logs keep it)',
    (text) => {
      expect(valuesOf('phone', text)).toEqual([]);
      expect(maskPersonalData(text)).toBe(text);
    },
  );

  it('still finds numbers grouped with dots or slashes', () => {
    expect(valuesOf('phone', 'tel. 02.1234.5678 o 0341/29.51.11')).toEqual([
      '+390212345678',
      '+390341295111',
    ]);
  });
});
