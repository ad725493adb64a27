import { Temporal } from 'temporal-polyfill';
import getJoursFeries from '@socialgouv/jours-feries';

/**
 * Calendar arithmetic of the contract, on Temporal plain dates: a deadline is a day in
 * Montpellier, never an instant, so nothing here depends on the machine's time zone.
 */

export type PlainDate = Temporal.PlainDate;

const parsed = new Map<string, PlainDate>();
const MAX_CACHED = 20_000;

/**
 * Parsing is most of what a date comparison costs, and a campaign names the same few hundred days
 * over and over: parsed dates are kept (PlainDate is immutable), up to a bound.
 */
export function plainDate(iso: string): PlainDate {
  const key = iso.length > 10 ? iso.slice(0, 10) : iso;
  let d = parsed.get(key);
  if (!d) {
    d = Temporal.PlainDate.from(key);
    if (parsed.size >= MAX_CACHED) parsed.clear();
    parsed.set(key, d);
  }
  return d;
}

/** Whether `YYYY-MM-DD` names a day of the calendar: 2023-02-30 has the form but no day. */
export function isCalendarDate(v: unknown): v is string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  try {
    Temporal.PlainDate.from(v);
    return true;
  } catch {
    return false;
  }
}

/** Whether `MM-JJ` names a day every year has: 10-15 does, 02-30 and 02-29 do not (a year's date is made from it). */
export function isYearlyDay(v: unknown): v is string {
  return typeof v === 'string' && /^\d{2}-\d{2}$/.test(v) && isCalendarDate(`2001-${v}`);
}

/**
 * The calendar date in `timeZone` of a transmission time. A bare `YYYY-MM-DD` is already
 * a local date; an instant with an offset is converted (2020-10-15T22:30:00Z is the 16th in Paris).
 */
const localDates = new Map<string, string>();

export function localDate(isoDateOrInstant: string, timeZone: string): string {
  if (isoDateOrInstant.length === 10) return isoDateOrInstant;
  // A dossier's history is read again at each submission: its instants are converted once.
  const key = `${timeZone} ${isoDateOrInstant}`;
  let day = localDates.get(key);
  if (day === undefined) {
    day = Temporal.Instant.from(isoDateOrInstant).toZonedDateTimeISO(timeZone).toPlainDate().toString();
    if (localDates.size >= MAX_CACHED) localDates.clear();
    localDates.set(key, day);
  }
  return day;
}

/** Civil months: 31 January + 1 month = 28 or 29 February (Temporal constrains by default). */
export function addMonths(iso: string, months: number): string {
  return plainDate(iso).add({ months }).toString();
}

export function addDays(iso: string, days: number): string {
  return plainDate(iso).add({ days }).toString();
}

export function compareDates(a: string, b: string): number {
  return Temporal.PlainDate.compare(plainDate(a), plainDate(b));
}

const holidayCache = new Map<number, Set<string>>();

/**
 * French public holidays of metropolitan France (the académie is not in Alsace-Moselle).
 * The package returns local-midnight Dates: read their local year-month-day, never the timestamp.
 */
export function publicHolidays(year: number): Set<string> {
  let days = holidayCache.get(year);
  if (!days) {
    days = new Set(
      Object.values(getJoursFeries(year, { alsace: false })).map((d) => {
        const m = String(d.getMonth() + 1).padStart(2, '0');
        const day = String(d.getDate()).padStart(2, '0');
        return `${d.getFullYear()}-${m}-${day}`;
      }),
    );
    holidayCache.set(year, days);
  }
  return days;
}

export function isWorkingDay(iso: string): boolean {
  const d = plainDate(iso);
  return d.dayOfWeek <= 5 && !publicHolidays(d.year).has(d.toString());
}

/** The same day if it is a working day, else the next working day. */
export function nextWorkingDay(iso: string): string {
  let d = iso;
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

/** `2020-2021` → 2020: the calendar year in which the school year starts. */
export function schoolYearStart(schoolYear: string): number {
  return Number(schoolYear.slice(0, 4));
}

export function nextSchoolYear(schoolYear: string): string {
  const y = schoolYearStart(schoolYear) + 1;
  return `${y}-${y + 1}`;
}

export function compareSchoolYears(a: string, b: string): number {
  return schoolYearStart(a) - schoolYearStart(b);
}

/** `MM-DD` of a school year → the ISO date, in the first calendar year for Sept–Dec, else the second. */
export function dateInSchoolYear(schoolYear: string, monthDay: string): string {
  const first = schoolYearStart(schoolYear);
  const month = Number(monthDay.slice(0, 2));
  return `${month >= 8 ? first : first + 1}-${monthDay}`;
}

/**
 * The first and last days of a school year: 1 September to 31 August. The convention does not
 * define the school year; it opens the window of art. 6.2 on « le 1er septembre … de l'année
 * scolaire concernée », so 1 September is its first day, and the day before the next one's its last.
 */
export function schoolYearFirstDay(schoolYear: string): string {
  return `${schoolYearStart(schoolYear)}-09-01`;
}

export function schoolYearLastDay(schoolYear: string): string {
  return `${schoolYearStart(schoolYear) + 1}-08-31`;
}

/** The school year a day belongs to: `2021-09-15` → `2021-2022`, `2021-08-31` → `2020-2021`. */
export function schoolYearOf(iso: string): string {
  const year = Number(iso.slice(0, 4));
  const first = Number(iso.slice(5, 7)) >= 9 ? year : year - 1;
  return `${first}-${first + 1}`;
}

/** `2020-10-16` → `16/10/2020`, as French staff write dates. */
export function frenchDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** The months of a school year, September to August: `2020-09` … `2021-08`. */
export function schoolYearMonths(schoolYear: string): string[] {
  const first = schoolYearStart(schoolYear);
  return Array.from({ length: 12 }, (_, i) => {
    const month = ((8 + i) % 12) + 1;
    return `${month >= 9 ? first : first + 1}-${String(month).padStart(2, '0')}`;
  });
}

/** The instant a day begins in `timeZone`, written as the store writes instants (`2020-08-31T22:00:00.000Z`). */
export function startOfDay(isoDate: string, timeZone: string): string {
  return new Date(plainDate(isoDate).toZonedDateTime({ timeZone }).epochMilliseconds).toISOString();
}
