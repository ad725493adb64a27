import type { CheckResult } from '../domain/finding';
import { mainFinding, verdictOfFindings, type VerdictCode } from '../domain/verdict';
import { VERDICT_WORDS } from '../wording/labels';
import { verdictNote } from '../wording/verdict';
import { countOf } from '../wording/format';

/**
 * The verdict in words (domain/verdict.ts decides it). "Conforme": accepted, nothing failed and
 * nothing left to a person; "Conforme avec réserves": accepted, but a rule of severity warning
 * failed; "À examiner": accepted, but some clause gives a case the text does not settle;
 * "Non conforme": rejected.
 */

export interface Verdict {
  code: VerdictCode;
  word: string;
  /** One French sentence: why. */
  explanation: string;
  /** The finding that explains it, in one line with its article, as the lists show it; null for « Conforme ». */
  note: string | null;
}

export function verdictOf(result: CheckResult): Verdict {
  const code = verdictOfFindings(result);
  const word = VERDICT_WORDS[code];
  if (result.stage === 'schema') {
    return {
      code,
      word,
      note: null,
      explanation: `La pièce ne respecte pas le format d’échange (${countOf(result.errors.length, 'erreur', 'erreurs')}) : aucune règle n’a été appliquée.`,
    };
  }
  const findings = result.findings;
  const note = verdictNote(code, mainFinding(code, findings));
  const blocking = findings.filter((f) => f.outcome === 'fail' && f.severity === 'error').length;
  const warnings = findings.filter((f) => f.outcome === 'fail' && f.severity === 'warning').length;
  const reviews = findings.filter((f) => f.outcome === 'review').length;
  const infos = findings.filter((f) => f.outcome === 'fail' && f.severity === 'info').length;
  const notes = warnings ? ` ; ${countOf(warnings, 'avertissement', 'avertissements')} à lire` : '';
  switch (code) {
    case 'non_conforme':
      return {
        code,
        word,
        note,
        explanation: blocking
          ? `${countOf(blocking, 'clause bloquante n’est pas respectée', 'clauses bloquantes ne sont pas respectées')} : la pièce est rejetée${notes}.`
          : 'La pièce est rejetée.',
      };
    case 'a_examiner':
      return {
        code,
        word,
        note,
        explanation: `Aucune clause bloquante n’est enfreinte, mais ${countOf(reviews, 'constat relève', 'constats relèvent')} d’un examen manuel : la convention ne règle pas le cas${notes}.`,
      };
    case 'conforme_avec_reserves':
      return {
        code,
        word,
        note,
        explanation: `Toutes les clauses bloquantes contrôlées sont respectées et la pièce est acceptée, mais ${countOf(warnings, 'avertissement porte', 'avertissements portent')} une réserve à lire : ${note}.`,
      };
    case 'conforme':
      return {
        code,
        word,
        note,
        explanation: infos
          ? `Toutes les clauses contrôlées sont respectées, sans réserve ; ${countOf(infos, 'information', 'informations')} à lire.`
          : 'Toutes les clauses contrôlées sont respectées, sans réserve.',
      };
  }
}
