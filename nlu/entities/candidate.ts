import type { Entity, EntityType } from '../entity';
import type { TextContext } from '../textContext';

/** Spans that block other entities but are not reported (a URL hides the comune in it). */
export type CandidateType = EntityType | 'url';

export interface Candidate extends Omit<Entity, 'type'> {
  type: CandidateType;
}

export type EntityFinder = (ctx: TextContext) => Candidate[];

export function candidate(
  ctx: TextContext,
  type: CandidateType,
  start: number,
  end: number,
  value: unknown,
  valid?: boolean,
): Candidate {
  const c: Candidate = { type, text: ctx.text.slice(start, end), start, end, value };
  if (valid !== undefined) c.valid = valid;
  return c;
}

/** The folded text just before `index`, at most `length` characters. */
export function before(ctx: TextContext, index: number, length: number): string {
  return ctx.folded.slice(Math.max(0, index - length), index);
}

/** The folded text just after `index`, at most `length` characters. */
export function after(ctx: TextContext, index: number, length: number): string {
  return ctx.folded.slice(index, index + length);
}
