import { join } from 'node:path';
import { loadHandoffConfig } from '../../handoff/handoffConfig';
import { HandoffDesk } from '../../handoff/handoffDesk';
import { createHandoffServices, type HandoffServices } from '../../handoff/handoffServices';
import { cleanPrefix, connectTestRedis, type TestRedis, uniquePrefix } from '../support/redis';
import { newCase } from './caseStoreContract';

/** Every queue open all day: only presence decides between a live and a callback case. */
const config = loadHandoffConfig(join(__dirname, '../fixtures/handoff-always-open.yaml'));

function deskOf(services: HandoffServices): HandoffDesk {
  return new HandoffDesk(
    services.cases,
    services.events,
    services.officeHours,
    services.presence,
    services.waitEstimator,
    services.config,
    services.positionUpdates,
  );
}

type Started = { services: HandoffServices; dispose(): Promise<void> };

function deskContract(name: string, start: () => Promise<Started>): void {
  describe(`HandoffDesk with operators assigned to queues (${name})`, () => {
    let started: Started;
    let desk: HandoffDesk;
    beforeEach(async () => {
      started = await start();
      desk = deskOf(started.services);
    });
    afterEach(() => started.dispose());

    test('only a trasporti operator online: an ambiente citizen gets the callback path, a trasporti one a live chat', async () => {
      await started.services.presence.heartbeat('anna', ['trasporti']);
      expect(await desk.availability(desk.queueFor('ambiente'))).toEqual({
        kind: 'callback',
        why: 'no-operator',
      });
      expect(await desk.availability(desk.queueFor('trasporti'))).toEqual({ kind: 'live' });
      // An operator without assigned queues serves every queue, as before.
      await started.services.presence.heartbeat('bruno');
      expect(await desk.availability('ambiente')).toEqual({ kind: 'live' });
    });

    test("the wait estimate counts only the operators of the case's queue", async () => {
      const { presence } = started.services;
      await presence.heartbeat('anna', ['trasporti']);
      await presence.heartbeat('bruno', ['trasporti']);
      await presence.heartbeat('carla', ['trasporti']);
      await presence.heartbeat('dario', ['ambiente']);
      const opened = [];
      for (const queue of ['trasporti', 'trasporti', 'trasporti', 'ambiente', 'ambiente', 'ambiente'])
        opened.push(await desk.open(newCase({ queue })));
      // No history yet: 5 minutes per position, shared by the queue's operators online.
      expect(opened.map((o) => [o.case.queue, o.wait?.position, o.wait?.minutes])).toEqual([
        ['trasporti', 1, 5],
        ['trasporti', 2, 5],
        ['trasporti', 3, 5],
        ['ambiente', 1, 5],
        ['ambiente', 2, 10],
        ['ambiente', 3, 15],
      ]);
    });
  });
}

deskContract('memory', async () => {
  const services = createHandoffServices(config);
  return { services, dispose: () => services.stop() };
});

deskContract('Redis', async () => {
  const prefix = uniquePrefix('desk');
  const command: TestRedis = await connectTestRedis();
  const subscriber: TestRedis = await connectTestRedis();
  const services = createHandoffServices(config, { prefix, redis: { command, subscriber } });
  await services.start();
  return {
    services,
    async dispose() {
      await services.stop();
      await cleanPrefix(command, prefix);
      await command.quit();
      await subscriber.quit();
    },
  };
});
