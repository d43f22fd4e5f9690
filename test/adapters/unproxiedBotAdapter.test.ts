import { type Activity, type ResourceResponse, TurnContext } from 'botbuilder';
import { DirectLineAdapter } from '../../adapters/directline/directLineAdapter';
import { MemoryDirectLineStore } from '../../adapters/directline/memoryDirectLineStore';
import { UnproxiedBotAdapter } from '../../adapters/unproxiedBotAdapter';

/** An adapter recording what is sent; `late` says whether replies after the turn are delivered. */
class RecordingAdapter extends UnproxiedBotAdapter {
  readonly sent: string[] = [];
  constructor(private readonly late: boolean) {
    super();
  }
  protected override lateRepliesDelivered(): boolean {
    return this.late;
  }
  async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    for (const a of activities) this.sent.push(a.text ?? '');
    return activities.map(() => ({ id: '' }));
  }
  async updateActivity(): Promise<void> {}
  async deleteActivity(): Promise<void> {}
  async continueConversation(): Promise<void> {}
  run(logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const context = new TurnContext(this, {
      type: 'message',
      text: 'ciao',
      conversation: { id: 'c1', isGroup: false, conversationType: '', name: '' },
      locale: 'it-IT',
    });
    return this.runMiddleware(context, logic);
  }
}

describe('UnproxiedBotAdapter', () => {
  it('delivers a reply sent with the context after its Direct Line turn ended', async () => {
    const store = new MemoryDirectLineStore();
    try {
      await store.createConversation({ id: 'c1', userId: 'u1', createdAt: '' });
      const adapter = new DirectLineAdapter(store);
      let held: TurnContext | undefined;
      await adapter.processActivity(
        {
          type: 'message',
          text: 'domanda',
          id: 'c1|0000000',
          conversation: { id: 'c1' } as Activity['conversation'],
        },
        async (context) => {
          held = context;
          await context.sendActivity('subito');
        },
      );
      await held?.sendActivity('dopo');
      const texts = (await store.read('c1', 0)).activities.map(
        (a) => (JSON.parse(a) as { text: string }).text,
      );
      expect(texts).toEqual(['subito', 'dopo']);
    } finally {
      await store.close();
    }
  });

  it("keeps botbuilder's revocable context for turns whose late replies would be lost", async () => {
    const adapter = new RecordingAdapter(false);
    let held: TurnContext | undefined;
    await adapter.run(async (context) => {
      held = context;
      await context.sendActivity('subito');
    });
    expect(() => held?.sendActivity('dopo')).toThrow(/revoked/);
    expect(adapter.sent).toEqual(['subito']);
  });

  it('hands an error of the turn to onTurnError, with the locale of the activity set', async () => {
    const adapter = new RecordingAdapter(true);
    const failures: string[] = [];
    adapter.onTurnError = async (context, err) => {
      failures.push(`${context.locale}: ${err.message}`);
      await context.sendActivity('scusa');
    };
    await adapter.run(async () => {
      throw new Error('guasto');
    });
    expect(failures).toEqual(['it-IT: guasto']);
    expect(adapter.sent).toEqual(['scusa']);
    // Without a handler the error reaches the caller.
    const bare = new RecordingAdapter(true);
    await expect(
      bare.run(async () => {
        throw new Error('guasto');
      }),
    ).rejects.toThrow('guasto');
  });
});
