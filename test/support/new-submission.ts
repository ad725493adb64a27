import { randomUUID } from 'node:crypto';
import { sha256Hex } from '../../src/documents/hash';
import { verdictSummary } from '../../src/domain/verdict';
import { documentDate } from '../../src/contract/document-date';
import { renderStoredReport } from '../../src/reports/stored-report';
import type { NewSubmission } from '../../src/store/types';
import { fixture, fixtureText } from './api-fixtures';

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

/** The fixture `name` (test/fixtures/api) as the store receives it: accepted under a small 2020-2021 rule set, unless `over` says otherwise. */
export function storableFixture(name: string, over: Partial<NewSubmission> = {}): NewSubmission {
  const document = fixture(name);
  return storable({
    siret: document.party.siret,
    partyName: document.party.name,
    kind: document.kind,
    schoolYear: document.schoolYear,
    rawText: fixtureText(`${name}.json`),
    contentType: 'application/json',
    receivedAt: '2020-09-21T08:00:00.000Z',
    status: 'accepted',
    ruleSet: { schoolYear: '2020-2021', status: 'in_force', version: 'v1', files: [{ path: 'ruleset.yaml', text: 'schoolYear: "2020-2021"' }] },
    findings: [],
    document,
    ...over,
  });
}
