import { CONVERSATION_DATA, type ConversationData } from '../../dialogs/conversationData';
import { buttonTitles as buttons, type Harness, kb, mainDialogHarness, type Reply } from './dialogHarness';

const client = (): Harness => mainDialogHarness();
const say = (h: Harness, text: Parameters<Harness['say']>[0]): Promise<Reply[]> => h.say(text);

describe('MainDialog', () => {
  it('answers a clear question from the entry, with a card of key facts and follow-up buttons', async () => {
    const c = client();
    const [reply] = await say(c, 'Come posso ottenere la licenza di pesca dilettantistica?');
    expect(reply?.channelData?.procedureId).toBe('licenza-pesca');
    expect(reply?.text).toBe(kb.get('licenza-pesca')?.summary);
    expect(buttons(reply)).toEqual(
      expect.arrayContaining(['Documenti', 'Costi', 'Tempi', 'Dove e quando', 'Parla con un operatore']),
    );
  });

  it.each([
    ['quanto costa?', 'costs', /€\s*23/],
    ['e i tempi?', 'times', /./],
    ['dove devo andare?', 'where', /0341 295111/],
    ['serve la marca da bollo?', 'costs', /./],
  ])('follows up "%s" on the entry just discussed', async (question, facet, expected) => {
    const c = client();
    await say(c, 'Come si ottiene la licenza di pesca dilettantistica?');
    const [reply] = await say(c, question);
    expect(reply?.channelData).toMatchObject({ procedureId: 'licenza-pesca', facet });
    expect(reply?.text).toMatch(expected);
  });

  it.each([
    ['quanto costa?', 'licenza-pesca'],
    ['quanto costa il rinnovo?', 'licenza-pesca'],
    ['quanto si paga online', 'licenza-pesca'],
    ['quanto costa il passo carraio', 'accessi-carrai'],
    ['quanto costa il tesserino', 'tesserino-venatorio'],
  ])('after the fishing licence, "%s" is a question on the costs of %s', async (question, procedureId) => {
    const c = client();
    await say(c, 'Come si ottiene la licenza di pesca dilettantistica?');
    const [reply] = await say(c, question);
    expect(reply?.channelData).toMatchObject({ procedureId, facet: 'costs' });
    expect(reply?.text?.split('\n')[0]).toBe(`**Costi – ${kb.get(procedureId)?.title ?? '?'}**`);
  });

  it.each([
    ['Devo chiedere un trasporto eccezionale', 'e se me lo negano?', 'trasporti-eccezionali', 'remedies'],
    ['vorrei aprire un passo carraio', 'chi devo contattare?', 'accessi-carrai', 'where'],
    ['come si fa il passaporto?', 'e il bollo auto?', 'rinvio-bollo-auto', undefined],
    ["c'è un albero caduto sulla provinciale", 'è urgente!', 'segnalazioni-strade', 'times'],
    ['bandi di gara aperti', 'come partecipo?', 'bandi-gara', 'documents'],
    ['come funziona il patrocinio della Provincia?', 'ci vuole molto?', 'patrocinio', 'times'],
    ['I need a permit for an oversize transport', 'how long does it take?', 'trasporti-eccezionali', 'times'],
    [
      'Devo chiedere un trasporto eccezionale',
      'e quali documenti servono invece per aprire un passo carraio?',
      'accessi-carrai',
      'documents',
    ],
  ])('after "%s", "%s" is answered from %s (%s)', async (first, question, procedureId, facet) => {
    const c = client();
    await say(c, first);
    const [reply] = await say(c, question);
    expect(reply?.channelData?.procedureId).toBe(procedureId);
    expect(reply?.channelData?.facet).toBe(facet);
  });

  it('asks which procedure for a facet question with none in view, then shows that facet of the one named', async () => {
    const c = client();
    const [ask] = await say(c, 'quanto costa?');
    expect(ask?.text).toMatch(/^Di quale procedimento vuoi sapere i costi\?/);
    expect(ask?.channelData).toEqual({ askedFacet: 'costs' });
    expect(buttons(ask)).toEqual(['Parla con un operatore']);
    const [reply] = await say(c, 'la licenza di pesca');
    expect(reply?.channelData).toMatchObject({ procedureId: 'licenza-pesca', facet: 'costs' });
    expect(reply?.text).toMatch(/€\s*23/);
    // Only the next message: the one after is answered as usual.
    const [later] = await say(c, 'tesserino venatorio');
    expect(later?.channelData?.procedureId).toBe('tesserino-venatorio');
    expect(later?.channelData?.facet).toBeUndefined();
  });

  it('forgets the facet it asked about when the citizen says something else first', async () => {
    const c = client();
    await say(c, 'how much does it cost?');
    const [thanks] = await say(c, 'thanks');
    expect(thanks?.text).toMatch(/welcome/i);
    const [reply] = await say(c, 'fishing licence');
    expect(reply?.channelData?.procedureId).toBe('licenza-pesca');
    expect(reply?.channelData?.facet).toBeUndefined();
  });

  it("answers where the Province is, and asks which procedure's office is wanted", async () => {
    const c = client();
    const [reply] = await say(c, 'dove siete?');
    expect(reply?.text).toMatch(
      /^La Provincia di Lecco ha sede in Piazza Stazione 4, 23900 Lecco: centralino 0341 295111/,
    );
    expect(reply?.text).toMatch(/Se cerchi l'ufficio di un procedimento, scrivimi quale/);
    const [office] = await say(c, 'licenza di pesca');
    expect(office?.channelData).toMatchObject({ procedureId: 'licenza-pesca', facet: 'where' });
  });

  it('greets back in English a citizen who says hello, and reads "how much?" as costs', async () => {
    const c = client();
    const [hello] = await say(c, 'hello');
    expect(hello?.text).toMatch(/^Hello!/);
    await say(c, 'I need a driveway on a provincial road');
    const [cost] = await say(c, 'how much?');
    expect(cost?.channelData).toMatchObject({ procedureId: 'accessi-carrai', facet: 'costs' });
    expect(cost?.text).toMatch(/^\*\*Costs – /);
  });

  it('keeps English when a message says nothing of its language (a phone number, bare nouns)', async () => {
    const c = client();
    await say(c, 'I need a fishing licence');
    const [number] = await say(c, '+39 333 1234567');
    expect(number?.text).toMatch(/^I'm sorry/);
    const [nouns] = await say(c, 'fishing licence renewal');
    expect(nouns?.text).toMatch(/^In Lombardy/);
  });

  it('says what it is when asked, and switches to English when asked for it', async () => {
    const c = client();
    const [robot] = await say(c, 'sei un robot?');
    expect(robot?.text).toMatch(
      /^Sono l'assistente virtuale della Provincia di Lecco: un programma, non una persona/,
    );
    const [english] = await say(c, 'parli inglese?');
    expect(english?.text).toMatch(/^I can answer questions about the Province of Lecco's procedures/);
    const [next] = await say(c, 'fishing licence');
    expect(next?.text).toMatch(/^In Lombardy/);
  });

  it('asks which procedure in English too', async () => {
    const [ask] = await say(client(), 'how much does it cost?');
    expect(ask?.text).toMatch(/^For which procedure do you want to know the costs\?/);
  });

  it('a follow-up button value shows that facet of that entry', async () => {
    const c = client();
    const [reply] = await say(c, {
      type: 'message',
      text: 'Costi',
      value: { facet: 'costs', procedureId: 'trasporti-eccezionali' },
    });
    expect(reply?.channelData).toMatchObject({ procedureId: 'trasporti-eccezionali', facet: 'costs' });
    expect(reply?.text).toMatch(/51/);
  });

  it('asks "Intendevi…?" with both candidates when two entries are too close to call', async () => {
    const c = client();
    // Both the exam and the office authorisation for vehicle consultants are plausible here.
    const [reply] = await say(c, 'consulente per la circolazione dei mezzi di trasporto');
    if (reply?.channelData?.candidates) {
      expect(reply.text).toMatch(/Intendevi/);
      const candidates = reply.channelData.candidates as string[];
      expect(candidates).toHaveLength(2);
      expect(buttons(reply)).toHaveLength(3);
      expect(reply.channelData.procedureId).toBeUndefined();
      // Choosing one answers from it.
      const [answer] = await say(c, { type: 'message', text: 'x', value: { procedureId: candidates[1] } });
      expect(answer?.channelData?.procedureId).toBe(candidates[1]);
    } else {
      // The engine may be confident; then it must be one of the two.
      expect(['studi-consulenza-circolazione', 'esame-consulente-circolazione']).toContain(
        reply?.channelData?.procedureId,
      );
    }
  });

  it('asks a clarifying question for a vague message instead of guessing', async () => {
    const c = client();
    const [reply] = await say(c, 'ho un problema con la strada');
    expect(reply?.channelData?.procedureId).toBeUndefined();
    expect(reply?.text).toMatch(/dettagli|di più|cosa devi fare/i);
  });

  it('falls back honestly on an off-topic question, with neither procedureId nor candidates', async () => {
    const c = client();
    const [reply] = await say(c, 'chi ha vinto la partita di calcio ieri sera?');
    expect(reply?.text).toMatch(/non ho ancora informazioni/);
    expect(reply?.channelData?.procedureId).toBeUndefined();
    expect(reply?.channelData?.candidates).toBeUndefined();
    expect(buttons(reply)).toContain('Parla con un operatore');
  });

  it('a rinvio entry says who is competent and how to reach them', async () => {
    const c = client();
    const [reply] = await say(c, 'devo rinnovare la carta di identità');
    expect(reply?.channelData?.procedureId).toBe('rinvio-comune-anagrafe');
    expect(reply?.text).toMatch(/Non è una pratica della Provincia/);
    expect(reply?.text).toMatch(/Comune/);
  });

  it.each([
    ['ciao', /Buongiorno/],
    ['grazie mille', /Prego/],
    ['sei proprio inutile', /Mi dispiace/],
    ['aiuto', /Posso rispondere/],
  ])('small talk "%s" gets a short polite reply, never a procedure', async (text, expected) => {
    const c = client();
    const [reply] = await say(c, text);
    expect(reply?.text).toMatch(expected);
    expect(reply?.channelData?.procedureId).toBeUndefined();
  });

  it('answers in English when the citizen writes in English', async () => {
    const c = client();
    const [reply] = await say(c, 'How do I get a fishing licence in Lecco?');
    expect(reply?.channelData?.procedureId).toBe('licenza-pesca');
    expect(buttons(reply)).toEqual(expect.arrayContaining(['Documents', 'Costs', 'Talk to an operator']));
    const [fallback] = await say(c, 'what is the weather like on the moon today?');
    expect(fallback?.text).toMatch(/I'm sorry/);
  });

  it('remembers the entries discussed in the conversation', async () => {
    const c = client();
    await say(c, 'Come si ottiene la licenza di pesca dilettantistica?');
    await say(c, 'passo carraio sulla provinciale');
    // The one conversation-state item in storage holds the dialog's data.
    const keys = Object.keys((c.storage as unknown as { memory: Record<string, unknown> }).memory);
    const stored = await c.storage.read(keys);
    const saved = Object.values(stored).find((v) => CONVERSATION_DATA in (v as object)) as Record<
      string,
      ConversationData
    >;
    expect(saved[CONVERSATION_DATA]?.procedures).toEqual(['licenza-pesca', 'accessi-carrai']);
  });

  it('works out the day a deadline falls on from the date the citizen gives', async () => {
    const c = client();
    await say(c, 'Richiesta di accesso agli atti amministrativi della Provincia');
    const replies = await say(
      c,
      'Ho presentato la domanda il 3 novembre 2026, entro quando devono rispondermi?',
    );
    expect(replies[0]?.channelData).toMatchObject({ procedureId: 'accesso-atti', facet: 'times' });
    expect(replies[1]?.text).toMatch(/scade il 3 dicembre 2026/);
  });

  it('points out a codice fiscale with a wrong check character', async () => {
    const c = client();
    const [reply] = await say(c, 'il mio codice fiscale è RSSMRA85T10A562T');
    expect(reply?.text).toMatch(/controllo|codice fiscale/i);
    const [none] = await say(c, 'il mio codice fiscale è RSSMRA85T10A562S');
    expect(none?.text ?? '').not.toMatch(/carattere di controllo/);
  });

  it("names the citizen's Comune when the matter belongs to it, even from a short or misspelt name", async () => {
    const c = client();
    const replies = await say(c, 'abito a mandello, devo rinnovare la carta di identità');
    expect(replies[0]?.channelData?.procedureId).toBe('rinvio-comune-anagrafe');
    expect(replies[1]?.text).toMatch(/Comune di Mandello del Lario/);
  });
});
