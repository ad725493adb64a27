import type { CheckResult } from '../domain/finding';
import { verdictOfFindings, type VerdictCode } from '../domain/verdict';
import { VERDICT_WORDS } from '../wording/labels';
import { countOf } from '../wording/format';

/**
 * The verdict in words. "Conforme": accepted and nothing left to a person; "À examiner": accepted,
 * but some clause gives a case the text does not settle; "Non conforme": rejected.
 */

export interface Verdict {
  code: VerdictCode;
  word: string;
  /** One French sentence: why. */
  explanation: string;
}


export function verdictOf(result: CheckResult): Verdict {
  const code = verdictOfFindings(result);
  const word = VERDICT_WORDS[code];
  if (result.stage === 'schema') {
    return { code, word, explanation: `La pièce ne respecte pas le format d’échange (${countOf(result.errors.length, 'erreur', 'erreurs')}) : aucune règle n’a été appliquée.` };
  }
  const findings = result.findings;
  const blocking = findings.filter((f) => f.outcome === 'fail' && f.severity === 'error').length;
  const warnings = findings.filter((f) => f.outcome === 'fail' && f.severity !== 'error').length;
  const reviews = findings.filter((f) => f.outcome === 'review').length;
  const notes = warnings ? ` ; ${countOf(warnings, 'avertissement', 'avertissements')} à lire` : '';
  switch (code) {
    case 'non_conforme':
      return {
        code,
        word,
        explanation: blocking
          ? `${countOf(blocking, 'clause bloquante n’est pas respectée', 'clauses bloquantes ne sont pas respectées')} : la pièce est rejetée${notes}.`
          : 'La pièce est rejetée.',
      };
    case 'a_examiner':
      return {
        code,
        word,
        explanation: `Aucune clause bloquante n’est enfreinte, mais ${countOf(reviews, 'constat relève', 'constats relèvent')} d’un examen manuel : la convention ne règle pas le cas${notes}.`,
      };
    case 'conforme':
      return { code, word, explanation: `Toutes les clauses bloquantes contrôlées sont respectées${notes}.` };
  }
}
