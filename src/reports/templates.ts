import type Handlebars from 'handlebars';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { PROJECT_ROOT } from '../config';
import type { Outcome, Severity } from '../domain/finding';
import type { Kind } from '../domain/submission';
import { countOf, formatDate, formatEuros, formatInstant } from '../wording/format';
import { KIND_NAMES, OUTCOME_WORDS, SEVERITY_WORDS } from '../wording/labels';
import type { VerdictCode } from '../domain/verdict';
import { OUTCOME_BADGES, VERDICT_LOOKS } from './badges';

/**
 * The templates of the reports and the pages, compiled once (at build time, see below), on
 * a Handlebars instance of their own (helpers and partials registered here do not leak into the
 * global Handlebars that other modules may use). A template that does not compile fails the
 * start-up, not the first request that needs it.
 *
 * Layout of `reports/`: `*.hbs` are documents (a report), `pages/*.hbs` the web pages,
 * `partials/*.hbs` the pieces they share, registered under their file name. Sub-folders other than
 * these two (`reports/batch/`) belong to other modules.
 *
 * Safety: every `{{value}}` is HTML-escaped by Handlebars; no template uses `{{{ }}}`, and the
 * helpers return plain strings, never `SafeString`, so that nothing a submission contains can
 * become markup. The test suite checks both.
 */

export const TEMPLATES_DIR = join(PROJECT_ROOT, 'reports');

// strict: a misspelt field throws instead of printing nothing; preventIndent: partials do not
// re-indent the content of <pre> and <textarea>.
// Frozen, and copied for each compilation: Handlebars writes its defaults into the options it is
// given, which would change the hash below between the build and the start.
const OPTIONS: Readonly<PrecompileOptions> = Object.freeze({ strict: true, preventIndent: true });

function hbsFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.hbs'))
    .sort()
    .map((n) => join(dir, n));
}

/** Every template by name (`partials/finding`, `report`, `pages/home`…) with its text. */
export function templateSources(dir: string = TEMPLATES_DIR): Array<{ name: string; text: string }> {
  return [
    ...hbsFiles(join(dir, 'partials')).map((p) => ({ name: `partials/${basename(p, '.hbs')}`, text: readFileSync(p, 'utf8') })),
    ...hbsFiles(dir).map((p) => ({ name: basename(p, '.hbs'), text: readFileSync(p, 'utf8') })),
    ...hbsFiles(join(dir, 'pages')).map((p) => ({ name: `pages/${basename(p, '.hbs')}`, text: readFileSync(p, 'utf8') })),
  ];
}

/** What a compiled template depends on: its text, the options, the compiler's version. */
export function templatesHash(sources: ReadonlyArray<{ name: string; text: string }>, version: string): string {
  return createHash('sha256')
    .update(JSON.stringify([version, OPTIONS, sources]))
    .digest('hex');
}

/**
 * Templates compiled at build time, as the validators are (src/validation/precompiled.ts):
 * compiling them cost a good part of the start-up, every start. `npm run build` writes
 * Handlebars's output for each (`dist/src/reports/templates.generated.js`) with a hash of what
 * it was made from; a file made from other texts (a template edited without a build) is
 * ignored and the templates are compiled here as before, which is also what the tests, run from
 * the sources, do. Only then is Handlebars's compiler loaded: the runtime alone runs the others.
 */
/** Handlebars with its compiler: loaded only to compile, its parser being most of its weight. */
function withCompiler(): typeof Handlebars {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, which an import cannot be
  return require('handlebars') as typeof Handlebars;
}

export function generatedTemplatesSource(sources: ReadonlyArray<{ name: string; text: string }>): string {
  const compiler = withCompiler().create();
  const specs = sources.map(({ name, text }) => `  ${JSON.stringify(name)}: ${compiler.precompile(text, { ...OPTIONS }) as string},`);
  return `exports.templatesHash = ${JSON.stringify(templatesHash(sources, compiler.VERSION))};
exports.specs = {
${specs.join('\n')}
};
`;
}

type Spec = TemplateSpecification;

function generatedSpecs(sources: ReadonlyArray<{ name: string; text: string }>, version: string): Record<string, Spec> | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a file the build writes, absent from the sources
    const generated = require('./templates.generated.js') as { templatesHash?: string; specs?: Record<string, Spec> };
    if (generated.templatesHash === templatesHash(sources, version) && generated.specs) return generated.specs;
  } catch {
    // No generated file: running from the sources.
  }
  return undefined;
}

const text = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));

