import { createPiiMasker, maskPersonalData } from '../../nlu/piiMask';

describe('maskPersonalData', () => {
  it('masks codici fiscali, emails, phones and IBANs', () => {
    const text =
      'CF RSSMRA85T10A562S, mail mario.rossi@libero.it, tel 333 1234567, IBAN IT60 X054 2811 1010 0000 0123 456';
    expect(maskPersonalData(text)).toBe('CF [codice fiscale], mail [email], tel [telefono], IBAN [iban]');
  });

  it('masks foreign numbers and codes that fail their checksum', () => {
    expect(maskPersonalData('chiamate +41 79 000 00 00')).toBe('chiamate [telefono]');
    expect(maskPersonalData('cf RSSMRA85T10A562T')).toBe('cf [codice fiscale]');
  });

  it('leaves dates, amounts, ids and ordinary text alone', () => {
    const text =
      'case 3f2a6c1e-0341-4a2b-9c3d-295111abcdef at 2026-11-26T10:00:00Z, took 0.341295 ms, pratica 1234 del 12/03/2026, 1.200,50 euro, redis://127.0.0.1:6379/0';
    expect(maskPersonalData(text)).toBe(text);
  });
});

describe('createPiiMasker', () => {
  it('masks only the chosen kinds, with the chosen labels', () => {
    const forOperators = createPiiMasker({ types: ['iban', 'codiceFiscale'], labels: { iban: '***' } });
    expect(forOperators('mail a@b.it, IBAN IT60X0542811101000000123456')).toBe('mail a@b.it, IBAN ***');
  });
});
