import type { Kind, Submission } from '../domain/submission';
import { documentDate } from '../contract/document-date';
import { parseDocument, type DocumentFormat } from '../documents/parse';
import { TIME_ZONE } from '../wording/format';

/**
 * The order in which a campaign's documents are judged: each dossier's own documents by their own
 * date (src/contract/document-date.ts, the one every list shows — a convention signed, an avenant
 * transmitted, a letter sent, a conciliation held, a titre issued, a termination taking effect),
 * whatever the names of the files or the lines of the JSONL file. A campaign is a pile of
 * documents gathered from several places: judged in the order of its file names, a titre named
 * `01-titre.json` would be judged before the convention it is owed under, and rejected for want of it.
 *
 * On one day, the convention first, then what follows from it: an avenant, a titre (which bills
 * the schools the avenant enrolled), a formal notice (about a titre unpaid), a conciliation, a
 * termination. Otherwise the campaign's order. A document that cannot be read or dated (a syntax
 * error, a missing date) enters no history: it is judged first, in the campaign's order, and its
 * refusal is the same wherever it comes.
 */

export interface CampaignEntry {
  /** Where the document stands in the campaign (0-based). */
  position: number;
  kind?: Kind;
  /** `YYYY-MM-DD`, the document's own date. */
  date?: string;
}

const SAME_DAY_ORDER: Readonly<Record<Kind, number>> = {
  convention: 0,
  amendment: 1,
  invoice: 2,
  formal_notice: 3,
  conciliation: 4,
  termination: 5,
};

/** The positions of the entries, in the order to judge them. Pure. */
export function judgingOrder(entries: readonly CampaignEntry[]): number[] {
  return [...entries]
    .sort((a, b) => {
      if (a.date === undefined || b.date === undefined) {
        if (a.date !== b.date) return a.date === undefined ? -1 : 1;
      } else if (a.date !== b.date) return a.date < b.date ? -1 : 1;
      const kinds = (a.kind === undefined ? -1 : SAME_DAY_ORDER[a.kind]) - (b.kind === undefined ? -1 : SAME_DAY_ORDER[b.kind]);
      return kinds !== 0 ? kinds : a.position - b.position;
    })
    .map((e) => e.position);
}

const DATE = /^\d{4}-\d{2}-\d{2}/;

/**
 * What ordering needs of one document: its kind and its own date, read without the
 * schema (the judge validates it after); nothing when the text is not readable or not dated.
 */
export function campaignEntry(position: number, text: string, format?: DocumentFormat): CampaignEntry {
  const parsed = parseDocument(text, format);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return { position };
  const doc = parsed.value as Record<string, unknown>;
  if (typeof doc.kind !== 'string' || !Object.hasOwn(SAME_DAY_ORDER, doc.kind)) return { position };
  const kind = doc.kind as Kind;
  try {
    const date = documentDate(doc as unknown as Submission, TIME_ZONE);
    return typeof date === 'string' && DATE.test(date) ? { position, kind, date: date.slice(0, 10) } : { position, kind };
  } catch {
    // A date missing or malformed (an avenant without its instant of transmission): the schema will say so.
    return { position, kind };
  }
}
