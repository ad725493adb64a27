import Handlebars from 'handlebars';
import { renderHomePage, type HomePageData } from '../../src/pages/home';
import { renderDossiersPage } from '../../src/pages/dossiers';
import { renderDossierPage, type DossierPageData } from '../../src/pages/dossier';
import { renderRuleSetPage, renderRuleSetsPage } from '../../src/pages/rule-set';
import { EMPTY_FORM, renderResultPage, renderSchemaErrorsPage, renderSubmitPage } from '../../src/pages/submit';
import { renderErrorPage } from '../../src/pages/error';
import { renderPiecePage, renderWithdrawalPage, type PieceFacts } from '../../src/pages/piece';
import { accountChanges } from '../../src/dossier/withdrawal';
import { dossierAccount } from '../../src/dossier/account';
import type { SubmissionLine } from '../../src/pages/page';
import { mainFinding } from '../../src/domain/verdict';
import { FACTS } from '../../src/contract/facts';
import { checkDocumentText } from '../../src/validation/validator';
import { fixture, fixtureText } from '../support/api-fixtures';
import { convention, invoice4, reportInput, rules } from '../reports/report-inputs';
import { pageProblems } from './accessibility';
import { join } from 'node:path';
import { examplesFrom, ruleExamples, type RuleExamples } from '../../src/rules/examples';
import { readTestFiles } from '../../src/rules/load';
import { countOf } from '../../src/wording/format';
import type { RuleTestRun } from '../../src/rules/rule-tests';

const esc = (s: string) => Handlebars.escapeExpression(s);
const HOSTILE = '<script>alert(1)</script>';

function line(over: Partial<SubmissionLine> = {}): SubmissionLine {
  return {
    id: '6f1c2b9e-8a4d-4f2e-9b1a-0c3d5e7f9a1b',
    siret: '21340270400018',
    partyName: 'Saint-Jean-de-Védas',
    kind: 'convention',
    schoolYear: '2020-2021',
    receivedAt: '2020-09-21T08:00:00.000Z',
    documentDate: '2020-09-20',
    verdict: 'conforme',
    mainFinding: null,
    withdrawal: null,
    ...over,
  };
}

const ID = '00000000-0000-4000-8000-000000000001';
const WITHDRAWN = {
  submissionId: ID,
  withdrawnAt: '2020-10-20T09:30:00Z',
  author: `Service juridique ${HOSTILE}`,
  reason: `Déposé dans le mauvais dossier ${HOSTILE}`,
  tokenId: null,
};

function piece(over: Partial<PieceFacts> = {}): PieceFacts {
  return {
    id: ID,
    siret: '21340270400018',
    dossierName: 'Saint-Jean-de-Védas',
    kind: 'amendment',
    schoolYear: '2020-2021',
    receivedAt: '2020-10-10T08:00:00Z',
    documentDate: '2020-10-10',
    status: 'accepted',
    verdict: 'conforme',
    mainFinding: null,
    withdrawal: null,
    chain: { position: 3, previousSha256: 'a'.repeat(64), sha256: 'b'.repeat(64) },
    ...over,
  };
}

/** What withdrawing the amendment of 4 schools does to a dossier of 3, by the real account. */
function amendmentChanges() {
  const entries = [
    { id: 'c', ruleSet: null, document: convention() },
    { id: ID, ruleSet: null, document: fixture('avenant-4-ecoles') },
  ];
  return accountChanges(dossierAccount(rules(), entries), dossierAccount(rules(), entries.slice(0, 1)));
}

