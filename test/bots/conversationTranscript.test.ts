import { type Activity, TestAdapter, TurnContext } from 'botbuilder';
import { ConversationTranscript } from '../../bots/conversationTranscript';
import { MemoryTranscriptLog } from '../../storage/memoryTranscriptLog';
import type { TranscriptLine, TranscriptLog } from '../../storage/transcriptLog';

function turn(text: string, conversationId = 'conv-1'): TurnContext {
  const activity: Partial<Activity> = {
    type: 'message',
    text,
    channelId: 'directline',
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'user', name: 'Citizen' },
    recipient: { id: 'bot', name: 'Bot' },
  };
  return new TurnContext(new TestAdapter(), activity);
}

const said = (lines: TranscriptLine[]) => lines.map((l) => `${l.from}: ${l.text}`);

/** A log that fails while `down`, like Redis during an outage; counts appends. */
class FlakyLog implements TranscriptLog {
  down = false;
  appends = 0;
  readonly inner = new MemoryTranscriptLog();
  async append(key: string, lines: readonly TranscriptLine[]): Promise<void> {
    if (this.down) throw new Error('connect ECONNREFUSED');
    this.appends += 1;
    await this.inner.append(key, lines);
  }
  async read(key: string): Promise<TranscriptLine[]> {
    if (this.down) throw new Error('connect ECONNREFUSED');
    return this.inner.read(key);
  }
}

describe('ConversationTranscript', () => {
  it("records the citizen's message and the bot's messages, once per turn, masked", async () => {
    const log = new FlakyLog();
    const transcript = new ConversationTranscript(log);
    const context = turn('Il mio codice fiscale è RSSMRA85T10A562S');
    transcript.recordTurn(context);
    await context.sendActivity('Grazie, ora controllo.');
    await context.sendActivity({ type: 'typing' });
    await context.sendActivities([{ type: 'message', text: 'Ecco la risposta' }]);
    expect(log.appends).toBe(0);
    await transcript.flush(context);
    await transcript.flush(context);
    expect(log.appends).toBe(1);
    expect(said(await log.inner.read('directline/conv-1'))).toEqual([
      'citizen: Il mio codice fiscale è [codice fiscale]',
      'bot: Grazie, ora controllo.',
      'bot: Ecco la risposta',
    ]);
  });

  it('a case opened during the turn reads the earlier turns and this one', async () => {
    const log = new MemoryTranscriptLog();
    const transcript = new ConversationTranscript(log);
    const first = turn('passo carraio');
    transcript.recordTurn(first);
    await first.sendActivity('Per il passo carraio serve…');
    await transcript.flush(first);

    const second = turn('operatore');
    transcript.recordTurn(second);
    await second.sendActivity('Acconsenti?');
    expect(said(await transcript.read(second))).toEqual([
      'citizen: passo carraio',
      'bot: Per il passo carraio serve…',
      'citizen: operatore',
      'bot: Acconsenti?',
    ]);
    // Another conversation sees none of it.
    const elsewhere = turn('ciao', 'conv-2');
    transcript.recordTurn(elsewhere);
    expect(said(await transcript.read(elsewhere))).toEqual(['citizen: ciao']);
  });

  it('puts lines carried from an older state first', async () => {
    const log = new MemoryTranscriptLog();
    const transcript = new ConversationTranscript(log);
    const context = turn('e i costi?');
    const earlier: TranscriptLine = { from: 'bot', text: 'risposta di ieri', at: '2026-01-01T09:00:00.000Z' };
    transcript.recordTurn(context, [earlier]);
    await transcript.flush(context);
    expect(said(await log.read('directline/conv-1'))).toEqual([
      'bot: risposta di ieri',
      'citizen: e i costi?',
    ]);
  });

  it('with the log unreachable the turn goes on: this turn is read, the failure reported once until it heals', async () => {
    const log = new FlakyLog();
    const errors: unknown[] = [];
    const transcript = new ConversationTranscript(log, (err) => errors.push(err));
    log.down = true;
    for (const text of ['prima', 'seconda']) {
      const context = turn(text);
      transcript.recordTurn(context);
      expect(said(await transcript.read(context))).toEqual([`citizen: ${text}`]);
      await expect(transcript.flush(context)).resolves.toBeUndefined();
    }
    expect(errors).toHaveLength(1);
    log.down = false;
    const back = turn('terza');
    transcript.recordTurn(back);
    await transcript.flush(back);
    expect(said(await log.inner.read('directline/conv-1'))).toEqual(['citizen: terza']);
    log.down = true;
    await transcript.read(back);
    expect(errors).toHaveLength(2);
  });

  it('a turn that was not recorded (a proactive one) appends nothing', async () => {
    const log = new FlakyLog();
    const transcript = new ConversationTranscript(log);
    const context = turn('');
    await context.sendActivity('Com’è andata?');
    await transcript.flush(context);
    expect(log.appends).toBe(0);
  });
});
