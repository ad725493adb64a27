import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { tokenId } from '../../src/auth/tokens';
import { pageProblems } from '../pages/accessibility';
import type { SecureApp } from '../support/secure-app';
import { closeRulesCopy, openOnRulesCopy } from '../support/rules-copy';

/**
 * What a juriste does from the pages rather than the CLI: the access tokens (« Jetons d’accès »:
 * create — the value shown once —, list, revoke after a confirmation) and the rules read again
 * (« Recharger les règles »: the versions loaded, or the lint errors by file:line while the
 * previous rules keep serving). Through the HTTP layer, signed in as a browser is; only a juriste
 * may, and a form posted from another site is refused.
 */

const ARTICLE_5 = 'rules/article-5.yaml';

let dir: string;
let s: SecureApp;
beforeEach(() => ({ dir, s } = openOnRulesCopy('ent-admin-')));
afterEach(() => closeRulesCopy(dir, s));

async function session(token: string): Promise<string> {
  const res = await request(s.app).post('/connexion').type('form').send({ jeton: token });
  const set = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = set.find((c) => c.startsWith('ent_session='));
  if (!cookie) throw new Error(`no session cookie: ${res.status}`);
  return cookie.split(';')[0];
}

/** A form sent from this site by a signed-in browser. */
const post = (cookie: string, path: string, form: Record<string, string> = {}) =>
  request(s.app).post(path).set('Cookie', cookie).set('Sec-Fetch-Site', 'same-origin').type('form').send(form);
const get = (cookie: string, path: string) => request(s.app).get(path).set('Cookie', cookie);

