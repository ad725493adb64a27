import {
  addMonths,
  addDays,
  localDate,
  nextWorkingDay,
  isWorkingDay,
  dateInSchoolYear,
  frenchDate,
  isCalendarDate,
  isYearlyDay,
} from '../../src/dates/calendar';

describe('Dates (DOMAIN.md) — calendar arithmetic in Europe/Paris', () => {
  it.each([
    ['2021-01-31', 1, '2021-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2021-03-03', 1, '2021-04-03'],
    ['2020-12-15', 1, '2021-01-15'],
    ['2021-08-31', 1, '2021-09-30'],
  ])('%s + %i mois civil = %s', (from, months, expected) => {
    expect(addMonths(from, months)).toBe(expected);
  });

  it('counts fifteen calendar days', () => {
    expect(addDays('2021-04-01', 15)).toBe('2021-04-16');
  });

  it.each([
    ['2020-10-15T22:30:00Z', '2020-10-16'],
    ['2020-10-15T23:30:00+02:00', '2020-10-15'],
    ['2020-10-15T21:59:59Z', '2020-10-15'],
    ['2021-01-15T23:30:00Z', '2021-01-16'],
    ['2020-10-15', '2020-10-15'],
  ])('the Paris calendar date of %s is %s', (instant, expected) => {
    expect(localDate(instant, 'Europe/Paris')).toBe(expected);
  });

  it('knows weekends and public holidays', () => {
    expect(isWorkingDay('2020-10-15')).toBe(true);
    expect(isWorkingDay('2022-10-15')).toBe(false);
    expect(isWorkingDay('2020-11-11')).toBe(false);
    expect(isWorkingDay('2021-05-13')).toBe(false);
  });

  it('moves a deadline on a Saturday to the next Monday, and past a holiday', () => {
    expect(nextWorkingDay('2022-10-15')).toBe('2022-10-17');
    expect(nextWorkingDay('2020-10-15')).toBe('2020-10-15');
    expect(nextWorkingDay('2020-11-11')).toBe('2020-11-12');
    expect(nextWorkingDay('2021-05-01')).toBe('2021-05-03');
  });

  it('places MM-DD inside a school year', () => {
    expect(dateInSchoolYear('2020-2021', '09-01')).toBe('2020-09-01');
    expect(dateInSchoolYear('2020-2021', '10-15')).toBe('2020-10-15');
    expect(dateInSchoolYear('2020-2021', '06-30')).toBe('2021-06-30');
  });

  it('writes dates the French way', () => {
    expect(frenchDate('2020-10-16')).toBe('16/10/2020');
  });
});

describe('Dates — a day that exists', () => {
  it.each([
    ['2021-10-31', true],
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2023-02-30', false],
    ['2023-04-31', false],
    ['2023-13-01', false],
    ['31/10/2023', false],
    [20231031, false],
  ])('isCalendarDate(%p) = %p', (v, expected) => {
    expect(isCalendarDate(v)).toBe(expected);
  });

  it.each([
    ['10-15', true],
    ['09-01', true],
    ['02-28', true],
    ['02-29', false],
    ['02-30', false],
    ['04-31', false],
    ['15-10', false],
    ['1-5', false],
  ])('isYearlyDay(%p) = %p: a day every year has', (v, expected) => {
    expect(isYearlyDay(v)).toBe(expected);
  });
});
