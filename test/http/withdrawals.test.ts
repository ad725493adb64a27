import request from 'supertest';
import { fixtureFor, fixtureText, SIRET } from '../support/api-fixtures';
import { OTHER_SIRET, secureApp, type SecureApp } from '../support/secure-app';
import { pageProblems } from '../pages/accessibility';

/**
 * Withdrawal of a submission filed by mistake, append-only: through the API
 * (`POST /api/submissions/:id/withdrawal`) and through the pages (the button, the confirmation
 * page that says what changes, the mark « retirée le … par … : motif » wherever the submission
 * is listed). The dossier of Saint-Jean-de-Védas: a convention of 3 schools, then an amendment to
 * 4 schools within the window (art. 6.2) — which is the one withdrawn.
 */

let s: SecureApp;
let ids: { convention: string; amendment: string; invoice: string; other: string };

const as = (token: string) => ({
  get: (path: string) => request(s.app).get(path).set('Authorization', `Bearer ${token}`),
  withdraw: (id: string, body: unknown = { reason: 'Avenant déposé par erreur : il concerne 2021-2022.' }) =>
    request(s.app)
      .post(`/api/submissions/${id}/withdrawal`)
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/json')
      .send(typeof body === 'string' ? body : JSON.stringify(body)),
  form: (path: string, fields: Record<string, string>) => request(s.app).post(path).set('Authorization', `Bearer ${token}`).type('form').send(fields),
});

beforeEach(async () => {
  s = secureApp({ now: () => new Date('2020-10-12T08:00:00Z') });
  const file = (body: string) =>
    request(s.app).post('/api/submissions').set('Authorization', `Bearer ${s.tokens.juriste}`).set('Content-Type', 'application/json').send(body);
  const c = await file(fixtureText('convention-3-ecoles.json'));
  const a = await file(fixtureText('avenant-4-ecoles.json'));
  const i = await file(fixtureText('titre-2020-2021-3-ecoles.json'));
  const o = await file(JSON.stringify(fixtureFor('convention-3-ecoles', { siret: OTHER_SIRET, name: 'Montpellier', inseeCode: '34172' })));
  expect([c.status, a.status, i.status, o.status]).toEqual([201, 201, 422, 201]);
  ids = { convention: c.body.id, amendment: a.body.id, invoice: i.body.id, other: o.body.id };
});
afterEach(() => {
  expect(s.faults).toEqual([]);
  s.close();
});

const dues = async () => (await as(s.tokens.lecteur).get(`/api/dossiers/${SIRET}/dues/2020-2021`)).body;

