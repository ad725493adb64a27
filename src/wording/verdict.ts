import type { MainFinding, VerdictCode } from '../domain/verdict';
import type { IsoDate, Kind } from '../domain/submission';
import { articleShort, formatDate } from './format';
import { DOCUMENT_DATE_WORDS, VERDICT_FINDING_WORDS } from './labels';

/**
 * The one line said beside a verdict wherever it is listed (home page, dossier history, search,
 * batch summary, the CLI): the finding that explains it, shortened, with its article.
 */

/** Longest line kept from a finding's message before it is cut at a word. */
const NOTE_MAX = 160;

/** The message's first clause (up to « ; »), without its final full stop, cut at a word past NOTE_MAX. */
function shorten(message: string): string {
  let text = message.split(' ; ')[0].trim().replace(/\.$/, '');
  if (text.length > NOTE_MAX) {
    const cut = text.lastIndexOf(' ', NOTE_MAX - 1);
    text = `${text.slice(0, cut > NOTE_MAX / 2 ? cut : NOTE_MAX - 1).replace(/[\s,;:]+$/, '')}…`;
  }
  return text;
}

/**
 * « Augmentation de 3 à 4 écoles transmise le 16/10/2020, après le 15/10/2020 : les nouvelles
 * écoles ne seront pas activées et ne bénéficieront pas de l’ENT-école (art. 6.3) ; 1 autre
 * réserve »; null when there is nothing to say (« Conforme »).
 */
export function verdictNote(verdict: VerdictCode, main: MainFinding | null): string | null {
  if (!main) return null;
  const words = VERDICT_FINDING_WORDS[verdict];
  const others = main.others === 0 ? '' : ` ; ${main.others} ${main.others > 1 ? `autres ${words.many}` : `autre ${words.one}`}`;
  return `${shorten(main.finding.message)} (${articleShort(main.finding.article)})${others}`;
}

/** « transmis le 16/10/2020 »: the document's own date with what it is. */
export function documentDateWords(kind: Kind, date: IsoDate): string {
  return `${DOCUMENT_DATE_WORDS[kind]} ${formatDate(date)}`;
}
