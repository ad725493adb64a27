import type { Finding } from '../domain/finding';
import { FACTS } from '../contract/facts';
import { formatValue } from '../wording/format';

/**
 * "What was computed": the values the rules derived from the dossier and the calendar rather than
 * read in the document — the amount owed, the amendment window, the end of a notice period — taken
 * from the findings' facts. A lawyer checks these first: every verdict on a date or an amount
 * rests on them.
 */

export interface ComputedRow {
  label: string;
  value: string;
  /** The facts' own descriptions: how the value was obtained. */
  explanation: string;
}

interface ComputedItem {
  label: string;
  /** The facts it reads; the row is shown when the findings carry the first of them. */
  facts: readonly string[];
  show(values: readonly unknown[]): string;
}

const one = (name: string) => (values: readonly unknown[]) => formatValue(name, values[0]);

/** In the order of the convention: the list and its amount (5, 7), the window (6.2), the dues (6), the letters (9, 10). */
const ITEMS: readonly ComputedItem[] = [
  { label: 'Montant de la liste des écoles', facts: ['annexAmount'], show: one('annexAmount') },
  { label: 'Montant pour le nombre d’écoles déclaré', facts: ['declaredCountAmount'], show: one('declaredCountAmount') },
  { label: 'Écoles inscrites avant cette pièce', facts: ['previousSchoolCount'], show: one('previousSchoolCount') },
  { label: 'Évolution du nombre d’écoles', facts: ['schoolCountChange'], show: one('schoolCountChange') },
  { label: 'Date de transmission, à Paris', facts: ['transmittedOn'], show: one('transmittedOn') },
  {
    label: 'Période de transmission des avenants',
    facts: ['windowStart', 'windowEnd'],
    show: ([start, end]) => `du ${formatValue('windowStart', start)} au ${formatValue('windowEnd', end)} inclus`,
  },
  { label: 'Nombre d’écoles dû pour l’année', facts: ['owedSchoolCount'], show: one('owedSchoolCount') },
  { label: 'Montant dû pour l’année', facts: ['owedAmount'], show: one('owedAmount') },
  { label: 'Fondement du nombre dû', facts: ['duesBasis'], show: one('duesBasis') },
  { label: 'Fin du préavis de résiliation', facts: ['noticeEndsOn'], show: one('noticeEndsOn') },
  { label: 'Résiliation de plein droit possible à partir du', facts: ['byRightEarliestOn'], show: one('byRightEarliestOn') },
  { label: 'Date limite de la conciliation', facts: ['conciliationDeadline'], show: one('conciliationDeadline') },
];

function firstValue(findings: readonly Finding[], name: string): { found: boolean; value: unknown } {
  for (const f of findings) if (Object.prototype.hasOwnProperty.call(f.facts, name)) return { found: true, value: f.facts[name] };
  return { found: false, value: undefined };
}

export function computedRows(findings: readonly Finding[]): ComputedRow[] {
  const rows: ComputedRow[] = [];
  for (const item of ITEMS) {
    const values = item.facts.map((name) => firstValue(findings, name));
    if (!values[0].found) continue;
    rows.push({
      label: item.label,
      value: item.show(values.map((v) => v.value)),
      explanation: item.facts.map((name) => FACTS[name]?.description ?? name).join(' ; '),
    });
  }
  return rows;
}
