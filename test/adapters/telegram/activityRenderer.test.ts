import { ActivityRenderer } from '../../../adapters/telegram/activityRenderer';

describe('ActivityRenderer', () => {
  const renderer = new ActivityRenderer({ linkBase: 'https://chat.provincia.lecco.it' });

  it('renders an Adaptive Card: text blocks, facts, submit and open-url actions', () => {
    const [message] = renderer.render({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: {
            type: 'AdaptiveCard',
            version: '1.5',
            body: [
              { type: 'TextBlock', text: 'Licenza di pesca', weight: 'Bolder' },
              { type: 'FactSet', facts: [{ title: 'Costo', value: '34 €' }] },
              { type: 'Container', items: [{ type: 'TextBlock', text: 'Valida 10 anni.' }] },
            ],
            actions: [
              { type: 'Action.Submit', title: 'Utile', data: { rating: 'positive' } },
              {
                type: 'Action.Submit',
                title: 'Operatore',
                data: { msteams: { type: 'imBack', value: 'operatore' } },
              },
              { type: 'Action.OpenUrl', title: 'Modulo', url: '/moduli/pesca.pdf' },
            ],
          },
        },
      ],
    });
    expect(message?.markdown).toBe('**Licenza di pesca**\n\n**Costo** 34 €\n\nValida 10 anni.');
    expect(message?.rows.flat()).toEqual([
      { title: 'Utile', payload: { value: { rating: 'positive' } }, ephemeral: false },
      { title: 'Operatore', payload: { text: 'operatore' }, ephemeral: false },
      { title: 'Modulo', url: 'https://chat.provincia.lecco.it/moduli/pesca.pdf' },
    ]);
  });

  it('puts suggested actions on the last message and turns a call action into a line of text', () => {
    const messages = renderer.render({
      type: 'message',
      text: 'Vuoi parlare con qualcuno?',
      suggestedActions: {
        to: [],
        actions: [
          { type: 'imBack', title: 'Sì', value: 'sì' },
          { type: 'imBack', title: 'No', value: 'no' },
          { type: 'call', title: 'Centralino', value: 'tel:+390341295111' },
        ],
      },
    });
    expect(messages).toHaveLength(1);
    expect(messages[0]?.markdown).toBe('Vuoi parlare con qualcuno?\nCentralino: +390341295111');
    expect(messages[0]?.rows).toEqual([
      [
        { title: 'Sì', payload: { text: 'sì' }, ephemeral: true },
        { title: 'No', payload: { text: 'no' }, ephemeral: true },
      ],
    ]);
  });

  it('lays short buttons side by side and long ones on their own rows', () => {
    const [message] = renderer.render({
      type: 'message',
      text: 'Come valuti il servizio?',
      suggestedActions: {
        to: [],
        actions: ['Documenti', 'Costi', 'Tempi', 'Dove e quando', '🔴 Insoddisfatto', 'Salta'].map((t) => ({
          type: 'imBack',
          title: t,
          value: t,
        })),
      },
    });
    expect(message?.rows.map((r) => r.map((b) => b.title))).toEqual([
      ['Documenti', 'Costi', 'Tempi'],
      ['Dove e quando'],
      ['🔴 Insoddisfatto'],
      ['Salta'],
    ]);
  });

  it('gives buttons without text a short prompt, and long titles a row each', () => {
    const [message] = renderer.render({
      type: 'message',
      suggestedActions: {
        to: [],
        actions: [
          { type: 'imBack', title: 'Rinnovo del tesserino venatorio', value: 'rinnovo tesserino' },
          { type: 'imBack', title: 'Duplicato del tesserino', value: 'duplicato tesserino' },
        ],
      },
    });
    expect(message?.markdown).toBe('Scegli una delle opzioni:');
    expect(message?.rows).toHaveLength(2);
  });
});
