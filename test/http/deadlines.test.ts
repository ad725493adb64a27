import request from 'supertest';
import * as ical from 'node-ical';
import { testApp, type TestApp } from '../support/api-app';
import { COMMUNES, fixtureFor, fixtureText, SIRET } from '../support/api-fixtures';

/**
 * « Échéances »: the legal deadlines of every dossier through the HTTP layer, as JSON, as a page
 * and as an iCalendar file parsed back, at "todays" fixed by the service's clock.
 */

/** A summary as node-ical gives it: text, or text with parameters. */
function summaryOf(e: ical.VEvent): string {
  const s = e.summary as unknown;
  return typeof s === 'string' ? s : ((s as { val?: string }).val ?? '');
}

async function submit(t: TestApp, body: string) {
  return request(t.app).post('/api/submissions').set('Content-Type', 'application/json').send(body);
}

describe('Échéances', () => {
  let t: TestApp;
  let now = new Date('2021-03-10T09:00:00Z');
  beforeAll(async () => {
    t = testApp({ now: () => now });
    // Saint-Jean-de-Védas: in force, a formal notice received on 3 March 2021. Montpellier: in force.
    expect((await submit(t, fixtureText('convention-3-ecoles.json'))).status).toBe(201);
    expect((await submit(t, fixtureText('mise-en-demeure.json'))).body.status).toBe('accepted');
    expect((await submit(t, JSON.stringify(fixtureFor('convention-3-ecoles', COMMUNES.montpellier)))).status).toBe(201);
  });
  afterAll(() => t.close());

  describe('GET /api/deadlines', () => {
    it('each deadline with its dossier, article, date and state as of today (clock: 10 March 2021)', async () => {
      now = new Date('2021-03-10T09:00:00Z');
      const res = await request(t.app).get('/api/deadlines');
      expect(res.status).toBe(200);
      expect(res.body.today).toBe('2021-03-10');
      const sjdv = res.body.deadlines.filter((d: { siret: string }) => d.siret === SIRET);
      expect(sjdv.map((d: { kind: string; date: string; article: string; state: string }) => [d.kind, d.date, d.article, d.state])).toEqual([
        ['conciliation', '2021-04-03', '10', 'coming'],
        ['term_end', '2021-10-31', '3', 'coming'],
        ['amendment_window', '2020-10-15', '6.2', 'past'],
      ]);
      expect(sjdv[0]).toMatchObject({ dossierName: 'Saint-Jean-de-Védas', url: `/api/dossiers/${SIRET}` });
    });

    it.each([
      ['2021-04-02T21:59:00Z', 'coming'],
      ['2021-04-03T21:59:00Z', 'coming'],
      // 4 April 2021 at 00:30 in Montpellier, still 3 April in UTC: the day is Montpellier's.
      ['2021-04-03T22:30:00Z', 'past'],
    ])('the conciliation deadline at %s → %s', async (instant, state) => {
      now = new Date(instant);
      const res = await request(t.app).get('/api/deadlines');
      expect(res.body.deadlines.find((d: { kind: string }) => d.kind === 'conciliation').state).toBe(state);
    });

    it('?from=&to= keeps the dates between them', async () => {
      now = new Date('2021-03-10T09:00:00Z');
      const res = await request(t.app).get('/api/deadlines?from=2021-04-01&to=2021-12-31');
      expect(res.body.deadlines.map((d: { kind: string; siret: string }) => `${d.kind} ${d.siret}`)).toEqual([
        `conciliation ${SIRET}`,
        `term_end ${COMMUNES.montpellier.siret}`,
        `term_end ${SIRET}`,
      ]);
    });

    it.each(['from=2021-02-30', 'from=demain', 'from=2021-05-01&to=2021-04-01'])('?%s → 400 in French', async (q) => {
      const res = await request(t.app).get(`/api/deadlines?${q}`);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_query', message: expect.stringMatching(/paramètre « (from|to) »/) });
    });
  });

  describe('GET /api/deadlines/calendar.ics', () => {
    it('an iCalendar file, parsed back: one all-day event per deadline on its day in Montpellier, with its article and the dossier’s address', async () => {
      now = new Date('2021-03-10T09:00:00Z');
      const res = await request(t.app).get('/api/deadlines/calendar.ics');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
      const events = Object.values(ical.sync.parseICS(res.text)).filter((e): e is ical.VEvent => e?.type === 'VEVENT');
      expect(events).toHaveLength(5);
      expect(res.text).toContain('DTSTART;VALUE=DATE:20210403');
      // When the file was made, in UTC as RFC 5545 asks (3.8.7.2), from the service's clock.
      expect(res.text).toContain('DTSTAMP:20210310T090000Z');
      const conciliation = events.find((e) => summaryOf(e).startsWith('Date limite de la conciliation'))!;
      expect(conciliation.datetype).toBe('date');
      const day = new Intl.DateTimeFormat('fr-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });
      expect(day.format(conciliation.start)).toBe('2021-04-03');
      expect(conciliation.summary).toBe('Date limite de la conciliation après la mise en demeure — Saint-Jean-de-Védas (Article 10)');
      expect(conciliation.description).toContain(`/dossiers/${SIRET}`);
      expect(conciliation.uid).toBe(`conciliation-${SIRET}@ent-compliance`);
      const windows = events.filter((e) => summaryOf(e).startsWith('Fenêtre des avenants'));
      expect(windows.map((e) => day.format(e.start))).toEqual(['2020-10-15', '2020-10-15']);
      expect(windows[0].description).toContain('du 01/09/2020 au 15/10/2020');
    });
  });

  describe('page « Échéances »', () => {
    it('coming first, past apart in a colour of their own, per dossier, and the subscription link', async () => {
      now = new Date('2021-03-10T09:00:00Z');
      const res = await request(t.app).get('/echeances');
      expect(res.status).toBe(200);
      expect(res.text).toContain('<h1>Échéances</h1>');
      expect(res.text).toContain('Situation au 10/03/2021');
      const coming = res.text.indexOf('<h2>À venir</h2>');
      const past = res.text.indexOf('<h2>Passées</h2>');
      expect(res.text.indexOf('03/04/2021')).toBeGreaterThan(coming);
      expect(res.text.indexOf('03/04/2021')).toBeLessThan(past);
      expect(res.text.slice(past)).toMatch(
        /<tr class="app-echeance app-echeance--past"><td><time datetime="2020-10-15">15\/10\/2020<\/time><br><p class="fr-badge fr-badge--sm fr-badge--no-icon">Passée<\/p>/,
      );
      expect(res.text.slice(coming, past)).toContain('<p class="fr-badge fr-badge--sm fr-badge--info">À venir</p>');
      expect(res.text).toContain('href="/api/deadlines/calendar.ics"');
      expect(res.text).toContain('<h3 id="echeances-21340172200102"><a href="/dossiers/21340172200102">Montpellier</a></h3>');
    });
  });
});
