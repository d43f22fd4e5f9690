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

  it('does not read durations or counts as times', () => {
    expect(times('entro 48 ore')).toEqual([]);
    expect(times('alle 30 persone presenti')).toEqual([]);
    expect(times('largo 3.50 metri')).toEqual([]);
    expect(times('ho scritto alle 2 ditte')).toEqual([]);
  });
});
