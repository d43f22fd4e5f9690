import { isValidPartitaIva } from '../../../nlu/entities/partitaIva';
import { recognizeEntities } from '../../../nlu/recognizeEntities';

function piva(text: string) {
  return recognizeEntities(text, { referenceDate: '2026-11-26' })
    .filter((e) => e.type === 'partitaIva')
    .map((e) => [e.value, e.valid]);
}

describe('partita IVA', () => {
  it('checks the last digit', () => {
    expect(isValidPartitaIva('02193970130')).toBe(true);
    expect(isValidPartitaIva('00743110157')).toBe(true);
    expect(isValidPartitaIva('02193970131')).toBe(false);
    expect(isValidPartitaIva('0219397013')).toBe(false);
  });

  it.each([
    ['P.IVA 02193970130', [['02193970130', true]]],
    ['partita iva 02193970131', [['02193970131', false]]],
    ['P.IVA IT 02193970130', [['02193970130', true]]],
    ['VAT IT02193970130', [['02193970130', true]]],
    ['partita I.V.A. 02193970130', [['02193970130', true]]],
    ['partita iva 0219397013', [['0219397013', false]]],
  ])('%s', (text, value) => {
    expect(piva(text)).toEqual(value);
  });

  it('leaves an unrelated eleven-digit number that fails the check alone', () => {
    expect(piva('pratica 02193970131')).toEqual([]);
  });
});
