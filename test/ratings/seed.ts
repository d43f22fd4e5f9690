import type { ConversationLog } from '../../ratings/conversationLog';
import type { Face } from '../../ratings/rating';
import type { RatingStore } from '../../ratings/ratingStore';

/** One seeded conversation; the expected report figures are worked out by hand in the tests. */
export interface SeedConversation {
  id: string;
  start: string;
  channel: string;
  procedures: string[];
  answers: number;
  queue?: string;
  operator?: [name: string, waitS: number];
  closing?: [handlingS: number, outcome: string];
  face?: Face;
  reason?: string;
}

/**
 * November 2026, Europe/Rome (UTC+1). c7 starts on Sunday 1 November at 23:30 UTC, which is
 * Monday 2 November (ISO week 45) in Rome; c11 and c12 fall just outside the month in Rome.
 */
export const NOVEMBER: SeedConversation[] = [
  {
    id: 'c1',
    start: '2026-11-02T08:00:00Z',
    channel: 'webchat',
    procedures: ['autoscuole'],
    answers: 2,
    face: 'positive',
  },
  {
    id: 'c2',
    start: '2026-11-02T09:00:00Z',
    channel: 'webchat',
    procedures: ['autoscuole'],
    answers: 1,
    face: 'positive',
  },
  {
    id: 'c3',
    start: '2026-11-03T10:00:00Z',
    channel: 'telegram',
    procedures: ['trasporti-eccezionali'],
    answers: 1,
    queue: 'trasporti',
    operator: ['anna', 30],
    closing: [300, 'risolto'],
    face: 'positive',
  },
  {
    id: 'c4',
    start: '2026-11-03T11:00:00Z',
    channel: 'webchat',
    procedures: [],
    answers: 1,
    queue: 'generale',
    operator: ['bruno', 60],
    closing: [120, 'risolto'],
    face: 'neutral',
  },
  {
    id: 'c5',
    start: '2026-11-04T12:00:00Z',
    channel: 'telegram',
    procedures: ['autoscuole'],
    answers: 3,
    face: 'neutral',
  },
  {
    id: 'c6',
    start: '2026-11-04T13:00:00Z',
    channel: 'webchat',
    procedures: ['trasporti-eccezionali'],
    answers: 1,
    queue: 'trasporti',
    operator: ['anna', 90],
    closing: [600, 'da-richiamare'],
    face: 'negative',
    reason: 'tempi-attesa',
  },
  { id: 'c7', start: '2026-11-01T23:30:00Z', channel: 'webchat', procedures: [], answers: 0 },
  { id: 'c8', start: '2026-11-09T08:00:00Z', channel: 'telegram', procedures: ['autoscuole'], answers: 1 },
  {
    id: 'c9',
    start: '2026-11-10T08:00:00Z',
    channel: 'webchat',
    procedures: [],
    answers: 1,
    queue: 'trasporti',
  },
  { id: 'c10', start: '2026-11-10T09:00:00Z', channel: 'telegram', procedures: [], answers: 2 },
  {
    id: 'c11',
    start: '2026-10-31T22:30:00Z',
    channel: 'webchat',
    procedures: [],
    answers: 1,
    face: 'negative',
    reason: 'altro',
  },
  {
    id: 'c12',
    start: '2026-11-30T23:30:00Z',
    channel: 'webchat',
    procedures: [],
    answers: 1,
    face: 'positive',
  },
];

export const NOVEMBER_FROM = new Date('2026-10-31T23:00:00Z'); // 1 November 00:00 in Rome
export const NOVEMBER_TO = new Date('2026-11-30T23:00:00Z'); // 1 December 00:00 in Rome

export async function seed(ratings: RatingStore, log: ConversationLog, rows = NOVEMBER): Promise<void> {
  for (const c of rows) {
    const t0 = Date.parse(c.start);
    const at = (s: number) => new Date(t0 + s * 1000).toISOString();
    await log.started({ conversationId: c.id, channel: c.channel, locale: 'it-IT', at: c.start });
    for (let i = 0; i < c.answers; i++)
      await log.botAnswered(c.id, c.procedures[i % Math.max(1, c.procedures.length)], at(i + 1));
    if (c.queue) await log.escalated(c.id, c.queue, at(20));
    if (c.operator)
      await log.operatorAssigned(c.id, c.operator[0], c.operator[1] * 1000, at(20 + c.operator[1]));
    if (c.closing) await log.caseClosed(c.id, c.closing[0] * 1000, c.closing[1], at(1000));
    if (c.face) {
      await ratings.record({
        conversationId: c.id,
        channel: c.channel,
        face: c.face,
        procedureIds: c.procedures,
        handledBy: c.operator ? 'operator' : 'bot',
        conversationStartedAt: c.start,
        ratedAt: at(1100),
        ...(c.queue ? { queue: c.queue } : {}),
        ...(c.operator ? { operator: c.operator[0] } : {}),
      });
      if (c.reason) await ratings.addReason(c.id, c.reason);
    }
  }
}
