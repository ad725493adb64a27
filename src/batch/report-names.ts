import type { Submission } from '../domain/submission';
import { reportFileName } from '../reports/file-name';

/**
 * The names of a campaign's report files: those of a report downloaded from the server
 * (`rapport-21340270400018-avenant-2020-10-10.html`: the dossier, the kind, the day received), so
 * that a folder of reports reads and sorts the same whichever way they were made. Two documents of
 * one dossier and kind received the same day (a campaign is received at once) are told apart by
 * `-2`, `-3`…; a document refused before any rule (unreadable, or not of the format) is named after its place in the campaign.
 */
export function reportNamer(): (submission: Submission | undefined, source: string, receivedAt: string) => string {
  const taken = new Map<string, number>();
  return (submission, source, receivedAt) => {
    const base = submission
      ? reportFileName(submission.party.siret, submission.kind, receivedAt).replace(/\.html$/, '')
      : `rapport-refuse-${source.replace(/[^0-9A-Za-z]+/g, '-').replace(/^-|-$/g, '')}`;
    const n = (taken.get(base) ?? 0) + 1;
    taken.set(base, n);
    return `${base}${n > 1 ? `-${n}` : ''}.html`;
  };
}
