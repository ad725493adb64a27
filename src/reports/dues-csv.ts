import { stringify } from 'csv-stringify/sync';
import { DUES_BASIS_WORDS } from '../contract/basis';
import type { DuesLine, DuesTotal } from '../dossier/dues-list';
import { formatSpreadsheetEuros } from '../wording/format';
import { DOSSIER_STATUS_WORDS } from '../wording/labels';

/**
 * The dues of a school year as a file a French spreadsheet opens as it is: UTF-8 with a BOM (else
 * it reads the accents as Latin-1), `;` between cells (the comma is the decimal separator), sums
 * with a decimal comma and no € sign (so that they stay numbers), one header row, and the total
 * on the last row.
 */

const HEADER = [
  'SIRET',
  'Commune ou RPI',
  'Type',
  'Écoles inscrites',
  'Montant dû (€)',
  'Fondement',
  'Convention',
  'Titre de perception accepté',
  'Montant du titre (€)',
  'Écart titre − dû (€)',
];

const TYPE_WORDS: Record<DuesLine['type'], string> = { commune: 'commune', rpi: 'RPI' };

export function duesCsv(lines: readonly DuesLine[], total: DuesTotal): string {
  const money = (n: number | null) => (n === null ? '' : formatSpreadsheetEuros(n));
  const rows = lines.map((l) => [
    l.siret,
    l.name,
    TYPE_WORDS[l.type],
    String(l.schoolCount),
    money(l.amount),
    DUES_BASIS_WORDS[l.basis],
    DOSSIER_STATUS_WORDS[l.convention],
    l.invoiced ? 'oui' : 'non',
    money(l.invoicedAmount),
    money(l.difference),
  ]);
  rows.push(['', 'Total', '', String(total.schoolCount), money(total.amount), '', '', '', '', '']);
  return stringify([HEADER, ...rows], { delimiter: ';', bom: true, record_delimiter: 'windows' });
}

/** `sommes-dues-2020-2021.csv`: ASCII, nothing to negotiate. */
export function duesCsvFileName(schoolYear: string): string {
  return `sommes-dues-${schoolYear}.csv`;
}
