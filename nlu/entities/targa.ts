import type { TextContext } from '../textContext';
import { before, candidate, type Candidate } from './candidate';

/** Italian plates since 1994: two letters, three digits, two letters ("AB123CD", "EP-219-LS"). */
const TARGA = /(?<![A-Za-z0-9])([A-Za-z]{2})[ -]?(\d{3})[ -]?([A-Za-z]{2})(?![A-Za-z0-9])/g;
const VEHICLE_CONTEXT =
  /(?:targ|auto|veicol|furgon|rimorch|moto|camion|macchin|mezzo|vettur|autocarr|ciclomotor|tratt|scooter|libretto|immatricol|pullman|bus)[a-z]*\b[^.?!]{0,40}$/;

/** Motorcycle and moped plates: two letters and five digits, only right after "targa". */
const MOTO = /(?<![A-Za-z0-9])([A-Za-z]{2}) ?(\d{5})(?![A-Za-z0-9])/g;
const TARGA_WORD = /\btarga(?:ta|to)?\b[^.?!\d]{0,20}$/;

/** Plates before 1994: the province's code and six characters, mostly digits ("LC 345678", "MI 0A1234"). */
const OLD = /(?<![A-Za-z0-9])([A-Za-z]{2})[ -]?([0-9A-Za-z]{6})(?![A-Za-z0-9])/g;
const PROVINCES = new Set(
  (
    'AG AL AN AO AP AQ AR AT AV BA BG BI BL BN BO BR BS BT BZ CA CB CE CH CL CN CO CR CS CT CZ EN FC FE FG ' +
    'FI FM FO FR GE GO GR IM IS KR LC LE LI LO LT LU MB MC ME MI MN MO MS MT NA NO NU OR PA PC PD PE PG PI PN ' +
    'PO PR PS PT PU PV PZ RA RC RE RG RI RM RN RO SA SI SO SP SR SS SV TA TE TN TO TP TR TS TV UD VA VB VC VE ' +
    'VI VR VT VV'
  ).split(' '),
);

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
  // Only right after "targa": the window after each mention is searched, not the whole text.
  for (const t of ctx.folded.includes('targ') ? ctx.folded.matchAll(/\btarga(?:ta|to)?\b/g) : []) {
    const from = t.index + t[0].length;
    OLD.lastIndex = from;
    const m = OLD.exec(ctx.text);
    if (!m || m.index > from + 20) continue;
    const province = (m[1] ?? '').toUpperCase();
    const rest = (m[2] ?? '').toUpperCase();
    if (!PROVINCES.has(province) || (rest.match(/\d/g) ?? []).length < 4) continue;
    if (!TARGA_WORD.test(before(ctx, m.index, 30))) continue;
    out.push(candidate(ctx, 'targa', m.index, m.index + m[0].length, province + rest));
  }
  return out;
}
