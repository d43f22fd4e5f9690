import {
  type Activity,
  ConversationState,
  MemoryStorage,
  type Storage,
  type StoreItems,
  TestAdapter,
  TurnContext,
} from 'botbuilder';
import { LeanConversationState } from '../../storage/leanConversationState';
import { MemoryStateStorage } from '../../storage/memoryStateStorage';
import { RedisStorage } from '../../storage/redisStorage';
import { cleanPrefix, connectTestRedis, type TestRedis, uniquePrefix } from '../support/redis';

/** Records every write (a deep copy of what was handed over) before passing it on. */
class SpyStorage implements Storage {
  readonly writes: StoreItems[] = [];
  readonly deletes: string[][] = [];
  constructor(readonly inner: Storage = new MemoryStorage()) {}
  read(keys: string[]): Promise<StoreItems> {
    return this.inner.read(keys);
  }
  write(changes: StoreItems): Promise<void> {
    this.writes.push(JSON.parse(JSON.stringify(changes)) as StoreItems);
    return this.inner.write(changes);
  }
  delete(keys: string[]): Promise<void> {
    this.deletes.push(keys);
    return this.inner.delete(keys);
  }
}

const KEY = 'test/conversations/conv-1/';

function turn(conversationId = 'conv-1'): TurnContext {
  const activity: Partial<Activity> = {
    type: 'message',
    text: 'ciao',
    channelId: 'test',
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'user', name: 'Citizen' },
    recipient: { id: 'bot', name: 'Bot' },
  };
  return new TurnContext(new TestAdapter(), activity);
}

interface Data {
  count: number;
  list: string[];
  nested?: { flag: boolean };
}

/** The `data` property of a loaded state; the tests only call it where the state holds one. */
async function dataOf(state: ConversationState, context: TurnContext, initial?: Data): Promise<Data> {
  const property = state.createProperty<Data>('data');
  const data = await (initial ? property.get(context, initial) : property.get(context));
  if (!data) throw new Error('no data in the state');
  return data;
}

/** What successive turns do to the state: nothing, a change, nothing, accented text, a new member, removal. */
const TURN_STEPS: Array<(d: Data) => void> = [
  () => undefined,
  (d) => (d.count += 1),
  () => undefined,
  (d) => d.list.push('città è'),
  (d) => (d.nested = { flag: true }),
  () => undefined,
  (d) => delete d.nested,
];

/** One turn of each state per step of TURN_STEPS; `check` runs after every step. */
async function turnSideBySide(
  states: ConversationState[],
  check: () => Promise<void> = async () => undefined,
): Promise<void> {
  for (const step of TURN_STEPS) {
    for (const state of states) {
      const context = turn();
      step(await dataOf(state, context, { count: 0, list: [] }));
      await state.saveChanges(context);
    }
    await check();
  }
}

