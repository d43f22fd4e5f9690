import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import type { HandoffCase } from '../handoff/case';
import type { HandoffEvent } from '../handoff/handoffEvent';
import { RedisCaseStore } from '../handoff/redisCaseStore';
import { RedisHandoffEvents } from '../handoff/redisHandoffEvents';
import type { BenchRow } from './benchRow';
import { OperatorProcessClient } from './handoffOperatorClient';
import { monotonicMs, RECEIVED_AT_SEPARATOR } from './handoffOperatorProtocol';

const CASES = 200;
/** 200 citizens asking for an operator within one second. */
const ARRIVAL_SPREAD_MS = 1000;
const MESSAGE_ROUNDS = 5;
/** A citizen or operator writes about once a second (0.5-1.5 s apart): already a very busy contact centre. */
const THINK_MS: [number, number] = [500, 1500];
const WARMUP_CASES = 20;
/** How long the operator process may take to see every case after the last one was created. */
const SEEN_TIMEOUT_MS = 10_000;
const CLAIM_TIMEOUT_MS = 30_000;
const REPLY_TIMEOUT_MS = 5000;
const TWO_PROCESSES = '2 processes';

type Client = ReturnType<typeof createClient>;
type CitizenSide = Awaited<ReturnType<typeof citizenSide>>;

