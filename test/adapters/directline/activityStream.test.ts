import { ActivityStream } from '../../../adapters/directline/activityStream';
import type { ActivityListener, DirectLineStore } from '../../../adapters/directline/directLineStore';
import { MemoryDirectLineStore } from '../../../adapters/directline/memoryDirectLineStore';
import { eventually } from './harness';

interface Sent {
  texts: string[];
  watermark: string;
}

/** A memory store whose notifications can be lost, as pub/sub messages are while Redis reconnects. */
class LossyStore extends MemoryDirectLineStore {
  dropNext = 0;

  override async subscribe(conversationId: string, listener: ActivityListener) {
    return super.subscribe(conversationId, (batch) => {
      if (this.dropNext > 0) this.dropNext -= 1;
      else listener(batch);
    });
  }
}

async function open(store: DirectLineStore, watermark: number) {
  const sent: Sent[] = [];
  const stream = new ActivityStream(
    store,
    'c1',
    watermark,
    (json) => {
      const set = JSON.parse(json) as { activities: { text: string }[]; watermark: string };
      sent.push({ texts: set.activities.map((a) => a.text), watermark: set.watermark });
    },
    (err) => {
      throw err;
    },
  );
  await stream.start();
  return { stream, sent, texts: () => sent.flatMap((s) => s.texts) };
}

const say = (store: DirectLineStore, ...texts: string[]) =>
  store.append(
    'c1',
    texts.map((text) => ({ type: 'message', text })),
  );

describe('ActivityStream', () => {
  let store: LossyStore;

  beforeEach(async () => {
    store = new LossyStore();
    await store.createConversation({ id: 'c1', userId: 'u', createdAt: '' });
  });

  afterEach(async () => {
    await store.close();
  });

  it('sends what is stored after the watermark, then what is appended, each once and in order', async () => {
    await say(store, 'a', 'b', 'c');
    const s = await open(store, 1);
    await say(store, 'd');
    await say(store, 'e', 'f');
    await eventually(() => (s.texts().length >= 5 ? true : undefined));
    expect(s.texts()).toEqual(['b', 'c', 'd', 'e', 'f']);
    expect(s.sent[s.sent.length - 1]?.watermark).toBe('6');
    await s.stream.stop();
  });

  it('sends a question and the answer of a turn run in promise jobs in one frame, at once', async () => {
    const s = await open(store, 0);
    // As a turn on the in-memory stores: the echo, then awaits of settled promises, then the answer.
    await new Promise<void>((resolve) => {
      setTimeout(() => {
        // Sent before anything else the event loop has to do (here: this immediate), not held
        // until the other requests read in the same iteration have had their turns.
        setImmediate(() => resolve());
        void (async () => {
          await say(store, 'domanda');
          for (let i = 0; i < 20; i++) await Promise.resolve();
          await say(store, 'risposta');
        })();
      }, 0);
    });
    expect(s.sent).toEqual([{ texts: ['domanda', 'risposta'], watermark: '2' }]);
    // What comes in a later callback (an operator's message) is its own frame.
    await say(store, 'operatore');
    await eventually(() => (s.sent.length >= 2 ? true : undefined));
    expect(s.sent[1]).toEqual({ texts: ['operatore'], watermark: '3' });
    await s.stream.stop();
  });

  it('recovers activities whose notification was lost, at the next notification', async () => {
    const s = await open(store, 0);
    await say(store, 'a');
    store.dropNext = 1;
    await say(store, 'persa');
    await say(store, 'c');
    await eventually(() => (s.texts().length >= 3 ? true : undefined));
    expect(s.texts()).toEqual(['a', 'persa', 'c']);
    await s.stream.stop();
  });

  it('restarts from the real end when the watermark is beyond it', async () => {
    await say(store, 'a');
    const s = await open(store, 40);
    await say(store, 'b');
    await eventually(() => (s.texts().length >= 1 ? true : undefined));
    expect(s.sent).toEqual([{ texts: ['b'], watermark: '2' }]);
    await s.stream.stop();
  });

  it('sends nothing after stop', async () => {
    const s = await open(store, 0);
    await s.stream.stop();
    await say(store, 'a');
    await new Promise((r) => setTimeout(r, 30));
    expect(s.sent).toEqual([]);
  });
});
