import { randomUUID } from 'node:crypto';
import { sha256Hex } from '../../src/documents/hash';
import { verdictSummary } from '../../src/domain/verdict';
import { documentDate } from '../../src/contract/document-date';
import { renderStoredReport } from '../../src/reports/stored-report';
import type { NewSubmission } from '../../src/store/types';

/**
 * What the dossier service hands the store for a judged submission, made by hand for the store's
 * own tests: an id, the instant it is stored, its fingerprint and its report, rendered as the
 * service renders it.
 */
export function storable(input: Omit<NewSubmission, 'id' | 'storedAt' | 'sha256' | 'reportHtml'>, storedAt = '2020-09-21T08:00:00.000Z'): NewSubmission {
  const id = randomUUID();
  const sha256 = sha256Hex(input.rawText);
  const submission = {
    ...input,
    id,
    sha256,
    stage: 'rules' as const,
    withdrawal: null,
    chain: null,
    ...verdictSummary(input.status, input.findings),
    documentDate: documentDate(input.document, 'Europe/Paris'),
    ruleSet: input.ruleSet && { schoolYear: input.ruleSet.schoolYear, status: input.ruleSet.status, version: input.ruleSet.version },
  };
  return { ...input, id, storedAt, sha256, reportHtml: renderStoredReport({ submission, ruleSet: input.ruleSet, storedAt }) };
}
