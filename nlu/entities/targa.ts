import type { TextContext } from '../textContext';
import { before, candidate, type Candidate } from './candidate';

/** Italian plates since 1994: two letters, three digits, two letters ("AB123CD", "EP-219-LS"). */
const TARGA = /(?<![A-Za-z0-9])([A-Za-z]{2})[ -]?(\d{3})[ -]?([A-Za-z]{2})(?![A-Za-z0-9])/g;
const VEHICLE_CONTEXT =
  /(?:targ|auto|veicol|furgon|rimorch|moto|camion|macchin|mezzo|vettur|autocarr|ciclomotor|tratt|scooter|libretto|immatricol|pullman|bus)[a-z]*\b[^.?!]{0,40}$/;

/** Motorcycle and moped plates: two letters and five digits, only right after "targa". */
const MOTO = /(?<![A-Za-z0-9])([A-Za-z]{2}) ?(\d{5})(?![A-Za-z0-9])/g;
const TARGA_WORD = /\btarga(?:ta|to)?\b[^.?!\d]{0,20}$/;

export function findTarghe(ctx: TextContext): Candidate[] {
  const out: Candidate[] = [];
  for (const m of ctx.text.matchAll(TARGA)) {
    const letters = (m[1] ?? '') + (m[3] ?? '');
    const upper = letters === letters.toUpperCase();
    if (!upper && !VEHICLE_CONTEXT.test(before(ctx, m.index, 60))) continue;
    const value = `${m[1] ?? ''}${m[2] ?? ''}${m[3] ?? ''}`.toUpperCase();
    out.push(candidate(ctx, 'targa', m.index, m.index + m[0].length, value));
  }
  for (const m of ctx.text.matchAll(MOTO)) {
    if (!TARGA_WORD.test(before(ctx, m.index, 30))) continue;
    out.push(
      candidate(ctx, 'targa', m.index, m.index + m[0].length, `${m[1] ?? ''}${m[2] ?? ''}`.toUpperCase()),
    );
  }
  return out;
}
