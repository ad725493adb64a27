import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedSource } from '../validation/precompiled';
import { submissionValidatorSet } from '../validation/validator';
import { ruleSchemasValidatorSet } from '../rules/rule-schemas';

/**
 * `npm run build`, last step: writes the validators' JavaScript beside the validation modules (in
 * `dist/src/validation/`, where `loadValidators` looks), so that the service loads them instead of
 * compiling the schemas at every start. A build step of its own, above both the validation and the
 * rules, so that neither has to import the other to list every schema.
 */
for (const [name, set] of [
  ['submission-schemas', submissionValidatorSet()],
  ['rule-schemas', ruleSchemasValidatorSet()],
] as const) {
  writeFileSync(join(__dirname, '..', 'validation', `${name}.generated.js`), generatedSource(set));
}
