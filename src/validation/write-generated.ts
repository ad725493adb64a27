import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedSource } from './precompiled';
import { submissionValidatorSet } from './validator';
import { ruleSchemasValidatorSet } from '../rules/rule-schemas';

/**
 * `npm run build`, last step: writes the validators' JavaScript beside this module (in `dist/`),
 * so that the service loads them instead of compiling the schemas at every start.
 */
for (const [name, set] of [
  ['submission-schemas', submissionValidatorSet()],
  ['rule-schemas', ruleSchemasValidatorSet()],
] as const) {
  writeFileSync(join(__dirname, `${name}.generated.js`), generatedSource(set));
}
