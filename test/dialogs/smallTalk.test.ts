import { detectSmallTalk } from '../../dialogs/smallTalk';

describe('detectSmallTalk', () => {
  it.each([
    ['Buongiorno', 'greeting'],
    ['hello', 'greeting'],
    ['grazie mille', 'thanks'],
    ['arrivederci', 'goodbye'],
    // Not cancel: during a live operator chat, cancel closes the case.
    ['basta', 'goodbye'],
    ['Basta così', 'cancel'],
    ['annulla', 'cancel'],
    ['voglio parlare con un operatore', 'operator'],
    ['I would like to speak with an operator', 'operator'],
    ["I'd like to talk to someone", 'operator'],
    ['I need a human', 'operator'],
    ['chi sei?', 'identity'],
    ['Sei un robot?', 'identity'],
    ['are you a human?', 'identity'],
    ['come ti chiami', 'identity'],
    ['do you speak English?', 'help'],
    ['parli inglese?', 'help'],
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
