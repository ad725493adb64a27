import { join } from 'node:path';
import { cli } from '../support/cli';
import { documentProblems } from '../pages/accessibility';

/** `rules diff A B`: what changes from one year's rules to another's, in text, JSON and HTML. */

const ROOT = join(__dirname, '../..');
const HERITAGE = 'test/fixtures/rules/heritage';

describe('rules diff on the real years', () => {
  it('2020-2021 → 2021-2022, by their school years in the rules folder', async () => {
    const r = await cli(['rules', 'diff', '2020-2021', '2021-2022'], ROOT);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Règles 2020-2021 \(en vigueur, version [0-9a-f]{16}\) → 2021-2022 \(en projet, version [0-9a-f]{16}\)$/m);
    expect(r.stdout).toMatch(/^Paramètres modifiés \(\d+\)$/m);
    expect(r.stdout).toContain('  termEnd — Fin de la convention (article 3) : 31/10/2021 → 31/10/2022');
    expect(r.stdout).toContain('  lastSchoolYearBilled — Dernière année scolaire pour laquelle la contribution est due (article 6) : 2020-2021 → 2021-2022');
    expect(r.stdout).toContain('La présente convention prend effet à la date de signature et se termine au 31 octobre [-2021-]{+2022+}.');
    expect(r.stdout).toMatch(/ce délai étant reporté au premier jour ouvré suivant lorsqu'il expire un samedi, un dimanche ou un jour férié, \+\}/);
  });

  it('--format json: parameters, articles, rules added, removed and changed', async () => {
    const r = await cli(['rules', 'diff', 'rules/2020-2021', 'rules/2021-2022', '--format', 'json'], ROOT);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout);
    expect(body).toMatchObject({
      from: '2020-2021',
      to: '2021-2022',
      rules: { added: expect.any(Array), removed: expect.any(Array), changed: expect.any(Array) },
    });
    expect(body.parameters).toEqual(expect.arrayContaining([{ name: 'termEnd', article: '3', from: '2021-10-31', to: '2022-10-31' }]));
    expect(body.articles).toEqual(
      expect.arrayContaining([
        { id: '3', changed: true },
        { id: '6.2', changed: true },
      ]),
    );
  });

  it('the same year twice: no difference', async () => {
    const r = await cli(['rules', 'diff', '2020-2021', '2020-2021'], ROOT);
    expect(r.stdout).toContain('Aucune différence : mêmes paramètres, mêmes articles, mêmes règles.');
  });
});

describe('rules diff on the fixtures (test/fixtures/rules/heritage)', () => {
  it('across a chain of three: every kind of change, worded', async () => {
    const r = await cli(['rules', 'diff', `${HERITAGE}/2030-2031`, `${HERITAGE}/2032-2033`], ROOT);
    expect(r.code).toBe(0);
    const expected = [
      '  feePerSchool — Participation de la commune par école inscrite et par année scolaire (article 5) : 50,00 € → 60,00 €',
      '  Article 2 — Mise en œuvre de l’ENT (article retiré)',
      '  Article 2.1 — Équipement informatique et connexion à Internet dans les écoles (article ajouté)',
      '    Les communes ne sont sollicitées que pour un coût réduit fixé à [-50-]{+60+} euros TTC par école et par an.',
      'Règles ajoutées (1)',
      '  10.mise-en-demeure-lrar — Mise en demeure par lettre recommandée avec accusé de réception (article 10 ; mise en demeure ; bloquant)',
      'Règles retirées (1)',
      '  3.convention-au-dossier — Une convention acceptée précède toute autre pièce (article 3 ; titre de perception, résiliation ; bloquant)',
      'Règles modifiées (1)',
      '    Si elle n’est pas respectée : bloquant → avertissement',
      '  convention-au-dossier (retirée)',
      '  Article 2.1 — Équipement informatique et connexion à Internet dans les écoles : article ajouté, non vérifiable — L’équipement des écoles se constate sur place ; aucune pièce transmise ne le décrit.',
    ];
    for (const line of expected) expect(r.stdout.replace(/'/g, '’')).toContain(line);
  });

  it('a rule whose text names a parameter does not change when only the parameter does', async () => {
    const r = await cli(['rules', 'diff', `${HERITAGE}/2031-2032`, `${HERITAGE}/2032-2033`, '--format', 'json'], ROOT);
    const body = JSON.parse(r.stdout);
    expect(body.parameters.map((p: { name: string }) => p.name)).toEqual(['firstSchoolYear', 'lastSchoolYearBilled', 'termEnd']);
    expect(body.rules).toEqual({ added: [], removed: ['3.convention-au-dossier'], changed: ['9.sans-remboursement'] });
    expect(body.articles).toEqual([
      { id: '3', changed: true },
      { id: '6', changed: true },
      { id: '7', changed: true },
    ]);
  });

  it('--format html: a document of its own, insertions and deletions marked', async () => {
    const r = await cli(['rules', 'diff', `${HERITAGE}/2030-2031`, `${HERITAGE}/2031-2032`, '--format', 'html'], ROOT);
    expect(r.stdout).toMatch(/^<!doctype html>/);
    expect(documentProblems(r.stdout)).toEqual([]);
    expect(r.stdout).toContain(
      'fixé à <del><span class="sr-only">[supprimé : </span>50<span class="sr-only">]</span></del><ins><span class="sr-only">[ajouté : </span>60<span class="sr-only">]</span></ins> euros',
    );
    expect(r.stdout).not.toContain('href="/regles');
  });

  it.each([
    [['rules', 'diff', '2020-2021'], 2, /deux jeux de règles attendus/],
    [['rules', 'diff', '2020-2021', '2040-2041'], 2, /aucun jeu de règles « 2040-2041 »/],
    [['rules', 'diff', '2020-2021', '2021-2022', '--format', 'pdf'], 2, /format inconnu « pdf »/],
    [['rules', 'diff', '2020-2021', '2021-2022', '--database', 'x'], 2, /option inconnue « --database »/],
  ])('%j: exit %i', async (args, code, message) => {
    const r = await cli(args, ROOT);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
  });
});
