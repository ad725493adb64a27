import Handlebars from 'handlebars';
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
 * The templates of the reports and the pages, compiled once, when this module is first loaded, on
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

const hb = Handlebars.create();

// strict: a misspelt field throws instead of printing nothing; preventIndent: partials do not
// re-indent the content of <pre> and <textarea>.
const OPTIONS: PrecompileOptions = { strict: true, preventIndent: true };

const text = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));

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

function precompiled(path: string): HandlebarsTemplateDelegate {
  const spec = hb.precompile(readFileSync(path, 'utf8'), OPTIONS) as string;
  // What `hb.compile` does lazily on first use, done now: the spec is Handlebars's own output.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the spec is Handlebars's own output for our own templates
  return hb.template((new Function(`return ${spec};`) as () => Parameters<typeof hb.template>[0])());
}

function hbsFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.hbs'))
    .sort()
    .map((n) => join(dir, n));
}

for (const path of hbsFiles(join(TEMPLATES_DIR, 'partials'))) hb.registerPartial(basename(path, '.hbs'), precompiled(path));

const TEMPLATES = new Map<string, HandlebarsTemplateDelegate>();
for (const path of hbsFiles(TEMPLATES_DIR)) TEMPLATES.set(basename(path, '.hbs'), precompiled(path));
for (const path of hbsFiles(join(TEMPLATES_DIR, 'pages'))) TEMPLATES.set(`pages/${basename(path, '.hbs')}`, precompiled(path));

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
  const partial = hb.partials[name] as HandlebarsTemplateDelegate | undefined;
  if (typeof partial !== 'function') throw new Error(`templates: no partial « ${name} » under ${join(TEMPLATES_DIR, 'partials')}`);
  return partial(view);
}
