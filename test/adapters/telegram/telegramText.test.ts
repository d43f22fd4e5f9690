import {
  escapeHtml,
  markdownToPlainText,
  markdownToTelegramHtml,
  splitText,
} from '../../../adapters/telegram/telegramText';
import { parseTelegramHtml } from '../../support/fakeTelegramApi';

describe('Telegram text', () => {
  it('escapes the characters HTML parse mode reserves', () => {
    expect(escapeHtml('<a href="x">&</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
  });

  it.each([
    ['**Ufficio caccia**: lun-ven', '<b>Ufficio caccia</b>: lun-ven'],
    ['Serve la _marca da bollo_ da 16 €', 'Serve la <i>marca da bollo</i> da 16 €'],
    ['Usa *sempre* la PEC', 'Usa <i>sempre</i> la PEC'],
    ['**Nota _importante_**', '<b>Nota <i>importante</i></b>'],
    ['file_name_con_trattini e 3 * 4 = 12', 'file_name_con_trattini e 3 * 4 = 12'],
    ['Codice `AB<12>`', 'Codice <code>AB&lt;12&gt;</code>'],
    ['[Sito](https://www.provincia.lecco.it)', '<a href="https://www.provincia.lecco.it/">Sito</a>'],
    ['[Privacy](/privacy)', 'Privacy'],
    ['[Scrivi](mailto:urp@provincia.lecco.it)', 'Scrivi'],
    ['** non grassetto **', '** non grassetto **'],
    [
      'Vedi https://www.provincia.lecco.it/caccia_pesca/_moduli_/ ora',
      'Vedi https://www.provincia.lecco.it/caccia_pesca/_moduli_/ ora',
    ],
    ['https://a.it/?x=1&y=<2>', 'https://a.it/?x=1&amp;y=&lt;2&gt;'],
  ])('converts %j', (markdown, html) => {
    expect(markdownToTelegramHtml(markdown)).toBe(html);
    expect(parseTelegramHtml(html)).not.toHaveProperty('error');
  });

  it('resolves relative links against a base', () => {
    expect(markdownToTelegramHtml('[Privacy](/privacy)', 'https://chat.example.it/app/')).toBe(
      '<a href="https://chat.example.it/privacy">Privacy</a>',
    );
  });

  it('strips the markers for the plain-text fallback', () => {
    expect(markdownToPlainText('**Orari**: _lun_ [sito](https://a.it/) e [privacy](/privacy)')).toBe(
      'Orari: lun sito (https://a.it/) e privacy',
    );
  });

  it('splits at paragraph, line or word boundaries within the limit', () => {
    const text = `${'a'.repeat(60)}\n\n${'b'.repeat(60)}\n${'c '.repeat(40)}`;
    const pieces = splitText(text, 100);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(100);
    expect(pieces[0]).toBe('a'.repeat(60));
    expect(pieces.join(' ').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
  });

  it('cuts a text with no spaces without splitting a surrogate pair', () => {
    const text = '😀'.repeat(60); // 120 UTF-16 units
    const pieces = splitText(text, 51);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(51);
      expect(p).toBe('😀'.repeat(p.length / 2));
    }
    expect(pieces.join('')).toBe(text);
  });

  it('leaves a short text whole', () => {
    expect(splitText('ciao')).toEqual(['ciao']);
  });
});
