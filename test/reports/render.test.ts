import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Convention } from '../../src/domain/submission';
import { renderReport, renderSchemaReport } from '../../src/reports/render';
import { TEMPLATES_DIR } from '../../src/reports/templates';
import { articleLabel, compareArticleIds } from '../../src/wording/format';
import { checkDocumentText } from '../../src/validation/validator';
import { FACTS } from '../../src/contract/facts';
import { fixture, fixtureText } from '../support/api-fixtures';
import { convention, invoice4, lateAmendment, noticeTermination, reportInput, rules } from './report-inputs';

/** What Handlebars makes of a text: the form in which a quoted clause or a message appears in the page. */
const esc = (s: string) => Handlebars.escapeExpression(s);

/** The text a person sees, tags removed and entities decoded: for sentences that span elements. */
function visibleText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#x3D;/g, '=')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .replace(/ ([,.])/g, '$1');
}

describe('the verdict in words', () => {
  it.each([
    ['a convention that respects every clause', async () => reportInput(convention()), 'Conforme', 'verdict-conforme'],
    ['an invoice for 4 schools when 3 are enrolled', async () => reportInput(invoice4(), [convention()]), 'Non conforme', 'verdict-non_conforme'],
    [
      'a late amendment: accepted, its new school not activated (art. 6.3)',
      async () => reportInput(lateAmendment(), [convention()]),
      'Conforme avec réserves',
      'verdict-conforme_avec_reserves',
    ],
    [
      'a termination whose letter has no date of receipt (the notice cannot be computed)',
      async () => reportInput(noticeTermination(null), [convention()]),
      'À examiner',
      'verdict-a_examiner',
    ],
    ['a submission judged by the draft rules of 2021-2022', async () => reportInput(fixture('convention-2021-2022')), 'Non conforme', 'verdict-non_conforme'],
  ])('%s', async (_case, make, word, cls) => {
    const html = renderReport(await make());
    expect(html).toContain(`<p class="verdict ${cls}" role="status"><span class="verdict-mot">${esc(word)}</span>`);
  });

  it('explains reserves by the main one, the consequence of art. 6.3', async () => {
    const text = visibleText(renderReport(await reportInput(lateAmendment(), [convention()])));
    expect(text).toContain(
      "Conforme avec réserves Toutes les clauses bloquantes contrôlées sont respectées et la pièce est acceptée, mais 2 avertissements portent une réserve à lire : Augmentation de 3 à 4 écoles transmise le 16/10/2020, après le 15/10/2020 : les nouvelles écoles ne seront pas activées et ne bénéficieront pas de l'ENT-école (art. 6.3) ; 1 autre réserve.",
    );
  });

  it('explains a rejection by the number of blocking clauses', async () => {
    const text = visibleText(renderReport(await reportInput(invoice4(), [convention()])));
    expect(text).toContain('2 clauses bloquantes ne sont pas respectées : la pièce est rejetée.');
  });
});

