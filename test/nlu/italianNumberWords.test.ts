import { parseNumberWord, readWordNumber } from '../../nlu/italianNumberWords';

describe('Italian numbers in words', () => {
  it.each([
    ['ventitre', 23],
    ['ventuno', 21],
    ['ventotto', 28],
    ['quarantadue', 42],
    ['centotto', 108],
    ['trecentocinquanta', 350],
    ['mille', 1000],
    ['milleduecento', 1200],
    ['duemilaventisei', 2026],
    ['duecentomila', 200000],
    ['duemilioni', 2000000],
  ])('%s = %d', (word, value) => {
    expect(parseNumberWord(word)).toBe(value);
  });

  it.each(['tretre', 'centocento', 'milaventi', 'ventitreventi', 'un', 'casa'])(
    '%s is not a number',
    (word) => {
      expect(parseNumberWord(word)).toBeUndefined();
    },
  );

  it('joins several words and "e mezzo"', () => {
    expect(readWordNumber('mille e duecento euro', 0)).toEqual({ value: 1200, start: 0, end: 16 });
    expect(readWordNumber('tre milioni e mezzo', 0)?.value).toBe(3500000);
    expect(readWordNumber('tre e mezzo', 0)?.value).toBe(3.5);
    expect(readWordNumber('tre quattro', 0)).toEqual({ value: 3, start: 0, end: 3 });
  });
});