/** The findings of a late avenant of 4 schools (art. 6.2 and 6.3), as the rules word them. */
const LATE_2 = {
  rule: '6.2.transmis-dans-la-fenetre',
  article: '6.2',
  outcome: 'fail' as const,
  severity: 'warning' as const,
  facts: {},
  message: "Transmis le 16/10/2020 (date à Paris), après le 15/10/2020 : avenant tardif, voir l'article 6.3.",
};
const LATE_3 = {
  rule: '6.3.augmentation-tardive',
  article: '6.3',
  outcome: 'fail' as const,
  severity: 'warning' as const,
  facts: {},
  message:
    "Augmentation de 3 à 4 écoles transmise le 16/10/2020, après le 15/10/2020 : les nouvelles écoles ne seront pas activées et ne bénéficieront pas de l'ENT-école ; le titre reste établi pour 3 écoles.",
};
const LATE = line({
  id: '00000000-0000-4000-8000-000000000004',
  kind: 'amendment',
  receivedAt: '2020-10-16T07:00:00.000Z',
  documentDate: '2020-10-16',
  verdict: 'conforme_avec_reserves',
  mainFinding: mainFinding('conforme_avec_reserves', [LATE_2, LATE_3]),
});
const WRONG_AMOUNT = {
  rule: '7.montant',
  article: '7',
  outcome: 'fail' as const,
  severity: 'error' as const,
  facts: {},
  message: 'Montant 200,00 € ≠ 3 écoles × 50,00 € = 150,00 €.',
};

const HOME: HomePageData = {
  ruleSets: [
    { schoolYear: '2020-2021', status: 'in_force', version: '028d53ba38272c3e', title: 'Convention 2020-2021', ruleCount: 49, uncheckedCount: 10 },
    { schoolYear: '2021-2022', status: 'draft', version: '51955824461b5501', title: 'Convention 2021-2022 (projet)', ruleCount: 49, uncheckedCount: 10 },
  ],
  failures: [{ name: '2022-2023', errorCount: 2 }],
  recent: [
    LATE,
    line({
      id: '00000000-0000-4000-8000-000000000003',
      kind: 'invoice',
      documentDate: '2020-11-02',
      verdict: 'non_conforme',
      mainFinding: { finding: WRONG_AMOUNT, others: 0 },
    }),
    line({ id: '00000000-0000-4000-8000-000000000002', kind: 'termination', documentDate: '2021-02-28', verdict: 'a_examiner', mainFinding: null }),
    line({ id: '00000000-0000-4000-8000-000000000001', partyName: HOSTILE }),
  ],
};

const DOSSIER: DossierPageData = {
  siret: '21340270400018',
  name: 'Saint-Jean-de-Védas',
  state: { status: 'in_force', label: 'Convention signée le 20/09/2020, en vigueur' },
  communes: [],
  submissions: [line(), line({ id: '00000000-0000-4000-8000-000000000009', kind: 'amendment', receivedAt: '2020-10-10T08:00:00Z' })],
  years: [
    {
      schoolYear: '2020-2021',
      schoolCount: 4,
      amount: 200,
      explanation: 'liste fixée par avenant transmis dans le délai (article 6.2)',
      schools: [{ uai: '0341301E', type: 'EE', name: HOSTILE, commune: 'Saint-Jean-de-Védas' }],
    },
  ],
};

