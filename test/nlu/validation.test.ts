import { checkCodiceFiscale, validateEmail, validatePhone } from '../../nlu/validation';

describe('validateEmail', () => {
  it('accepts an address, alone or in a sentence, lowercased', () => {
    expect(validateEmail('Mario.Rossi@Libero.it')).toEqual({ ok: true, value: 'mario.rossi@libero.it' });
    expect(validateEmail('la mia mail è anna@pec.it grazie')).toEqual({ ok: true, value: 'anna@pec.it' });
  });

  it.each([
    ['mario.rossi.libero.it', /chiocciola/],
    ['mario@libero', /punto/],
    ['mario@gmial.com', /gmail\.com/],
    ['mario@@libero.it', /una sola chiocciola/],
    ['', /indirizzo email/],
  ])('explains in Italian what is wrong with "%s"', (text, reason) => {
    const result = validateEmail(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});

describe('validatePhone', () => {
  it('returns E.164', () => {
    expect(validatePhone('0341 295111')).toEqual({ ok: true, value: '+390341295111' });
    expect(validatePhone('cell. 333-1234567')).toEqual({ ok: true, value: '+393331234567' });
    expect(validatePhone('+44 7911 123456')).toEqual({ ok: true, value: '+447911123456' });
  });

  it.each([
    ['333 12', /troppo corto/],
    ['0341 2951112345678', /troppo lungo/],
    ['7911 123456', /prefisso/],
    ['non ce l’ho', /Non trovo/],
  ])('explains in Italian what is wrong with "%s"', (text, reason) => {
    const result = validatePhone(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});

describe('checkCodiceFiscale', () => {
  it('accepts a valid code, also with omocodia, spaces or lowercase', () => {
    expect(checkCodiceFiscale('rssmra85t10a562s')).toEqual({ ok: true, value: 'RSSMRA85T10A562S' });
    expect(checkCodiceFiscale('RSS MRA 85T10 A56NH')).toEqual({ ok: true, value: 'RSSMRA85T10A56NH' });
  });

  it('points out a wrong check character', () => {
    const result = checkCodiceFiscale('RSSMRA85T10A562T');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/ultimo carattere.*"T".*controllo/);
  });

  it.each([
    ['RSSMRA85T10A562', /16 caratteri, ne ho contati 15/],
    ['RSSMRA85T1OA562S', /giorno di nascita.*O al posto dello zero/],
    ['RSSMRA85Z10A562S', /mese di nascita/],
  ])('explains a malformed code: %s', (text, reason) => {
    const result = checkCodiceFiscale(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});
