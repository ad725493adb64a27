import { runCli } from '../../src/cli/dispatch';
import { hashToken, TokenStore } from '../../src/auth/tokens';
import { SessionStore } from '../../src/auth/sessions';
import { openDatabase, type Db } from '../../src/store/database';
import { tempDir } from '../support/api-fixtures';

const COMMUNE_SIRET = '21340270400018';

describe('TokenStore', () => {
  const tmp = tempDir();
  let db: Db;
  let tokens: TokenStore;
  beforeAll(() => {
    db = openDatabase(tmp.dbPath);
    tokens = new TokenStore(db);
  });
  afterAll(() => {
    db.close();
    tmp.cleanup();
  });

  it('makes a token of 61 characters, keeps only its SHA-256, and recognises it', () => {
    const { token, record } = tokens.create({ role: 'lecteur', label: 'Service financier' });
    expect(token).toMatch(/^entc_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(token).toHaveLength(61);
    const row = db.prepare('SELECT * FROM api_tokens WHERE id = ?').get(record.id) as Record<string, unknown>;
    expect(row.hash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token.slice(18));
    expect(tokens.authenticate(token)).toEqual({ ok: true, principal: { tokenId: record.id, role: 'lecteur', siret: null, label: 'Service financier' } });
  });

  it.each([
    ['malformed', 'abc'],
    ['malformed', 'entc_xyz'],
    ['unknown', `entc_000000000000_${'A'.repeat(43)}`],
  ])('refuses a %s token', (reason, token) => {
    expect(tokens.authenticate(token)).toEqual({ ok: false, reason });
  });

  it('refuses a token whose secret differs by one character, though its id exists', () => {
    const { token } = tokens.create({ role: 'juriste' });
    const last = token.at(-1) === 'A' ? 'B' : 'A';
    expect(tokens.authenticate(token.slice(0, -1) + last)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('a commune token names its SIRET; the database refuses one without, and a SIRET on another role', () => {
    const { record } = tokens.create({ role: 'commune', siret: COMMUNE_SIRET });
    expect(record.siret).toBe(COMMUNE_SIRET);
    expect(() => tokens.create({ role: 'commune' })).toThrow();
    expect(() => db.prepare("INSERT INTO api_tokens VALUES ('aaaaaaaaaaaa', ?, 'lecteur', '21340270400018', '', '2020', NULL)").run('0'.repeat(64))).toThrow(
      /CHECK/,
    );
  });

  it('revokes once, refuses the token from then on, and never deletes it', () => {
    const { token, record } = tokens.create({ role: 'juriste' });
    expect(tokens.revoke(record.id)).toEqual({ ok: true, token: expect.objectContaining({ id: record.id, revokedAt: expect.any(String) }) });
    expect(tokens.authenticate(token)).toEqual({ ok: false, reason: 'revoked' });
    expect(tokens.revoke(record.id)).toEqual({ ok: false, reason: 'already_revoked', token: expect.objectContaining({ id: record.id }) });
    expect(tokens.revoke('ffffffffffff')).toEqual({ ok: false, reason: 'unknown' });
    expect(() => db.prepare('DELETE FROM api_tokens WHERE id = ?').run(record.id)).toThrow(/jamais supprimé/);
    expect(() => db.prepare('UPDATE api_tokens SET revoked_at = NULL WHERE id = ?').run(record.id)).toThrow(/seule la révocation/);
    expect(() => db.prepare("UPDATE api_tokens SET role = 'juriste', revoked_at = 'x' WHERE role = 'lecteur'").run()).toThrow(/seule la révocation/);
    expect(tokens.byId(record.id)?.revokedAt).toEqual(expect.any(String));
  });
});

describe('SessionStore', () => {
  it('ends a session after its idle time and after its lifetime, and bounds how many are kept', () => {
    let now = 0;
    const sessions = new SessionStore({ idleMs: 100, maxAgeMs: 250, maxSessions: 3, now: () => now });
    const a = sessions.open('t1');
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    now = 90;
    expect(sessions.touch(a)?.tokenId).toBe('t1');
    now = 180;
    expect(sessions.touch(a)).toBeDefined();
    now = 260;
    expect(sessions.touch(a)).toBeUndefined();
    const b = sessions.open('t2');
    now = 400;
    expect(sessions.touch(b)).toBeUndefined();
    const ids = [sessions.open('x'), sessions.open('y'), sessions.open('z'), sessions.open('w')];
    expect(sessions.size).toBe(3);
    expect(sessions.touch(ids[0])).toBeUndefined();
    expect(sessions.touch(ids[3])).toBeDefined();
    expect(sessions.touch('not an id')).toBeUndefined();
  });
});

describe('ent-compliance token', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  async function cli(args: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: tmp.dir, env: { DATABASE_PATH: tmp.dbPath } });
    return { code, stdout, stderr };
  }

  it('create prints the token alone on stdout; list shows it without its value; revoke revokes it', async () => {
    const created = await cli(['token', 'create', '--role', 'commune', '--siret', COMMUNE_SIRET, '--label', 'Mairie de Saint-Jean-de-Védas']);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^entc_[0-9a-f]{12}_[A-Za-z0-9_-]{43}\n$/);
    expect(created.stderr).toMatch(/créé.*SIRET 21340270400018.*il ne sera plus affiché/);
    const token = created.stdout.trim();
    const id = token.slice(5, 17);

    const listed = await cli(['token', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(id);
    expect(listed.stdout).toContain('Mairie de Saint-Jean-de-Védas');
    expect(listed.stdout).not.toContain(token.slice(18));
    const json = await cli(['token', 'list', '--format', 'json']);
    expect(JSON.parse(json.stdout.trim())).toEqual({
      id,
      role: 'commune',
      siret: COMMUNE_SIRET,
      label: 'Mairie de Saint-Jean-de-Védas',
      createdAt: expect.any(String),
      revokedAt: null,
    });

    expect(await cli(['token', 'revoke', id])).toMatchObject({ code: 0, stderr: expect.stringContaining('révoqué') });
    expect(await cli(['token', 'revoke', id])).toMatchObject({ code: 1, stderr: expect.stringContaining('déjà révoqué') });
    expect((await cli(['token', 'list'])).stdout).toMatch(/RÉVOQUÉ le/);

    // The same database as the server's: the token opens nothing any more.
    const db = openDatabase(tmp.dbPath);
    expect(new TokenStore(db).authenticate(token)).toEqual({ ok: false, reason: 'revoked' });
    db.close();
  });

  it('list and revoke give the dates at Paris time, the JSON keeps the instants', async () => {
    // 22:30 UTC on 15 October 2020 is already the 16th at 00:30 in Montpellier (summer time);
    // 23:30 UTC on 15 January 2021 is the 16th at 00:30 too (winter time).
    const db = openDatabase(tmp.dbPath);
    let clock = new Date('2020-10-15T22:30:00Z');
    const { record } = new TokenStore(db, () => clock).create({ role: 'lecteur', siret: null, label: 'Service financier (heure de Paris)' });
    db.close();
    const line = () => cli(['token', 'list']).then((r) => r.stdout.split('\n').find((l) => l.includes('(heure de Paris)')));
    expect(await line()).toBe(`${record.id}  lecteur  -               créé le 16/10/2020 à 00:30  Service financier (heure de Paris)`);
    const again = openDatabase(tmp.dbPath);
    clock = new Date('2021-01-15T23:30:00Z');
    new TokenStore(again, () => clock).revoke(record.id);
    again.close();
    expect(await line()).toBe(
      `${record.id}  lecteur  -               créé le 16/10/2020 à 00:30  RÉVOQUÉ le 16/01/2021 à 00:30  Service financier (heure de Paris)`,
    );
    expect(await cli(['token', 'revoke', record.id])).toMatchObject({
      code: 1,
      stderr: `token : le jeton ${record.id} est déjà révoqué (le 16/01/2021 à 00:30, heure de Paris)\n`,
    });
    const json = (await cli(['token', 'list', '--format', 'json'])).stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(json.find((t) => t.id === record.id)).toMatchObject({ createdAt: '2020-10-15T22:30:00.000Z', revokedAt: '2021-01-15T23:30:00.000Z' });
  });

  it('a server that verified a token lately refuses it at the next request once the command line revoked it', async () => {
    // The server's connection, which keeps the tokens it verified while the file does not change.
    const server = openDatabase(tmp.dbPath);
    try {
      const tokens = new TokenStore(server);
      const token = (await cli(['token', 'create', '--role', 'lecteur'])).stdout.trim();
      expect(tokens.authenticate(token)).toMatchObject({ ok: true });
      expect(tokens.authenticate(token)).toMatchObject({ ok: true });
      expect((await cli(['token', 'revoke', token.slice(5, 17)])).code).toBe(0);
      expect(tokens.authenticate(token)).toEqual({ ok: false, reason: 'revoked' });

      // And revoked through another TokenStore on the very same connection.
      const other = (await cli(['token', 'create', '--role', 'lecteur'])).stdout.trim();
      expect(tokens.authenticate(other)).toMatchObject({ ok: true });
      expect(new TokenStore(server).revoke(other.slice(5, 17))).toMatchObject({ ok: true });
      expect(tokens.authenticate(other)).toEqual({ ok: false, reason: 'revoked' });
    } finally {
      server.close();
    }
  });

  it.each([
    [['token'], /sous-commande attendue/],
    [['token', 'delete'], /sous-commande inconnue/],
    [['token', '__proto__'], /sous-commande inconnue/],
    [['token', 'create'], /--role est obligatoire/],
    [['token', 'create', '--role', 'admin'], /rôle inconnu/],
    [['token', 'create', '--role', 'commune'], /--siret est obligatoire/],
    [['token', 'create', '--role', 'commune', '--siret', '21340270400019'], /SIRET invalide/],
    [['token', 'create', '--role', 'lecteur', '--siret', COMMUNE_SIRET], /ne vaut que pour un jeton de commune/],
    [['token', 'create', '--role', 'juriste', '--colour', 'bleu'], /option inconnue/],
    [['token', 'revoke'], /un identifiant de jeton attendu/],
    [['token', 'revoke', "' OR 1=1 --"], /identifiant mal formé/],
  ])('%j: usage error, exit 2, nothing on stdout', async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('revoke of an unknown id: exit 1', async () => {
    expect(await cli(['token', 'revoke', 'abcdefabcdef'])).toMatchObject({ code: 1, stderr: expect.stringContaining('aucun jeton') });
  });

  it('--help describes the roles', async () => {
    const r = await cli(['token', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('commune : dépôt, contrôle et lecture de son seul dossier');
  });
});