describe('every page: one h1, headings in order, a label on every field, a skip link, no script, nothing from elsewhere', () => {
  it.each([
    ['home', () => renderHomePage(HOME)],
    ['dossiers', () => renderDossiersPage({ q: 'védas', schoolYear: '2020-2021', items: [], total: 0, page: 1, pageSize: 20 })],
    ['dossier', () => renderDossierPage(DOSSIER)],
    ['rule sets', () => renderRuleSetsPage({ ruleSets: HOME.ruleSets, failures: HOME.failures })],
    ['rule set', () => renderRuleSetPage({ schoolYear: '2020-2021', ruleSet: rules().ruleSets[0], lintErrors: [] })],
    [
      'rule set failing lint',
      () =>
        renderRuleSetPage({ schoolYear: '2022-2023', ruleSet: null, lintErrors: [{ file: 'ruleset.yaml', line: 3, column: 1, message: 'statut inconnu' }] }),
    ],
    ['form', () => renderSubmitPage()],
    ['form with problems', () => renderSubmitPage({ text: '', action: 'deposer', problems: [{ field: 'fichier', message: 'Choisissez un fichier.' }] })],
    ['error', () => renderErrorPage({ status: 404, message: 'Aucun dossier.' })],
  ])('%s', (_name, render) => {
    expect(pageProblems(render())).toEqual([]);
  });

  it.each([
    ['result of a check', async () => renderResultPage({ report: await reportInput(invoice4(), [convention()]), dossierExists: true })],
    [
      'a filed submission',
      async () => renderPiecePage({ piece: piece(), report: await reportInput(convention(), [], { submissionId: ID }), deposit: 'stored', mayWithdraw: true }),
    ],
    [
      'a withdrawn submission',
      async () =>
        renderPiecePage({
          piece: piece({ withdrawal: WITHDRAWN }),
          report: await reportInput(convention(), [], { submissionId: ID }),
          deposit: null,
          mayWithdraw: true,
        }),
    ],
    ['a withdrawal to confirm', () => renderWithdrawalPage({ piece: piece(), changes: amendmentChanges(), judgedWithIt: 1, reason: '', problem: null })],
    [
      'a withdrawal without reason',
      () => renderWithdrawalPage({ piece: piece(), changes: amendmentChanges(), judgedWithIt: 0, reason: '', problem: 'Le motif du retrait est obligatoire.' }),
    ],
    [
      'schema errors',
      async () => {
        const check = checkDocumentText(fixtureText('convention-invalide.json'));
        if (check.ok) throw new Error('invalid fixture expected');
        return renderSchemaErrorsPage(
          {
            stage: check.stage,
            errors: check.errors,
            kind: 'convention',
            dossier: null,
            receivedAt: '2020-09-21T08:00:00Z',
            checkedAt: '2020-09-21T08:00:00Z',
            sha256: 'ab'.repeat(32),
          },
          { text: fixtureText('convention-invalide.json'), action: 'controler', problems: [] },
        );
      },
    ],
  ])('%s', async (_name, render) => {
    expect(pageProblems(await render())).toEqual([]);
  });
});

describe('home page', () => {
  const html = renderHomePage(HOME);

  it('lists the rule sets by school year, newest first, with their status', () => {
    expect(html.indexOf('Année scolaire 2021-2022')).toBeLessThan(html.indexOf('Année scolaire 2020-2021'));
    expect(html).toMatch(
      /Année scolaire 2020-2021<\/a><\/h3>\n<p class="fr-card__desc">Convention 2020-2021<\/p>\n<div class="fr-card__start"><ul class="fr-tags-group"><li><p class="fr-tag">en vigueur<\/p>/,
    );
    expect(html).toMatch(
      /Année scolaire 2021-2022<\/a><\/h3>\n<p class="fr-card__desc">Convention 2021-2022 \(projet\)<\/p>\n<div class="fr-card__start"><ul class="fr-tags-group"><li><p class="fr-tag">en projet<\/p>/,
    );
    expect(html).toContain('href="/regles/2020-2021"');
    expect(html).toContain('<a href="/regles/2022-2023">2022-2023</a> : 2 erreurs');
  });

  it('lists the latest submissions with their verdict in words and links to their reports', () => {
    // A DSFR badge per verdict, each of its own colour.
    expect(html).toContain('<p class="fr-badge fr-badge--sm fr-badge--error">Non conforme</p>');
    expect(html).toContain('<p class="fr-badge fr-badge--sm fr-badge--warning">À examiner</p>');
    expect(html).toContain('<p class="fr-badge fr-badge--sm fr-badge--green-tilleul-verveine">Conforme avec réserves</p>');
    expect(html).toContain('<p class="fr-badge fr-badge--sm fr-badge--success">Conforme</p>');
    expect(html).toContain('href="/reports/00000000-0000-4000-8000-000000000003"');
    expect(html).toContain('href="/reports/00000000-0000-4000-8000-000000000003/download"');
    expect(html).toContain('titre de perception');
  });

  it('says the main reserve in one line beside the verdict: the consequence of art. 6.3, not the referral of art. 6.2', () => {
    expect(html).toContain(
      `Conforme avec réserves</p><br><span class="note-verdict">${esc("Augmentation de 3 à 4 écoles transmise le 16/10/2020, après le 15/10/2020 : les nouvelles écoles ne seront pas activées et ne bénéficieront pas de l'ENT-école (art. 6.3) ; 1 autre réserve")}</span>`,
    );
    expect(html).toContain(`Non conforme</p><br><span class="note-verdict">${esc('Montant 200,00 € ≠ 3 écoles × 50,00 € = 150,00 € (art. 7)')}</span>`);
    expect(html).toContain('<p class="fr-badge fr-badge--sm fr-badge--success">Conforme</p></td>');
  });

  it('gives each document’s own date beside the date it was received', () => {
    expect(html).toContain('<td>transmis le 16/10/2020</td>\n<td>16/10/2020 à 09:00</td>');
    expect(html).toContain('<td>émis le 02/11/2020</td>');
    expect(html).toContain('<td>prenant effet le 28/02/2021</td>');
    expect(html).toContain('<td>signée le 20/09/2020</td>\n<td>21/09/2020 à 10:00</td>');
  });

  it('shows a hostile name as text', () => {
    expect(html).not.toContain(HOSTILE);
    expect(html).toContain(esc(HOSTILE));
  });

  it('marks its entry of the navigation as the current page', () => {
    expect(html).toContain('<a class="fr-nav__link" href="/" aria-current="page">Accueil</a>');
    expect(html).toContain('<a class="fr-nav__link" href="/dossiers">Dossiers</a>');
  });
});

