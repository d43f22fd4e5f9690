import { parseYesNo } from '../../nlu/parseYesNo';

describe('parseYesNo', () => {
  it.each([
    'sì',
    'si',
    'Sì!',
    'certo',
    'va bene',
    'esatto',
    'ok',
    'OK grazie',
    'yes',
    "d'accordo",
    'sì, grazie',
    'mi va bene',
  ])('"%s" is yes', (text) => {
    expect(parseYesNo(text)).toBe(true);
  });

  it.each(['no', 'No grazie', 'no, non ancora', 'assolutamente no', 'nope', 'No thanks'])(
    '"%s" is no',
    (text) => {
      expect(parseYesNo(text)).toBe(false);
    },
  );

  it.each(['si può pagare online?', 'non lo so', 'forse', '', 'Quanto costa?', 'sì e no'])(
    '"%s" is not an answer',
    (text) => {
      expect(parseYesNo(text)).toBeUndefined();
    },
  );
});
