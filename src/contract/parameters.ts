import { isCalendarDate, isYearlyDay } from '../dates/calendar';

/**
 * The parameters of a year's rules that the dossier's arithmetic needs (art. 3, 6, 6.2, 9, 10).
 * The rule set holds them with their descriptions and articles; this is the typed view.
 */
export interface ContractParameters {
  feePerSchool: number;
  firstSchoolYear: string;
  lastSchoolYearBilled: string;
  termEnd: string;
  /** `MM-DD` in the school year concerned, both ends inclusive. */
  amendmentWindowStart: string;
  amendmentWindowEnd: string;
  maxAnnexRows: number;
  terminationNoticeMonths: number;
  conciliationDelayMonths: number;
  terminationByRightDelayDays: number;
  academieDepartements: string[];
  timeZone: string;
  deadlineMovesToNextWorkingDay: boolean;
}

/**
 * The parameters every year's rules must give, with the shape of their value: the dossier's
 * arithmetic relies on them. A rule set may define more, for its rules to cite.
 */

type Check = (v: unknown) => boolean;

const isSchoolYear: Check = (v) => typeof v === 'string' && /^\d{4}-\d{4}$/.test(v) && Number(v.slice(5)) === Number(v.slice(0, 4)) + 1;
const isDate: Check = isCalendarDate;
const isMonthDay: Check = isYearlyDay;
const isCount: Check = (v) => Number.isInteger(v) && (v as number) >= 0;
const isAmount: Check = (v) => typeof v === 'number' && v >= 0 && Math.round(v * 100) === v * 100;

function isTimeZone(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  try {
    new Intl.DateTimeFormat('fr-FR', { timeZone: v });
    return true;
  } catch {
    return false;
  }
}

export const REQUIRED_PARAMETERS: Record<keyof ContractParameters, { check: Check; expected: string }> = {
  feePerSchool: { check: isAmount, expected: 'un montant en euros (au plus deux décimales)' },
  firstSchoolYear: { check: isSchoolYear, expected: 'une année scolaire « AAAA-AAAA »' },
  lastSchoolYearBilled: { check: isSchoolYear, expected: 'une année scolaire « AAAA-AAAA »' },
  termEnd: { check: isDate, expected: 'une date « AAAA-MM-JJ » du calendrier' },
  amendmentWindowStart: { check: isMonthDay, expected: 'un jour « MM-JJ » que compte chaque année' },
  amendmentWindowEnd: { check: isMonthDay, expected: 'un jour « MM-JJ » que compte chaque année' },
  maxAnnexRows: { check: isCount, expected: 'un nombre entier' },
  terminationNoticeMonths: { check: isCount, expected: 'un nombre entier de mois' },
  conciliationDelayMonths: { check: isCount, expected: 'un nombre entier de mois' },
  terminationByRightDelayDays: { check: isCount, expected: 'un nombre entier de jours' },
  academieDepartements: {
    check: (v) => Array.isArray(v) && v.length > 0 && v.every((d) => typeof d === 'string' && /^[0-9]{3}$/.test(d)),
    expected: 'une liste de codes de département à trois chiffres (« 034 »)',
  },
  timeZone: { check: isTimeZone, expected: 'un fuseau horaire IANA (« Europe/Paris »)' },
  deadlineMovesToNextWorkingDay: { check: (v) => typeof v === 'boolean', expected: 'true ou false' },
};