describe('« Jetons d’accès »', () => {
  it('lists the tokens, never their value, with the form to make one', async () => {
    const juriste = await session(s.tokens.juriste);
    const res = await get(juriste, '/jetons');
    expect(res.status).toBe(200);
    expect(pageProblems(res.text)).toEqual([]);
    expect(res.text).toContain('<h1>Jetons d’accès</h1>');
    for (const t of s.services.tokens.list()) expect(res.text).toContain(`<span class="code">${t.id}</span>`);
    for (const value of Object.values(s.tokens)) expect(res.text).not.toContain(value);
    expect(res.text).toContain('<form class="fr-mb-6w" method="post" action="/jetons" novalidate>');
    // The way there, beside who is signed in, for a juriste only.
    expect(res.text).toContain('<a class="fr-link" href="/jetons">Jetons d’accès</a>');
    expect((await get(await session(s.tokens.lecteur), '/dossiers')).text).not.toContain('href="/jetons"');
  });

  it('creates a commune’s token: its value shown once, kept by no cache, and it opens its dossier only', async () => {
    const juriste = await session(s.tokens.juriste);
    const res = await post(juriste, '/jetons', { role: 'commune', siret: '21340172200102', label: 'Mairie de Montpellier, service scolaire' });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const value = /value="(entc_[0-9a-f]{12}_[A-Za-z0-9_-]{43})" readonly/.exec(res.text)?.[1];
    expect(value).toBeDefined();
    expect(res.text).toContain('Conservez-le maintenant : il ne sera plus affiché.');
    const made = s.services.tokens.byId(tokenId(value!)!)!;
    expect(made).toMatchObject({ role: 'commune', siret: '21340172200102', label: 'Mairie de Montpellier, service scolaire', revokedAt: null });
    expect(res.text).toContain(`Jeton ${made.id} créé : commune (son dossier seulement), SIRET 21340172200102`);
    const api = await request(s.app).get('/api/dossiers').set('Authorization', `Bearer ${value}`);
    expect(api.status).toBe(200);
    // Shown once: the list afterwards names it, without its value.
    const list = await get(juriste, '/jetons');
    expect(list.text).toContain(made.id);
    expect(list.text).not.toContain(value!);
  });

  it.each([
    [{ role: '', siret: '', label: '' }, 'role', 'rôle à choisir : juriste, lecteur, commune'],
    [{ role: 'admin', siret: '', label: '' }, 'role', 'rôle inconnu « admin »'],
    [{ role: 'commune', siret: '', label: '' }, 'siret', 'le SIRET du dossier est obligatoire pour un jeton de commune'],
    [{ role: 'commune', siret: '21340172200103', label: '' }, 'siret', 'SIRET invalide « 21340172200103 » : 14 chiffres, clé de Luhn juste'],
    [{ role: 'lecteur', siret: '21340172200102', label: '' }, 'siret', 'un SIRET ne vaut que pour un jeton de commune, pas pour le rôle lecteur'],
    [{ role: 'lecteur', siret: '', label: 'x'.repeat(201) }, 'label', 'libellé trop long'],
  ])('%j: 400, the form again with the field in error, nothing made', async (form, field, message) => {
    const juriste = await session(s.tokens.juriste);
    const before = s.services.tokens.count();
    const res = await post(juriste, '/jetons', form);
    expect(res.status).toBe(400);
    expect(res.text).toContain('Le jeton n’a pas été créé');
    expect(res.text).toContain(`<p class="fr-error-text" id="jeton-${field}-erreur"><span class="sr-only">Erreur : </span>${message}`);
    expect(pageProblems(res.text)).toEqual([]);
    expect(s.services.tokens.count()).toBe(before);
  });

  it('revokes a token after a confirmation: refused from the next request, its sessions closed', async () => {
    const juriste = await session(s.tokens.juriste);
    const victim = s.token('lecteur');
    const victimSession = await session(victim.token);
    const confirm = await get(juriste, `/jetons/${victim.id}/revocation`);
    expect(confirm.status).toBe(200);
    expect(pageProblems(confirm.text)).toEqual([]);
    expect(confirm.text).toContain(`<h1>Révoquer le jeton ${victim.id}</h1>`);
    expect(confirm.text).toContain(`<form method="post" action="/jetons/${victim.id}/revocation">`);
    // Asking is not revoking.
    expect(s.services.tokens.byId(victim.id)?.revokedAt).toBeNull();

    const done = await post(juriste, `/jetons/${victim.id}/revocation`);
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`/jetons?revoque=${victim.id}`);
    expect((await get(juriste, done.headers.location)).text).toContain(`Jeton ${victim.id} révoqué le 21/09/2020 à 10:00 : il est refusé dès maintenant.`);
    expect((await request(s.app).get('/api/dossiers').set('Authorization', `Bearer ${victim.token}`)).status).toBe(401);
    const closed = await get(victimSession, '/dossiers');
    expect(closed.status).toBe(303);
    expect(closed.headers.location).toMatch(/^\/connexion/);

    // Once only; an unknown or malformed id is a 404 page.
    expect((await post(juriste, `/jetons/${victim.id}/revocation`)).status).toBe(409);
    expect((await get(juriste, `/jetons/${victim.id}/revocation`)).text).toContain(`Le jeton ${victim.id} est déjà révoqué`);
    expect((await get(juriste, '/jetons/abcdefabcdef/revocation')).status).toBe(404);
    expect((await post(juriste, "/jetons/'%20OR%201=1/revocation")).status).toBe(404);
  });

  it('says to a juriste revoking the token of the session that it signs them out', async () => {
    const own = s.token('juriste');
    const cookie = await session(own.token);
    expect((await get(cookie, `/jetons/${own.id}/revocation`)).text).toContain('C’est le jeton de votre session : vous serez déconnecté.');
  });
});

