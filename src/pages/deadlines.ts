import type { Deadline } from '../dossier/deadlines';
import { DEADLINE_LOOKS } from '../reports/badges';
import { renderTemplate } from '../reports/templates';
import { articleLabel, formatDate } from '../wording/format';
import { pageMeta, PAGE_LINKS } from './page';

/**
 * « Échéances »: the legal deadlines, coming first then past (in a colour of their own), overall
 * and per dossier, with the address of the iCalendar file to subscribe to.
 */

export interface DeadlinesPageData {
  today: string;
  deadlines: Deadline[];
}

function row(d: Deadline) {
  return {
    label: d.label,
    dossierName: d.dossierName,
    dossierUrl: PAGE_LINKS.dossier(d.siret),
    article: articleLabel(d.article),
    date: formatDate(d.date),
    iso: d.date,
    window: d.opensOn ? `du ${formatDate(d.opensOn)} au ${formatDate(d.date)}` : null,
    state: d.state,
    badge: DEADLINE_LOOKS[d.state].badge,
    stateWord: DEADLINE_LOOKS[d.state].word,
  };
}

export function renderDeadlinesPage(data: DeadlinesPageData): string {
  const bySiret = new Map<string, Deadline[]>();
  for (const d of data.deadlines) bySiret.set(d.siret, [...(bySiret.get(d.siret) ?? []), d]);
  const dossiers = [...bySiret.values()]
    .map((list) => ({ name: list[0].dossierName, url: PAGE_LINKS.dossier(list[0].siret), siret: list[0].siret, rows: list.map(row) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  return renderTemplate('pages/deadlines', {
    page: pageMeta('Échéances', 'echeances'),
    today: formatDate(data.today),
    coming: data.deadlines.filter((d) => d.state === 'coming').map(row),
    past: data.deadlines.filter((d) => d.state === 'past').map(row),
    dossiers,
    icsUrl: PAGE_LINKS.deadlinesIcs(),
  });
}