describe('POST /api/submissions/:id/withdrawal', () => {
  it('201: the submission stays, marked; the dossier is computed without it; its report does not change', async () => {
    expect(await dues()).toMatchObject({ schoolCount: 4, amount: 200 });
    const report = s.services.store.report(ids.amendment);
    const juriste = s.services.tokens.list().find((t) => t.role === 'juriste')!;

    const res = await as(s.tokens.juriste).withdraw(ids.amendment);
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/submissions/${ids.amendment}`);
    expect(res.body).toMatchObject({
      id: ids.amendment,
      status: 'accepted',
      withdrawal: {
        withdrawnAt: '2020-10-12T08:00:00.000Z',
        author: `essai juriste (jeton ${juriste.id})`,
        reason: 'Avenant déposé par erreur : il concerne 2021-2022.',
      },
      changes: { years: [{ schoolYear: '2020-2021', schoolCount: { before: 4, after: 3 }, amount: { before: 200, after: 150 } }] },
    });
    expect(res.body.changes.years[0].leaving.map((x: { uai: string }) => x.uai)).toHaveLength(1);

    expect(await dues()).toMatchObject({ schoolCount: 3, amount: 150, basis: '7' });
    const stored = await as(s.tokens.lecteur).get(`/api/submissions/${ids.amendment}`);
    expect(stored.body.withdrawal).toEqual(res.body.withdrawal);
    const dossier = await as(s.tokens.lecteur).get(`/api/dossiers/${SIRET}`);
    expect(dossier.body.submissionCount).toBe(3);
    expect(dossier.body.submissions.find((x: { id: string }) => x.id === ids.amendment).withdrawal).toEqual(res.body.withdrawal);
    expect(dossier.body.submissions.find((x: { id: string }) => x.id === ids.convention).withdrawal).toBeNull();
    expect(s.services.store.report(ids.amendment)).toBe(report);
    expect((await as(s.tokens.lecteur).get(`/reports/${ids.amendment}`)).text).toBe(report);
  });

  it('a new submission is judged without it: the invoice for 4 schools is now refused, the one for 3 accepted', async () => {
    await as(s.tokens.juriste).withdraw(ids.amendment);
    const check = await request(s.app)
      .post('/api/check')
      .set('Authorization', `Bearer ${s.tokens.juriste}`)
      .set('Content-Type', 'application/json')
      .send(fixtureText('titre-2020-2021-4-ecoles.json'));
    expect(check.body.status).toBe('rejected');
    // The invoice for 3 schools rejected before is judged again: the dossier changed since.
    const again = await request(s.app)
      .post('/api/submissions')
      .set('Authorization', `Bearer ${s.tokens.juriste}`)
      .set('Content-Type', 'application/json')
      .send(fixtureText('titre-2020-2021-3-ecoles.json'));
    expect([again.status, again.body.status, again.body.duplicateOf]).toEqual([201, 'accepted', undefined]);
  });

  it('409 the second time, saying when, by whom and why it was withdrawn; nothing more written', async () => {
    expect((await as(s.tokens.juriste).withdraw(ids.amendment)).status).toBe(201);
    const entries = s.services.store.db.prepare('SELECT COUNT(*) FROM ledger').pluck().get();
    const twice = await as(s.tokens.juriste).withdraw(ids.amendment, { reason: 'une autre raison' });
    expect(twice.status).toBe(409);
    expect(twice.body.error).toEqual({
      code: 'already_withdrawn',
      message: expect.stringMatching(/^pièce déjà retirée le 12\/10\/2020 à 10:00 par essai juriste \(jeton [0-9a-f]{12}\) : Avenant déposé par erreur/),
    });
    expect(s.services.store.db.prepare('SELECT COUNT(*) FROM ledger').pluck().get()).toBe(entries);
  });

  it('a rejected submission can be withdrawn too: nothing changes in the dossier', async () => {
    const res = await as(s.tokens.juriste).withdraw(ids.invoice, { reason: 'Titre envoyé deux fois' });
    expect(res.status).toBe(201);
    expect(res.body.changes.years.every((y: { amount: { before: number; after: number } }) => y.amount.before === y.amount.after)).toBe(true);
  });

  it.each([
    ['no reason', {}, 'le motif du retrait est obligatoire'],
    ['an empty reason', { reason: '  \n ' }, 'le motif du retrait est obligatoire'],
    ['a reason that is not text', { reason: 42 }, 'le motif du retrait est obligatoire'],
    ['a reason too long', { reason: 'x'.repeat(1001) }, 'dépasse 1000 caractères'],
    ['a reason with control characters', { reason: 'a\u0007b' }, 'caractères de contrôle'],
    ['a body that is not JSON', '{"reason": ', 'corps illisible'],
    ['a list', '[]', 'le motif du retrait est obligatoire'],
  ])('400 for %s, nothing withdrawn', async (_name, body, message) => {
    const res = await as(s.tokens.juriste).withdraw(ids.amendment, body);
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({ code: 'invalid_reason', message: expect.stringContaining(message) });
    expect(s.services.store.withdrawal(ids.amendment)).toBeUndefined();
  });

  it('415 for a reason sent as something else than JSON', async () => {
    const res = await request(s.app)
      .post(`/api/submissions/${ids.amendment}/withdrawal`)
      .set('Authorization', `Bearer ${s.tokens.juriste}`)
      .type('form')
      .send({ reason: 'x' });
    expect(res.status).toBe(415);
  });

  it('404 for a submission that does not exist or an id of the wrong shape', async () => {
    expect((await as(s.tokens.juriste).withdraw('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await as(s.tokens.juriste).withdraw('pas-un-id')).status).toBe(404);
  });

  it('juristes only: 403 for a reader and for the commune on its own submission, 404 for another commune', async () => {
    expect((await as(s.tokens.lecteur).withdraw(ids.amendment)).status).toBe(403);
    const own = await as(s.tokens.commune).withdraw(ids.amendment);
    expect(own.status).toBe(403);
    expect(own.body.error.message).toBe('le rôle « commune » ne permet pas de retirer une pièce');
    const other = await as(s.tokens.otherCommune).withdraw(ids.amendment);
    const absent = await as(s.tokens.otherCommune).withdraw('00000000-0000-4000-8000-000000000000');
    expect(other.status).toBe(404);
    expect(other.text.replace(ids.amendment, '00000000-0000-4000-8000-000000000000')).toBe(absent.text);
    expect(s.services.store.withdrawal(ids.amendment)).toBeUndefined();
  });
});

describe('the pages', () => {
  it('the submission’s page offers a juriste to withdraw it; the confirmation page says what changes; confirming marks it everywhere', async () => {
    const juriste = as(s.tokens.juriste);
    const page = await juriste.get(`/pieces/${ids.amendment}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`href="/pieces/${ids.amendment}/retrait">Retirer cette pièce…</a>`);
    expect(pageProblems(page.text)).toEqual([]);

    const confirm = await juriste.get(`/pieces/${ids.amendment}/retrait`);
    expect(confirm.status).toBe(200);
    expect(pageProblems(confirm.text)).toEqual([]);
    expect(confirm.text).toMatch(/<th scope="row">2020-2021<\/th>\s*<td>4 → 3<\/td>\s*<td class="app-nombre">200,00 € → 150,00 €<\/td>/);
    expect(confirm.text).toContain('Ne seraient plus inscrites :');
    // The invoice after it was rejected: no accepted decision was judged with the amendment.
    expect(confirm.text).not.toContain('contrôlée avec elle');

    const empty = await juriste.form(`/pieces/${ids.amendment}/retrait`, { motif: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('<a href="#motif">Le motif du retrait est obligatoire : dites pourquoi la pièce est retirée.</a>');
    expect(s.services.store.withdrawal(ids.amendment)).toBeUndefined();

    const done = await juriste.form(`/pieces/${ids.amendment}/retrait`, { motif: 'Avenant de 2021-2022 déposé par erreur' });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`/pieces/${ids.amendment}`);
    const after = await juriste.get(`/pieces/${ids.amendment}`);
    expect(after.text).toMatch(
      /<strong>Retirée le 12\/10\/2020 à 10:00 par essai juriste \(jeton [0-9a-f]{12}\) : Avenant de 2021-2022 déposé par erreur<\/strong>/,
    );
    expect(after.text).not.toContain('/retrait"');

    for (const path of [`/dossiers/${SIRET}`, '/']) {
      const list = await juriste.get(path);
      expect(list.text).toMatch(
        /<span class="fr-badge fr-badge--sm fr-badge--no-icon">Retirée<\/span> le 12\/10\/2020 à 10:00 par essai juriste \(jeton [0-9a-f]{12}\) : Avenant de 2021-2022 déposé par erreur/,
      );
    }
    expect((await juriste.get(`/dossiers/${SIRET}`)).text).toContain('<dt>Montant dû</dt><dd><span class="montant">150,00 €</span></dd>');

    const twice = await juriste.form(`/pieces/${ids.amendment}/retrait`, { motif: 'encore' });
    expect(twice.status).toBe(409);
    expect(twice.text).toContain('Cette pièce a déjà été retirée le 12/10/2020 à 10:00');
    expect((await juriste.get(`/pieces/${ids.amendment}/retrait`)).status).toBe(409);
  });

  it('warns on the confirmation page when later accepted submissions were judged with it', async () => {
    const confirm = await as(s.tokens.juriste).get(`/pieces/${ids.convention}/retrait`);
    expect(confirm.text).toContain(
      '1 pièce acceptée après celle-ci a été contrôlée avec elle au dossier : sa décision et son rapport restent tels qu’ils ont été rendus.',
    );
    expect(confirm.text).toContain('Aucune convention acceptée au dossier');
  });

  it('a reader sees the submission without the button, and is refused the confirmation page (403); another commune gets 404', async () => {
    const page = await as(s.tokens.lecteur).get(`/pieces/${ids.amendment}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('/retrait');
    expect((await as(s.tokens.lecteur).get(`/pieces/${ids.amendment}/retrait`)).status).toBe(403);
    expect((await as(s.tokens.commune).form(`/pieces/${ids.amendment}/retrait`, { motif: 'x' })).status).toBe(403);
    expect((await as(s.tokens.otherCommune).get(`/pieces/${ids.amendment}`)).status).toBe(404);
    expect((await as(s.tokens.otherCommune).get(`/pieces/${ids.amendment}/retrait`)).status).toBe(404);
    expect(s.services.store.withdrawal(ids.amendment)).toBeUndefined();
  });
});
