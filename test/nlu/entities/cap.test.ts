import { valuesOf } from '../entitySupport';

describe('CAP', () => {
  it.each([
    ['CAP 23822 Bellano', ['23822']],
    ['abito a lierna cap 23827', ['23827']],
    ['via Roma 1, 20121 Milano', ['20121']],
    ['Lecco 23900', ['23900']],
    ['il cap di Milano è 20121', ['20121']],
    ['abito a Como 22100', ['22100']],
  ])('%s', (text, value) => {
    expect(valuesOf('cap', text)).toEqual(value);
  });

  it('leaves other five-digit numbers as numbers', () => {
    expect(valuesOf('cap', 'protocollo 12345 del mese')).toEqual([]);
  });

  it('leaves an identifier in the range of the Province a number', () => {
    expect(valuesOf('cap', 'Il numero di protocollo è 23845')).toEqual([]);
    expect(valuesOf('number', 'Il numero di protocollo è 23845')).toEqual([23845]);
    expect(valuesOf('cap', 'pratica n. 23810')).toEqual([]);
    expect(valuesOf('cap', 'il CAP è 23845')).toEqual(['23845']);
    expect(valuesOf('cap', 'via Roma n. 5, 23900 Lecco')).toEqual(['23900']);
  });
});
