import { easterSunday, italianHolidays } from '../../handoff/italianHolidays';

describe('italianHolidays', () => {
  test('Easter Sunday matches the published dates', () => {
    expect(easterSunday(2024)).toEqual([3, 31]);
    expect(easterSunday(2025)).toEqual([4, 20]);
    expect(easterSunday(2026)).toEqual([4, 5]);
    expect(easterSunday(2027)).toEqual([3, 28]);
    expect(easterSunday(2038)).toEqual([4, 25]);
  });

  test('the national holidays of 2027, Easter Monday and San Francesco included', () => {
    expect(italianHolidays(2027).map((h) => h.date)).toEqual([
      '2027-01-01',
      '2027-01-06',
      '2027-03-29',
      '2027-04-25',
      '2027-05-01',
      '2027-06-02',
      '2027-08-15',
      '2027-10-04',
      '2027-11-01',
      '2027-12-08',
      '2027-12-25',
      '2027-12-26',
    ]);
    expect(italianHolidays(2026).map((h) => h.date)).not.toContain('2026-10-04');
    expect(italianHolidays(2026).find((h) => h.date === '2026-04-06')?.name).toBe("Lunedì dell'Angelo");
  });
});
