import type { ConversationLog } from './conversationLog';
import type { ConversationRecord } from './conversationRecord';
import { FACES, type Face, type Rating } from './rating';
import type { RatingStore } from './ratingStore';
import { DEFAULT_RATING_REASONS, type RatingReason, reasonLabel } from './reasons';
import { DEFAULT_TIME_ZONE, type LocalDate, type Period, ReportCalendar } from './reportCalendar';
import type {
  DurationStats,
  GroupBy,
  Percent,
  PerformanceReport,
  PerformanceRow,
  ReportQuery,
  SatisfactionReport,
  SatisfactionRow,
  TrendQuery,
  TrendReport,
} from './reports';

export interface ReportServiceOptions {
  /** Time zone of days, weeks and months (default Europe/Rome). */
  timeZone?: string;
  /** Reason codes and labels (default DEFAULT_RATING_REASONS). */
  reasons?: readonly RatingReason[];
  /** Human title of a procedure id (e.g. from the knowledge base); the id is shown otherwise. */
  procedureTitle?: (id: string) => string | undefined;
}

export const CHANNEL_LABELS: Readonly<Record<string, string>> = {
  webchat: 'Web chat',
  directline: 'Direct Line',
  telegram: 'Telegram',
  emulator: 'Bot Framework Emulator',
  test: 'Test',
  unknown: 'Canale sconosciuto',
};

const NONE_LABELS: Record<Exclude<GroupBy, Period>, string> = {
  channel: 'Canale sconosciuto',
  procedure: 'Nessun procedimento',
  queue: 'Nessuna coda (solo assistente virtuale)',
  operator: 'Nessun operatore',
};

/** One conversation seen from both stores. */
interface ConversationView {
  startedAt: number;
  channel: string;
  procedureIds: string[];
  queue?: string;
  operator?: string;
  rating?: Rating;
  record?: ConversationRecord;
}

interface Group {
  key: string;
  label: string;
  views: ConversationView[];
}

/**
 * The "Mettiamoci la faccia" and service performance reports: pure aggregation over the rating
 * store and the conversation log. A conversation belongs to the period of its start; a rated
 * conversation is grouped by what the rating recorded (its snapshot of channel, procedures,
 * queue and operator), the others by the log.
 */
export class ReportService {
  readonly calendar: ReportCalendar;
  readonly reasons: readonly RatingReason[];

  constructor(
    private readonly ratings: RatingStore,
    private readonly log: ConversationLog,
    private readonly options: ReportServiceOptions = {},
  ) {
    this.calendar = new ReportCalendar(options.timeZone ?? DEFAULT_TIME_ZONE);
    this.reasons = options.reasons ?? DEFAULT_RATING_REASONS;
  }

  async satisfaction(query: ReportQuery): Promise<SatisfactionReport> {
    const views = await this.views(query);
    return {
      kind: 'satisfaction',
      ...this.header(query),
      total: this.satisfactionRow('', 'Totale', views),
      groups: this.group(views, query).map((g) => this.satisfactionRow(g.key, g.label, g.views)),
    };
  }

  /** The satisfaction series over time, one point per period (empty periods included). */
  async trend(query: TrendQuery): Promise<TrendReport> {
    const views = await this.views(query);
    const groups = this.group(views, { ...query, groupBy: query.period });
    return {
      kind: 'trend',
      from: query.from.toISOString(),
      to: query.to.toISOString(),
      period: query.period,
      timeZone: this.calendar.timeZone,
      points: groups.map((g) => this.satisfactionRow(g.key, g.label, g.views)),
    };
  }

  async performance(query: ReportQuery): Promise<PerformanceReport> {
    // Performance comes from the log only: a rating alone says nothing about waits.
    const views = (await this.views(query)).filter((v) => v.record !== undefined);
    return {
      kind: 'performance',
      ...this.header(query),
      total: this.performanceRow('', 'Totale', views),
      groups: this.group(views, query).map((g) => this.performanceRow(g.key, g.label, g.views)),
    };
  }

  private header(query: ReportQuery) {
    return {
      from: query.from.toISOString(),
      to: query.to.toISOString(),
      groupBy: query.groupBy,
      timeZone: this.calendar.timeZone,
    };
  }

  private async views(range: { from: Date; to: Date }): Promise<ConversationView[]> {
    const [records, ratings] = await Promise.all([this.log.list(range), this.ratings.list(range)]);
    const byId = new Map<string, ConversationView>();
    for (const record of records) {
      const view: ConversationView = {
        startedAt: Date.parse(record.startedAt),
        channel: record.channel,
        procedureIds: record.procedureIds,
        record,
      };
      if (record.escalation) view.queue = record.escalation.queue;
      if (record.assignment) view.operator = record.assignment.operator;
      byId.set(record.conversationId, view);
    }
    for (const rating of ratings) {
      const view = byId.get(rating.conversationId);
      const merged: ConversationView = view ?? {
        startedAt: Date.parse(rating.conversationStartedAt),
        channel: rating.channel,
        procedureIds: [],
      };
      merged.rating = rating;
      merged.channel = rating.channel;
      if (rating.procedureIds.length > 0) merged.procedureIds = rating.procedureIds;
      if (rating.queue) merged.queue = rating.queue;
      if (rating.operator) merged.operator = rating.operator;
      byId.set(rating.conversationId, merged);
    }
    return [...byId.values()];
  }

