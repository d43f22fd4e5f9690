/** The 4 October holiday (San Francesco) starts in this year unless configured otherwise. */
export const DEFAULT_SAN_FRANCESCO_FROM_YEAR = 2027;

export interface Holiday {
  /** YYYY-MM-DD */
  date: string;
  name: string;
}

/** Easter Sunday (Gregorian calendar, anonymous algorithm) as [month 1-12, day]. */
export function easterSunday(year: number): [number, number] {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return [month, day];
}

export function isoDate(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

/** National public holidays in Italy for a year (Easter Monday computed). */
export function italianHolidays(
  year: number,
  sanFrancescoFromYear = DEFAULT_SAN_FRANCESCO_FROM_YEAR,
): Holiday[] {
  const [em, ed] = easterSunday(year);
  const list: Holiday[] = [
    { date: isoDate(year, 1, 1), name: 'Capodanno' },
    { date: isoDate(year, 1, 6), name: 'Epifania' },
    { date: isoDate(year, em, ed + 1), name: "Lunedì dell'Angelo" },
    { date: isoDate(year, 4, 25), name: 'Festa della Liberazione' },
    { date: isoDate(year, 5, 1), name: 'Festa del Lavoro' },
    { date: isoDate(year, 6, 2), name: 'Festa della Repubblica' },
    { date: isoDate(year, 8, 15), name: 'Ferragosto' },
    { date: isoDate(year, 11, 1), name: 'Ognissanti' },
    { date: isoDate(year, 12, 8), name: 'Immacolata Concezione' },
    { date: isoDate(year, 12, 25), name: 'Natale' },
    { date: isoDate(year, 12, 26), name: 'Santo Stefano' },
  ];
  if (year >= sanFrancescoFromYear) list.push({ date: isoDate(year, 10, 4), name: "San Francesco d'Assisi" });
  return list.sort((x, y) => x.date.localeCompare(y.date));
}