describe('LeanConversationState', () => {
  it('writes nothing when a loaded state did not change', async () => {
    const storage = new SpyStorage();
    await storage.inner.write({ [KEY]: { data: { count: 1, list: ['a'] } } });
    const state = new LeanConversationState(storage);
    const context = turn();
    expect(await dataOf(state, context)).toEqual({ count: 1, list: ['a'] });
    await state.saveChanges(context);
    expect(storage.writes).toHaveLength(0);
  });

  it('writes nothing when the state was never loaded', async () => {
    const storage = new SpyStorage();
    await new LeanConversationState(storage).saveChanges(turn());
    expect(storage.writes).toHaveLength(0);
  });

  it('writes a change once, with eTag "*", and nothing more while unchanged', async () => {
    const storage = new SpyStorage();
    const state = new LeanConversationState(storage);
    const context = turn();
    (await dataOf(state, context, { count: 0, list: [] })).count = 1;
    await state.saveChanges(context);
    expect(storage.writes).toEqual([{ [KEY]: { data: { count: 1, list: [] }, eTag: '*' } }]);
    await state.saveChanges(context);
    expect(storage.writes).toHaveLength(1);
    // The next turn reads what was written.
    const next = turn();
    expect(await dataOf(state, next)).toEqual({ count: 1, list: [] });
  });

  it('detects a change deep inside the state', async () => {
    const storage = new SpyStorage();
    await storage.inner.write({ [KEY]: { data: { count: 1, list: ['a'], nested: { flag: false } } } });
    const state = new LeanConversationState(storage);

    const first = turn();
    (await dataOf(state, first)).list.push('b');
    await state.saveChanges(first);
    const second = turn();
    const loaded = await dataOf(state, second);
    expect(loaded.list).toEqual(['a', 'b']);
    if (loaded.nested) loaded.nested.flag = true;
    await state.saveChanges(second);

    expect(storage.writes.map((w) => (w[KEY] as { data: Data }).data)).toEqual([
      { count: 1, list: ['a', 'b'], nested: { flag: false } },
      { count: 1, list: ['a', 'b'], nested: { flag: true } },
    ]);
  });

  it("ignores the storage's eTag when comparing, and always writes with '*'", async () => {
    const storage = new SpyStorage();
    await storage.inner.write({ [KEY]: { data: { count: 1, list: [] } } });
    const state = new LeanConversationState(storage);
    const context = turn();
    const loaded = await dataOf(state, context);
    const raw = (await state.load(context)) as { eTag?: string };
    expect(typeof raw.eTag).toBe('string');
    expect(raw.eTag).not.toBe('*');
    // Someone else wrote meanwhile: the stored eTag moves on, ours is stale.
    await storage.inner.write({ [KEY]: { data: { count: 5, list: [] } } });
    await state.saveChanges(context);
    expect(storage.writes).toHaveLength(0);
    loaded.count = 2;
    await state.saveChanges(context);
    expect((storage.writes[0]?.[KEY] as { eTag: string }).eTag).toBe('*');
    expect(((await storage.inner.read([KEY]))[KEY] as { data: Data }).data.count).toBe(2);
  });

  it('force writes even an unchanged or never loaded state', async () => {
    const storage = new SpyStorage();
    const state = new LeanConversationState(storage);
    await state.saveChanges(turn(), true);
    expect(storage.writes).toEqual([{ [KEY]: { eTag: '*' } }]);

    const context = turn();
    await state.createProperty<Data>('data').get(context, { count: 3, list: [] });
    await state.saveChanges(context);
    await state.saveChanges(context, true);
    expect(storage.writes).toHaveLength(3);
  });

  it('clear empties the state, and the next save writes it', async () => {
    const storage = new SpyStorage();
    await storage.inner.write({ [KEY]: { data: { count: 1, list: [] } } });
    const state = new LeanConversationState(storage);
    const context = turn();
    await state.load(context);
    await state.clear(context);
    expect(state.get(context)).toEqual({});
    await state.saveChanges(context);
    expect(storage.writes).toEqual([{ [KEY]: { eTag: '*' } }]);
  });

  it('delete removes the stored state and the cached one', async () => {
    const storage = new SpyStorage();
    await storage.inner.write({ [KEY]: { data: { count: 1, list: [] } } });
    const state = new LeanConversationState(storage);
    const context = turn();
    await state.load(context);
    expect(state.get(context)).toBeDefined();
    await state.delete(context);
    expect(state.get(context)).toBeUndefined();
    expect(storage.deletes).toEqual([[KEY]]);
    expect(await storage.inner.read([KEY])).toEqual({});
  });

  it('load with force reads the storage again', async () => {
    const storage = new SpyStorage();
    await storage.inner.write({ [KEY]: { data: { count: 1, list: [] } } });
    const state = new LeanConversationState(storage);
    const context = turn();
    expect((await dataOf(state, context)).count).toBe(1);
    await storage.inner.write({ [KEY]: { data: { count: 7, list: [] } } });
    expect((await dataOf(state, context)).count).toBe(1);
    await state.load(context, true);
    expect((await dataOf(state, context)).count).toBe(7);
  });

  it("writes exactly what botbuilder's ConversationState writes, turn after turn", async () => {
    const ours = new SpyStorage();
    const theirs = new SpyStorage();
    const lean = new LeanConversationState(ours);
    const stock = new ConversationState(theirs);
    await turnSideBySide([lean, stock]);
    expect(ours.writes).toEqual(theirs.writes);
    expect(ours.writes).toHaveLength(5);
  });
});