async function connect(url: string): Promise<Client> {
  const client = createClient({ url, disableOfflineQueue: true });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** The citizen/bot side, as the bot's server process has it: a command and a subscriber connection. */
async function citizenSide(url: string, prefix: string) {
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
    notes: `${TWO_PROCESSES}; ${notes}`,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Creates `count` cases on the citizen side, `gapMs` apart (0: all at once), and measures the time
 * until the operator process receives each `case.queued` event (both read the machine's
 * monotonic clock; the operator process sends its readings once it has seen every case).
 */
async function queueCases(
  citizen: CitizenSide,
  operator: OperatorProcessClient,
  tag: string,
  count: number,
  gapMs: number,
) {
  await operator.request({ type: 'expect', tag, count }, 'expecting', REPLY_TIMEOUT_MS, tag);
  const seen = operator.waitFor('seen', count * gapMs + SEEN_TIMEOUT_MS, tag);
  const queuedAt = new Map<string, number>();
  let errors = 0;
  const start = monotonicMs();
  const pending: Array<Promise<HandoffCase | undefined>> = [];
  for (let i = 0; i < count; i++) {
    const conversationId = `${tag}-${i}`;
    queuedAt.set(conversationId, monotonicMs());
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
  const report = await seen.catch(() =>
    operator.request({ type: 'report', tag }, 'seen', REPLY_TIMEOUT_MS, tag),
  );
  const seenAt = Object.entries(report.at);
  const elapsedMs = Math.max(0, ...seenAt.map(([, at]) => at)) - start;
  const latencies = seenAt.flatMap(([conversationId, at]) => {
    const t0 = queuedAt.get(conversationId);
    return t0 === undefined ? [] : [at - t0];
  });
  return { cases, latencies, elapsedMs, errors: errors + count - latencies.length };
}

/**
 * Each case is a conversation: the citizen writes, the operator process receives the event and
 * answers, the citizen's process receives the answer, the citizen writes again. All at once.
 * The operator's answer carries the time it received the citizen's message (one-way figure);
 * the round trip is read on the runner's clock alone.
 */
async function converse(citizen: CitizenSide, cases: HandoffCase[], think: [number, number] = [0, 0]) {
  const waiting = new Map<string, { t0: number; reply: () => void }>();
  const oneWay: number[] = [];
  const roundTrip: number[] = [];
  let errors = 0;
  const off = citizen.events.subscribe((e: HandoffEvent) => {
    if (e.type !== 'case.message' || e.message.from !== 'operator') return;
    const now = monotonicMs();
    const split = e.message.text.lastIndexOf(RECEIVED_AT_SEPARATOR);
    if (split < 0) return;
    const key = `${e.caseId}:${e.message.text.slice(0, split)}`;
    const w = waiting.get(key);
    if (!w) return;
    const receivedAt = Number(e.message.text.slice(split + 1));
    if (Number.isFinite(receivedAt)) oneWay.push(receivedAt - w.t0);
    roundTrip.push(now - w.t0);
    waiting.delete(key);
    w.reply();
  });
  const start = monotonicMs();
  await Promise.all(
    cases.map(async (c) => {
      for (let round = 0; round < MESSAGE_ROUNDS; round++) {
        const pause = think[0] + Math.random() * (think[1] - think[0]);
        if (pause > 0) await sleep(pause);
        const text = `r${round}`;
        const replied = new Promise<void>((reply) =>
          waiting.set(`${c.id}:${text}`, { t0: monotonicMs(), reply }),
        );
        try {
          await citizen.store.appendMessage(c.id, { from: 'citizen', text, at: new Date().toISOString() });
        } catch {
          errors += 1;
          return;
        }
        if (
          (await Promise.race([replied.then(() => true), sleep(REPLY_TIMEOUT_MS).then(() => false)])) ===
          false
        ) {
          errors += 1;
          return;
        }
      }
    }),
  );
  off();
  return { oneWay, roundTrip, elapsedMs: monotonicMs() - start, errors };
}

async function claim(operator: OperatorProcessClient, cases: HandoffCase[]): Promise<number> {
  const claimed = await operator.request(
    { type: 'claim', caseIds: cases.map((c) => c.id) },
    'claimed',
    CLAIM_TIMEOUT_MS,
  );
  return claimed.errors;
}

/**
 * Case queued by the citizen's process -> event received by the operator's process, and message
 * relay citizen -> operator -> citizen, with 200 concurrent cases, in two Node processes: this
 * one is the bot's server (creates cases, appends citizen messages, receives the operator's
 * answers), a forked dist/bench/handoffOperatorProcess.js is the operator's (sees the cases,
 * claims them, answers every citizen message). Each has its own Redis connections; IPC carries
 * only control and results, never a measured message.
 */
export async function benchHandoff(redisUrl: string): Promise<BenchRow[]> {
  const prefix = `bench:handoff:${randomBytes(4).toString('hex')}:`;
  const citizen = await citizenSide(redisUrl, prefix);
  const rows: BenchRow[] = [];
  let operator: OperatorProcessClient | undefined;
  try {
    operator = await OperatorProcessClient.start(redisUrl, prefix);
    const ipcMs = await operator.checkClock();

    // Loads the scripts into Redis and warms both processes' JIT; not measured.
    const warm = await queueCases(citizen, operator, 'warmup', WARMUP_CASES, 0);
    await claim(operator, warm.cases);
    await converse(citizen, warm.cases.slice(0, 5));

    const spread = await queueCases(citizen, operator, 'arrive', CASES, ARRIVAL_SPREAD_MS / CASES);
    rows.push(
      row(
        'handoff: case queued → visible to operator',
        spread.latencies,
        spread.elapsedMs,
        spread.errors,
        `${CASES} cases arriving within ${ARRIVAL_SPREAD_MS / 1000} s; one-way on the machine's monotonic clock (IPC check ${Math.round(ipcMs * 100) / 100} ms)`,
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
    const claimErrors = await claim(operator, cases);
    const relay = await converse(citizen, cases, THINK_MS);
    rows.push(
      row(
        'handoff: message citizen → operator',
        relay.oneWay,
        relay.elapsedMs,
        relay.errors + claimErrors,
        `${cases.length} concurrent conversations × ${MESSAGE_ROUNDS} messages, ~1 per second each; claimed by the operator process`,
      ),
      row(
        'handoff: relay citizen → operator → citizen',
        relay.roundTrip,
        relay.elapsedMs,
        relay.errors + claimErrors,
        'round trip on the runner clock: stored+published, answered by the other process, stored+published',
      ),
    );
    const saturated = await converse(citizen, cases);
    const stats = await operator.request({ type: 'stats' }, 'stats', REPLY_TIMEOUT_MS);
    rows.push(
      row(
        'handoff: relay round trip, no pauses',
        saturated.roundTrip,
        saturated.elapsedMs,
        saturated.errors,
        `saturation: ${cases.length} conversations answering instantly; throughput = round trips/s; ` +
          `operator process RSS ${stats.rssMb} MB, ${stats.answered} answers, ${stats.errors} failed`,
      ),
    );
  } finally {
    await operator?.stop();
    await citizen.events.stop();
    for await (const keys of citizen.command.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      if (keys.length > 0) await citizen.command.del(keys);
    }
    for (const c of [citizen.command, citizen.subscriber]) c.destroy();
  }
  return rows;
}