describe('dossiers page', () => {
  it('keeps the search in its field, escaped, and pages with the search in the links', () => {
    const items = [
      {
        siret: '21340270400018',
        name: 'Saint-Jean-de-Védas',
        submissionCount: 2,
        lastReceivedAt: '2020-10-10T08:00:00Z',
        last: line(),
        status: 'in_force' as const,
        stateLabel: 'Convention en vigueur',
        amount: 150,
      },
    ];
    const html = renderDossiersPage({ q: '"><b>x', convention: 'in_force', schoolYear: '2020-2021', items, total: 45, page: 2, pageSize: 20 });
    expect(html).toContain('value="&quot;&gt;&lt;b&gt;x"');
    // Handlebars writes = and & as entities in an attribute; the browser reads them back.
    // The convention's state asked goes with every page's address.
    expect(html).toContain(`href="${esc('/dossiers?q=%22%3E%3Cb%3Ex&convention=in_force')}" rel="prev"`);
    expect(html).toContain(`href="${esc('/dossiers?q=%22%3E%3Cb%3Ex&convention=in_force&page=3')}" rel="next"`);
    expect(html).toContain('<option value="in_force" selected>En vigueur</option>');
    expect(html).toContain(`<title>${esc('Dossiers : « "><b>x », conventions en vigueur, page 2 sur 3')} — Conformité ENT-école</title>`);
    expect(html).toContain('<th scope="col">Dû pour 2020-2021</th>');
    expect(html).toContain('<td class="app-nombre">150,00 €</td>');
    expect(html).toContain('Page 2 sur 3');
    expect(html).toContain('21 à 40 sur 45');
    expect(html).toContain('<a href="/dossiers/21340270400018">Saint-Jean-de-Védas</a>');
  });

  it('shows each dossier’s latest submission: its own date, its date received, its verdict and the main reserve', () => {
    const items = [
      {
        siret: '21340270400018',
        name: 'Saint-Jean-de-Védas',
        submissionCount: 2,
        lastReceivedAt: LATE.receivedAt,
        last: LATE,
        status: 'in_force' as const,
        stateLabel: 'Convention en vigueur',
        amount: 150,
      },
    ];
    const html = renderDossiersPage({ q: '', schoolYear: '2020-2021', items, total: 1, page: 1, pageSize: 20 });
    expect(html).toContain(
      `<a href="/reports/${LATE.id}">Avenant 2020-2021<span class="sr-only"> : rapport</span></a><br>transmis le 16/10/2020, réception le 16/10/2020 à 09:00`,
    );
    expect(html).toContain(
      '<p class="fr-badge fr-badge--sm fr-badge--green-tilleul-verveine">Conforme avec réserves</p> <span class="note-verdict">Augmentation de 3 à 4 écoles',
    );
  });

  it('says when nothing matches, by name or by the convention’s state', () => {
    expect(renderDossiersPage({ q: '', convention: 'terminated', schoolYear: '2020-2021', items: [], total: 0, page: 1, pageSize: 20 })).toContain(
      'Aucun dossier ne correspond à ce critère : conventions résiliées.',
    );
    expect(renderDossiersPage({ q: 'Nulle part', schoolYear: '2020-2021', items: [], total: 0, page: 1, pageSize: 20 })).toContain(
      'Aucun dossier ne correspond à « Nulle part ».',
    );
  });
});

