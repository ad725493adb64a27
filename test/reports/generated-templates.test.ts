import { createTemplates, generatedTemplatesSource, renderTemplate, templateNames, templateSources } from '../../src/reports/templates';
import { buildReportView, buildSchemaReportView } from '../../src/reports/view';
import { convention, invoice4, reportInput } from './report-inputs';

/**
 * The templates `npm run build` compiles into dist/ (so that a start does not compile them) render
 * what the templates compiled from their texts render: the server and the tests show the same pages.
 */

function loadGenerated(source: string): { templatesHash: string; specs: Record<string, TemplateSpecification> } {
  const module = { exports: {} as { templatesHash: string; specs: Record<string, TemplateSpecification> } };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- runs the module the build would write, as Node would load it
  new Function('exports', 'module', source)(module.exports, module);
  return module.exports;
}

describe('templates compiled at build time', () => {
  const sources = templateSources();
  const generated = loadGenerated(generatedTemplatesSource(sources));
  const built = createTemplates(sources, generated.specs);

  it('exist for every template, under the same names', () => {
    expect([...built.templates.keys()].sort()).toEqual(templateNames().sort());
    expect(generated.templatesHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('render reports as the templates compiled from their texts', async () => {
    for (const input of [await reportInput(convention()), await reportInput(invoice4(), [convention()])]) {
      const view = buildReportView(input);
      expect(built.templates.get('report')!(view)).toBe(renderTemplate('report', view));
    }
    const schemaView = buildSchemaReportView({
      stage: 'schema',
      errors: [{ path: '/schools/0/uai', message: 'UAI <invalide>', keyword: 'pattern', line: 3, column: 7 }],
      fileName: 'a.json',
      kind: null,
      dossier: null,
      receivedAt: '2020-09-21T08:00:00Z',
      checkedAt: '2020-09-21T08:00:00Z',
      sha256: '0'.repeat(64),
    });
    expect(built.templates.get('schema-report')!(schemaView)).toBe(renderTemplate('schema-report', schemaView));
  });

  it('are refused when made from other texts, so that an edited template is compiled again', () => {
    const edited = sources.map((s) => (s.name === 'report' ? { ...s, text: `${s.text}<!-- modifié -->` } : s));
    expect(loadGenerated(generatedTemplatesSource(edited)).templatesHash).not.toBe(generated.templatesHash);
  });
});
