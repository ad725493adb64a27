import type { ImpactReport } from '../service/impact';
import { VERDICT_CODES, type VerdictCode } from '../domain/verdict';
import { articleLabel, countOf, formatDuration, formatEuros, formatInstant, formatInteger } from '../wording/format';
import { KIND_NAMES, OUTCOME_WORDS, RULESET_STATUS_WORDS, VERDICT_WORDS } from '../wording/labels';
import { renderTemplate } from '../reports/templates';
import { pageMeta, PAGE_LINKS } from './page';

/**
 * `rules impact YEAR` and the page /regles/YEAR/impact, worded once for both: the verdicts before
 * → after, each submission whose verdict or findings change with the rules that flipped, and what
 * each dossier owes before → after.
 */

export interface ImpactView {
  schoolYear: string;
  years: string;
  target: { version: string; statusWord: string; draft: boolean; url: string };
  before: { version: string; statusWord: string; same: boolean } | null;
  submissions: string;
  dossiers: string;
  duration: string;
  nothing: boolean;
  verdicts: Array<{ code: VerdictCode; word: string; before: string; after: string }>;
  changed: Array<{
    id: string;
    reportUrl: string;
    dossierUrl: string;
    siret: string;
    partyName: string;
    kind: string;
    receivedAt: string;
    from: { code: VerdictCode; word: string };
    to: { code: VerdictCode; word: string };
    rules: Array<{ rule: string; article: string; from: string; to: string }>;
  }>;
  dues: Array<{ siret: string; name: string; dossierUrl: string; from: string; to: string }>;
}

const ABSENT = '—';

const verdict = (code: VerdictCode) => ({ code, word: VERDICT_WORDS[code] });

export function impactView(r: ImpactReport): ImpactView {
  return {
    schoolYear: r.schoolYear,
    years: r.years.join(', '),
    target: {
      version: r.target.version,
      statusWord: RULESET_STATUS_WORDS[r.target.status],
      draft: r.target.status === 'draft',
      url: PAGE_LINKS.ruleSet(r.schoolYear),
    },
    before: r.before && { version: r.before.version, statusWord: RULESET_STATUS_WORDS[r.before.status], same: r.before.version === r.target.version },
    submissions: countOf(r.submissions, 'pièce', 'pièces'),
    dossiers: countOf(r.dossiers, 'dossier', 'dossiers'),
    duration: formatDuration(r.durationMs),
    nothing: r.changed.length === 0 && r.dues.length === 0,
    verdicts: VERDICT_CODES.map((code) => ({
      code,
      word: VERDICT_WORDS[code],
      before: formatInteger(r.verdicts.before[code]),
      after: formatInteger(r.verdicts.after[code]),
    })),
    changed: r.changed.map((c) => ({
      id: c.id,
      reportUrl: PAGE_LINKS.report(c.id),
      dossierUrl: PAGE_LINKS.dossier(c.siret),
      siret: c.siret,
      partyName: c.partyName,
      kind: KIND_NAMES[c.kind],
      receivedAt: formatInstant(c.receivedAt),
      from: verdict(c.from),
      to: verdict(c.to),
      rules: c.rules.map((f) => ({
        rule: f.rule,
        article: articleLabel(f.article),
        from: f.from ? OUTCOME_WORDS[f.from] : 'absente',
        to: f.to ? OUTCOME_WORDS[f.to] : 'absente',
      })),
    })),
    dues: r.dues.map((d) => ({
      siret: d.siret,
      name: d.name,
      dossierUrl: PAGE_LINKS.dossier(d.siret),
      from: d.from === null ? ABSENT : formatEuros(d.from),
      to: d.to === null ? ABSENT : formatEuros(d.to),
    })),
  };
}

export function renderImpactText(v: ImpactView): string {
  const out = [
    `Impact des règles ${v.schoolYear} (${v.target.statusWord}, version ${v.target.version}), jugées comme si elles étaient en vigueur`,
    `Pièces de ${v.years} jugées à nouveau : ${v.submissions}, dans ${v.dossiers}, en ${v.duration} ; rien n’est écrit dans la base.`,
    v.before
      ? `Avant : les décisions conservées ; les sommes dues selon les règles qui ont jugé la dernière pièce de l’année (version ${v.before.version}, ${v.before.statusWord}).`
      : `Avant : les décisions conservées ; aucune pièce n’a été jugée par les règles ${v.schoolYear} : les sommes dues le sont selon les règles de la convention de chaque dossier.`,
    '',
    'Verdicts, avant → après :',
    ...v.verdicts.map((x) => `  ${x.word} : ${x.before} → ${x.after}`),
  ];
  if (v.nothing) return `${[...out, '', 'Aucune pièce ne change de verdict ni de constat, aucun dossier ne doit autre chose.'].join('\n')}\n`;
  out.push('', `Pièces dont le verdict ou les constats changent (${v.changed.length}) :`);
  if (!v.changed.length) out.push('  aucune');
  for (const c of v.changed) {
    out.push(`  ${c.id} — ${c.partyName} (${c.siret}), ${c.kind} reçu le ${c.receivedAt} : ${c.from.word} → ${c.to.word}`);
    for (const f of c.rules) out.push(`      ${f.rule} (${f.article.toLowerCase()}) : ${f.from} → ${f.to}`);
  }
  out.push('', `Sommes dues pour ${v.years}, avant → après (${countOf(v.dues.length, 'dossier', 'dossiers')}) :`);
  if (!v.dues.length) out.push('  aucun changement');
  for (const d of v.dues) out.push(`  ${d.name} (${d.siret}) : ${d.from} → ${d.to}`);
  return `${out.join('\n')}\n`;
}

/** The page /regles/YEAR/impact. */
export function renderImpactPage(v: ImpactView): string {
  return renderTemplate('pages/rule-impact', {
    page: pageMeta(`Impact des règles ${v.schoolYear}`, 'regles'),
    ruleSetsUrl: PAGE_LINKS.ruleSets(),
    links: true,
    ...v,
  });
}

/** `rules impact --format html`: the same, as a document of its own. */
export function renderImpactDocument(v: ImpactView): string {
  return renderTemplate('rule-impact', { title: `Impact des règles ${v.schoolYear}`, links: false, ...v });
}
