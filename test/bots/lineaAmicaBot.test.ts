import { type Activity, MemoryStorage, TestAdapter } from 'botbuilder';
import { ConversationTranscript } from '../../bots/conversationTranscript';
import { LineaAmicaBot } from '../../bots/lineaAmicaBot';
import { CONVERSATION_DATA, type ConversationData } from '../../dialogs/conversationData';
import { MainDialog } from '../../dialogs/mainDialog';
import { LeanConversationState } from '../../storage/leanConversationState';
import { MemoryTranscriptLog } from '../../storage/memoryTranscriptLog';
import { kb, search } from '../dialogs/dialogHarness';

const STATE_KEY = 'test/conversations/Convo1/';
const TRANSCRIPT_KEY = 'test/Convo1';

/** The bot as the composition root builds it (main dialog over the real knowledge base), on a test adapter. */
function botHarness() {
  const storage = new MemoryStorage();
  const state = new LeanConversationState(storage);
  const data = state.createProperty<ConversationData>(CONVERSATION_DATA);
  const log = new MemoryTranscriptLog();
  const bot = new LineaAmicaBot(state, new MainDialog(kb, search, data), {
    privacyUrl: 'https://example.it/privacy',
    conversationData: data,
    transcript: new ConversationTranscript(log),
  });
  const adapter = new TestAdapter((context) => bot.run(context), { locale: 'it-IT' });
  return {
    storage,
    log,
    async say(text: string): Promise<Array<Partial<Activity>>> {
      await adapter.receiveActivity(text);
      return adapter.activeQueue.splice(0);
    },
    async stored(): Promise<Record<string, unknown>> {
      return ((await storage.read([STATE_KEY]))[STATE_KEY] ?? {}) as Record<string, unknown>;
    },
  };
}

describe('LineaAmicaBot', () => {
  it('keeps the operator transcript in the transcript log, not in the conversation state', async () => {
    const h = botHarness();
    const [answer] = await h.say('come si rinnova la licenza di pesca');
    expect(answer?.text).toBeTruthy();
    const lines = await h.log.read(TRANSCRIPT_KEY);
    expect(lines.map((l) => l.from)).toEqual(['citizen', 'bot']);
    expect(lines[0]?.text).toBe('come si rinnova la licenza di pesca');
    const data = (await h.stored()).conversationData as ConversationData;
    expect(data.lastProcedureId).toBeTruthy();
    expect(data).not.toHaveProperty('transcript');
  });

  it('moves a transcript kept in the state by an earlier version to the log', async () => {
    const h = botHarness();
    const earlier = [
      { from: 'citizen' as const, text: 'passo carraio', at: '2026-01-01T09:00:00.000Z' },
      { from: 'bot' as const, text: 'Per il passo carraio…', at: '2026-01-01T09:00:01.000Z' },
    ];
    await h.storage.write({
      [STATE_KEY]: { conversationData: { procedures: [], misses: 0, transcript: earlier } },
    });
    await h.say('grazie');
    const lines = await h.log.read(TRANSCRIPT_KEY);
    expect(lines.slice(0, 3)).toEqual([
      ...earlier,
      expect.objectContaining({ from: 'citizen', text: 'grazie' }),
    ]);
    expect((await h.stored()).conversationData).not.toHaveProperty('transcript');
  });
});
