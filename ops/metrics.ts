import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one process. Each later feature registers its own on `registry`. */
export class Metrics {
  readonly registry = new Registry();
  readonly turns: Counter<'channel'>;
  readonly turnLatency: Histogram<'channel'>;
  readonly openConversations: Gauge;
  readonly errors: Counter<'kind'>;

  /** Cases waiting per queue, read from the queues when Prometheus scrapes. */
  watchQueues(read: () => Promise<Array<{ queue: string; waiting: number }>>): void {
    new Gauge({
      name: 'la_queue_waiting_cases',
      help: 'Linea Amica cases waiting for an operator, by queue',
      labelNames: ['queue'],
      registers: [this.registry],
      async collect() {
        const queues = await read().catch(() => []);
        for (const q of queues) this.set({ queue: q.queue }, q.waiting);
      },
    });
  }

  constructor(collectDefaults = true) {
    if (collectDefaults) collectDefaultMetrics({ register: this.registry });
    this.turns = new Counter({
      name: 'la_turns_total',
      help: 'Bot turns processed, by channel',
      labelNames: ['channel'],
      registers: [this.registry],
    });
    this.turnLatency = new Histogram({
      name: 'la_turn_duration_seconds',
      help: 'Time to process one bot turn, by channel',
      labelNames: ['channel'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.registry],
    });
    this.openConversations = new Gauge({
      name: 'la_open_conversations',
      help: 'Direct Line conversations with a live stream or activity in the last token lifetime',
      registers: [this.registry],
    });
    this.errors = new Counter({
      name: 'la_errors_total',
      help: 'Errors by kind (turn, http, redis, telegram, ...)',
      labelNames: ['kind'],
      registers: [this.registry],
    });
  }
}