/** The in-memory store, recording which path each call took. */
class JsonSpyStorage extends MemoryStateStorage {
  readonly jsonWrites: string[] = [];
  objectCalls = 0;
  override read(keys: string[]): Promise<StoreItems> {
    this.objectCalls += 1;
    return super.read(keys);
  }
  override write(changes: StoreItems): Promise<void> {
    this.objectCalls += 1;
    return super.write(changes);
  }
  override writeStateJson(key: string, json: string): Promise<void> {
    this.jsonWrites.push(json);
    return super.writeStateJson(key, json);
  }
}

describe('LeanConversationState on a JsonStateStorage', () => {
  it('keeps the state across turns, writing the text of each change and nothing else', async () => {
    const storage = new JsonSpyStorage();
    const state = new LeanConversationState(storage);

    const first = turn();
    (await dataOf(state, first, { count: 0, list: [] })).count = 1;
    await state.saveChanges(first);
    await state.saveChanges(first);

    const second = turn();
    const loaded = await dataOf(state, second);
    expect(loaded).toEqual({ count: 1, list: [] });
    await state.saveChanges(second);

    const third = turn();
    (await dataOf(state, third)).list.push('città è');
    await state.saveChanges(third);

    expect(storage.jsonWrites).toEqual([
      '{"data":{"count":1,"list":[]}}',
      '{"data":{"count":1,"list":["città è"]}}',
    ]);
    expect(await storage.readStateJson(KEY)).toBe('{"data":{"count":1,"list":["città è"]}}');
    // Everything went through the text path: no object read or write.
    expect(storage.objectCalls).toBe(0);
  });

  it('writes nothing for a turn that never loaded the state, or found none and changed nothing', async () => {
    const storage = new JsonSpyStorage();
    const state = new LeanConversationState(storage);
    await state.saveChanges(turn());
    const context = turn();
    expect(await state.createProperty<Data>('data').get(context)).toBeUndefined();
    await state.saveChanges(context);
    expect(storage.jsonWrites).toEqual([]);
    expect(storage.size).toBe(0);
  });

  it('reads state written as an object (e.g. before a restart of the path), without its eTag', async () => {
    const storage = new JsonSpyStorage();
    await storage.write({ [KEY]: { data: { count: 4, list: ['a'] }, eTag: '*' } });
    const state = new LeanConversationState(storage);
    const context = turn();
    expect(await dataOf(state, context)).toEqual({ count: 4, list: ['a'] });
    expect(await state.load(context)).not.toHaveProperty('eTag');
    await state.saveChanges(context);
    expect(storage.jsonWrites).toEqual([]);
  });

  it('never stores an eTag, even one the state holds', async () => {
    const storage = new JsonSpyStorage();
    const state = new LeanConversationState(storage);
    const context = turn();
    const loaded = await state.load(context);
    loaded.eTag = 'from-somewhere';
    (await dataOf(state, context, { count: 0, list: [] })).count = 2;
    await state.saveChanges(context);
    await state.saveChanges(context, true);
    expect(storage.jsonWrites).toEqual(['{"data":{"count":2,"list":[]}}', '{"data":{"count":2,"list":[]}}']);
    // Another store user still sees a proper eTag through read().
    expect(typeof (await storage.read([KEY]))[KEY]?.eTag).toBe('string');
  });

  it('force writes even an unchanged or never loaded state', async () => {
    const storage = new JsonSpyStorage();
    const state = new LeanConversationState(storage);
    await state.saveChanges(turn(), true);
    expect(storage.jsonWrites).toEqual(['{}']);
    const context = turn();
    await state.createProperty<Data>('data').get(context, { count: 3, list: [] });
    await state.saveChanges(context);
    await state.saveChanges(context, true);
    expect(storage.jsonWrites).toHaveLength(3);
  });

  it('clear empties the state, and the next save writes it', async () => {
    const storage = new JsonSpyStorage();
    await storage.writeStateJson(KEY, '{"data":{"count":1,"list":[]}}');
    const state = new LeanConversationState(storage);
    const context = turn();
    await state.load(context);
    await state.clear(context);
    expect(state.get(context)).toEqual({});
    await state.saveChanges(context);
    expect(await storage.readStateJson(KEY)).toBe('{}');
    expect(await dataOf(state, turn(), { count: 0, list: [] })).toEqual({ count: 0, list: [] });
  });

  it('delete removes the stored state and the cached one', async () => {
    const storage = new JsonSpyStorage();
    await storage.writeStateJson(KEY, '{"data":{"count":1,"list":[]}}');
    const state = new LeanConversationState(storage);
    const context = turn();
    await state.load(context);
    await state.delete(context);
    expect(state.get(context)).toBeUndefined();
    expect(await storage.readStateJson(KEY)).toBeUndefined();
  });

  it('load with force reads the storage again', async () => {
    const storage = new JsonSpyStorage();
    await storage.writeStateJson(KEY, '{"data":{"count":1,"list":[]}}');
    const state = new LeanConversationState(storage);
    const context = turn();
    expect((await dataOf(state, context)).count).toBe(1);
    await storage.writeStateJson(KEY, '{"data":{"count":7,"list":[]}}');
    expect((await dataOf(state, context)).count).toBe(1);
    await state.load(context, true);
    expect((await dataOf(state, context)).count).toBe(7);
  });

  it('keeps conversations apart', async () => {
    const storage = new JsonSpyStorage();
    const state = new LeanConversationState(storage);
    const a = turn('conv-a');
    (await dataOf(state, a, { count: 0, list: [] })).count = 1;
    await state.saveChanges(a);
    expect(await dataOf(state, turn('conv-b'), { count: 0, list: [] })).toEqual({ count: 0, list: [] });
    expect((await dataOf(state, turn('conv-a'))).count).toBe(1);
  });

  it("stores, turn after turn, what botbuilder's ConversationState stores, and writes as often", async () => {
    const ours = new JsonSpyStorage();
    const theirs = new SpyStorage();
    const lean = new LeanConversationState(ours);
    const stock = new ConversationState(theirs);
    await turnSideBySide([lean, stock], async () => {
      const stored = (await theirs.inner.read([KEY]))[KEY] as Record<string, unknown>;
      delete stored.eTag;
      expect(await ours.readStateJson(KEY)).toBe(JSON.stringify(stored));
    });
    expect(ours.jsonWrites).toHaveLength(theirs.writes.length);
    expect(ours.jsonWrites).toHaveLength(5);
  });
});

