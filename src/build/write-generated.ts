import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedSource } from '../validation/precompiled';
import { submissionValidatorSet } from '../validation/validator';
import { ruleSchemasValidatorSet } from '../rules/rule-schemas';
import { generatedTemplatesSource, templateSources } from '../reports/templates';
import { defaultRulesDir } from '../config';
import { generatedLintedSource } from '../rules/linted';
import { lintedEntry, ruleSetDirs } from '../rules/load';

/**
 * `npm run build`, last step: writes the validators' JavaScript beside the validation modules (in
 * `dist/src/validation/`, where `loadValidators` looks), the report and page templates'
 * beside theirs (`dist/src/reports/`), and the outcome of linting the rule sets of RULES_DIR
 * (`dist/src/rules/`), so that the service loads them instead of compiling the schemas and the
 * templates, and reading the rules' YAML, at every start. A build step of its own, above both the validation and the
 * rules, so that neither has to import the other to list every schema.
 */
for (const [name, set] of [
  ['submission-schemas', submissionValidatorSet()],
  ['rule-schemas', ruleSchemasValidatorSet()],
] as const) {
  writeFileSync(join(__dirname, '..', 'validation', `${name}.generated.js`), generatedSource(set));
}
writeFileSync(join(__dirname, '..', 'reports', 'templates.generated.js'), generatedTemplatesSource(templateSources()));
// Last: the hash of the compiled code it records is that of the modules as they stay.
writeFileSync(join(__dirname, '..', 'rules', 'linted.generated.js'), generatedLintedSource(ruleSetDirs(defaultRulesDir()).map(lintedEntry)));
