import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { ajvOptions, loadValidators, type ValidatorSet } from '../validation/precompiled';
import localizeFr from 'ajv-i18n/localize/fr';
import rulesetSchema from '../../schemas/rules/ruleset.schema.json';
import ruleFileSchema from '../../schemas/rules/rule-file.schema.json';
import ruleTestsSchema from '../../schemas/rules/rule-tests.schema.json';

/**
 * The schemas of the files the legal staff write (rule sets, rule files, rule tests), compiled once.
 * Submissions have their own validator; these files are another audience with other errors.
 */
const SCHEMAS = [rulesetSchema, ruleFileSchema, ruleTestsSchema];

/** Compiled at build time into `rule-schemas.generated.js`, or at load from the sources. */
export function ruleSchemasValidatorSet(): ValidatorSet {
  const ajv = new Ajv2020(ajvOptions({ strict: true, allErrors: true, allowUnionTypes: true }));
  for (const s of SCHEMAS) ajv.addSchema(s);
  return { ajv, refs: { ruleset: rulesetSchema.$id, ruleFile: ruleFileSchema.$id, ruleTests: ruleTestsSchema.$id }, schemas: SCHEMAS };
}

const validators = loadValidators('rule-schemas', SCHEMAS, ruleSchemasValidatorSet);
export const validateRuleSetFile = validators.ruleset;
export const validateRuleFile = validators.ruleFile;
export const validateRuleTestsFile = validators.ruleTests;

export interface PointedError {
  pointer: string;
  message: string;
}

/** Ajv's errors in French, with the key at fault named, less the noise of if/then/else branches. */
export function schemaErrors(validate: ValidateFunction, value: unknown): PointedError[] {
  if (validate(value)) return [];
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if');
  localizeFr(errors);
  const out: PointedError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const item = describe(e);
    const key = `${item.pointer}|${item.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(item);
    }
  }
  return out;
}

function describe(e: ErrorObject): PointedError {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return { pointer: `${e.instancePath}/${String(p.additionalProperty)}`, message: `clé inconnue « ${String(p.additionalProperty)} »` };
    case 'required':
      return { pointer: e.instancePath, message: `clé obligatoire manquante : « ${String(p.missingProperty)} »` };
    case 'enum':
      return {
        pointer: e.instancePath,
        message: `valeur non autorisée ; valeurs possibles : ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    default:
      return { pointer: e.instancePath, message: e.message ?? e.keyword };
  }
}
