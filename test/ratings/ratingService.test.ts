import { MemoryConversationLog } from '../../ratings/memoryConversationLog';
import { MemoryRatingStore } from '../../ratings/memoryRatingStore';
import { ReasonNotAllowedError } from '../../ratings/ratingErrors';
import { RatingService } from '../../ratings/ratingService';

describe('RatingService', () => {
  const NOW = Date.parse('2026-11-03T10:30:00Z');
  let log: MemoryConversationLog;
  let service: RatingService;
  beforeEach(() => {
    log = new MemoryConversationLog({ now: () => NOW });
    service = new RatingService(new MemoryRatingStore({ now: () => NOW }), log, { now: () => NOW });
  });

  it('fills the rating from the conversation log: start, procedures, queue, operator, handled by operator', async () => {
    await log.started({
      conversationId: 'c1',
      channel: 'telegram',
      locale: 'it-IT',
      at: '2026-11-03T10:00:00Z',
    });
    await log.botAnswered('c1', 'trasporti-eccezionali', '2026-11-03T10:01:00Z');
    await log.escalated('c1', 'trasporti', '2026-11-03T10:02:00Z');
    await log.operatorAssigned('c1', 'anna', 30_000, '2026-11-03T10:02:30Z');
    const { rating, created } = await service.rate({
      conversationId: 'c1',
      channel: 'telegram',
      face: 'negative',
    });
    expect(created).toBe(true);
    expect(rating).toEqual({
      conversationId: 'c1',
      channel: 'telegram',
      face: 'negative',
      procedureIds: ['trasporti-eccezionali'],
      queue: 'trasporti',
      operator: 'anna',
      handledBy: 'operator',
      locale: 'it-IT',
      conversationStartedAt: '2026-11-03T10:00:00.000Z',
      ratedAt: '2026-11-03T10:30:00.000Z',
    });
    expect((await service.addReason('c1', 'tempi-attesa', 'troppo')).rating).toMatchObject({
      reason: 'tempi-attesa',
      comment: 'troppo',
    });
    expect(await service.hasRated('c1')).toBe(true);
  });

  it('rates a bot-only conversation the log never saw, once', async () => {
    const first = await service.rate({
      conversationId: 'c2',
      channel: 'webchat',
      face: 'positive',
      locale: 'en-US',
    });
    expect(first.rating).toMatchObject({
      handledBy: 'bot',
      procedureIds: [],
      locale: 'en-US',
      conversationStartedAt: '2026-11-03T10:30:00.000Z',
    });
    expect(first.rating.queue).toBeUndefined();
    const second = await service.rate({ conversationId: 'c2', channel: 'webchat', face: 'negative' });
    expect(second).toEqual({ rating: first.rating, created: false });
    await expect(service.addReason('c2', 'altro')).rejects.toBeInstanceOf(ReasonNotAllowedError);
    expect(service.reasons.map((r) => r.code)).toContain('problema-non-risolto');
  });
});