describe('dossier page', () => {
  const html = renderDossierPage(DOSSIER);

  it('shows what is owed each year, and the schools enrolled', () => {
    expect(html).toContain('<dt>Montant dû</dt><dd><span class="montant">200,00 €</span></dd>');
    expect(html).toContain('liste fixée par avenant transmis dans le délai (article 6.2)');
    expect(html).toContain('<td><span class="code">0341301E</span></td><td>école élémentaire</td>');
    expect(html).toContain(esc(HOSTILE));
    expect(html).not.toContain(HOSTILE);
  });

  it('marks a withdrawn submission « retirée le … par … : motif » in its history', () => {
    const withdrawn = renderDossierPage({ ...DOSSIER, submissions: [line({ id: ID, withdrawal: WITHDRAWN })] });
    expect(withdrawn).toContain(
      `<span class="fr-badge fr-badge--sm fr-badge--no-icon">Retirée</span> le 20/10/2020 à 11:30 par ${esc(WITHDRAWN.author)} : ${esc(WITHDRAWN.reason)}`,
    );
    expect(withdrawn).not.toContain(HOSTILE);
    expect(withdrawn).toContain(`<a href="/pieces/${ID}">convention`);
  });

  it('lists the history newest first, with links to the reports', () => {
    expect(html.indexOf('00000000-0000-4000-8000-000000000009')).toBeLessThan(html.indexOf('6f1c2b9e-8a4d-4f2e-9b1a-0c3d5e7f9a1b'));
    expect(html).toContain('href="/reports/6f1c2b9e-8a4d-4f2e-9b1a-0c3d5e7f9a1b/download"');
  });
});

describe('rule set page: what a lawyer reviews before a year opens', () => {
  const ruleSet = rules().ruleSets.find((r) => r.schoolYear === '2020-2021')!;
  const html = renderRuleSetPage({ schoolYear: '2020-2021', ruleSet, lintErrors: [] });

  it('quotes every rule’s clause and gives its conditions in French sentences', () => {
    for (const r of ruleSet.rules) {
      expect(html).toContain(`« ${esc(r.clause.trim())} »`);
      expect(html).toContain(`id="regle-${r.id.replace(/[^A-Za-z0-9_-]+/g, '-')}"`);
    }
    expect(html).toContain(esc(`« ${FACTS.transmittedOn.description} » la date est antérieure ou égale à « ${FACTS.windowEnd.description} »`));
    // A condition written once and named (a guard): its name, then its sentence.
    expect(html).toContain(
      '<dt>S’applique si</dt><dd>' +
        esc('la condition commune « avenant-de-liste-des-ecoles » :') +
        '<ul class="conditions"><li>' +
        esc(`« ${FACTS.reason.description} » est égal à « liste des écoles »`) +
        '\n</li></ul>',
    );
  });

  it('lists the parameters with their descriptions, values and articles', () => {
    expect(html).toMatch(
      /Participation de la commune par école inscrite et par année scolaire<span class="origine"><code>feePerSchool<\/code>[^<]*<\/span><\/th><td>50,00 €/,
    );
    expect(html).toContain('<a href="#article-5">Article 5</a>');
  });

  it('gives the reason of each clause no program checks', () => {
    for (const a of ruleSet.articles.filter((x) => x.notCheckable)) expect(html).toContain(esc(a.notCheckable!));
  });

  it('shows the lint errors of a year whose rules do not load', () => {
    const failed = renderRuleSetPage({
      schoolYear: '2022-2023',
      ruleSet: null,
      lintErrors: [{ file: 'rules/article-7.yaml', line: 12, column: 9, message: 'fait inconnu « montant »' }],
    });
    expect(failed).toContain('<code>rules/article-7.yaml:12:9</code> : fait inconnu « montant »');
    expect(failed).toContain('ce jeu de règles ne juge aucune pièce');
  });

  it('points out an article with neither rule nor reason', () => {
    const gap = renderRuleSetPage({ schoolYear: '2020-2021', ruleSet: { ...ruleSet, rules: ruleSet.rules.filter((r) => r.article !== '9') }, lintErrors: [] });
    expect(gap).toContain('1 article n’a ni règle ni motif de non-vérification');
    expect(gap).toContain('Aucune règle ne contrôle cet article');
  });
});

