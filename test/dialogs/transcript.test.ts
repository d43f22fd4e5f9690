import { emptyConversationData } from '../../dialogs/conversationData';
import { addTranscriptLine, TRANSCRIPT_MAX_LINES } from '../../dialogs/transcript';

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
