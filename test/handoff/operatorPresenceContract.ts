import type { OperatorPresence } from '../../handoff/operatorPresence';
import { TestClock } from './caseStoreContract';

export type PresenceFactory = (
  clock: TestClock,
  timeoutMs: number,
) => Promise<{
  presence: OperatorPresence;
  dispose(): Promise<void>;
}>;

/** The OperatorPresence contract, run against every implementation. */
export function operatorPresenceContract(name: string, factory: PresenceFactory): void {
  describe(`${name} (OperatorPresence contract)`, () => {
    let clock: TestClock;
    let presence: OperatorPresence;
    let dispose: () => Promise<void>;

    beforeEach(async () => {
      clock = new TestClock();
      ({ presence, dispose } = await factory(clock, 30_000));
    });
    afterEach(() => dispose());

    test('an operator is online after a heartbeat and offline after logout', async () => {
      expect(await presence.online()).toEqual([]);
      await presence.heartbeat('anna', ['trasporti']);
      expect(await presence.online()).toEqual([
        { username: 'anna', lastSeenAt: new Date(clock.ms).toISOString(), queues: ['trasporti'] },
      ]);
      await presence.offline('anna');
      expect(await presence.online()).toEqual([]);
    });

    test('online per queue: an operator without queues serves every queue', async () => {
      await presence.heartbeat('anna', ['trasporti', 'strade']);
      await presence.heartbeat('bruno');
      expect((await presence.online('strade')).map((o) => o.username)).toEqual(['anna', 'bruno']);
      expect((await presence.online('lavoro')).map((o) => o.username)).toEqual(['bruno']);
      await presence.offline('bruno');
      expect(await presence.anyOnline('lavoro')).toBe(false);
      expect(await presence.anyOnline('trasporti')).toBe(true);
    });

    test('only the trasporti operator online: nobody for ambiente; the latest heartbeat sets the queues', async () => {
      await presence.heartbeat('anna', ['trasporti']);
      expect(await presence.anyOnline('trasporti')).toBe(true);
      expect(await presence.anyOnline('ambiente')).toBe(false);
      expect(await presence.online('ambiente')).toEqual([]);
      // Reassigned to ambiente too, she logs in again.
      await presence.heartbeat('anna', ['trasporti', 'ambiente']);
      expect((await presence.online('ambiente')).map((o) => o.queues)).toEqual([['trasporti', 'ambiente']]);
      await presence.heartbeat('anna', ['ambiente']);
      expect(await presence.anyOnline('trasporti')).toBe(false);
    });

    test('an operator who stops sending heartbeats goes offline after the timeout', async () => {
      await presence.heartbeat('anna');
      await presence.heartbeat('bruno');
      clock.advance(20_000);
      await presence.heartbeat('bruno');
      clock.advance(15_000);
      expect((await presence.online()).map((o) => o.username)).toEqual(['bruno']);
      clock.advance(20_000);
      expect(await presence.anyOnline('generale')).toBe(false);
    });
  });
}
