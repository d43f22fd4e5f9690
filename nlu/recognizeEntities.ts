import { DEFAULT_TIME_ZONE, referenceDay } from './calendarDate';
import type { Entity } from './entity';
import { findBooleans } from './entities/boolean';
import type { Candidate } from './entities/candidate';
import { findCaps } from './entities/cap';
import { findCodiciFiscali } from './entities/codiceFiscale';
import { findComuni } from './entities/comune';
import { findDates } from './entities/date';
import { findEmails, findUrls } from './entities/email';
import { findIbans } from './entities/iban';
import { findMoney } from './entities/money';
import { findNumbers } from './entities/number';
import { findPartiteIva } from './entities/partitaIva';
import { findPhones } from './entities/phone';
import { findTarghe } from './entities/targa';
import { findTimes } from './entities/time';
import { resolveOverlaps } from './resolveOverlaps';
import { makeContext } from './textContext';

export interface RecognizeOptions {
  /** Day relative dates are resolved against: a Date, an ISO instant or "YYYY-MM-DD". Default: now. */
  referenceDate?: Date | string;
  /** Zone the reference instant is read in. Default: Europe/Rome. */
  timeZone?: string;
}

/** Longest message read; the rest is ignored so that a pasted document cannot stall a turn. */
export const MAX_TEXT_LENGTH = 4000;

/**
 * Finds the Italian entities in a citizen's message: dates, times, numbers, amounts, yes/no,
 * contacts, identifiers, postal codes, plates and comuni of the Provincia di Lecco.
 */
export function recognizeEntities(text: string, options: RecognizeOptions = {}): Entity[] {
  const input = text.length > MAX_TEXT_LENGTH ? text.slice(0, MAX_TEXT_LENGTH) : text;
  const ctx = makeContext(input, referenceDay(options.referenceDate, options.timeZone ?? DEFAULT_TIME_ZONE));
  const numbers = findNumbers(ctx);
  const candidates: Candidate[] = [
    ...findUrls(ctx),
    ...findEmails(ctx),
    ...findIbans(ctx),
    ...findCodiciFiscali(ctx),
    ...findPartiteIva(ctx),
    ...findPhones(ctx),
    ...findTarghe(ctx),
    ...findDates(ctx),
    ...findTimes(ctx),
    ...findMoney(ctx, numbers),
    ...findCaps(ctx),
    ...findComuni(ctx),
    ...findBooleans(ctx),
    ...numbers,
  ];
  return resolveOverlaps(candidates);
}
