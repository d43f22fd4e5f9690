import type { NewRating } from '../../ratings/rating';
import {
  InvalidRatingError,
  RatingNotFoundError,
  ReasonNotAllowedError,
  UnknownReasonError,
} from '../../ratings/ratingErrors';
import type { RatingStore, RatingStoreOptions } from '../../ratings/ratingStore';

export type RatingStoreFactory = (options: RatingStoreOptions) => Promise<RatingStore>;

const T0 = Date.parse('2026-11-02T09:00:00.000Z');

function rating(id: string, overrides: Partial<NewRating> = {}): NewRating {
  return {
    conversationId: id,
    channel: 'webchat',
    face: 'positive',
    procedureIds: ['trasporti-eccezionali'],
    handledBy: 'bot',
    locale: 'it-IT',
    conversationStartedAt: new Date(T0).toISOString(),
    ...overrides,
  };
}

/** One contract every RatingStore passes; the factory gives a fresh, empty store. */
export function ratingStoreContract(name: string, factory: RatingStoreFactory): void {
  describe(`RatingStore contract: ${name}`, () => {
    let clock = T0;
    const now = () => clock;
    let store: RatingStore;
    beforeEach(async () => {
      clock = T0 + 10 * 60_000;
      store = await factory({ now, commentMaxLength: 40 });
    });

    it('stores a rating with everything the reports need and reads it back', async () => {
      const { rating: stored, created } = await store.record(
        rating('c1', {
          queue: 'trasporti',
          operator: 'anna',
          handledBy: 'operator',
          procedureIds: ['a', 'b', 'a'],
        }),
      );
      expect(created).toBe(true);
      expect(stored).toEqual({
        conversationId: 'c1',
        channel: 'webchat',
        face: 'positive',
        procedureIds: ['a', 'b'],
        queue: 'trasporti',
        operator: 'anna',
        handledBy: 'operator',
        locale: 'it-IT',
        conversationStartedAt: new Date(T0).toISOString(),
        ratedAt: new Date(clock).toISOString(),
      });
      expect(await store.get('c1')).toEqual(stored);
      expect(await store.hasRated('c1')).toBe(true);
      expect(await store.hasRated('c2')).toBe(false);
      expect(await store.get('c2')).toBeUndefined();
    });

    it('keeps the first rating: a second click or a replay changes nothing', async () => {
      const first = await store.record(rating('c1', { face: 'negative' }));
      clock += 5000;
      const second = await store.record(rating('c1', { face: 'positive', channel: 'telegram' }));
      expect(second.created).toBe(false);
      expect(second.rating).toEqual(first.rating);
      expect((await store.get('c1'))?.face).toBe('negative');
      expect(await store.list({ from: new Date(T0 - 1), to: new Date(T0 + 1) })).toHaveLength(1);
    });

    it('stores exactly one rating when 20 clicks for one conversation arrive at once', async () => {
      const faces = ['positive', 'neutral', 'negative'] as const;
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.record(rating('burst', { face: faces[i % 3] }))),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const winner = results.find((r) => r.created)?.rating;
      for (const r of results) expect(r.rating).toEqual(winner);
      expect(await store.get('burst')).toEqual(winner);
      expect(await store.list({ from: new Date(0), to: new Date(T0 * 2) })).toHaveLength(1);
    });

    it('adds the reason and a masked comment to a red face, once', async () => {
      await store.record(rating('c1', { face: 'negative' }));
      clock += 30_000;
      const added = await store.addReason('c1', 'tempi-attesa', 'Attesa lunga, chiamatemi al 333 123 4567');
      expect(added.updated).toBe(true);
      expect(added.rating.reason).toBe('tempi-attesa');
      expect(added.rating.reasonAt).toBe(new Date(clock).toISOString());
      expect(added.rating.comment).toBe('Attesa lunga, chiamatemi al [telefono]');
      expect(await store.get('c1')).toEqual(added.rating);

      const again = await store.addReason('c1', 'altro', 'ripensamento');
      expect(again.updated).toBe(false);
      expect(again.rating).toEqual(added.rating);
      expect(await store.get('c1')).toEqual(added.rating);
    });

    it('accepts the reason together with the face, and then refuses to replace it', async () => {
      await store.record(rating('c1', { face: 'negative', reason: 'problema-non-risolto' }));
      const again = await store.addReason('c1', 'altro');
      expect(again.updated).toBe(false);
      expect(again.rating.reason).toBe('problema-non-risolto');
    });

    it('masks personal data before cutting the comment to the configured length', async () => {
      const { rating: r } = await store.record(
        rating('c1', {
          face: 'negative',
          comment:
            'Scrivete a mario.rossi@example.com oppure RSSMRA80A01E507X, grazie davvero tanto per nulla',
        }),
      );
      expect(r.comment).toBe('Scrivete a [email] oppure [codice fiscal');
      expect(r.comment).toHaveLength(40);
      expect(JSON.stringify(await store.get('c1'))).not.toMatch(/mario|RSSMRA/);
    });

    it('refuses reasons that are unknown, on a face other than red, or for an unrated conversation', async () => {
      await store.record(rating('green'));
      await store.record(rating('red', { face: 'negative' }));
      await expect(store.addReason('green', 'altro')).rejects.toBeInstanceOf(ReasonNotAllowedError);
      await expect(store.addReason('red', 'non-esiste')).rejects.toBeInstanceOf(UnknownReasonError);
      await expect(store.addReason('nobody', 'altro')).rejects.toBeInstanceOf(RatingNotFoundError);
      await expect(store.record(rating('x', { reason: 'altro' }))).rejects.toBeInstanceOf(
        ReasonNotAllowedError,
      );
      expect(await store.hasRated('x')).toBe(false);
      expect((await store.get('red'))?.reason).toBeUndefined();
    });

    it('uses the configured reason list', async () => {
      const custom = await factory({ now, reasons: [{ code: 'lentezza', label: 'Lentezza' }] });
      await custom.record(rating('c1', { face: 'negative' }));
      await expect(custom.addReason('c1', 'tempi-attesa')).rejects.toBeInstanceOf(UnknownReasonError);
      expect((await custom.addReason('c1', 'lentezza')).updated).toBe(true);
    });

    it('rejects malformed ratings', async () => {
      await expect(store.record(rating('', {}))).rejects.toBeInstanceOf(InvalidRatingError);
      await expect(store.record({ ...rating('c1'), face: 'happy' as never })).rejects.toBeInstanceOf(
        InvalidRatingError,
      );
      await expect(store.record(rating('c1', { conversationStartedAt: 'ieri' }))).rejects.toBeInstanceOf(
        InvalidRatingError,
      );
      expect(await store.hasRated('c1')).toBe(false);
    });

    it('lists the ratings of conversations started in [from, to)', async () => {
      const day = 86_400_000;
      for (let i = 0; i < 5; i++)
        await store.record(rating(`d${i}`, { conversationStartedAt: new Date(T0 + i * day).toISOString() }));
      const listed = await store.list({ from: new Date(T0 + day), to: new Date(T0 + 3 * day) });
      expect(listed.map((r) => r.conversationId).sort()).toEqual(['d1', 'd2']);
    });

    it('purges ratings older than the retention date and keeps the rest', async () => {
      const day = 86_400_000;
      for (let i = 0; i < 4; i++)
        await store.record(
          rating(`d${i}`, { face: 'negative', conversationStartedAt: new Date(T0 + i * day).toISOString() }),
        );
      await store.addReason('d0', 'altro');
      expect(await store.purgeOlderThan(new Date(T0 + 2 * day))).toBe(2);
      expect(await store.hasRated('d0')).toBe(false);
      expect(await store.hasRated('d1')).toBe(false);
      expect(await store.hasRated('d2')).toBe(true);
      expect(
        (await store.list({ from: new Date(0), to: new Date(T0 * 2) })).map((r) => r.conversationId).sort(),
      ).toEqual(['d2', 'd3']);
      expect(await store.purgeOlderThan(new Date(T0 + 2 * day))).toBe(0);
      // A purged conversation could be rated again (it is a new judgment for the retention window).
      expect((await store.record(rating('d0'))).created).toBe(true);
    });
  });
}
