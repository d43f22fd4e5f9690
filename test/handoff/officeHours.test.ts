import { UnknownQueueError } from '../../handoff/handoffErrors';
import { type WeeklyHours, OfficeHours } from '../../handoff/officeHours';

// The Province of Lecco's published hours.
const LECCO: WeeklyHours = {
  mon: [
    { from: '09:00', to: '13:00' },
    { from: '15:00', to: '17:30' },
  ],
  tue: [{ from: '09:00', to: '14:00' }],
  wed: [
    { from: '15:00', to: '17:30' },
    { from: '09:00', to: '13:00' },
  ],
  thu: [{ from: '09:00', to: '14:00' }],
  fri: [{ from: '09:00', to: '14:00' }],
};

const hours = new OfficeHours({
  queues: { trasporti: { weekly: LECCO }, lavoro: { weekly: LECCO, closures: ['2026-03-04'] } },
  closures: ['2026-12-24'],
});

const at = (iso: string) => new Date(iso);
const next = (queue: string, iso: string) => hours.nextOpening(queue, at(iso))?.toISOString();

describe('OfficeHours', () => {
  test('open inside the weekly hours in Rome time, closed at lunch, in the evening and at weekends', () => {
    // Monday 2 March 2026, CET (UTC+1).
    expect(hours.isOpen('trasporti', at('2026-03-02T08:00:00Z'))).toBe(true); // 09:00
    expect(hours.isOpen('trasporti', at('2026-03-02T07:59:00Z'))).toBe(false); // 08:59
    expect(hours.isOpen('trasporti', at('2026-03-02T12:30:00Z'))).toBe(false); // 13:30
    expect(hours.isOpen('trasporti', at('2026-03-02T16:29:00Z'))).toBe(true); // 17:29
    expect(hours.isOpen('trasporti', at('2026-03-02T16:30:00Z'))).toBe(false); // 17:30
    expect(hours.isOpen('trasporti', at('2026-03-03T12:30:00Z'))).toBe(true); // Tue 13:30
    expect(hours.isOpen('trasporti', at('2026-03-07T10:00:00Z'))).toBe(false); // Saturday
  });

  test('the next opening is the afternoon, the next morning, or Monday after the weekend', () => {
    expect(next('trasporti', '2026-03-02T12:30:00Z')).toBe('2026-03-02T14:00:00.000Z'); // 15:00 CET
    expect(next('trasporti', '2026-03-03T13:00:00Z')).toBe('2026-03-04T08:00:00.000Z'); // Wed 09:00
    expect(next('trasporti', '2026-03-06T13:00:00Z')).toBe('2026-03-09T08:00:00.000Z'); // Fri 14:00 -> Mon
    expect(next('trasporti', '2026-03-02T09:00:00Z')).toBe('2026-03-02T09:00:00.000Z'); // open: now
  });

  test('daylight saving time: Rome hours stay at 09:00 local across the March and October changes', () => {
    // Clocks go forward on Sunday 29 March 2026: Monday 30 March 09:00 is 07:00 UTC.
    expect(next('trasporti', '2026-03-27T13:30:00Z')).toBe('2026-03-30T07:00:00.000Z');
    expect(hours.isOpen('trasporti', at('2026-03-30T07:30:00Z'))).toBe(true); // 09:30 CEST
    expect(hours.isOpen('trasporti', at('2026-03-23T07:30:00Z'))).toBe(false); // 08:30 CET
    // Clocks go back on Sunday 25 October 2026: Monday 26 October 09:00 is 08:00 UTC.
    expect(next('trasporti', '2026-10-23T13:00:00Z')).toBe('2026-10-26T08:00:00.000Z');
    expect(hours.isOpen('trasporti', at('2026-10-26T07:30:00Z'))).toBe(false); // 08:30 CET
    expect(hours.closesAt('trasporti', at('2026-10-26T08:30:00Z'))?.toISOString()).toBe(
      '2026-10-26T12:00:00.000Z',
    );
  });

  test('Easter Monday is closed: 6 April 2026 and 29 March 2027 (the day after the DST change)', () => {
    expect(hours.isOpen('trasporti', at('2026-04-06T08:00:00Z'))).toBe(false);
    expect(next('trasporti', '2026-04-03T12:30:00Z')).toBe('2026-04-07T07:00:00.000Z');
    expect(hours.isOpen('trasporti', at('2027-03-29T08:00:00Z'))).toBe(false);
    expect(next('trasporti', '2027-03-26T13:00:00Z')).toBe('2027-03-30T07:00:00.000Z');
    expect(hours.isOpen('trasporti', at('2026-04-13T08:00:00Z'))).toBe(true); // the Monday after
  });

  test('fixed holidays, 4 October from 2027, and configured closures close the office', () => {
    expect(hours.isOpen('trasporti', at('2026-06-02T08:00:00Z'))).toBe(false); // Tue, Festa della Repubblica
    expect(hours.isOpen('trasporti', at('2026-12-08T09:00:00Z'))).toBe(false); // Tue, Immacolata
    expect(hours.isOpen('trasporti', at('2027-10-04T08:00:00Z'))).toBe(false); // Mon, San Francesco
    expect(next('trasporti', '2027-10-01T13:00:00Z')).toBe('2027-10-05T07:00:00.000Z');
    // 24 December closed for every queue, 25-26 holidays: Wednesday evening -> Monday 28.
    expect(next('trasporti', '2026-12-23T17:00:00Z')).toBe('2026-12-28T08:00:00.000Z');
    // A closure of one queue only.
    expect(hours.isOpen('lavoro', at('2026-03-04T08:30:00Z'))).toBe(false);
    expect(hours.isOpen('trasporti', at('2026-03-04T08:30:00Z'))).toBe(true);
  });

  test('4 October can start from another year, as the law is read', () => {
    const from2026 = new OfficeHours({
      queues: {
        q: { weekly: { fri: [{ from: '09:00', to: '14:00' }], mon: [{ from: '09:00', to: '14:00' }] } },
      },
      sanFrancescoFromYear: 2026,
    });
    expect(from2026.isClosedDay('q', '2026-10-04')).toBe(true);
    expect(hours.isClosedDay('trasporti', '2026-10-04')).toBe(false);
  });

  test('unknown queues are an error; a queue without hours never opens', () => {
    expect(() => hours.isOpen('nessuna', new Date())).toThrow(UnknownQueueError);
    const never = new OfficeHours({ queues: { q: { weekly: {} } } });
    expect(never.nextOpening('q', new Date('2026-03-02T08:00:00Z'))).toBeUndefined();
  });
});
