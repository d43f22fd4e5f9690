import { THURSDAY, valuesOf } from '../entitySupport';
import { recognizeEntities } from '../../../nlu/recognizeEntities';

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
    ["Ieri l'altro ho ricevuto la multa", '2026-11-24'],
    ['Domani mattina sono da voi', '2026-11-27'],
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

describe('dates that name a week, a month, a year or a day without its month', () => {
  // Convention (nlu/entities/datePartial.ts): the first day the expression denotes; what is not
  // said (year, month) comes from the reference day, Thursday 26 November 2026.
  it.each([
    ['Ci vediamo la settimana prossima', '2026-11-30'],
    ['La prossima settimana sono in ferie', '2026-11-30'],
    ['Vi ho scritto la settimana scorsa', '2026-11-16'],
    ['Entro questa settimana mando tutto', '2026-11-23'],
    ['Il rinnovo scade il mese prossimo', '2026-12-01'],
    ['lo scorso mese ho pagato', '2026-10-01'],
    ["L'anno scorso ho pagato in ritardo", '2025-01-01'],
    ["entra in vigore l'anno prossimo", '2027-01-01'],
    ["quest'anno non ho ancora pagato", '2026-01-01'],
    ['Questo fine settimana il sentiero è aperto?', '2026-11-28'],
    ['lo scorso weekend', '2026-11-21'],
  ])('a week, month or year: %s', (text, value) => {
    expect(dates(text)).toEqual([value]);
  });

  it('reads a weekday of next week as one date', () => {
    expect(dates('Vengo lunedì della settimana prossima')).toEqual(['2026-11-30']);
    expect(dates('il venerdì della prossima settimana')).toEqual(['2026-12-04']);
  });

  it.each([
    ['Il bando apre a marzo.', '2026-03-01'],
    ['In febbraio ho fatto domanda', '2026-02-01'],
    ['La rata di settembre', '2026-09-01'],
    ['entro dicembre 2026', '2026-12-01'],
    ['Il cantiere riapre ad aprile 2027', '2027-04-01'],
    ['novembre scorso', '2025-11-01'],
    ['lo scorso ottobre', '2026-10-01'],
    ['marzo prossimo', '2027-03-01'],
    ['A inizio dicembre chiudete?', '2026-12-01'],
    ['ai primi di gennaio', '2026-01-01'],
    ['I lavori finiranno a metà gennaio 2027.', '2027-01-15'],
    ['a metà mese', '2026-11-15'],
    ['entro fine febbraio 2027', '2027-02-28'],
    ['a fine del mese prossimo', '2026-12-31'],
    ["all'inizio del prossimo anno", '2027-01-01'],
  ])('a month: %s', (text, value) => {
    expect(dates(text)).toEqual([value]);
  });

  it('reads both months of a span, and a day before a month as that day', () => {
    expect(dates('Da gennaio a marzo il servizio è sospeso')).toEqual(['2026-01-01', '2026-03-01']);
    expect(dates("L'ho pagato il 3 novembre scorso")).toEqual(['2026-11-03']);
  });

  it('does not read a bare month name, a street or a surname as a date', () => {
    expect(dates('Marzo è il mese delle iscrizioni')).toEqual([]);
    expect(dates('Abito in via XX Settembre')).toEqual([]);
    expect(dates('Abito in via 4 Novembre 12')).toEqual([]);
    expect(dates('Ha chiamato il signor Di Maggio')).toEqual([]);
  });

  it.each([
    ['Nel 2019 ho preso la licenza', ['2019-01-01']],
    ['entro il 2027', ['2027-01-01']],
    ['dal 2020 al 2022', ['2020-01-01', '2022-01-01']],
  ])('a year: %s', (text, value) => {
    expect(dates(text)).toEqual(value);
  });

  it.each([
    ['Mi può richiamare il 15?', ['2026-11-15']],
    ['Entro il 20 devo consegnare i documenti', ['2026-11-20']],
    ['Il giorno 10 ho avuto l’udienza', ['2026-11-10']],
    ["passo il 10 o l'11", ['2026-11-10', '2026-11-11']],
    ['dal 10 al 15 sono fuori', ['2026-11-10', '2026-11-15']],
    ['Il 20 del mese prossimo scade', ['2026-12-20']],
    ['il 3 del mese scorso', ['2026-10-03']],
    ['Il permesso scade il 31.12', ['2026-12-31']],
  ])('a day without its month: %s', (text, value) => {
    expect(dates(text)).toEqual(value);
  });

  it('takes a missing month and year from the reference day, past or not', () => {
    expect(dates('il 15', '2027-01-10')).toEqual(['2027-01-15']);
    expect(dates('il 5', '2027-01-10')).toEqual(['2027-01-05']);
    expect(dates('a marzo', '2027-01-10')).toEqual(['2027-03-01']);
  });

  it('keeps a day number apart from a time, and leaves percentages, habits and impossible days alone', () => {
    const entities = recognizeEntities('Il 15 alle 15 sono libero', { referenceDate: THURSDAY });
    expect(entities.map((e) => [e.type, e.value])).toEqual([
      ['date', '2026-11-15'],
      ['time', '15:00'],
    ]);
    expect(dates('il 15%')).toEqual([]);
    expect(dates('il 15 per cento')).toEqual([]);
    expect(dates('il 5 di ogni mese')).toEqual([]);
    expect(dates('il 31')).toEqual([]); // November has 30 days
    expect(dates('il 3.5% in più')).toEqual([]);
    expect(dates("all'8.10")).toEqual([]);
    expect(dates('al 3 piano')).toEqual([]);
  });

  it('reads "dopo domani" and "questa mattina"', () => {
    expect(dates('ci vediamo dopo domani')).toEqual(['2026-11-28']);
    expect(dates('questa mattina ho chiamato')).toEqual(['2026-11-26']);
  });
});

