import type { Face } from './rating';
import type { Period } from './reportCalendar';

export type GroupBy = Period | 'channel' | 'procedure' | 'queue' | 'operator';
export const GROUP_BYS: readonly GroupBy[] = [
  'day',
  'week',
  'month',
  'channel',
  'procedure',
  'queue',
  'operator',
];

export function isGroupBy(value: unknown): value is GroupBy {
  return typeof value === 'string' && (GROUP_BYS as readonly string[]).includes(value);
}

export interface ReportQuery {
  /** Inclusive start instant (conversation start time). */
  from: Date;
  /** Exclusive end instant. */
  to: Date;
  groupBy: GroupBy;
}

export interface TrendQuery {
  from: Date;
  to: Date;
  period: Period;
}

/** A percentage with one decimal, or null when the denominator is zero. */
export type Percent = number | null;

export interface ReasonCount {
  code: string;
  label: string;
  count: number;
}

export interface SatisfactionRow {
  /** Group key: a period key (2026-11-02, 2026-W45, 2026-11), a channel, procedure id, queue or operator; "" for none. */
  key: string;
  label: string;
  conversations: number;
  rated: number;
  /** Rated conversations ÷ conversations. */
  participationPct: Percent;
  counts: Record<Face, number>;
  /** Share of each face among the rated conversations. */
  pct: Record<Face, Percent>;
  /** Reasons given after red faces: every configured reason (also with 0), then unknown codes. */
  reasons: ReasonCount[];
  /** Red faces without a reason (the citizen skipped the question). */
  negativeWithoutReason: number;
}

export interface ReportHeader {
  from: string;
  to: string;
  groupBy: GroupBy;
  timeZone: string;
}

export interface SatisfactionReport extends ReportHeader {
  kind: 'satisfaction';
  total: SatisfactionRow;
  groups: SatisfactionRow[];
}

export interface TrendReport {
  kind: 'trend';
  from: string;
  to: string;
  period: Period;
  timeZone: string;
  /** One point per period, empty periods included. */
  points: SatisfactionRow[];
}

/** Average and nearest-rank percentiles in ms; null when there is no sample. */
export interface DurationStats {
  count: number;
  avgMs: number | null;
  p50Ms: number | null;
  p90Ms: number | null;
}

export interface PerformanceRow {
  key: string;
  label: string;
  conversations: number;
  /** Conversations where the bot answered and no operator was needed. */
  botOnly: number;
  botOnlyPct: Percent;
  escalated: number;
  escalatedPct: Percent;
  /** Escalated conversations an operator answered. */
  assigned: number;
  /** Wait from escalation to the first operator answer. */
  wait: DurationStats;
  /** Operator handling time, assignment to closing. */
  handling: DurationStats;
  closed: number;
  outcomes: Record<string, number>;
}

export interface PerformanceReport extends ReportHeader {
  kind: 'performance';
  total: PerformanceRow;
  groups: PerformanceRow[];
}
