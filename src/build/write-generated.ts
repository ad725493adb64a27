import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedSource } from '../validation/precompiled';
import { submissionValidatorSet } from '../validation/validator';
import { ruleSchemasValidatorSet } from '../rules/rule-schemas';
import { generatedTemplatesSource, templateSources } from '../reports/templates';

/**
 * `npm run build`, last step: writes the validators' JavaScript beside the validation modules (in
 * `dist/src/validation/`, where `loadValidators` looks), and the report and page templates'
 * beside theirs (`dist/src/reports/`), so that the service loads them instead of compiling the
 * schemas and the templates at every start. A build step of its own, above both the validation and the
 * rules, so that neither has to import the other to list every schema.
 */
for (const [name, set] of [
  ['submission-schemas', submissionValidatorSet()],
  ['rule-schemas', ruleSchemasValidatorSet()],
] as const) {
  writeFileSync(join(__dirname, '..', 'validation', `${name}.generated.js`), generatedSource(set));
}
writeFileSync(join(__dirname, '..', 'reports', 'templates.generated.js'), generatedTemplatesSource(templateSources()));
