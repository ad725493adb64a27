import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { loadRuleSet, ruleSetDirs } from '../../src/rules/load';
import { compileMessage, placeholders } from '../../src/rules/message';
import { mergeDocument } from '../../src/rules/rule-tests';
import { computeFacts, FACTS } from '../../src/contract/facts';
import { VALUE_WORDS } from '../../src/wording/labels';
import type { Kind, Submission } from '../../src/domain/submission';
import type { RuleSet } from '../../src/rules/model';

/**
 * Every message of every rule of every rule set, rendered with example values — the facts of a
 * real document of each kind, then each code a coded fact can take — reads as French: no
 * placeholder left in braces, no code of the interchange format (`academie`, `per_commune`,
 * `registered_letter`, `school_list`) where a lawyer expects words.
 */

const ROOT = join(__dirname, '../..');
const DIRS = [...ruleSetDirs(join(ROOT, 'rules')), join(ROOT, 'test/fixtures/rules/multi-year')];

const docs = parse(readFileSync(join(ROOT, 'rules/2020-2021/tests/documents.yaml'), 'utf8')).documents as Record<string, unknown>;
function doc(name: string, changes: unknown = {}): Submission {
  const base = docs[name] as { from?: string; with?: unknown };
  const resolved = base.from ? mergeDocument(doc(base.from), base.with) : base;
  return mergeDocument(resolved, changes) as Submission;
}

/** A document of each kind, in a dossier where its rules have something to say. */
const SAMPLES: Record<Kind, Array<{ submission: Submission; history: Submission[] }>> = {
  convention: [
    { submission: doc('convention-3-ecoles'), history: [] },
    { submission: doc('convention-rpi'), history: [] },
  ],
  amendment: [{ submission: doc('avenant-4-ecoles', { transmittedAt: '2020-10-16T09:00:00+02:00' }), history: [doc('convention-3-ecoles')] }],
  termination: [{ submission: doc('resiliation-plein-droit'), history: [doc('convention-3-ecoles'), doc('mise-en-demeure'), doc('conciliation-echec')] }],
  formal_notice: [{ submission: doc('mise-en-demeure'), history: [doc('convention-3-ecoles')] }],
  conciliation: [{ submission: doc('conciliation-echec'), history: [doc('convention-3-ecoles'), doc('mise-en-demeure')] }],
  invoice: [{ submission: doc('titre-2020-2021'), history: [doc('convention-3-ecoles')] }],
};

/**
 * The codes of the interchange format and of the facts, except those that are French words
 * already (« commune », « convention ») and the numbers of articles (a basis of dues `6.3`).
 */
function rawCodes(): string[] {
  const codes = new Set<string>(['in_force', 'draft']);
  const words = new Set<string>();
  for (const [name, def] of Object.entries(FACTS)) {
    for (const code of def.values ?? []) (VALUE_WORDS[name]?.[code] === code ? words : codes).add(code);
  }
  return [...codes].filter((c) => !words.has(c) && !/^\d/.test(c));
}

const RAW = rawCodes();
const RAW_PATTERN = new RegExp(`(?<![\\p{L}\\p{N}_])(${RAW.join('|')})(?![\\p{L}\\p{N}_])`, 'u');

/** A rule's identifier (« voir la règle 10.resiliation-apres-echec ») is a reference, not a value. */
const RULE_ID = /\b(?:preambule|annexe-\d+|\d+(?:\.\d+)*)\.[a-z0-9-]+[a-z0-9]/g;

/** What is wrong with a rendered message, if anything. */
function problems(text: string): string[] {
  const out: string[] = [];
  const brace = /\{[^}]*\}/.exec(text);
  if (brace) out.push(`accolades non remplacées « ${brace[0]} »`);
  const raw = RAW_PATTERN.exec(text.replace(RULE_ID, ''));
  if (raw) out.push(`code brut « ${raw[1]} »`);
  return out;
}

function renderings(ruleSet: RuleSet): Array<{ where: string; text: string }> {
  const params = ruleSet.params as unknown as Record<string, unknown>;
  const out: Array<{ where: string; text: string }> = [];
  for (const rule of ruleSet.rules) {
    for (const kind of rule.kinds) {
      for (const sample of SAMPLES[kind]) {
        const names = Object.keys(FACTS).filter((n) => FACTS[n].kinds.includes(kind));
        const facts = computeFacts(names, { ...sample, params: ruleSet.params });
        const base: Record<string, unknown> = { ...params, ...facts };
        for (const [outcome, template] of Object.entries(rule.message)) {
          if (!template) continue;
          const render = compileMessage(template);
          const where = `${ruleSet.name} ${rule.id} (${outcome}, ${kind})`;
          out.push({ where, text: render(base) });
          for (const ph of placeholders(template)) {
            for (const code of FACTS[ph.name]?.values ?? [])
              out.push({ where: `${where} avec ${ph.name} = ${code}`, text: render({ ...base, [ph.name]: code }) });
          }
        }
      }
    }
  }
  return out;
}

describe('Messages of the rules, in words', () => {
  it('the check itself catches a code and a placeholder left as they are', () => {
    expect(problems('Mise en demeure envoyée par registered_letter.')).toEqual(['code brut « registered_letter »']);
    expect(problems('Paiement per_commune pour {schoolYear}.')).toEqual(['accolades non remplacées « {schoolYear} »', 'code brut « per_commune »']);
    expect(problems('Mise en demeure adressée par l’académie, en paiement par chaque commune.')).toEqual([]);
    expect(problems('La partie est un RPI : voir la règle preambule.signataire-du-rpi.')).toEqual([]);
  });

  it('every code a fact can take has its words', () => {
    const missing = Object.entries(FACTS).flatMap(([name, def]) =>
      (def.values ?? []).filter((code) => VALUE_WORDS[name]?.[code] === undefined).map((code) => `${name} = ${code}`),
    );
    expect(missing).toEqual([]);
  });

  describe.each(DIRS.map((d) => [d.slice(ROOT.length + 1), d]))('rule set %s', (_name, dir) => {
    const load = loadRuleSet(dir);
    it('renders every message of every rule, with each code of its coded values, in words', () => {
      if (!load.ok) throw new Error(`${dir} does not lint`);
      const rendered = renderings(load.ruleSet);
      expect(rendered.length).toBeGreaterThan(load.ruleSet.rules.length);
      const bad = rendered.flatMap((r) => problems(r.text).map((p) => `${r.where} : ${p} — ${r.text}`));
      expect(bad).toEqual([]);
    });
  });
});
