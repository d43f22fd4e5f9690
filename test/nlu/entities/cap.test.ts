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
});
