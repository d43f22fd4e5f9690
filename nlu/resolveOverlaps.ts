import type { Entity } from './entity';
import type { Candidate, CandidateType } from './entities/candidate';

/** On spans of equal length, the more specific type wins. */
const PRIORITY: readonly CandidateType[] = [
  'url',
  'email',
  'iban',
  'codiceFiscale',
  'partitaIva',
  'date',
  'phone',
  'targa',
  'time',
  'money',
  'cap',
  'comune',
  'boolean',
  'number',
];

function rank(type: CandidateType): number {
  const i = PRIORITY.indexOf(type);
  return i < 0 ? PRIORITY.length : i;
}

/**
 * Keeps non-overlapping candidates, longest first (a number inside a date, a phone or an amount
 * is not listed again), and drops the blocking URL spans. Result in text order.
 */
export function resolveOverlaps(candidates: readonly Candidate[]): Entity[] {
  const sorted = [...candidates].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || rank(a.type) - rank(b.type),
  );
  const kept: Candidate[] = [];
  const taken = new Uint8Array(candidates.reduce((max, c) => Math.max(max, c.end), 0));
  for (const c of sorted) {
    let free = true;
    for (let i = c.start; i < c.end && free; i++) if (taken[i]) free = false;
    if (!free) continue;
    taken.fill(1, c.start, c.end);
    kept.push(c);
  }
  kept.sort((a, b) => a.start - b.start);
  const out: Entity[] = [];
  for (const c of kept) {
    if (c.type === 'url') continue;
    out.push({ ...c, type: c.type });
  }
  return out;
}
