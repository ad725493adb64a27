import request from 'supertest';
import { testApp, type TestApp } from '../support/api-app';
import { fixtureText, SIRET } from '../support/api-fixtures';

/**
 * Dossiers over their life, through the API, on a real SQLite file: what each submission is
 * decided, and what the dossier then is and owes. The DOMAIN.md worked example among them.
 */

async function send(t: TestApp, text: string) {
  return request(t.app).post('/api/submissions').set('Content-Type', 'application/json').send(text);
}

async function submit(t: TestApp, fixture: string) {
  return send(t, fixtureText(`${fixture}.json`));
}

async function dues(t: TestApp, schoolYear = '2020-2021') {
  return (await request(t.app).get(`/api/dossiers/${SIRET}/dues/${schoolYear}`)).body;
}

async function dossier(t: TestApp) {
  return (await request(t.app).get(`/api/dossiers/${SIRET}`)).body;
}

function failedErrors(body: { findings: Array<{ rule: string; outcome: string; severity: string }> }) {
  return body.findings.filter((f) => f.outcome === 'fail' && f.severity === 'error').map((f) => f.rule);
}

describe('scenarios', () => {
  let t: TestApp;
  beforeEach(() => {
    t = testApp();
  });
  afterEach(() => {
    expect(t.faults).toEqual([]);
    t.close();
  });

  it('convention → amendment in time → invoice at the new count (DOMAIN.md: 4 schools, 200 €)', async () => {
    expect((await submit(t, 'convention-3-ecoles')).status).toBe(201);
    expect(await dues(t)).toMatchObject({ schoolCount: 3, amount: 150, basis: '7' });

    expect((await submit(t, 'avenant-4-ecoles')).status).toBe(201);
    const owed = await dues(t);
    expect(owed).toMatchObject({ schoolYear: '2020-2021', schoolCount: 4, amount: 200, basis: '6.2' });
    expect(owed.schools.map((s: { uai: string }) => s.uai)).toEqual(['0341301E', '0340125B', '0340987N', '0341450S']);

    const old = await submit(t, 'titre-2020-2021-3-ecoles');
    expect(old.status).toBe(422);
    expect(failedErrors(old.body)).toContain('6.titre-montant');
    expect((await submit(t, 'titre-2020-2021-4-ecoles')).status).toBe(201);

    const d = await dossier(t);
    expect(d.submissions.map((s: { kind: string; status: string }) => `${s.kind}:${s.status}`)).toEqual([
      'convention:accepted',
      'amendment:accepted',
      'invoice:rejected',
      'invoice:accepted',
    ]);
    expect(d.enrolments).toEqual([expect.objectContaining({ schoolYear: '2020-2021', schoolCount: 4, basis: '6.2' })]);
    expect(d.state.status).toBe('in_force');
  });

  it('a late amendment (received 16 Oct) leaves the count: the invoice stays at 150 €, 200 € is refused (art. 6.3)', async () => {
    expect((await submit(t, 'convention-3-ecoles')).status).toBe(201);
    const late = await submit(t, 'avenant-4-ecoles-tardif');
    // Accepted into the dossier, with its lateness said: it changes nothing for the year.
    expect(late.status).toBe(201);
    expect(late.body.findings).toContainEqual(expect.objectContaining({ rule: '6.2.transmis-dans-la-fenetre', outcome: 'fail' }));
    // Not a green « Conforme »: accepted with reserves, the reserve said wherever it is listed.
    expect(late.body).toMatchObject({ status: 'accepted', verdict: 'conforme_avec_reserves' });
    const listed = (await request(t.app).get(`/api/dossiers/${SIRET}`)).body.submissions[1];
    expect(listed).toMatchObject({
      kind: 'amendment',
      documentDate: '2020-10-16',
      status: 'accepted',
      verdict: 'conforme_avec_reserves',
      verdictNote: expect.stringMatching(/: les nouvelles écoles ne seront pas activées .* \(art\. 6\.3\) ; 1 autre réserve$/),
    });
    expect((await request(t.app).get(late.headers.location)).body).toMatchObject({ status: 'accepted', verdict: 'conforme_avec_reserves' });
    expect(await dues(t)).toMatchObject({ schoolCount: 3, amount: 150, basis: '6.3' });

    const high = await submit(t, 'titre-2020-2021-4-ecoles');
    expect(high.status).toBe(422);
    expect(failedErrors(high.body)).toEqual(expect.arrayContaining(['6.3.titre-avenant-tardif', '6.titre-montant']));
    expect((await submit(t, 'titre-2020-2021-3-ecoles')).status).toBe(201);
    expect(await dues(t)).toMatchObject({ schoolCount: 3, amount: 150 });
  });

  it('a dispute to termination by right: formal notice → failed conciliation → termination (art. 10)', async () => {
    expect((await submit(t, 'convention-3-ecoles')).status).toBe(201);
    // The termination cannot come first: there was no formal notice nor conciliation.
    const early = await submit(t, 'resiliation-plein-droit');
    expect(early.status).toBe(422);
    expect(failedErrors(early.body)).toContain('10.resiliation-apres-echec');
    expect((await dossier(t)).state.status).toBe('in_force');

    expect((await submit(t, 'mise-en-demeure')).status).toBe(201);
    expect((await submit(t, 'conciliation-echec')).status).toBe(201);
    const termination = await submit(t, 'resiliation-plein-droit');
    expect(termination.status).toBe(201);

    const d = await dossier(t);
    expect(d.state).toMatchObject({
      status: 'terminated',
      label: expect.stringContaining('16/04/2021'),
      termination: { id: termination.body.id, ground: 'breach', effectiveOn: '2021-04-16' },
    });
    // Terminated during 2020-2021: that year stays owed, with no refund (art. 10).
    expect(await dues(t)).toMatchObject({ schoolCount: 3, amount: 150 });
    expect(d.submissions.map((s: { kind: string; status: string }) => `${s.kind}:${s.status}`)).toEqual([
      'convention:accepted',
      'termination:rejected',
      'formal_notice:accepted',
      'conciliation:accepted',
      'termination:accepted',
    ]);
  });

  it('twenty conventions for one dossier at once: one accepted, nineteen refused by 3.convention-unique, all kept', async () => {
    // Twenty texts of one convention, each laid out a little otherwise: none repeats another byte for byte.
    const text = fixtureText('convention-3-ecoles.json');
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => send(t, `${text}${' '.repeat(i)}`)));
    expect(responses.map((r) => r.status).sort()).toEqual([201, ...Array(19).fill(422)]);
    for (const r of responses.filter((x) => x.status === 422)) expect(failedErrors(r.body)).toEqual(['3.convention-unique']);
    const d = await dossier(t);
    expect(d.submissionCount).toBe(20);
    expect(d.submissions.filter((s: { status: string }) => s.status === 'accepted')).toHaveLength(1);
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(20);
    expect(await dues(t)).toMatchObject({ schoolCount: 3, amount: 150 });
  });

  it('an amendment and an invoice sent together: the invoice is judged on the dossier as it stands when its turn comes', async () => {
    expect((await submit(t, 'convention-3-ecoles')).status).toBe(201);
    const [amendment, invoice] = await Promise.all([submit(t, 'avenant-4-ecoles'), submit(t, 'titre-2020-2021-4-ecoles')]);
    expect(amendment.status).toBe(201);
    const order = (await dossier(t)).submissions.map((s: { kind: string }) => s.kind);
    // At 4 schools, the invoice is right only once the amendment is in the dossier before it.
    const invoiceAfterAmendment = order.indexOf('invoice') > order.indexOf('amendment');
    expect(invoice.status).toBe(invoiceAfterAmendment ? 201 : 422);
    expect(await dues(t)).toMatchObject({ schoolCount: 4, amount: 200 });
  });
});