describe('« Recharger les règles »', () => {
  it('the button is on the page « Règles » for a juriste, not for a reader', async () => {
    expect((await get(await session(s.tokens.juriste), '/regles')).text).toContain('<form class="fr-mb-4w" method="post" action="/regles/recharger">');
    expect((await get(await session(s.tokens.lecteur), '/regles')).text).not.toContain('/regles/recharger');
  });

  it('says which versions it loaded', async () => {
    const juriste = await session(s.tokens.juriste);
    const before = s.services.registry.ruleSets.find((r) => r.schoolYear === '2020-2021')!.version;
    appendFileSync(join(dir, '2020-2021', ARTICLE_5), '# Relu par le service juridique le 2 octobre 2020.\n');
    const res = await post(juriste, '/regles/recharger');
    expect(res.status).toBe(200);
    expect(pageProblems(res.text)).toEqual([]);
    const after = s.services.registry.ruleSets.find((r) => r.schoolYear === '2020-2021')!.version;
    expect(after).not.toBe(before);
    expect(res.text).toContain('<h2 class="fr-alert__title">Règles rechargées</h2>');
    expect(res.text).toContain(`<li><strong>2020-2021</strong> : version ${before} → ${after}</li>`);
    expect(res.text).toContain(`<span class="code">${after}</span>`);
  });

  it('a rule set that fails lint: its errors by file:line, its previous version still serving', async () => {
    const juriste = await session(s.tokens.juriste);
    const serving = s.services.registry.ruleSets.find((r) => r.schoolYear === '2020-2021')!.version;
    writeFileSync(join(dir, '2020-2021', ARTICLE_5), 'article: "5"\nrules:\n  - id: 5.tarif\n    kinds: [invoice\n');
    const res = await post(juriste, '/regles/recharger');
    expect(res.status).toBe(422);
    expect(pageProblems(res.text)).toEqual([]);
    expect(res.text).toContain('Règles rechargées en partie : des jeux sont refusés à la relecture');
    expect(res.text).toMatch(/<li><code class="code">2020-2021\/rules\/article-5\.yaml:\d+:\d+: [^<]+<\/code><\/li>/);
    expect(res.text).toContain(`La version ${serving} (2020-2021) reste en service.`);
    expect(s.services.registry.ruleSets.find((r) => r.schoolYear === '2020-2021')!.version).toBe(serving);
  });
});

describe('who may', () => {
  it.each([
    ['GET', '/jetons'],
    ['POST', '/jetons'],
    ['GET', '/jetons/abcdefabcdef/revocation'],
    ['POST', '/jetons/abcdefabcdef/revocation'],
    ['POST', '/regles/recharger'],
  ])('%s %s: 403 for a lecteur and a commune, as a page; nothing done', async (method, path) => {
    const before = { tokens: s.services.tokens.count(), versions: s.services.registry.ruleSets.map((r) => r.version) };
    appendFileSync(join(dir, '2020-2021', ARTICLE_5), '# Une ligne de plus.\n');
    for (const role of ['lecteur', 'commune'] as const) {
      const cookie = await session(s.tokens[role]);
      const res = method === 'GET' ? await get(cookie, path) : await post(cookie, path, { role: 'juriste' });
      expect({ role, status: res.status }).toEqual({ role, status: 403 });
      expect(res.text).toContain(`le rôle « ${role} » ne permet pas`);
    }
    expect({ tokens: s.services.tokens.count(), versions: s.services.registry.ruleSets.map((r) => r.version) }).toEqual(before);
  });

  it('a form posted from another site with a juriste’s session: 403, no token made, no rules read', async () => {
    const cookie = await session(s.tokens.juriste);
    const before = s.services.tokens.count();
    for (const path of ['/jetons', '/regles/recharger', `/jetons/${s.token('lecteur').id}/revocation`]) {
      const res = await request(s.app).post(path).set('Cookie', cookie).set('Sec-Fetch-Site', 'cross-site').type('form').send({ role: 'juriste' });
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
      expect(res.text).toContain('formulaire envoyé depuis un autre site');
    }
    expect(s.services.tokens.list().filter((t) => t.revokedAt !== null)).toEqual([]);
    expect(s.services.tokens.count()).toBe(before + 1);
  });
});