/** The documents and pages by name (`report`, `pages/home`), and the partials they share (`chart`). */
export interface Templates {
  templates: Map<string, HandlebarsTemplateDelegate>;
  partials: Map<string, HandlebarsTemplateDelegate>;
}

/**
 * The templates on an environment of their own: from `specs` (compiled at build time) when given,
 * which needs Handlebars's runtime only; otherwise compiled from their texts now.
 */
export function createTemplates(sources: ReadonlyArray<{ name: string; text: string }>, specs?: Record<string, Spec>): Templates {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the runtime alone, loaded only when it is enough
  const hb = specs ? (require('handlebars/runtime') as typeof Handlebars).create() : withCompiler().create();
  // Helper names carry a hyphen so that none can shadow a field of a view: `{{outcome}}` is always
  // the field, `{{outcome-word outcome}}` the helper.
  hb.registerHelper('date-fr', (v: unknown) => (typeof v === 'string' ? formatDate(v) : text(v)));
  hb.registerHelper('instant-fr', (v: unknown) => (typeof v === 'string' ? formatInstant(v) : text(v)));
  hb.registerHelper('euros-fr', (v: unknown) => (typeof v === 'number' ? formatEuros(v) : text(v)));
  hb.registerHelper('outcome-word', (v: Outcome) => OUTCOME_WORDS[v] ?? text(v));
  hb.registerHelper('severity-word', (v: Severity) => SEVERITY_WORDS[v] ?? text(v));
  hb.registerHelper('kind-word', (v: Kind) => KIND_NAMES[v] ?? text(v));
  /** `{{verdict-badge code}}` → `fr-badge--success`: the DSFR badge of a verdict (badges.ts). */
  hb.registerHelper('verdict-badge', (v: VerdictCode) => VERDICT_LOOKS[v]?.badge ?? '');
  hb.registerHelper('outcome-badge', (v: Outcome) => OUTCOME_BADGES[v] ?? '');
  hb.registerHelper('is-equal', (a: unknown, b: unknown) => a === b);
  /**
   * `{{count-of n "école" "écoles"}}` → « 0 école », « 1 école », « 3 écoles » (French: singular up to 1);
   * `{{count-of n "bloquante" "bloquantes" "aucune bloquante"}}` says zero in words.
   */
  hb.registerHelper('count-of', (n: number, one: string, many: string, ...rest: unknown[]) =>
    // Handlebars passes its options last: a fourth word is there only when the template gives one.
    countOf(n, one, many, typeof rest[0] === 'string' ? rest[0] : undefined),
  );

  const templates = new Map<string, HandlebarsTemplateDelegate>();
  const partials = new Map<string, HandlebarsTemplateDelegate>();
  for (const { name, text: source } of sources) {
    let template: HandlebarsTemplateDelegate;
    if (specs) {
      if (!specs[name]) throw new Error(`templates: « ${name} » absent des modèles compilés à la construction`);
      template = hb.template(specs[name]);
    } else {
      const spec = hb.precompile(source, { ...OPTIONS }) as string;
      // What `hb.compile` does lazily on first use, done now: the spec is Handlebars's own output.
      // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the spec is Handlebars's own output for our own templates
      template = hb.template((new Function(`return ${spec};`) as () => Spec)());
    }
    if (name.startsWith('partials/')) {
      hb.registerPartial(name.slice('partials/'.length), template);
      partials.set(name.slice('partials/'.length), template);
    } else templates.set(name, template);
  }
  return { templates, partials };
}

const SOURCES = templateSources();
// The runtime's version is the compiler's: one package.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the runtime alone, as above
const RUNTIME_VERSION = (require('handlebars/runtime') as typeof Handlebars).VERSION;
const { templates: TEMPLATES, partials: PARTIALS } = createTemplates(SOURCES, generatedSpecs(SOURCES, RUNTIME_VERSION));

/** Renders the template `name` (`report`, `pages/home`, …) with `view`. */
export function renderTemplate(name: string, view: object): string {
  const template = TEMPLATES.get(name);
  if (!template) throw new Error(`templates: no template « ${name} » under ${TEMPLATES_DIR}`);
  return template(view);
}

export function templateNames(): string[] {
  return [...TEMPLATES.keys()];
}

/** Renders the partial `name` alone with `view` as its context: a piece several pages share (a figure), tested on its own. */
export function renderPartial(name: string, view: object): string {
  const partial = PARTIALS.get(name);
  if (!partial) throw new Error(`templates: no partial « ${name} » under ${join(TEMPLATES_DIR, 'partials')}`);
  return partial(view);
}