describe('LeanConversationState on Redis', () => {
  let redis: TestRedis;
  const prefix = uniquePrefix('leanState');
  beforeAll(async () => {
    redis = await connectTestRedis();
  });
  afterAll(async () => {
    await cleanPrefix(redis, prefix);
    await redis.quit();
  });

  it('two processes see each other’s turns, and an unchanged turn writes nothing', async () => {
    const storageA = new SpyStorage(new RedisStorage(redis, { prefix }));
    const storageB = new SpyStorage(new RedisStorage(redis, { prefix }));
    const a = new LeanConversationState(storageA);
    const b = new LeanConversationState(storageB);

    const first = turn();
    (await dataOf(a, first, { count: 0, list: [] })).count = 1;
    await a.saveChanges(first);

    const second = turn();
    const seen = await dataOf(b, second);
    expect(seen).toEqual({ count: 1, list: [] });
    await b.saveChanges(second);
    expect(storageB.writes).toHaveLength(0);

    // A loads, B writes meanwhile: A's eTag is stale, and like BotState A still writes with '*'
    // (last writer wins, as with botbuilder's ConversationState).
    const fourth = turn();
    const late = await dataOf(a, fourth);
    const third = turn();
    (await dataOf(b, third)).list.push('x');
    await b.saveChanges(third);
    late.count = 9;
    await a.saveChanges(fourth);
    const stored = JSON.parse((await redis.get(`${prefix}${KEY}`)) ?? '{}') as { data: Data };
    expect(stored.data).toEqual({ count: 9, list: [] });
    expect(storageA.writes.map((w) => (w[KEY] as { eTag: string }).eTag)).toEqual(['*', '*']);
  });
});
