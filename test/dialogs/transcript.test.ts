import { emptyConversationData } from '../../dialogs/conversationData';
import { addTranscriptLine, TRANSCRIPT_MAX_LINES, transcriptLine } from '../../dialogs/transcript';

describe('addTranscriptLine', () => {
  it('keeps the contact an operator needs, masks codice fiscale and IBAN', () => {
    const data = emptyConversationData();
    addTranscriptLine(
      data,
      'citizen',
      'Sono Mario, mario.rossi@example.it, CF RSSMRA85T10A562S, IBAN IT60X0542811101000000123456',
    );
    const line = data.transcript?.[0]?.text ?? '';
    expect(line).toContain('mario.rossi@example.it');
    expect(line).not.toContain('RSSMRA85T10A562S');
    expect(line).not.toContain('IT60X0542811101000000123456');
  });

  it(`keeps only the last ${TRANSCRIPT_MAX_LINES} lines and skips empty ones`, () => {
    const data = emptyConversationData();
    for (let i = 0; i < TRANSCRIPT_MAX_LINES + 5; i++)
      addTranscriptLine(data, i % 2 ? 'bot' : 'citizen', `riga ${i}`);
    addTranscriptLine(data, 'citizen', '   ');
    expect(data.transcript).toHaveLength(TRANSCRIPT_MAX_LINES);
    expect(data.transcript?.[0]?.text).toBe('riga 5');
  });
});

describe('transcriptLine', () => {
  it("masks and shortens the bot's long answers the same way each time they are said", () => {
    const answer = `Paga con bonifico sull'IBAN IT60X0542811101000000123456. ${'Testo della risposta. '.repeat(30)}Vuoi altro?`;
    const first = transcriptLine('bot', answer);
    const again = transcriptLine('bot', answer);
    expect(first?.text).toBe(again?.text);
    expect(first?.text).not.toContain('IT60X0542811101000000123456');
    expect(first?.text.length).toBeLessThanOrEqual(240);
    expect(first?.text.endsWith('Vuoi altro?')).toBe(true);
    const short = transcriptLine('bot', 'Il codice RSSMRA85T10A562S non è valido');
    expect(short?.text).toBe('Il codice [codice fiscale] non è valido');
  });
});