describe('rule set page: a table of contents, articles that fold, messages as they read', () => {
  const ruleSet = rules().ruleSets.find((r) => r.schoolYear === '2020-2021')!;
  let html: string;
  let examples: RuleExamples;
  beforeAll(async () => {
    examples = await ruleExamples(ruleSet, readTestFiles(join(__dirname, '../../rules/2020-2021')));
    html = renderRuleSetPage({ schoolYear: '2020-2021', ruleSet, lintErrors: [], examples });
  });

  it('opens with a table of contents: the parameters, then every article with its rules counted', () => {
    const toc = /<nav class="sommaire" aria-labelledby="titre-sommaire">([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? '';
    expect(html.indexOf('<nav class="sommaire"')).toBeLessThan(html.indexOf('<h2 id="parametres">'));
    expect(toc).toContain('<li><a href="#parametres">Paramètres</a></li>');
    const counted = (article: string) => countOf(ruleSet.rules.filter((r) => r.article === article).length, 'règle', 'règles');
    expect(toc).toContain(`<li><a href="#article-preambule">Préambule</a> <span class="discret">— ${counted('preambule')}</span></li>`);
    expect(toc).toContain(
      '<li><a href="#article-4">Article 4 — Valorisation financière de l&#x27;ENT premier degré</a> <span class="discret">— non vérifiable</span></li>',
    );
    expect(toc).toContain(
      `<li><a href="#article-6-3">Article 6.3 — Dépassement du délai de transmission de l&#x27;avenant</a> <span class="discret">— ${counted('6.3')}</span></li>`,
    );
    expect(toc.match(/<li>/g)).toHaveLength(ruleSet.articles.length + 1);
  });

  it('lets each article fold, with no script: <details>, its title as <summary>, folded at first', () => {
    expect(html.match(/<details class="article-regles" id="article-[^"]+">\n<summary><h3 id="article-[^"]+-titre">/g)).toHaveLength(ruleSet.articles.length);
    expect(html).not.toMatch(/<details[^>]* open/);
    expect(pageProblems(html)).toEqual([]);
  });

  it('shows every message with values, never a {placeholder}', () => {
    expect(html).not.toMatch(/\{[A-Za-z][A-Za-z0-9]*(\|[^}]*)?\}/);
  });

  it('takes the values from a test case of the rule’s own article, and says which', () => {
    const rule = /<div class="regle" id="regle-6-2-transmis-dans-la-fenetre">[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
    expect(rule).toMatch(
      /<dt>Message si non conforme<\/dt><dd>« Transmis le 16\/10\/2020 \(date à Paris\), après le 15\/10\/2020 : avenant tardif, voir l&#x27;article 6\.3\. »<br><span class="discret">Exemple tiré du cas de test « [^»]+ » \(tests\/article-6\.2\.yaml:\d+\)\.<\/span><\/dd>/,
    );
    expect(rule).toContain('<dt>Message si conforme</dt><dd>« Transmis le ');
  });

  it('describes the varying values of a message no case produces, the year’s parameters by their value', () => {
    const noExamples = renderRuleSetPage({ schoolYear: '2020-2021', ruleSet, lintErrors: [] });
    const rule = /<div class="regle" id="regle-6-2-transmis-dans-la-fenetre">[\s\S]*?<\/div>/.exec(noExamples)?.[0] ?? '';
    expect(rule).toContain(
      esc(
        `« Transmis le ‹ date de transmission de l’avenant, à Paris › (date à Paris), après le ‹ dernier jour de la période de transmission des avenants (reporté au jour ouvré suivant si les règles de l’année le prévoient) › : avenant tardif, voir l'article 6.3. »`,
      ),
    );
    expect(rule).toContain('Aucun cas de test ne produit ce message : les valeurs qui varient sont décrites entre ‹ ›.');
    expect(noExamples).not.toMatch(/\{[A-Za-z][A-Za-z0-9]*(\|[^}]*)?\}/);
    const fee = /<div class="regle" id="regle-5-tarif-du-titre">[\s\S]*?<\/div>/.exec(noExamples)?.[0] ?? '';
    expect(fee).toContain('× 50,00 €');
  });

  it('leaves out the cases that replace the year’s parameters and those that fail', () => {
    const run: RuleTestRun = {
      errors: [],
      cases: [
        {
          file: 'tests/article-5.yaml',
          line: 1,
          name: 'autre tarif',
          ok: true,
          problems: [],
          parametersChanged: true,
          findings: [{ rule: '5.tarif-du-titre', article: '5', outcome: 'pass', severity: 'error', message: 'à 60 €', facts: {} }],
        },
        {
          file: 'tests/article-5.yaml',
          line: 9,
          name: 'en échec',
          ok: false,
          problems: ['x'],
          parametersChanged: false,
          findings: [{ rule: '5.tarif-du-titre', article: '5', outcome: 'pass', severity: 'error', message: 'faux', facts: {} }],
        },
        {
          file: 'tests/article-7.yaml',
          line: 3,
          name: 'ailleurs',
          ok: true,
          problems: [],
          parametersChanged: false,
          findings: [{ rule: '5.tarif-du-titre', article: '5', outcome: 'pass', severity: 'error', message: 'ailleurs', facts: {} }],
        },
        {
          file: 'tests/article-5.yaml',
          line: 20,
          name: 'le sien',
          ok: true,
          problems: [],
          parametersChanged: false,
          findings: [{ rule: '5.tarif-du-titre', article: '5', outcome: 'pass', severity: 'error', message: 'à 50 €', facts: {} }],
        },
      ],
    };
    expect(examplesFrom(run).get('5.tarif-du-titre')).toEqual({
      pass: expect.objectContaining({ message: 'à 50 €', caseName: 'le sien', file: 'tests/article-5.yaml', line: 20 }),
    });
  });
});

describe('the form', () => {
  it('labels the file, the text and each action, and checks « contrôler » by default', () => {
    const html = renderSubmitPage(EMPTY_FORM);
    expect(html).toContain('<form method="post" action="/controle" enctype="multipart/form-data" novalidate>');
    expect(html).toContain('<label class="fr-label" for="fichier">');
    expect(html).toContain('<label class="fr-label" for="texte">');
    expect(html).toMatch(/id="action-controler" name="action" value="controler" checked>/);
    expect(html).toMatch(/id="action-deposer" name="action" value="deposer">/);
  });

  it('lists its problems first, each linked to its field, and keeps the text and the action', () => {
    const html = renderSubmitPage({
      text: '{"kind": "<x>"}',
      action: 'deposer',
      problems: [{ field: 'texte', message: 'Envoyez soit un fichier, soit un texte.' }],
    });
    expect(html).toContain('<li><a href="#texte">Envoyez soit un fichier, soit un texte.</a></li>');
    expect(html).toContain('aria-describedby="texte-aide texte-erreur"');
    expect(html).toContain('>{&quot;kind&quot;: &quot;&lt;x&gt;&quot;}</textarea>');
    expect(html).toMatch(/value="deposer" checked>/);
  });
});

describe('result page', () => {
  it('after a check: says nothing was stored', async () => {
    const html = renderResultPage({ report: await reportInput(invoice4(), [convention()]), dossierExists: false });
    expect(html).toContain('<strong>Contrôle seul :</strong> rien n’a été enregistré.');
    expect(html).toContain('<span class="verdict-mot">Non conforme</span>');
    expect(html).not.toContain('Voir le dossier');
  });
});

describe('the page of a filed submission', () => {
  it('after a deposit: says it was kept, links to the kept report, its download, the dossier, and offers a juriste to withdraw it', async () => {
    const html = renderPiecePage({ piece: piece(), report: await reportInput(convention(), [], { submissionId: ID }), deposit: 'stored', mayWithdraw: true });
    expect(html).toContain('<strong>Pièce déposée.</strong>');
    expect(html).toContain(`<a href="/reports/${ID}">Rapport conservé</a>`);
    expect(html).toContain(`<a href="/reports/${ID}/download">Télécharger le rapport</a>`);
    expect(html).toContain('<a href="/dossiers/21340270400018">Voir le dossier</a>');
    expect(html).toContain(`<a class="fr-btn fr-btn--sm fr-btn--secondary" href="/pieces/${ID}/retrait">Retirer cette pièce…</a>`);
    expect(html).toContain(`Registre : entrée n° 3, empreinte <code class="empreinte">${'b'.repeat(64)}</code>`);
    expect(html).toContain('<span class="verdict-mot">Conforme</span>');
  });

  it('after a deposit of a text already there: « déjà déposée le … », nothing new kept', async () => {
    const html = renderPiecePage({
      piece: piece(),
      report: await reportInput(convention(), [], { submissionId: ID }),
      deposit: 'duplicate',
      mayWithdraw: false,
    });
    expect(html).toContain('<strong>Pièce déjà déposée le 10/10/2020 à 10:00.</strong>');
    expect(html).toContain('rien n’a été enregistré de nouveau');
    expect(html).not.toContain('Pièce déposée.');
    expect(html).not.toContain('/retrait');
  });

  it('withdrawn: « retirée le … par … : motif », escaped, and no second withdrawal offered', async () => {
    const html = renderPiecePage({
      piece: piece({ withdrawal: WITHDRAWN }),
      report: await reportInput(convention(), [], { submissionId: ID }),
      deposit: null,
      mayWithdraw: true,
    });
    expect(html).toContain(`<strong>Retirée le 20/10/2020 à 11:30 par ${esc(WITHDRAWN.author)} : ${esc(WITHDRAWN.reason)}</strong>`);
    expect(html).not.toContain(HOSTILE);
    expect(html).not.toContain('/retrait');
  });
});

describe('the page that asks to confirm a withdrawal', () => {
  it('says what changes: schools enrolled and what is owed, before → after, and the schools that leave', () => {
    const html = renderWithdrawalPage({ piece: piece(), changes: amendmentChanges(), judgedWithIt: 0, reason: '', problem: null });
    expect(html).toContain('<h1>Retirer une pièce du dossier</h1>');
    expect(html).toMatch(/<th scope="row">2020-2021<\/th>\s*<td>4 → 3<\/td>\s*<td class="app-nombre">200,00 € → 150,00 €<\/td>/);
    expect(html).toContain('Ne seraient plus inscrites :');
    expect(html).toContain('<form method="post" action="/pieces/00000000-0000-4000-8000-000000000001/retrait" novalidate>');
    expect(html).toContain('<button class="fr-btn" type="submit">Confirmer le retrait</button>');
    expect(html).not.toContain('contrôlée avec elle');
  });

  it('warns that the later decisions judged with it stay as they are', () => {
    const html = renderWithdrawalPage({ piece: piece(), changes: amendmentChanges(), judgedWithIt: 2, reason: '', problem: null });
    expect(html).toContain(
      '2 pièces acceptées après celle-ci ont été contrôlées avec elle au dossier : leurs décisions et leurs rapports restent tels qu’ils ont été rendus.',
    );
  });

  it('for a rejected submission: nothing changes, and says why', () => {
    const entries = [{ id: 'c', ruleSet: null, document: convention() }];
    const same = accountChanges(dossierAccount(rules(), entries), dossierAccount(rules(), entries));
    const html = renderWithdrawalPage({
      piece: piece({ status: 'rejected', verdict: 'non_conforme', kind: 'invoice' }),
      changes: same,
      judgedWithIt: 0,
      reason: '',
      problem: null,
    });
    expect(html).toContain('Cette pièce a été rejetée : elle ne compte pas dans l’état du dossier.');
    expect(html).not.toContain('<table class="donnees changements">');
  });

  it('keeps the reason typed and says its problem, linked to the field', () => {
    const html = renderWithdrawalPage({
      piece: piece(),
      changes: amendmentChanges(),
      judgedWithIt: 0,
      reason: `x${HOSTILE}`,
      problem: 'Le motif du retrait dépasse 1000 caractères (1001).',
    });
    expect(html).toContain('<a href="#motif">Le motif du retrait dépasse 1000 caractères (1001).</a>');
    expect(html).toContain(`>x${esc(HOSTILE)}</textarea>`);
    expect(html).toContain('aria-describedby="motif-aide motif-erreur"');
  });
});
