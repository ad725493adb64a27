import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { Store } from '../../src/store/store';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { cli } from '../support/cli';
import { parisDay } from '../../src/wording/format';
import { namedDocument } from '../support/documents';
import { campaign } from '../../bench/campaign';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ent-compliance-batch-'));
  mkdirSync(join(dir, 'pieces'));
  // A dossier built up in the batch: the amendment and the invoice are judged against the
  // convention accepted before them (DOMAIN.md's worked example: 4 schools, 200 €).
  writeFileSync(join(dir, 'pieces/1-convention.json'), JSON.stringify(namedDocument('convention-3-ecoles')));
  writeFileSync(join(dir, 'pieces/2-avenant.yaml'), stringify(namedDocument('avenant-4-ecoles')));
  writeFileSync(join(dir, 'pieces/3-titre.json'), JSON.stringify(namedDocument('titre-2020-2021', { schoolCount: 4, amount: 200 })));
  writeFileSync(join(dir, 'pieces/notes.txt'), 'ignored');
  // The late avenant of DOMAIN.md: accepted, with reserves (art. 6.3).
  mkdirSync(join(dir, 'tardif'));
  writeFileSync(join(dir, 'tardif/1-convention.json'), JSON.stringify(namedDocument('convention-3-ecoles')));
  writeFileSync(join(dir, 'tardif/2-avenant.json'), JSON.stringify(namedDocument('avenant-4-ecoles', { transmittedAt: '2020-10-16T09:00:00+02:00' })));
  writeFileSync(join(dir, 'tardif/3-titre.json'), JSON.stringify(namedDocument('titre-2020-2021', { schoolCount: 4, amount: 200 })));
  const lines = [
    JSON.stringify(namedDocument('convention-3-ecoles')),
    '',
    JSON.stringify(namedDocument('titre-2020-2021', { schoolCount: 3, amount: 180 })),
    '{ pas du json',
    JSON.stringify(namedDocument('convention-3-ecoles', { schoolYaer: 'x' })),
  ];
  writeFileSync(join(dir, 'campagne.jsonl'), `${lines.join('\n')}\n`);
  writeFileSync(join(dir, 'generee.jsonl'), [...campaign({ submissions: 300, seed: 3 })].map((d) => JSON.stringify(d)).join('\n'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('batch — a campaign checked in one pass', () => {
  it('judges each document of a folder against the history built in the batch', async () => {
    const r = await cli(['batch', 'pieces', '--report-dir', 'out1'], dir);
    expect(r.stderr).toMatch(/Campagne : 3 pièces en/);
    expect(r.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(dir, 'out1/batch-summary.json'), 'utf8'));
    expect(summary).toMatchObject({ total: 3, byVerdict: { conforme: 3, conforme_avec_reserves: 0, non_conforme: 0, a_examiner: 0 } });
    expect(Object.keys(summary.byKind).sort()).toEqual(['amendment', 'convention', 'invoice']);
  });

  it('reads JSONL, counts by verdict, kind and failed article, and exits 1 when one is rejected', async () => {
    const r = await cli(['batch', 'campagne.jsonl', '--report-dir', 'out2'], dir);
    expect(r.code).toBe(1);
    const summary = JSON.parse(readFileSync(join(dir, 'out2/batch-summary.json'), 'utf8'));
    expect(summary.total).toBe(4);
    expect(summary.byVerdict).toEqual({ conforme: 1, conforme_avec_reserves: 0, non_conforme: 3, a_examiner: 0 });
    expect(summary.byStage).toEqual({ schema: 2, rules: 2 });
    expect(summary.byFailedArticle).toEqual({ '5': 1, '6': 1 });
    // Named by their place in the campaign, relative to it; in the order judged: the unreadable line first, then by date.
    expect(summary.rejected.map((x: { source: string }) => x.source)).toEqual(['campagne.jsonl:4', 'campagne.jsonl:5', 'campagne.jsonl:3']);
    expect(r.stdout).toMatch(/4 pièces contrôlées/);
  });

  it('counts « Conforme avec réserves » apart and lists each such document with its own date and its main reserve', async () => {
    const r = await cli(['batch', 'tardif', '--report-dir', 'out-tardif'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^ {2}Conforme avec réserves : 1$/m);
    const summary = JSON.parse(readFileSync(join(dir, 'out-tardif/batch-summary.json'), 'utf8'));
    expect(summary.byVerdict).toEqual({ conforme: 1, conforme_avec_reserves: 1, non_conforme: 1, a_examiner: 0 });
    expect(summary.byKind.amendment).toEqual({ conforme: 0, conforme_avec_reserves: 1, non_conforme: 0, a_examiner: 0 });
    expect(summary.reserved).toEqual([
      {
        source: '2-avenant.json',
        report: expect.stringMatching(/^rapport-21340270400018-avenant-\d{4}-\d{2}-\d{2}\.html$/),
        kind: 'amendment',
        siret: '21340270400018',
        documentDate: '2020-10-16',
        verdict: 'conforme_avec_reserves',
        note: expect.stringMatching(/: les nouvelles écoles ne seront pas activées et ne bénéficieront pas de l'ENT-école \(art\. 6\.3\) ; 1 autre réserve$/),
      },
    ]);
    expect(summary.rejected).toEqual([expect.objectContaining({ kind: 'invoice', documentDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) })]);
    const html = readFileSync(join(dir, 'out-tardif/batch-summary.html'), 'utf8');
    expect(html).toContain('<th scope="col">Conforme avec réserves</th>');
    expect(html).toMatch(
      /<td>Avenant<\/td><td>Transmis le 16\/10\/2020<\/td><td>21340270400018<\/td><td><span class="conforme_avec_reserves">Conforme avec réserves<\/span> : Augmentation de 3 à 4 écoles/,
    );
  });

  it('writes a self-contained HTML summary, values escaped', async () => {
    await cli(['batch', 'campagne.jsonl', '--report-dir', 'out3'], dir);
    const html = readFileSync(join(dir, 'out3/batch-summary.html'), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="fr">/);
    expect(html).toMatch(/Non conforme/);
    expect(html).not.toMatch(/<script|<link|src="http/);
    expect(html).toMatch(/JSON invalide/);
  });

  it('shows a progress bar on a terminal and plain lines otherwise', async () => {
    const tty = await cli(['batch', 'generee.jsonl', '--report-dir', 'out4'], dir, {}, true);
    expect(tty.stderr).toMatch(/Campagne \[#+-*\] \d+ %/);
    const plain = await cli(['batch', 'generee.jsonl', '--report-dir', 'out5'], dir);
    expect(plain.stderr).not.toMatch(/\r/);
    expect(plain.stderr).toMatch(/^Campagne : 300 pièces en .* s \(/m);
  });

  it.each([
    [['batch'], /chemin de la campagne manquant/],
    [['batch', 'absent'], /^batch : campagne introuvable : ni dossier ni fichier absent$/m],
    [['batch', 'pieces/notes.txt'], /un dossier de fichiers JSON\/YAML ou un fichier \.jsonl est attendu/],
    [['batch', 'pieces', '--report-dir'], /l'option --report-dir attend une valeur/],
    [['batch', 'pieces', '--format', 'x'], /option inconnue « --format »/],
  ])('%j is a usage or input error (exit 2)', async (args, message) => {
    const r = await cli(args, dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(existsSync(join(dir, 'batch-summary.json'))).toBe(false);
  });
});

describe('batch — each dossier’s documents in the order of their dates', () => {
  it('judges a folder whose file names run against the dates: the convention first, whatever its name', async () => {
    mkdirSync(join(dir, 'a-rebours'));
    writeFileSync(join(dir, 'a-rebours/1-titre.json'), JSON.stringify(namedDocument('titre-2020-2021', { schoolCount: 4, amount: 200 })));
    writeFileSync(join(dir, 'a-rebours/2-avenant.yaml'), stringify(namedDocument('avenant-4-ecoles')));
    writeFileSync(join(dir, 'a-rebours/3-convention.json'), JSON.stringify(namedDocument('convention-3-ecoles')));
    const r = await cli(['batch', 'a-rebours', '--report-dir', 'out-a-rebours'], dir);
    expect(r.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(dir, 'out-a-rebours/batch-summary.json'), 'utf8'));
    expect(summary).toMatchObject({ total: 3, byVerdict: { conforme: 3, non_conforme: 0, a_examiner: 0 } });
  });

  it('gives a JSONL campaign the same verdicts whatever the order of its lines', async () => {
    const documents = [
      namedDocument('titre-2020-2021', { schoolCount: 4, amount: 200 }),
      namedDocument('avenant-4-ecoles'),
      namedDocument('convention-3-ecoles'),
      namedDocument('convention-3-ecoles', {
        party: { siret: '21340172200015', name: 'Montpellier' },
        schools: [{ uai: '0341301E', type: 'EE', commune: 'Montpellier' }],
      }),
    ];
    writeFileSync(join(dir, 'melee.jsonl'), documents.map((d) => JSON.stringify(d)).join('\n'));
    writeFileSync(join(dir, 'rangee.jsonl'), [documents[2], documents[1], documents[0], documents[3]].map((d) => JSON.stringify(d)).join('\r\n'));
    await cli(['batch', 'melee.jsonl', '--report-dir', 'out-melee'], dir);
    await cli(['batch', 'rangee.jsonl', '--report-dir', 'out-rangee'], dir);
    const verdicts = (folder: string) => {
      const s = JSON.parse(readFileSync(join(dir, folder, 'batch-summary.json'), 'utf8'));
      return { byVerdict: s.byVerdict, byKind: s.byKind, byFailedArticle: s.byFailedArticle };
    };
    expect(verdicts('out-melee')).toEqual(verdicts('out-rangee'));
    expect(verdicts('out-melee').byKind).toMatchObject({ invoice: { conforme: 1 }, amendment: { conforme: 1 } });
  });
});

describe('batch --report-dir and --database', () => {
  it('writes the HTML report of each document beside the summary, under the name of a downloaded report', async () => {
    const r = await cli(['batch', 'campagne.jsonl', '--report-dir', 'rapports'], dir);
    expect(r.code).toBe(1);
    const names = readdirSync(join(dir, 'rapports')).sort();
    const day = parisDay(new Date().toISOString());
    expect(names).toEqual(
      [
        `rapport-21340270400018-convention-${day}.html`,
        `rapport-21340270400018-titre-de-perception-${day}.html`,
        'rapport-refuse-campagne-jsonl-4.html',
        'rapport-refuse-campagne-jsonl-5.html',
        'batch-summary.html',
        'batch-summary.json',
      ].sort(),
    );
    expect(readFileSync(join(dir, 'rapports', names[0]), 'utf8')).toMatch(/<html lang="fr">/);
  });

  it('links each line of the summary to its report, in the JSON and in the page', async () => {
    await cli(['batch', 'campagne.jsonl', '--report-dir', 'liens'], dir);
    const summary = JSON.parse(readFileSync(join(dir, 'liens/batch-summary.json'), 'utf8'));
    const day = parisDay(new Date().toISOString());
    expect(summary.rejected.map((x: { source: string; report: string }) => [x.source, x.report])).toEqual([
      ['campagne.jsonl:4', 'rapport-refuse-campagne-jsonl-4.html'],
      ['campagne.jsonl:5', 'rapport-refuse-campagne-jsonl-5.html'],
      ['campagne.jsonl:3', `rapport-21340270400018-titre-de-perception-${day}.html`],
    ]);
    for (const x of summary.rejected as Array<{ report: string }>) expect(existsSync(join(dir, 'liens', x.report))).toBe(true);
    const html = readFileSync(join(dir, 'liens/batch-summary.html'), 'utf8');
    expect(html).toContain(`<td><a href="rapport-21340270400018-titre-de-perception-${day}.html">campagne.jsonl:3</a></td>`);
    expect(html).not.toContain(dir);
  });

  it('links no report when none is written', async () => {
    const other = mkdtempSync(join(tmpdir(), 'ent-compliance-batch-sans-'));
    try {
      await cli(['batch', join(dir, 'campagne.jsonl')], other);
      const summary = JSON.parse(readFileSync(join(other, 'batch-summary.json'), 'utf8'));
      expect(summary.rejected.map((x: { source: string; report?: string }) => [x.source, x.report])).toEqual([
        ['campagne.jsonl:4', undefined],
        ['campagne.jsonl:5', undefined],
        ['campagne.jsonl:3', undefined],
      ]);
      expect(readFileSync(join(other, 'batch-summary.html'), 'utf8')).not.toMatch(/<a href=/);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('judges against the stored dossiers and keeps each document with its report; the same campaign again adds nothing', async () => {
    const db = join(dir, 'base.sqlite');
    const first = await cli(['batch', 'pieces', '--database', db, '--report-dir', 'out6'], dir);
    expect(first.code).toBe(0);
    // The same campaign again: each text is in its dossier already, answered with the submission kept there.
    const again = await cli(['batch', 'pieces', '--database', db, '--report-dir', 'out7'], dir);
    expect(again.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out7/batch-summary.json'), 'utf8'))).toMatchObject({ total: 3, byVerdict: { non_conforme: 0 } });
    // The convention laid out otherwise is another text: judged on the stored dossier, which has its convention (art. 3).
    mkdirSync(join(dir, 'autre'));
    writeFileSync(join(dir, 'autre/1-convention.json'), JSON.stringify(namedDocument('convention-3-ecoles'), null, 2));
    const other = await cli(['batch', 'autre', '--database', db, '--report-dir', 'out8'], dir);
    expect(other.code).toBe(1);
    const summary = JSON.parse(readFileSync(join(dir, 'out8/batch-summary.json'), 'utf8'));
    expect(summary.byFailedArticle['3']).toBe(1);
    const store = Store.open(db);
    try {
      const rows = store.submissionsOf('21340270400018');
      expect(rows).toHaveLength(4);
      expect(rows.map((s) => s.status)).toEqual(['accepted', 'accepted', 'accepted', 'rejected']);
      expect(store.report(rows[0].id)).toMatch(/<html lang="fr">/);
    } finally {
      store.close();
    }
  });

  it('says when the database cannot be opened', async () => {
    const r = await cli(['batch', 'pieces', '--database', join(dir, 'pieces/1-convention.json')], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/batch : base de données .* inutilisable/);
  });
});