describe('a day number before a time or an elided pronoun', () => {
  it('is still a day', () => {
    expect(dates("il 15 l'ho pagato")).toEqual(['2026-11-15']);
    expect(dates('il 16 ore 10 in ufficio')).toEqual(['2026-11-16']);
  });
});

describe('spans of days written with a dash or ending in a numeric date', () => {
  it('gives the first day the month and year of the last', () => {
    expect(dates("l'ufficio è chiuso 10-11 dicembre")).toEqual(['2026-12-10', '2026-12-11']);
    expect(dates('Chiuso dal 24 al 26/12')).toEqual(['2026-12-24', '2026-12-26']);
    expect(dates('dal 24 al 26/12/2027')).toEqual(['2027-12-24', '2027-12-26']);
    expect(dates('il 15 e il 10 dicembre')).toEqual(['2026-12-15', '2026-12-10']);
  });
});

describe('weekdays beside a date, spans of weekdays and office abbreviations', () => {
  it('reads "lunedì 30/11" as one date and "da lunedì a venerdì" as a habit', () => {
    expect(dates('lunedì 30/11')).toEqual(['2026-11-30']);
    expect(dates('Siete aperti da lunedì a venerdì?')).toEqual([]);
    expect(dates('da lunedì sono in ferie')).toEqual(['2026-11-30']);
  });

  it('reads "c.m.", "u.s." and "p.v." after a day as this, last and next month', () => {
    expect(dates('la riunione del 15 c.m.')).toEqual(['2026-11-15']);
    expect(dates('la lettera del 10 u.s.')).toEqual(['2026-10-10']);
    expect(dates("l'incontro del 5 p.v.")).toEqual(['2026-12-05']);
  });

  it('reads a year-first date with slashes', () => {
    expect(dates('La data è 2026/12/01')).toEqual(['2026-12-01']);
  });
});

describe('weekdays in opening hours', () => {
  it('reads "lunedì a giovedì" as opening days and "venerdì 4.12" as one date', () => {
    expect(dates('lunedì a giovedì 8.30-17')).toEqual([]);
    expect(dates('venerdì 4.12 alle 9')).toEqual(['2026-12-04']);
    expect(dates('vengo lunedì a Lecco')).toEqual(['2026-11-30']);
  });
});
