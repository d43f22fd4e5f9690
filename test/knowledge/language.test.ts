import { detectLanguage } from '../../knowledge/language';

describe('detectLanguage', () => {
  it('recognises English questions', () => {
    expect(detectLanguage('Do I need a special permit to tow a wide boat?')).toBe('en');
    expect(detectLanguage('Where is the office and what are the opening hours?')).toBe('en');
  });

  it('recognises Italian questions, with or without accents', () => {
    expect(detectLanguage('Come si rinnova la licenza di pesca?')).toBe('it');
    expect(detectLanguage('perche la pratica e ferma')).toBe('it');
  });

  it('defaults to Italian when there is nothing to go on', () => {
    expect(detectLanguage('AUA')).toBe('it');
    // one English-looking word is not enough: DID is the Italian unemployment declaration
    expect(detectLanguage('DID')).toBe('it');
    expect(detectLanguage('')).toBe('it');
  });
});
