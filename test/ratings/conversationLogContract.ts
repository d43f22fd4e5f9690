import type { ConversationLog, ConversationLogOptions } from '../../ratings/conversationLog';
import { InvalidConversationEventError } from '../../ratings/conversationEventInput';

export type ConversationLogFactory = (options: ConversationLogOptions) => Promise<ConversationLog>;

const T0 = Date.parse('2026-11-02T09:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();

/** One contract every ConversationLog passes; the factory gives a fresh, empty log. */
export function conversationLogContract(name: string, factory: ConversationLogFactory): void {
  describe(`ConversationLog contract: ${name}`, () => {
    let clock = T0;
    let log: ConversationLog;
    beforeEach(async () => {
      clock = T0;
      log = await factory({ now: () => clock });
    });

    it('records the whole life of an escalated conversation', async () => {
      await log.started({ conversationId: 'c1', channel: 'telegram', locale: 'it-IT', at: at(0) });
      await log.botAnswered('c1', 'autoscuole', at(1000));
      await log.botAnswered('c1', undefined, at(2000));
      await log.botAnswered('c1', 'trasporti-eccezionali', at(3000));
      await log.botAnswered('c1', 'autoscuole', at(4000));
      await log.escalated('c1', 'trasporti', at(5000));
      await log.operatorAssigned('c1', 'anna', 42_000, at(47_000));
      await log.caseClosed('c1', 300_000, 'risolto', at(347_000));
      expect(await log.get('c1')).toEqual({
        conversationId: 'c1',
        channel: 'telegram',
        locale: 'it-IT',
        startedAt: at(0),
        botAnswers: 4,
        procedureIds: ['autoscuole', 'trasporti-eccezionali'],
        escalation: { queue: 'trasporti', at: at(5000) },
        assignment: { operator: 'anna', waitMs: 42_000, at: at(47_000) },
        closing: { handlingMs: 300_000, outcome: 'risolto', at: at(347_000) },
      });
    });

    it('keeps the first start, escalation, assignment and closing when events are replayed', async () => {
      await log.started({ conversationId: 'c1', channel: 'webchat', at: at(0) });
      await log.started({ conversationId: 'c1', channel: 'telegram', at: at(9000) });
      await log.escalated('c1', 'ambiente', at(1000));
      await log.escalated('c1', 'strade', at(2000));
      await log.operatorAssigned('c1', 'anna', 1000, at(3000));
      await log.operatorAssigned('c1', 'bruno', 9000, at(4000));
      await log.caseClosed('c1', 5000, 'risolto', at(5000));
      await log.caseClosed('c1', 9000, 'annullato', at(6000));
      const record = await log.get('c1');
      expect(record?.channel).toBe('webchat');
      expect(record?.startedAt).toBe(at(0));
      expect(record?.escalation).toEqual({ queue: 'ambiente', at: at(1000) });
      expect(record?.assignment).toEqual({ operator: 'anna', waitMs: 1000, at: at(3000) });
      expect(record?.closing).toEqual({ handlingMs: 5000, outcome: 'risolto', at: at(5000) });
      expect(await log.list({ from: new Date(T0 - 1), to: new Date(T0 + 60_000) })).toHaveLength(1);
    });

    it('keeps a start logged concurrently from many turns once', async () => {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          log.started({ conversationId: 'c1', channel: i === 0 ? 'webchat' : 'telegram', at: at(i) }),
        ),
      );
      const all = await log.list({ from: new Date(T0 - 1), to: new Date(T0 + 60_000) });
      expect(all).toHaveLength(1);
      expect(new Set(['webchat', 'telegram']).has(all[0]?.channel ?? '')).toBe(true);
    });

    it('creates the record from a later event when the start was not logged, and the start fixes it', async () => {
      clock = T0 + 7000;
      await log.escalated('orphan', 'lavoro');
      expect(await log.get('orphan')).toEqual({
        conversationId: 'orphan',
        channel: 'unknown',
        startedAt: at(7000),
        botAnswers: 0,
        procedureIds: [],
        escalation: { queue: 'lavoro', at: at(7000) },
      });
      await log.started({ conversationId: 'orphan', channel: 'webchat', at: at(1000) });
      expect((await log.get('orphan'))?.channel).toBe('webchat');
      expect((await log.get('orphan'))?.startedAt).toBe(at(1000));
      expect(
        (await log.list({ from: new Date(T0), to: new Date(T0 + 2000) })).map((r) => r.conversationId),
      ).toEqual(['orphan']);
    });

    it('lists conversations started in [from, to) and purges the old ones', async () => {
      const day = 86_400_000;
      for (let i = 0; i < 4; i++) {
        await log.started({ conversationId: `d${i}`, channel: 'webchat', at: at(i * day) });
        await log.botAnswered(`d${i}`, 'autoscuole', at(i * day + 1000));
      }
      expect(
        (await log.list({ from: new Date(T0 + day), to: new Date(T0 + 3 * day) }))
          .map((r) => r.conversationId)
          .sort(),
      ).toEqual(['d1', 'd2']);
      expect(await log.purgeOlderThan(new Date(T0 + 2 * day))).toBe(2);
      expect(await log.get('d1')).toBeUndefined();
      expect(await log.get('d2')).toBeDefined();
      expect(
        (await log.list({ from: new Date(0), to: new Date(T0 * 2) })).map((r) => r.conversationId).sort(),
      ).toEqual(['d2', 'd3']);
      expect(await log.purgeOlderThan(new Date(T0 + 2 * day))).toBe(0);
    });

    it('hands out copies: changing a record read from the log does not change the log', async () => {
      await log.started({ conversationId: 'm1', channel: 'webchat', at: at(0) });
      await log.botAnswered('m1', 'licenza-pesca', at(1000));
      await log.escalated('m1', 'generale', at(2000));
      const expected = await log.get('m1');
      const read = await log.get('m1');
      const [listed] = await log.list({ from: new Date(0), to: new Date(T0 * 2) });
      for (const record of [read, listed]) {
        if (!record?.escalation) throw new Error('record or escalation missing');
        record.botAnswers = 99;
        record.procedureIds.push('altro');
        record.escalation.queue = 'altra';
        record.channel = 'telegram';
      }
      expect(await log.get('m1')).toEqual(expected);
      expect(expected).toMatchObject({ botAnswers: 1, procedureIds: ['licenza-pesca'], channel: 'webchat' });
    });

    it('rejects malformed events', async () => {
      await expect(log.started({ conversationId: '', channel: 'webchat' })).rejects.toBeInstanceOf(
        InvalidConversationEventError,
      );
      await expect(log.operatorAssigned('c1', 'anna', -5)).rejects.toBeInstanceOf(
        InvalidConversationEventError,
      );
      await expect(log.caseClosed('c1', Number.NaN, 'risolto')).rejects.toBeInstanceOf(
        InvalidConversationEventError,
      );
      await expect(log.escalated('c1', 'q', 'domani')).rejects.toBeInstanceOf(InvalidConversationEventError);
      expect(await log.get('c1')).toBeUndefined();
    });
  });
}
