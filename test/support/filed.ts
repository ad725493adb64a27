import type { Filed, KeyConflict, Refused } from '../../src/service/dossier-service';

/** The answer of `DossierService.submit` when it filed (or found) the document; the test fails with the refusal or the conflict otherwise. */
export function filed(outcome: Filed | KeyConflict | Refused): Filed {
  if (outcome.outcome === 'refused') throw new Error(`pièce refusée : ${outcome.error.message}`);
  if (outcome.outcome === 'key_conflict') throw new Error(`clé ${outcome.key} déjà utilisée pour ${outcome.submissionId}`);
  return outcome;
}
