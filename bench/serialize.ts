import fastJson, { type ObjectSchema, type StringSchema } from 'fast-json-stringify';
import { checkSubmission } from '../src/rules/check';
import { rulesVerdictBody } from '../src/http/views';
import type { RuleRegistry } from '../src/rules/registry';
import type { Submission } from '../src/domain/submission';
import { validateSubmission } from '../src/validation/validator';

/**
 * The answer of POST /api/check written by JSON.stringify (what the service does) and by a
 * serialiser built from its schema (fast-json-stringify), on the verdicts of a campaign: the
 * issue named the latter as a lever; measured here, every run, so that the choice stays checked.
 */

const text: StringSchema = { type: 'string' };

const verdictSchema: ObjectSchema = {
  type: 'object',
  properties: {
    status: text,
    verdict: text,
    stage: text,
    dossier: { type: 'object', properties: { siret: text, url: text }, required: ['siret', 'url'], additionalProperties: false },
    ruleSet: {
      type: 'object',
      nullable: true,
      properties: { schoolYear: text, status: text, version: text },
      required: ['schoolYear', 'status', 'version'],
      additionalProperties: false,
    },
    findings: {
      type: 'array',
      items: {
        type: 'object',
        properties: { rule: text, article: text, outcome: text, severity: text, message: text, facts: { type: 'object', additionalProperties: true } },
        required: ['rule', 'article', 'outcome', 'severity', 'message', 'facts'],
        additionalProperties: false,
      },
    },
  },
  required: ['status', 'verdict', 'stage', 'dossier', 'ruleSet', 'findings'],
  additionalProperties: false,
};

export interface SerializeResult {
  verdicts: number;
  /** µs per verdict, best of the passes. */
  jsonStringify: number;
  fastJsonStringify: number;
  /** Whether both wrote the same bytes for every verdict. */
  sameBytes: boolean;
  meanBytes: number;
}

export async function measureSerialize(texts: readonly string[], registry: RuleRegistry, rounds = 3): Promise<SerializeResult> {
  const bodies: unknown[] = [];
  const histories = new Map<string, Submission[]>();
  for (const t of texts) {
    const v = validateSubmission(JSON.parse(t));
    if (!v.ok) continue;
    const history = histories.get(v.submission.party.siret) ?? [];
    histories.set(v.submission.party.siret, history);
    const result = await checkSubmission(v.submission, history, registry);
    if (result.stage !== 'rules') continue;
    if (result.status === 'accepted') history.push(v.submission);
    bodies.push(rulesVerdictBody(result, v.submission.party.siret));
  }
  const schemaDriven = fastJson(verdictSchema);
  let sameBytes = true;
  let bytes = 0;
  for (const b of bodies) {
    const s = JSON.stringify(b);
    bytes += s.length;
    if (schemaDriven(b) !== s) sameBytes = false;
  }
  let native = Infinity;
  let fjs = Infinity;
  for (let round = 0; round < rounds; round++) {
    let t = performance.now();
    for (const b of bodies) JSON.stringify(b);
    native = Math.min(native, performance.now() - t);
    t = performance.now();
    for (const b of bodies) schemaDriven(b);
    fjs = Math.min(fjs, performance.now() - t);
  }
  const perVerdict = (ms: number) => Math.round((ms * 1000 * 10) / bodies.length) / 10;
  return {
    verdicts: bodies.length,
    jsonStringify: perVerdict(native),
    fastJsonStringify: perVerdict(fjs),
    sameBytes,
    meanBytes: Math.round(bytes / bodies.length),
  };
}
