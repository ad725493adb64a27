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
