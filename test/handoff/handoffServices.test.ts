import { join } from 'node:path';
import type { HandoffEvent } from '../../handoff/handoffEvent';
import { loadHandoffConfig } from '../../handoff/handoffConfig';
import { type HandoffServices, createHandoffServices } from '../../handoff/handoffServices';
import { cleanPrefix, connectTestRedis, uniquePrefix } from '../support/redis';
import { newCase } from './caseStoreContract';
import { collect } from './handoffEventsContract';
import { waitFor } from './ownRedisServer';

const config = loadHandoffConfig(join(__dirname, '../../config/handoff.yaml'));

async function escalate(services: HandoffServices): Promise<HandoffEvent[]> {
  const heard = collect(services.events, 2);
  const c = await services.cases.create(newCase({ queue: 'lavoro' }));
  await services.cases.claim(c.id, 'anna', 'Anna');
  return heard;
}

describe('createHandoffServices', () => {
  test('embedded: every queue of the config is listed and changes are heard', async () => {
    const services = createHandoffServices(config);
    await services.start();
    expect((await services.cases.queues()).map((q) => q.queue)).toEqual(Object.keys(config.queues).sort());
    expect((await escalate(services)).map((e) => e.type)).toEqual(['case.queued', 'case.assigned']);
    expect((await services.waitEstimator.estimate('lavoro', 1)).samples).toBe(1);
    await services.presence.heartbeat('anna', ['lavoro']);
    expect(await services.presence.anyOnline('lavoro')).toBe(true);
    await services.stop();
  });

  test('on Redis: two processes built from the same config share cases and events, each event once', async () => {
    const prefix = uniquePrefix('services');
    const clients = await Promise.all([1, 2, 3, 4].map(() => connectTestRedis()));
    const [cmdA, subA, cmdB, subB] = clients;
    if (!cmdA || !subA || !cmdB || !subB) throw new Error('no clients');
    const a = createHandoffServices(config, { prefix, redis: { command: cmdA, subscriber: subA } });
    const b = createHandoffServices(config, { prefix, redis: { command: cmdB, subscriber: subB } });
    await a.start();
    await b.start();
    try {
      const atB: HandoffEvent[] = [];
      b.events.subscribe((e) => atB.push(e));
      const heard = await escalate(a);
      expect(heard.map((e) => e.type)).toEqual(['case.queued', 'case.assigned']);
      await waitFor(() => atB.length >= 2);
      await new Promise((r) => setTimeout(r, 50)); // a duplicate would have arrived by now
      expect(atB.map((e) => e.type)).toEqual(['case.queued', 'case.assigned']);
      expect(await b.cases.assignedTo('anna')).toHaveLength(1);
    } finally {
      await a.stop();
      await b.stop();
      await cleanPrefix(cmdA, prefix);
      for (const c of clients) await c.quit();
    }
  });
});
