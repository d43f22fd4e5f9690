import { isValidIban } from '../../../nlu/entities/iban';
import { recognizeEntities } from '../../../nlu/recognizeEntities';

function ibans(text: string) {
  return recognizeEntities(text, { referenceDate: '2026-11-26' })
    .filter((e) => e.type === 'iban')
    .map((e) => [e.value, e.valid]);
}

describe('IBAN', () => {
  it('checks mod 97 and the length of the country', () => {
    expect(isValidIban('IT60X0542811101000000123456')).toBe(true);
    expect(isValidIban('GB82WEST12345698765432')).toBe(true);
    expect(isValidIban('IT60X0542811101000000123457')).toBe(false);
    expect(isValidIban('IT60X054281110100000012345')).toBe(false);
  });

  it.each([
    ['IBAN IT60X0542811101000000123456', [['IT60X0542811101000000123456', true]]],
    ['iban it60x0542811101000000123456.', [['IT60X0542811101000000123456', true]]],
    ['IBAN IT60 X054 2811 1010 0000 0123 456 grazie', [['IT60X0542811101000000123456', true]]],
    ['iban IT 60 X 05428 11101 000000123456', [['IT60X0542811101000000123456', true]]],
    ['IBAN IT60X0542811101000000123457', [['IT60X0542811101000000123457', false]]],
    ['IBAN DE89370400440532013000', [['DE89370400440532013000', true]]],
    ['coordinate bancarie: it60x0542811101000000123456', [['IT60X0542811101000000123456', true]]],
    ['conto it60x0542811101000000123457', [['IT60X0542811101000000123457', false]]],
    ['IBAN IT60-X054-2811-1010-0000-0123-456', [['IT60X0542811101000000123456', true]]],
  ])('%s', (text, value) => {
    expect(ibans(text)).toEqual(value);
  });

  it('does not take "al 333…" for an Albanian IBAN', () => {
    expect(ibans('chiamami al 3331234567 o al 3387654321')).toEqual([]);
  });
});
