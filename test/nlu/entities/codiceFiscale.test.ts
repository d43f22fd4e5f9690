import { recognizeEntities } from '../../../nlu/recognizeEntities';
import { codiceFiscaleCheckChar, isValidCodiceFiscale } from '../../../nlu/entities/codiceFiscale';

function cf(text: string) {
  return recognizeEntities(text, { referenceDate: '2026-11-26' })
    .filter((e) => e.type === 'codiceFiscale')
    .map((e) => [e.value, e.valid]);
}

describe('codice fiscale', () => {
  it('computes the official check character', () => {
    expect(codiceFiscaleCheckChar('RSSMRA85T10A562')).toBe('S');
    expect(isValidCodiceFiscale('RSSMRA85T10A562S')).toBe(true);
    expect(isValidCodiceFiscale('RSSMRA85T10A562T')).toBe(false);
  });

  it('accepts omocodia (digits replaced by letters) with its own check character', () => {
    expect(isValidCodiceFiscale('RSSMRA85T10A56NH')).toBe(true);
    expect(isValidCodiceFiscale('RSSMRA85T10A56NS')).toBe(false);
  });

  it('is found in any case and says whether it is valid', () => {
    expect(cf('cf rssmra85t10a562s')).toEqual([['RSSMRA85T10A562S', true]]);
    expect(cf('Codice fiscale RSSMRA85T10A562T')).toEqual([['RSSMRA85T10A562T', false]]);
    expect(cf('CF: RSSMRA85T10A56NH, grazie')).toEqual([['RSSMRA85T10A56NH', true]]);
  });

  it('reports a malformed code after "codice fiscale" as not valid', () => {
    expect(cf('codice fiscale RSSMRA85T1OA562S')).toEqual([['RSSMRA85T1OA562S', false]]);
    expect(cf('CF rssmra85t10a562')).toEqual([['RSSMRA85T10A562', false]]);
  });

  it('reads a code written in groups', () => {
    expect(cf('cf RSS MRA 85T10 A562S')).toEqual([['RSSMRA85T10A562S', true]]);
    expect(cf('il codice fiscale è RSS-MRA-85T10-A562S')).toEqual([['RSSMRA85T10A562S', true]]);
    expect(cf('cf rss mra 85t10 a56nh')).toEqual([['RSSMRA85T10A56NH', true]]);
  });

  it('does not take a long word for a code', () => {
    expect(cf('type DialogTurnResult')).toEqual([]);
  });
});
