import { valuesOf } from '../entitySupport';

const dates = (text: string, ref?: string) => valuesOf('date', text, ref);

describe('dates', () => {
  it.each([
    ['La domanda è partita il 12/03/2026.', '2026-03-12'],
    ['Nata il 3-7-91', '1991-07-03'],
    ['scade il 14.01.27', '2027-01-14'],
    ['Ci vediamo il 2 gennaio 2027', '2027-01-02'],
    ['Il cantiere chiude il 22 dicembre.', '2026-12-22'],
    ['la scadenza è il primo marzo', '2026-03-01'],
    ['entro il ventidue dicembre', '2026-12-22'],
    ["Lo sportello è chiuso l'8/12?", '2026-12-08'],
    ['Scade il 18-02', '2026-02-18'],
    ['Lunedì 30 novembre ho il colloquio', '2026-11-30'],
    ['Il 1° maggio è festa', '2026-05-01'],
    ['La data è 2026-12-15', '2026-12-15'],
  ])('reads day-first and written dates: %s', (text, value) => {
    expect(dates(text)).toEqual([value]);
  });

  it.each([
    ['Vengo domani', '2026-11-27'],
    ['Vengo dopodomani', '2026-11-28'],
    ['Ho chiamato ieri', '2026-11-25'],
    ["L'ho mandata l'altro ieri", '2026-11-24'],
    ['giovedì prossimo', '2026-12-03'],
    ['mercoledì prossimo', '2026-12-02'],
    ['il prossimo martedì', '2026-12-01'],
    ['Lunedì scorso ho mandato la PEC', '2026-11-23'],
    ['Posso venire venerdì?', '2026-11-27'],
    ['tra due settimane', '2026-12-10'],
    ['fra 10 giorni', '2026-12-06'],
    ['tra 15 gg', '2026-12-11'],
    ['I called yesterday', '2026-11-25'],
    ['vengo giovedì 3', '2026-12-03'],
    ['sabato 28 alle 10', '2026-11-28'],
    ['tra un mese', '2026-12-26'],
    ['tre giorni fa', '2026-11-23'],
    ['a fine mese', '2026-11-30'],
    ['entro fine anno', '2026-12-31'],
  ])('resolves relative dates against the reference day: %s', (text, value) => {
    expect(dates(text)).toEqual([value]);
  });

  it('reads "giovedì prossimo" said on a Thursday as a week later, and "tra un mese" at a month end', () => {
    expect(dates('giovedì prossimo', '2026-12-03')).toEqual(['2026-12-10']);
    expect(dates('tra un mese', '2027-01-31')).toEqual(['2027-02-28']);
  });

  it('resolves against the day in Europe/Rome, not in UTC', () => {
    // 23:30 UTC on the 26th is already the 27th in Rome.
    expect(dates('oggi', '2026-11-26T23:30:00Z')).toEqual(['2026-11-27']);
  });

  it('gives a day and month without year the reference year, and two-digit years up to 30 to 20xx', () => {
    expect(dates('il 5 gennaio')).toEqual(['2026-01-05']);
    expect(dates('il 01/02/30 e il 01/02/31')).toEqual(['2030-02-01', '1931-02-01']);
  });

  it('reads both days of a range', () => {
    expect(dates('Dal 3 al 5 dicembre siamo chiusi')).toEqual(['2026-12-03', '2026-12-05']);
    expect(dates('Siete aperti il 24 e il 31 dicembre?')).toEqual(['2026-12-24', '2026-12-31']);
    expect(dates("dall'8 all'11 dicembre")).toEqual(['2026-12-08', '2026-12-11']);
  });

  it('rejects impossible dates and habitual weekdays', () => {
    expect(dates('il 30/02')).toEqual([]);
    expect(dates('Il sabato siete aperti?')).toEqual([]);
    expect(dates('aperto dal lunedì al venerdì')).toEqual([]);
  });
});