  private group(views: ConversationView[], query: ReportQuery): Group[] {
    const { groupBy } = query;
    if (groupBy === 'day' || groupBy === 'week' || groupBy === 'month') {
      const periods = this.calendar.periodsBetween(query.from, query.to, groupBy);
      const groups = new Map<string, Group>();
      for (const start of periods) {
        const key = this.calendar.periodKey(start, groupBy);
        groups.set(key, { key, label: this.calendar.periodLabel(start, groupBy), views: [] });
      }
      for (const view of views) {
        const date: LocalDate = this.calendar.localDate(view.startedAt);
        groups.get(this.calendar.periodKey(date, groupBy))?.views.push(view);
      }
      return [...groups.values()];
    }
    const groups = new Map<string, Group>();
    for (const view of views) {
      for (const key of this.keysOf(view, groupBy)) {
        let group = groups.get(key);
        if (!group) {
          group = { key, label: this.labelOf(key, groupBy), views: [] };
          groups.set(key, group);
        }
        group.views.push(view);
      }
    }
    // Biggest groups first; "none" last.
    return [...groups.values()].sort(
      (a, b) =>
        Number(a.key === '') - Number(b.key === '') ||
        b.views.length - a.views.length ||
        a.key.localeCompare(b.key, 'it'),
    );
  }

  private keysOf(view: ConversationView, groupBy: Exclude<GroupBy, Period>): string[] {
    if (groupBy === 'channel') return [view.channel === 'unknown' ? '' : view.channel];
    if (groupBy === 'procedure') return view.procedureIds.length > 0 ? view.procedureIds : [''];
    if (groupBy === 'queue') return [view.queue ?? ''];
    return [view.operator ?? ''];
  }

  private labelOf(key: string, groupBy: Exclude<GroupBy, Period>): string {
    if (key === '') return NONE_LABELS[groupBy];
    if (groupBy === 'channel') return CHANNEL_LABELS[key] ?? key;
    if (groupBy === 'procedure') return this.options.procedureTitle?.(key) ?? key;
    return key;
  }

  private satisfactionRow(key: string, label: string, views: ConversationView[]): SatisfactionRow {
    const counts: Record<Face, number> = { positive: 0, neutral: 0, negative: 0 };
    const reasons = new Map<string, number>(this.reasons.map((r) => [r.code, 0]));
    let negativeWithoutReason = 0;
    let rated = 0;
    for (const { rating } of views) {
      if (!rating) continue;
      rated++;
      counts[rating.face]++;
      if (rating.face !== 'negative') continue;
      if (rating.reason === undefined) negativeWithoutReason++;
      else reasons.set(rating.reason, (reasons.get(rating.reason) ?? 0) + 1);
    }
    const pct = Object.fromEntries(FACES.map((f) => [f, percent(counts[f], rated)])) as Record<Face, Percent>;
    return {
      key,
      label,
      conversations: views.length,
      rated,
      participationPct: percent(rated, views.length),
      counts,
      pct,
      reasons: [...reasons].map(([code, count]) => ({ code, label: reasonLabel(this.reasons, code), count })),
      negativeWithoutReason,
    };
  }

  private performanceRow(key: string, label: string, views: ConversationView[]): PerformanceRow {
    let botOnly = 0;
    let escalated = 0;
    const waits: number[] = [];
    const handlings: number[] = [];
    const outcomes: Record<string, number> = {};
    for (const { record } of views) {
      if (!record) continue;
      if (record.escalation) escalated++;
      else if (record.botAnswers > 0) botOnly++;
      if (record.assignment) waits.push(record.assignment.waitMs);
      if (record.closing) {
        handlings.push(record.closing.handlingMs);
        outcomes[record.closing.outcome] = (outcomes[record.closing.outcome] ?? 0) + 1;
      }
    }
    return {
      key,
      label,
      conversations: views.length,
      botOnly,
      botOnlyPct: percent(botOnly, views.length),
      escalated,
      escalatedPct: percent(escalated, views.length),
      assigned: waits.length,
      wait: durationStats(waits),
      handling: durationStats(handlings),
      closed: handlings.length,
      outcomes,
    };
  }
}

/** part ÷ whole as a percentage with one decimal; null when whole is 0. */
export function percent(part: number, whole: number): Percent {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}

/** Average and nearest-rank percentiles (the p-th percentile is the ceil(p·n)-th smallest sample). */
export function durationStats(samples: number[]): DurationStats {
  if (samples.length === 0) return { count: 0, avgMs: null, p50Ms: null, p90Ms: null };
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? null;
  return {
    count: sorted.length,
    avgMs: Math.round(sorted.reduce((s, v) => s + v, 0) / sorted.length),
    p50Ms: rank(0.5),
    p90Ms: rank(0.9),
  };
}
