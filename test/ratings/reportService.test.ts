import type { ConversationLog } from '../../ratings/conversationLog';
import { MemoryConversationLog } from '../../ratings/memoryConversationLog';
import { MemoryRatingStore } from '../../ratings/memoryRatingStore';
import type { RatingStore } from '../../ratings/ratingStore';
import { RedisConversationLog } from '../../ratings/redisConversationLog';
import { RedisRatingStore } from '../../ratings/redisRatingStore';
import { durationStats, ReportService } from '../../ratings/reportService';
import type { SatisfactionRow } from '../../ratings/reports';
import { cleanPrefix, connectTestRedis, type TestRedis, uniquePrefix } from '../support/redis';
import { NOVEMBER_FROM, NOVEMBER_TO, seed } from './seed';

let redis: TestRedis;
const prefix = uniquePrefix('reports');
beforeAll(async () => {
  redis = await connectTestRedis();
});
afterAll(async () => {
  await cleanPrefix(redis, prefix);
  await redis.quit();
});

type Stores = () => { ratings: RatingStore; log: ConversationLog };
let n = 0;
const backends: Array<[string, Stores]> = [
  ['memory stores', () => ({ ratings: new MemoryRatingStore(), log: new MemoryConversationLog() })],
  [
    'Redis stores',
    () => {
      const p = `${prefix}${n++}:`;
      return {
        ratings: new RedisRatingStore(redis, { prefix: p }),
        log: new RedisConversationLog(redis, { prefix: p }),
      };
    },
  ],
];

const range = { from: NOVEMBER_FROM, to: NOVEMBER_TO };
const faces = (r: SatisfactionRow | undefined) => [r?.counts.positive, r?.counts.neutral, r?.counts.negative];
const pcts = (r: SatisfactionRow | undefined) => [r?.pct.positive, r?.pct.neutral, r?.pct.negative];
const byKey = <T extends { key: string }>(rows: T[], key: string) => rows.find((r) => r.key === key);

