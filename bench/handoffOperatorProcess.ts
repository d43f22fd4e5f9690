/**
 * The operator side of the handoff bench, in its own process (forked by bench/handoff.ts from
 * dist/bench/): its own Redis connections, as a second server instance has them. It watches the
 * events, reports when new cases become visible, claims the cases it is told to, and answers
 * every citizen message at once.
 */
import { createClient } from 'redis';
import type { HandoffEvent } from '../handoff/handoffEvent';
import { RedisCaseStore } from '../handoff/redisCaseStore';
import { RedisHandoffEvents } from '../handoff/redisHandoffEvents';
import {
  isOperatorCommand,
  monotonicMs,
  OPERATOR_ENV,
  type OperatorCommand,
  type OperatorReply,
  RECEIVED_AT_SEPARATOR,
} from './handoffOperatorProtocol';

const OPERATOR = 'bench-op';
const OPERATOR_DISPLAY_NAME = 'Operatore';

type Client = ReturnType<typeof createClient>;

interface Expectation {
  count: number;
  at: Record<string, number>;
  seen: number;
}

function send(reply: OperatorReply): void {
  process.send?.(reply);
}

async function connect(url: string): Promise<Client> {
  const client = createClient({ url, disableOfflineQueue: true });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

async function main(): Promise<void> {
  const url = process.env[OPERATOR_ENV.redisUrl];
  const prefix = process.env[OPERATOR_ENV.prefix];
  if (!url || !prefix) throw new Error(`${OPERATOR_ENV.redisUrl} and ${OPERATOR_ENV.prefix} are required`);
  const command = await connect(url);
  const subscriber = await connect(url);
  const events = new RedisHandoffEvents(command, subscriber, { prefix });
  const store = new RedisCaseStore(command, { prefix, publishEvents: true });
  const expectations = new Map<string, Expectation>();
  let answered = 0;
  let errors = 0;

  const report = (tag: string) => {
    const e = expectations.get(tag);
    expectations.delete(tag);
    send({ type: 'seen', tag, at: e?.at ?? {} });
  };

  events.subscribe((e: HandoffEvent) => {
    const receivedAt = monotonicMs();
    if (e.type === 'case.queued') {
      const tag = e.conversationId.slice(0, e.conversationId.lastIndexOf('-'));
      const expectation = expectations.get(tag);
      if (!expectation || expectation.at[e.conversationId] !== undefined) return;
      expectation.at[e.conversationId] = receivedAt;
      expectation.seen += 1;
      if (expectation.seen === expectation.count) report(tag);
    } else if (e.type === 'case.message' && e.message.from === 'citizen') {
      store
        .appendMessage(e.caseId, {
          from: 'operator',
          text: `${e.message.text}${RECEIVED_AT_SEPARATOR}${receivedAt}`,
          at: new Date().toISOString(),
        })
        .then(
          () => (answered += 1),
          () => (errors += 1),
        );
    }
  });
  await events.start();

  const handle = async (c: OperatorCommand): Promise<void> => {
    switch (c.type) {
      case 'ping':
        send({ type: 'pong', at: monotonicMs() });
        return;
      case 'expect':
        expectations.set(c.tag, { count: c.count, at: {}, seen: 0 });
        send({ type: 'expecting', tag: c.tag });
        return;
      case 'report':
        report(c.tag);
        return;
      case 'claim': {
        const results = await Promise.allSettled(
          c.caseIds.map((id) => store.claim(id, OPERATOR, OPERATOR_DISPLAY_NAME)),
        );
        send({ type: 'claimed', errors: results.filter((r) => r.status === 'rejected').length });
        return;
      }
      case 'stats':
        send({
          type: 'stats',
          answered,
          errors,
          rssMb: Math.round(process.memoryUsage().rss / 1e6),
        });
        return;
    }
  };
  process.on('message', (message: unknown) => {
    if (isOperatorCommand(message)) void handle(message);
  });

  const stop = async () => {
    await events.stop().catch(() => undefined);
    command.destroy();
    subscriber.destroy();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('disconnect', () => void stop());
  send({ type: 'ready' });
}

main().catch((err: unknown) => {
  process.stderr.write(`handoff operator process: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
