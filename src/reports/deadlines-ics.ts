import ical, { ICalCalendarMethod } from 'ical-generator';
import type { Deadline } from '../dossier/deadlines';
import { articleLabel, formatDate } from '../wording/format';

/**
 * The legal deadlines as an iCalendar file (RFC 5545) that staff subscribe to from their agenda:
 * one all-day event per deadline — a deadline is a day in Montpellier, not an instant — with its
 * article and the dossier's address in the service. Each event's UID is made of the dossier, the
 * kind and the school year, so that an agenda updates an event when its date moves instead of
 * adding another.
 */

export interface IcsOptions {
  /** The service's address, to link each event to its dossier's page (`https://…`); no link when absent. */
  baseUrl?: string;
  /** When the file is made: DTSTAMP of every event, from the service's clock. */
  now: Date;
}

export function deadlinesIcs(deadlines: readonly Deadline[], options: IcsOptions): string {
  const cal = ical({
    name: 'Échéances de la convention ENT-école',
    prodId: { company: 'Académie de Montpellier', product: 'ent-compliance', language: 'FR' },
    // No calendar time zone: every event is a whole day (a DATE, the same day wherever it is read),
    // and with one ical-generator writes DTSTAMP as a local time, where RFC 5545 asks for UTC (…Z).
  });
  cal.method(ICalCalendarMethod.PUBLISH);
  for (const d of deadlines) {
    const path = `/dossiers/${d.siret}`;
    const url = options.baseUrl ? `${options.baseUrl.replace(/\/$/, '')}${path}` : undefined;
    const window = d.opensOn ? ` Fenêtre ouverte du ${formatDate(d.opensOn)} au ${formatDate(d.date)}.` : '';
    cal.createEvent({
      id: `${d.kind}-${d.siret}${d.schoolYear ? `-${d.schoolYear}` : ''}@ent-compliance`,
      allDay: true,
      start: d.date,
      stamp: options.now,
      summary: `${d.label} — ${d.dossierName} (${articleLabel(d.article)})`,
      description: `${d.label} : ${formatDate(d.date)}, ${articleLabel(d.article)} de la convention.${window} Dossier ${d.dossierName}, SIRET ${d.siret} : ${url ?? path}`,
      ...(url ? { url } : {}),
    });
  }
  return cal.toString();
}