describe('the submission and its dossier', () => {
  it('names the dossier, the kind in French, the school year, the dates at Paris time, the rule set and the hash', async () => {
    const input = await reportInput(lateAmendment(), [convention()], { submissionId: '6f1c2b9e-8a4d-4f2e-9b1a-0c3d5e7f9a1b' });
    const text = visibleText(renderReport(input));
    expect(text).toContain('Dossier Saint-Jean-de-Védas (commune)');
    expect(text).toContain('SIRET 21340270400018');
    expect(text).toContain('Nature de la pièce avenant');
    expect(text).toContain('Année scolaire 2020-2021');
    // 2020-10-15T22:30Z is 16 October at 00:30 in Montpellier.
    expect(text).toContain('Date de la pièce Transmis le 16/10/2020');
    expect(text).toContain('Reçue le 16/10/2020 à 00:30 (heure de Paris)');
    expect(text).toContain('Contrôlée le 16/10/2020 à 09:05 (heure de Paris)');
    expect(text).toContain(`Empreinte SHA-256 ${input.sha256}`);
    expect(text).toContain('pièce n° 6f1c2b9e-8a4d-4f2e-9b1a-0c3d5e7f9a1b, conservée au dossier');
    expect(text).toContain(`année scolaire 2020-2021, en vigueur, version ${input.ruleSet!.version}`);
  });

  it('links a stored report back to its dossier, from its top and from the dossier’s name, but not on paper', async () => {
    const html = renderReport(await reportInput(lateAmendment(), [convention()], { submissionId: '6f1c2b9e-8a4d-4f2e-9b1a-0c3d5e7f9a1b' }));
    expect(html).toContain('<p class="retour-dossier"><a href="/dossiers/21340270400018">Retour au dossier Saint-Jean-de-Védas</a></p>');
    expect(html).toContain('<dt>Dossier</dt><dd><a href="/dossiers/21340270400018">Saint-Jean-de-Védas</a>');
    expect(html).toMatch(/@media print \{[^}]*\.retour-dossier \{ display: none; \}/);
    // Only same-site links, relative: the report stays readable when saved.
    expect(html.match(/href="(?!#)[^"]*"/g)).toEqual(['href="/dossiers/21340270400018"', 'href="/dossiers/21340270400018"']);
  });

  it('links no dossier from a check that kept nothing', async () => {
    const html = renderReport(await reportInput(lateAmendment(), [convention()]));
    expect(html).not.toContain('/dossiers/');
  });

  it.each([
    ['convention', 'convention'],
    ['avenant-4-ecoles', 'avenant'],
    ['resiliation-plein-droit', 'résiliation'],
    ['mise-en-demeure', 'mise en demeure'],
    ['conciliation-echec', 'conciliation'],
    ['titre-2020-2021-3-ecoles', 'titre de perception'],
  ])('calls %s a « %s »', async (name, word) => {
    const doc = name === 'convention' ? convention() : fixture(name);
    const text = visibleText(renderReport(await reportInput(doc, name === 'convention' ? [] : [convention()])));
    expect(text).toContain(`Nature de la pièce ${word}`);
  });

  it('says when a check stored nothing', async () => {
    expect(visibleText(renderReport(await reportInput(convention())))).toContain('contrôle seul : la pièce n’a pas été enregistrée');
  });

  it('shows the draft status of a rule set en projet', async () => {
    const text = visibleText(renderReport(await reportInput(fixture('convention-2021-2022'))));
    expect(text).toContain('année scolaire 2021-2022, en projet');
  });
});

describe('articles, clauses and findings', () => {
  it('has one block per article checked, in the order of the convention, each with the clauses its rules quote', async () => {
    const input = await reportInput(lateAmendment(), [convention()]);
    const html = renderReport(input);
    const articles = [...new Set(input.result.findings.map((f) => f.article))];
    const order = [...articles].sort(compareArticleIds);
    expect(order).toEqual(['preambule', '1', '3', '6', '6.2', '6.3', '8', 'annexe-1']);
    const positions = order.map((id) => html.indexOf(`id="article-${id.replace(/[^A-Za-z0-9_-]+/g, '-')}"`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const f of input.result.findings) {
      const rule = input.ruleSet!.rules.find((r) => r.id === f.rule)!;
      expect(html).toContain(`« ${esc(rule.clause.trim())} »`);
      expect(html).toContain(esc(f.message));
      expect(html).toContain(`id="regle-${f.rule.replace(/[^A-Za-z0-9_-]+/g, '-')}"`);
    }
    expect(html).toContain(esc(articleLabel('6.2')));
    expect(html).toContain('Annexe 1 – Liste des écoles inscrites à l&#x27;ENT-école');
    expect((html.match(/<article class="article"/g) ?? []).length).toBe(articles.length);
  });

  it('gives each finding its outcome in words, and a severity only where it failed', async () => {
    const html = renderReport(await reportInput(lateAmendment(), [convention()]));
    const block = (rule: string) => html.slice(html.indexOf(`id="regle-${rule}"`), html.indexOf('</div>', html.indexOf(`id="regle-${rule}"`)));
    expect(block('6-2-transmis-dans-la-fenetre')).toContain(
      '<span class="fr-badge fr-badge--sm fr-badge--error">non conforme</span><span class="gravite gravite-warning">avertissement</span>',
    );
    expect(block('6-2-avenant-signe-par-le-maire')).toContain('<span class="fr-badge fr-badge--sm fr-badge--success">conforme</span> <code');
    expect(block('8-avenant-du-rpi')).toContain('<span class="fr-badge fr-badge--sm fr-badge--no-icon">sans objet</span>');
    const invoice = renderReport(await reportInput(invoice4(), [convention()]));
    expect(invoice).toContain('<span class="fr-badge fr-badge--sm fr-badge--error">non conforme</span><span class="gravite gravite-error">bloquant</span>');
    const unknownReceipt = renderReport(await reportInput(noticeTermination(null), [convention()]));
    expect(unknownReceipt).toContain('<span class="fr-badge fr-badge--sm fr-badge--warning">à examiner</span> <code');
  });

  it('labels the values compared with the facts’ descriptions and formats them', async () => {
    const text = visibleText(renderReport(await reportInput(invoice4(), [convention()])));
    // Labels are the FACTS table's descriptions, whatever their wording is today.
    expect(text).toContain(`${FACTS.amount.description} 200,00 €`);
    expect(text).toContain(`${FACTS.owedAmount.description} 150,00 €`);
    expect(text).toContain(`${FACTS.conventionSignedOn.description} 20/09/2020`);
    expect(text).toContain(`${FACTS.hasConvention.description} oui`);
    expect(text).toContain('Participation de la commune par école inscrite et par année scolaire (€ TTC par école et par an) paramètre, article 5 50,00 €');
  });

  it('says what was computed: the amount owed, the amendment window', async () => {
    const invoice = visibleText(renderReport(await reportInput(invoice4(), [convention()])));
    expect(invoice).toMatch(
      /Ce qui a été calculé .*Nombre d’écoles dû pour l’année 3 .*Montant dû pour l’année 150,00 € .*Fondement du nombre dû article 7 \(liste de la convention\)/,
    );
    const amendment = visibleText(renderReport(await reportInput(lateAmendment(), [convention()])));
    expect(amendment).toContain('Période de transmission des avenants du 01/09/2020 au 15/10/2020 inclus');
    expect(amendment).toContain('Date de transmission, à Paris 16/10/2020');
  });

  it('computes the end of the notice period of a termination (one civil month after receipt)', async () => {
    const text = visibleText(renderReport(await reportInput(noticeTermination('2021-01-31'), [convention()])));
    expect(text).toContain('Fin du préavis de résiliation 28/02/2021');
    const byRight = visibleText(renderReport(await reportInput(fixture('resiliation-plein-droit'), [convention()])));
    expect(byRight).toContain('Résiliation de plein droit possible à partir du 16/04/2021');
  });

  it('lists the clauses no program checks, each with the reason', async () => {
    const input = await reportInput(convention());
    const html = renderReport(input);
    const unchecked = input.ruleSet!.articles.filter((a) => a.notCheckable);
    expect(unchecked.length).toBeGreaterThan(5);
    expect(html).toContain('Clauses qu’aucun programme ne vérifie');
    for (const a of unchecked) {
      expect(html).toContain(`id="non-verifie-${a.id.replace(/[^A-Za-z0-9_-]+/g, '-')}"`);
      expect(html).toContain(esc(a.notCheckable!));
    }
  });

  it('says so when no rule set exists for the school year', async () => {
    const doc = { ...convention(), schoolYear: '2030-2031' } as Convention;
    const input = await reportInput(doc, [], { ruleSet: null });
    const text = visibleText(renderReport(input));
    expect(text).toContain('Non conforme');
    expect(text).toContain('aucun jeu de règles pour cette année scolaire');
    expect(text).toContain('Jeu de règles de l’année scolaire');
    expect(text).toContain('Aucun jeu de règles pour l’année scolaire 2030-2031');
  });
});

describe('safety: every value from a submission is text', () => {
  const hostile = '<script>alert(1)</script>';
  async function hostileReport(): Promise<string> {
    const doc = convention() as Convention;
    const tampered: Convention = {
      ...doc,
      party: { ...doc.party, name: hostile, inseeCode: '34270' },
      signatory: { name: '"><img src=x onerror=alert(2)>', title: `maire ${hostile}` },
      schools: doc.schools.map((s, i) => (i === 0 ? { ...s, name: hostile, commune: '<b onmouseover=alert(3)>x</b>' } : s)),
    };
    return renderReport(await reportInput(tampered, [], { dossier: { siret: doc.party.siret, name: hostile } }));
  }

  it('shows a name like <script>alert(1)</script> as text', async () => {
    const html = await hostileReport();
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<b /i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('uses no triple-stash in any template: nothing bypasses escaping', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? (e.name === 'batch' ? [] : files(join(dir, e.name))) : e.name.endsWith('.hbs') ? [join(dir, e.name)] : [],
      );
    const templates = files(TEMPLATES_DIR);
    expect(templates.length).toBeGreaterThan(5);
    for (const t of templates) expect(readFileSync(t, 'utf8')).not.toMatch(/\{\{\{|\{\{&/);
  });
});

describe('a self-contained, printable document', () => {
  let html: string;
  beforeAll(async () => {
    html = renderReport(await reportInput(lateAmendment(), [convention()]));
  });

  it('is French HTML with one h1', () => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="fr">/);
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
  });

  it('loads nothing: no script, no external stylesheet, font, image or link', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toMatch(/<img|<iframe|<object|<embed/i);
    expect(html).not.toMatch(/\ssrc=/i);
    expect(html).not.toMatch(/href="(?!#)/);
    expect(html).not.toMatch(/url\(|@import|@font-face/i);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('prints on A4, keeps each article on one page where it can, and hides the navigation', () => {
    expect(html).toContain('@page { size: A4; margin: 18mm 15mm 20mm; }');
    expect(html).toMatch(/\.article \{[^}]*break-inside: avoid/);
    expect(html).toMatch(/@media print \{[\s\S]*\.evitement \{ display: none !important; \}/);
  });

  it('looks like the pages: the DSFR’s colours, typographic scale and badges, without its font files', () => {
    expect(html).toContain('font-family: Marianne, arial, sans-serif;');
    expect(html).toMatch(/h1 \{ font-size: 2\.5rem; line-height: 3rem; \}/);
    expect(html).toMatch(/h2 \{ font-size: 2rem; line-height: 2\.5rem; \}/);
    expect(html).toContain('a { color: #000091;');
    expect(html).toContain('.fr-badge--error { color: #ce0500; background: #ffe9e9; }');
    expect(html).not.toMatch(/@font-face|woff/);
  });

  it('is the same text for the same input', async () => {
    expect(renderReport(await reportInput(lateAmendment(), [convention()]))).toBe(html);
  });
});

describe('the report of a document refused by the schema', () => {
  it('lists the errors by field, in words and by pointer, with their line', () => {
    const text = fixtureText('convention-invalide.json');
    const check = checkDocumentText(text);
    if (check.ok) throw new Error('the fixture should be invalid');
    const html = renderSchemaReport({
      stage: check.stage,
      errors: check.errors,
      fileName: 'convention-invalide.json',
      kind: 'convention',
      dossier: { siret: '21340270400018', name: 'Saint-Jean-de-Védas' },
      receivedAt: '2020-09-21T08:00:00Z',
      checkedAt: '2020-09-21T08:00:01Z',
      sha256: 'ab'.repeat(32),
    });
    const visible = visibleText(html);
    expect(html).toContain('<span class="verdict-mot">Non conforme</span>');
    expect(visible).toContain('Fichier convention-invalide.json');
    expect(visible).toMatch(/Écoles › n° 1 › UAI \/schools\/0\/uai ligne \d+, colonne \d+/);
    for (const e of check.errors) expect(html).toContain(esc(e.message));
    expect(html).not.toMatch(/<script|https?:\/\//);
    expect(rules().ruleSets.length).toBeGreaterThan(0);
  });
});

describe('the order of the convention', () => {
  it('puts the preamble first, articles by number, annexes last', () => {
    const ids = ['annexe-1', '10', '6.2', 'preambule', '2.1', '6', '2', 'jeu-de-regles', '9', '6.10', '6.3'];
    expect([...ids].sort(compareArticleIds)).toEqual(['jeu-de-regles', 'preambule', '2', '2.1', '6', '6.2', '6.3', '6.10', '9', '10', 'annexe-1']);
  });
});
