import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import type { HandoffCase } from '../handoff/case';
import type { HandoffEvent } from '../handoff/handoffEvent';
import { RedisCaseStore } from '../handoff/redisCaseStore';
import { RedisHandoffEvents } from '../handoff/redisHandoffEvents';
import type { BenchRow } from './benchRow';

const CASES = 200;
/** 200 citizens asking for an operator within one second. */
const ARRIVAL_SPREAD_MS = 1000;
const MESSAGE_ROUNDS = 5;
/** A citizen or operator writes about once a second (0.5-1.5 s apart): already a very busy contact centre. */
const THINK_MS: [number, number] = [500, 1500];
const WARMUP_CASES = 20;

type Client = ReturnType<typeof createClient>;
type Side = Awaited<ReturnType<typeof side>>;

async function connect(url: string): Promise<Client> {
  const client = createClient({ url, disableOfflineQueue: true });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** One side of the relay, as one server process has it: a command and a subscriber connection. */
async function side(url: string, prefix: string) {
  const command = await connect(url);
  const subscriber = await connect(url);
  const events = new RedisHandoffEvents(command, subscriber, { prefix });
  await events.start();
  // Each change publishes its own event from inside its Lua script.
  const store = new RedisCaseStore(command, { prefix, publishEvents: true });
  return { command, subscriber, events, store };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round((sorted[index] ?? 0) * 100) / 100;
}

function row(name: string, samples: number[], elapsedMs: number, errors: number, notes: string): BenchRow {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    name,
    throughput: Math.round((samples.length / Math.max(1, elapsedMs)) * 1000),
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    errors,
    rssMb: Math.round(process.memoryUsage().rss / 1e6),
    notes,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Creates `count` cases on the citizen side, `gapMs` apart (0: all at once), and measures the time
 * until the operator side receives each `case.queued` event.
 */
async function queueCases(citizen: Side, operator: Side, tag: string, count: number, gapMs: number) {
  const queuedAt = new Map<string, number>();
  const latencies: number[] = [];
  let done: () => void = () => undefined;
  const allSeen = new Promise<void>((resolve) => (done = resolve));
  const off = operator.events.subscribe((e: HandoffEvent) => {
    const t0 = e.type === 'case.queued' ? queuedAt.get(e.conversationId) : undefined;
    if (t0 === undefined) return;
    latencies.push(performance.now() - t0);
    if (latencies.length === count) done();
  });
  let errors = 0;
  const start = performance.now();
  const pending: Array<Promise<HandoffCase | undefined>> = [];
  for (let i = 0; i < count; i++) {
    const conversationId = `${tag}-${i}`;
    queuedAt.set(conversationId, performance.now());
    pending.push(
      citizen.store
        .create({
          kind: 'live',
          queue: ['trasporti', 'strade', 'ambiente', 'lavoro'][i % 4] ?? 'generale',
          channel: 'webchat',
          conversationId,
          conversationReference: { conversation: { id: conversationId }, serviceUrl: 'https://example.org/' },
          summary: 'Benchmark',
          transcript: [
            { from: 'citizen', text: 'Vorrei parlare con un operatore', at: new Date().toISOString() },
          ],
        })
        .catch(() => {
          errors += 1;
          return undefined;
        }),
    );
    if (gapMs > 0) await sleep(gapMs);
  }
  const cases = (await Promise.all(pending)).filter((c) => c !== undefined);
  await Promise.race([allSeen, sleep(10_000)]);
  off();
  return {
    cases,
    latencies,
    elapsedMs: performance.now() - start,
    errors: errors + count - latencies.length,
  };
}

/**
 * Each case is a conversation: the citizen writes, the operator's process receives the event and
 * answers, the citizen's process receives the answer, the citizen writes again. All at once.
 */
async function converse(
  citizen: Side,
  operator: Side,
  cases: HandoffCase[],
  think: [number, number] = [0, 0],
) {
  const waiting = new Map<string, { t0: number; reply: () => void }>();
  const oneWay: number[] = [];
  const roundTrip: number[] = [];
  let errors = 0;
  const offOperator = operator.events.subscribe((e) => {
    if (e.type !== 'case.message' || e.message.from !== 'citizen') return;
    const w = waiting.get(`${e.caseId}:${e.message.text}`);
    if (!w) return;
    oneWay.push(performance.now() - w.t0);
    operator.store
      .appendMessage(e.caseId, { from: 'operator', text: e.message.text, at: new Date().toISOString() })
      .catch(() => (errors += 1));
  });
  const offCitizen = citizen.events.subscribe((e) => {
    if (e.type !== 'case.message' || e.message.from !== 'operator') return;
    const key = `${e.caseId}:${e.message.text}`;
    const w = waiting.get(key);
    if (!w) return;
    roundTrip.push(performance.now() - w.t0);
    waiting.delete(key);
    w.reply();
  });
  const start = performance.now();
  await Promise.all(
    cases.map(async (c) => {
      for (let round = 0; round < MESSAGE_ROUNDS; round++) {
        const pause = think[0] + Math.random() * (think[1] - think[0]);
        if (pause > 0) await sleep(pause);
        const text = `r${round}`;
        const replied = new Promise<void>((reply) =>
          waiting.set(`${c.id}:${text}`, { t0: performance.now(), reply }),
        );
        try {
          await citizen.store.appendMessage(c.id, { from: 'citizen', text, at: new Date().toISOString() });
        } catch {
          errors += 1;
          return;
        }
        if ((await Promise.race([replied.then(() => true), sleep(5000).then(() => false)])) === false) {
          errors += 1;
          return;
        }
      }
    }),
  );
  offOperator();
  offCitizen();
  return { oneWay, roundTrip, elapsedMs: performance.now() - start, errors };
}

/**
 * Case queued by the citizen's process -> event received by the operator's process, and message
 * relay citizen -> operator -> citizen, with 200 concurrent cases. The two "processes" are two
 * independent pairs of Redis connections (command + subscriber), as two server instances have;
 * they share this process's CPU, so the figures include both sides' work.
 */
export async function benchHandoff(redisUrl: string): Promise<BenchRow[]> {
  const prefix = `bench:handoff:${randomBytes(4).toString('hex')}:`;
  const citizen = await side(redisUrl, prefix);
  const operator = await side(redisUrl, prefix);
  const rows: BenchRow[] = [];
  try {
    // Loads the scripts into Redis and warms the JIT; not measured.
    const warm = await queueCases(citizen, operator, 'warmup', WARMUP_CASES, 0);
    await converse(citizen, operator, warm.cases.slice(0, 5));

    const spread = await queueCases(citizen, operator, 'arrive', CASES, ARRIVAL_SPREAD_MS / CASES);
    rows.push(
      row(
        'handoff: case queued → visible to operator',
        spread.latencies,
        spread.elapsedMs,
        spread.errors,
        `${CASES} cases arriving within ${ARRIVAL_SPREAD_MS / 1000} s`,
      ),
    );
    const burst = await queueCases(citizen, operator, 'burst', CASES, 0);
    rows.push(
      row(
        'handoff: case queued → visible (burst)',
        burst.latencies,
        burst.elapsedMs,
        burst.errors,
        `${CASES} cases created in the same instant`,
      ),
    );

    const cases = spread.cases;
    await Promise.all(cases.map((c) => operator.store.claim(c.id, 'bench-op', 'Operatore')));
    const relay = await converse(citizen, operator, cases, THINK_MS);
    rows.push(
      row(
        'handoff: message citizen → operator',
        relay.oneWay,
        relay.elapsedMs,
        relay.errors,
        `${cases.length} concurrent conversations × ${MESSAGE_ROUNDS} messages, ~1 per second each`,
      ),
      row(
        'handoff: relay citizen → operator → citizen',
        relay.roundTrip,
        relay.elapsedMs,
        relay.errors,
        'round trip: stored+published, answered, stored+published',
      ),
    );
    const saturated = await converse(citizen, operator, cases);
    rows.push(
      row(
        'handoff: relay round trip, no pauses',
        saturated.roundTrip,
        saturated.elapsedMs,
        saturated.errors,
        `saturation: ${cases.length} conversations answering instantly; throughput = round trips/s`,
      ),
    );
  } finally {
    await citizen.events.stop();
    await operator.events.stop();
    for await (const keys of citizen.command.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      if (keys.length > 0) await citizen.command.del(keys);
    }
    for (const c of [citizen.command, citizen.subscriber, operator.command, operator.subscriber]) c.destroy();
  }
  return rows;
}