describe.each(backends)('ReportService over %s, seeded with November 2026', (_name, stores) => {
  let reports: ReportService;
  beforeAll(async () => {
    const { ratings, log } = stores();
    await seed(ratings, log);
    reports = new ReportService(ratings, log, {
      procedureTitle: (id) => (id === 'autoscuole' ? 'Autoscuole' : undefined),
    });
  });

  it('totals: 10 conversations, 6 rated (60%): 3 green 50%, 2 yellow 33.3%, 1 red 16.7% for waiting time', async () => {
    const { total } = await reports.satisfaction({ ...range, groupBy: 'month' });
    expect(total.conversations).toBe(10);
    expect(total.rated).toBe(6);
    expect(total.participationPct).toBe(60);
    expect(faces(total)).toEqual([3, 2, 1]);
    expect(pcts(total)).toEqual([50, 33.3, 16.7]);
    expect(
      byKey(
        total.reasons.map((r) => ({ ...r, key: r.code })),
        'tempi-attesa',
      ),
    ).toMatchObject({
      label: 'Tempi di attesa',
      count: 1,
    });
    expect(total.reasons.reduce((s, r) => s + r.count, 0)).toBe(1);
    expect(total.reasons.map((r) => r.code)).toEqual([
      'tempi-attesa',
      'informazioni-poco-chiare',
      'competenza-cortesia',
      'problema-non-risolto',
      'altro',
    ]);
    expect(total.negativeWithoutReason).toBe(0);
  });

  it('groups by channel', async () => {
    const { groups } = await reports.satisfaction({ ...range, groupBy: 'channel' });
    expect(groups.map((g) => [g.key, g.label, g.conversations, g.rated])).toEqual([
      ['webchat', 'Web chat', 6, 4],
      ['telegram', 'Telegram', 4, 2],
    ]);
    expect(byKey(groups, 'webchat')?.participationPct).toBe(66.7);
    expect(pcts(byKey(groups, 'webchat'))).toEqual([50, 25, 25]);
    expect(pcts(byKey(groups, 'telegram'))).toEqual([50, 50, 0]);
  });

  it('groups by ISO week in Rome time, empty weeks included', async () => {
    const { groups } = await reports.satisfaction({ ...range, groupBy: 'week' });
    expect(groups.map((g) => g.key)).toEqual([
      '2026-W44',
      '2026-W45',
      '2026-W46',
      '2026-W47',
      '2026-W48',
      '2026-W49',
    ]);
    // c7 started at 23:30 UTC on Sunday 1 November, i.e. on Monday in Rome: week 45, not 44.
    expect(byKey(groups, '2026-W44')?.conversations).toBe(0);
    expect(byKey(groups, '2026-W45')).toMatchObject({ conversations: 7, rated: 6, participationPct: 85.7 });
    expect(byKey(groups, '2026-W46')).toMatchObject({ conversations: 3, rated: 0, participationPct: 0 });
    expect(pcts(byKey(groups, '2026-W46'))).toEqual([null, null, null]);
    expect(byKey(groups, '2026-W45')?.label).toBe('settimana 45/2026 (dal 02/11)');
  });

  it('groups by day and month', async () => {
    const days = (await reports.satisfaction({ ...range, groupBy: 'day' })).groups;
    expect(days).toHaveLength(30);
    expect(byKey(days, '2026-11-01')?.conversations).toBe(0);
    expect(byKey(days, '2026-11-02')).toMatchObject({ label: '02/11/2026', conversations: 3, rated: 2 });
    const months = (await reports.satisfaction({ ...range, groupBy: 'month' })).groups;
    expect(months.map((g) => [g.key, g.label, g.conversations])).toEqual([['2026-11', 'novembre 2026', 10]]);
  });

  it('groups by procedure (a conversation counts for every procedure it discussed), queue and operator', async () => {
    const procedures = (await reports.satisfaction({ ...range, groupBy: 'procedure' })).groups;
    expect(procedures.map((g) => [g.key, g.label, g.conversations, g.rated, ...faces(g)])).toEqual([
      ['autoscuole', 'Autoscuole', 4, 3, 2, 1, 0],
      ['trasporti-eccezionali', 'trasporti-eccezionali', 2, 2, 1, 0, 1],
      ['', 'Nessun procedimento', 4, 1, 0, 1, 0],
    ]);
    const queues = (await reports.satisfaction({ ...range, groupBy: 'queue' })).groups;
    expect(queues.map((g) => [g.key, g.conversations, g.rated, g.participationPct])).toEqual([
      ['trasporti', 3, 2, 66.7],
      ['generale', 1, 1, 100],
      ['', 6, 3, 50],
    ]);
    expect(byKey(queues, 'trasporti')?.reasons.find((r) => r.code === 'tempi-attesa')?.count).toBe(1);
    const operators = (await reports.satisfaction({ ...range, groupBy: 'operator' })).groups;
    expect(operators.map((g) => [g.key, g.conversations, g.rated, ...faces(g)])).toEqual([
      ['anna', 2, 2, 1, 0, 1],
      ['bruno', 1, 1, 0, 1, 0],
      ['', 7, 3, 2, 1, 0],
    ]);
  });

  it('gives the trend as one point per period', async () => {
    const trend = await reports.trend({ ...range, period: 'week' });
    expect(trend.points.map((p) => [p.key, p.rated, p.counts.positive])).toEqual([
      ['2026-W44', 0, 0],
      ['2026-W45', 6, 3],
      ['2026-W46', 0, 0],
      ['2026-W47', 0, 0],
      ['2026-W48', 0, 0],
      ['2026-W49', 0, 0],
    ]);
  });

  it('measures service performance: bot alone, escalations, wait and handling times', async () => {
    const report = await reports.performance({ ...range, groupBy: 'queue' });
    expect(report.total).toMatchObject({
      conversations: 10,
      botOnly: 5,
      botOnlyPct: 50,
      escalated: 4,
      escalatedPct: 40,
      assigned: 3,
      wait: { count: 3, avgMs: 60_000, p50Ms: 60_000, p90Ms: 90_000 },
      handling: { count: 3, avgMs: 340_000, p50Ms: 300_000, p90Ms: 600_000 },
      closed: 3,
      outcomes: { risolto: 2, 'da-richiamare': 1 },
    });
    expect(byKey(report.groups, 'trasporti')).toMatchObject({
      conversations: 3,
      escalated: 3,
      assigned: 2,
      wait: { avgMs: 60_000, p50Ms: 30_000, p90Ms: 90_000 },
    });
    const channels = (await reports.performance({ ...range, groupBy: 'channel' })).groups;
    expect(channels.map((g) => [g.key, g.conversations, g.botOnly, g.escalated])).toEqual([
      ['webchat', 6, 2, 3],
      ['telegram', 4, 3, 1],
    ]);
    const operators = (await reports.performance({ ...range, groupBy: 'operator' })).groups;
    expect(byKey(operators, 'anna')?.handling).toEqual({
      count: 2,
      avgMs: 450_000,
      p50Ms: 300_000,
      p90Ms: 600_000,
    });
  });
});

describe('ReportService', () => {
  it('counts a rated conversation missing from the log as a conversation (participation never above 100%)', async () => {
    const ratings = new MemoryRatingStore();
    await ratings.record({
      conversationId: 'x',
      channel: 'webchat',
      face: 'negative',
      handledBy: 'bot',
      conversationStartedAt: '2026-11-05T10:00:00Z',
    });
    const reports = new ReportService(ratings, new MemoryConversationLog());
    const { total } = await reports.satisfaction({ ...range, groupBy: 'channel' });
    expect(total).toMatchObject({
      conversations: 1,
      rated: 1,
      participationPct: 100,
      negativeWithoutReason: 1,
    });
    expect((await reports.performance({ ...range, groupBy: 'channel' })).total.conversations).toBe(0);
  });

  it('handles the spring summer-time change: days start at local midnight', async () => {
    const reports = new ReportService(new MemoryRatingStore(), new MemoryConversationLog());
    const from = reports.calendar.startOfDay({ year: 2026, month: 3, day: 29 });
    const to = reports.calendar.startOfDay({ year: 2026, month: 3, day: 30 });
    expect(from.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(to.toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect((await reports.satisfaction({ from, to, groupBy: 'day' })).groups.map((g) => g.key)).toEqual([
      '2026-03-29',
    ]);
  });

  it('computes nearest-rank percentiles', () => {
    expect(durationStats([])).toEqual({ count: 0, avgMs: null, p50Ms: null, p90Ms: null });
    expect(durationStats([5])).toEqual({ count: 1, avgMs: 5, p50Ms: 5, p90Ms: 5 });
    const ten = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    expect(durationStats(ten)).toEqual({ count: 10, avgMs: 6, p50Ms: 5, p90Ms: 9 });
  });
});
