import { valuesOf } from '../entitySupport';

const times = (text: string) => valuesOf('time', text);

describe('times', () => {
  it.each([
    ['Vengo alle 8', ['08:00']],
    ['alle 16:15', ['16:15']],
    ['alle 17.30 chiude', ['17:30']],
    ['alle ore 9,30', ['09:30']],
    ['domani alle 10 e mezza', ['10:30']],
    ['alle 8 e un quarto', ['08:15']],
    ['alle 9 meno un quarto', ['08:45']],
    ['alle otto e trenta', ['08:30']],
    ['alle 3 del pomeriggio', ['15:00']],
    ['stasera alle 7', ['19:00']],
    ['alle 6 e mezza del mattino', ['06:30']],
    ['dalle 9 alle 13', ['09:00', '13:00']],
    ['tra le 9 e le 10', ['09:00', '10:00']],
    ['dalle 15-17.30', ['15:00', '17:30']],
    ['a mezzogiorno', ['12:00']],
    ['appuntamento 14:45', ['14:45']],
    ['vengo domani 10.30', ['10:30']],
    ['tomorrow at 3pm', ['15:00']],
  ])('%s', (text, value) => {
    expect(times(text)).toEqual(value);
  });

  it.each([
    ['Alle h 14 sono lì', ['14:00']],
    ['ci vediamo alle 14h30', ['14:30']],
    ['arrivo verso le 9h30', ['09:30']],
    ['Orario 9-12', ['09:00', '12:00']],
    ['lo sportello è aperto 8.30-12.30 e 14-17', ['08:30', '12:30', '14:00', '17:00']],
    ['ricevimento 9-1', ['09:00', '13:00']],
    ['verso mezzogiorno e mezzo', ['12:30']],
    ['Uffici: martedì e giovedì 9-13', ['09:00', '13:00']],
    ['Il martedì 10-12', ['10:00', '12:00']],
  ])('reads an "h" between hours and minutes and spans of opening hours: %s', (text, value) => {
    expect(times(text)).toEqual(value);
  });

  it('reads a span of numbers as hours only after a word about opening times', () => {
    expect(times('ho letto le pagine 9-12')).toEqual([]);
    expect(times('il 10-11 sono fuori')).toEqual([]);
    expect(times('venerdì 4.12 alle 9')).toEqual(['09:00']);
    expect(times("l'ufficio è chiuso 10-11 dicembre")).toEqual([]);
    expect(times('servizio attivo 24h')).toEqual([]);
  });

  it('does not read durations or counts as times', () => {
    expect(times('entro 48 ore')).toEqual([]);
    expect(times('alle 30 persone presenti')).toEqual([]);
    expect(times('largo 3.50 metri')).toEqual([]);
    expect(times('ho scritto alle 2 ditte')).toEqual([]);
  });
});
