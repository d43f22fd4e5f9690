import { detectSmallTalk } from '../../dialogs/smallTalk';

describe('detectSmallTalk', () => {
  it.each([
    ['Buongiorno', 'greeting'],
    ['hello', 'greeting'],
    ['grazie mille', 'thanks'],
    ['arrivederci', 'goodbye'],
    ['basta', 'cancel'],
    ['Basta così', 'cancel'],
    ['annulla', 'cancel'],
    ['voglio parlare con un operatore', 'operator'],
    ['I would like to speak with an operator', 'operator'],
    ["I'd like to talk to someone", 'operator'],
    ['I need a human', 'operator'],
  ])('"%s" is %s', (text, kind) => {
    expect(detectSmallTalk(text)).toBe(kind);
  });

  it.each(['basta un documento?', 'buongiorno, quanto costa la licenza di pesca?'])(
    '"%s" is a question, not small talk',
    (text) => {
      expect(detectSmallTalk(text)).toBeUndefined();
    },
  );
});
