import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { createServer as createNetServer, type Server as NetServer } from 'node:net';
import { createInterface } from 'node:readline';
import { TokenStore } from '../../src/auth/tokens';
import { Store } from '../../src/store/store';
import { verifyDatabase } from '../../src/store/verify';
import { sha256Hex } from '../../src/documents/hash';
import { API_FIXTURES, fixtureText, RULES_DIR, tempDir } from '../support/api-fixtures';
import { buildDist, DIST, ROOT } from '../support/build';

/**
 * The built program in child processes: a writer killed with SIGKILL in the middle of a stream of
 * submissions, or of withdrawals, leaves a whole database and an unbroken register; the server
 * creates and prints the first token once it listens (a failed start makes none), says how to make
 * a juriste token when none is left, logs one line per request without secrets, and stops
 * gracefully on SIGTERM, also under `npm start`.
 */

beforeAll(() => buildDist(), 180_000);

const tmp = tempDir('ent-processes-');
afterAll(() => tmp.cleanup());

/** A child's stdout as lines, and a way to wait for the first line matching a pattern. */
class Lines {
  readonly all: string[] = [];
  private waiters: Array<{ test: (l: string) => boolean; resolve: (l: string) => void }> = [];
  constructor(child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      this.all.push(line);
      this.waiters = this.waiters.filter((w) => (w.test(line) ? (w.resolve(line), false) : true));
    });
  }
  wait(pattern: RegExp, timeoutMs = 20_000): Promise<string> {
    const seen = this.all.find((l) => pattern.test(l));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} in:\n${this.all.join('\n')}`)), timeoutMs);
      this.waiters.push({ test: (l) => pattern.test(l), resolve: (l) => (clearTimeout(timer), resolve(l)) });
    });
  }
}

function exited(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

describe('a writer killed with SIGKILL mid-stream', () => {
  const dbPath = join(tmp.dir, 'crash', 'ent-compliance.sqlite');
  const acknowledged: string[] = [];
  let crashes = 0;

  // Three crashes on the same file, after more and more acknowledged writes, each reopening what the last left.
  it.each([5, 25, 60])(
    'after %d acknowledged submissions: integrity ok, every acknowledged id kept whole, none partial',
    async (count) => {
      const child = spawn(process.execPath, [join(ROOT, 'test/support/crash-writer.js'), dbPath, RULES_DIR, join(API_FIXTURES, 'convention-3-ecoles.json')], {
        cwd: ROOT,
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const lines = new Lines(child);
      await lines.wait(/^prêt$/);
      const ids: string[] = [];
      await new Promise<void>((resolve) => {
        child.stdout.on('data', () => {
          const acked = lines.all.filter((l) => /^[0-9a-f-]{36}$/.test(l));
          if (acked.length >= count) resolve();
        });
      });
      // In the middle of the next write, as likely as not.
      child.kill('SIGKILL');
      const end = await exited(child);
      crashes++;
      expect(end.signal).toBe('SIGKILL');
      expect(stderr).toBe('');
      ids.push(...lines.all.filter((l) => /^[0-9a-f-]{36}$/.test(l)));
      acknowledged.push(...ids);

      const store = Store.open(dbPath);
      try {
        const db = store.db;
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.pragma('foreign_key_check')).toEqual([]);
        for (const id of acknowledged) {
          const s = store.submission(id);
          expect(s).toBeDefined();
          expect(sha256Hex(s!.rawText)).toBe(s!.sha256);
          expect(store.report(id)).toEqual(expect.stringContaining('</html>'));
        }
        // No submission without its report, no report without its rules' texts: each write was all or nothing.
        expect(db.prepare('SELECT COUNT(*) FROM submissions s LEFT JOIN reports r ON r.submission_id = s.id WHERE r.submission_id IS NULL').pluck().get()).toBe(
          0,
        );
        expect(
          db
            .prepare(
              'SELECT COUNT(*) FROM submissions s LEFT JOIN rule_set_versions v ON v.version = s.rule_set_version WHERE s.rule_set_version IS NOT NULL AND v.version IS NULL',
            )
            .pluck()
            .get(),
        ).toBe(0);
        const total = db.prepare('SELECT COUNT(*) FROM submissions').pluck().get() as number;
        // Unacknowledged but kept: at most the one write committed between the last acknowledgement and each kill.
        expect(total - acknowledged.length).toBeGreaterThanOrEqual(0);
        expect(total - acknowledged.length).toBeLessThanOrEqual(crashes);
        // And each with its entry in the register, the chain whole.
        expect(verifyDatabase(db)).toMatchObject({ ok: true, submissions: total });
      } finally {
        store.close();
      }
    },
    60_000,
  );
});

describe('a withdrawal killed with SIGKILL mid-stream', () => {
  const dbPath = join(tmp.dir, 'crash-withdrawals', 'ent-compliance.sqlite');
  const acknowledged: string[] = [];
  let crashes = 0;

  it.each([3, 30])(
    'after %d acknowledged withdrawals: each withdrawal there whole, with its entry in the register, or not at all',
    async (count) => {
      const child = spawn(
        process.execPath,
        [join(ROOT, 'test/support/crash-withdrawer.js'), dbPath, RULES_DIR, join(API_FIXTURES, 'titre-2020-2021-3-ecoles.json'), '120'],
        { cwd: ROOT },
      );
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const lines = new Lines(child);
      await lines.wait(/^prêt$/, 60_000);
      const withdrawn = () => lines.all.slice(lines.all.indexOf('prêt') + 1).filter((l) => /^[0-9a-f-]{36}$/.test(l));
      await new Promise<void>((resolve) => {
        const check = () => (withdrawn().length >= count ? resolve() : undefined);
        child.stdout.on('data', check);
        check();
      });
      // In the middle of the next withdrawal, as likely as not.
      child.kill('SIGKILL');
      const end = await exited(child);
      crashes++;
      expect(end.signal).toBe('SIGKILL');
      expect(stderr).toBe('');
      expect(lines.all).not.toContain('fini');
      acknowledged.push(...withdrawn());

      const store = Store.open(dbPath);
      try {
        const db = store.db;
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        for (const id of acknowledged) {
          expect(store.withdrawal(id)).toMatchObject({ reason: `déposée par erreur (${id})`, author: 'essai de panne' });
          expect(store.withdrawalLink(id)).toBeDefined();
        }
        // No withdrawal without its entry in the register, no entry without its withdrawal.
        expect(
          db
            .prepare(
              "SELECT COUNT(*) FROM withdrawals w WHERE NOT EXISTS (SELECT 1 FROM ledger l WHERE l.entry_type = 'withdrawal' AND l.entry_id = w.submission_id)",
            )
            .pluck()
            .get(),
        ).toBe(0);
        expect(
          db
            .prepare(
              "SELECT COUNT(*) FROM ledger l WHERE l.entry_type = 'withdrawal' AND NOT EXISTS (SELECT 1 FROM withdrawals w WHERE w.submission_id = l.entry_id)",
            )
            .pluck()
            .get(),
        ).toBe(0);
        const total = db.prepare('SELECT COUNT(*) FROM withdrawals').pluck().get() as number;
        // Unacknowledged but kept: at most the one committed between the last acknowledgement and each kill.
        expect(total - acknowledged.length).toBeGreaterThanOrEqual(0);
        expect(total - acknowledged.length).toBeLessThanOrEqual(crashes);
        expect(verifyDatabase(db)).toMatchObject({ ok: true, withdrawals: total });
      } finally {
        store.close();
      }
    },
    120_000,
  );
});

interface Server {
  child: ChildProcessWithoutNullStreams;
  lines: Lines;
  base: string;
  stderr: () => string;
}

async function startServer(env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, [join(DIST, 'src/server.js')], {
    cwd: tmp.dir,
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', RULES_DIR, LOG_LEVEL: 'info', ...env },
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const lines = new Lines(child);
  const listening = await lines.wait(/à l'écoute sur http:\/\/127\.0\.0\.1:\d+$/);
  return { child, lines, base: listening.slice(listening.indexOf('http://')), stderr: () => stderr };
}

async function stopServer(s: Server): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  s.child.kill('SIGTERM');
  return exited(s.child);
}

describe('the server', () => {
  it('first start: creates a juriste token and prints it once with the login address; not again on the next start', async () => {
    const dbPath = join(tmp.dir, 'first', 'db.sqlite');
    const first = await startServer({ DATABASE_PATH: dbPath });
    const tokenLine = await first.lines.wait(/^entc_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    await first.lines.wait(new RegExp(`connexion : ${first.base.replace(/[.]/g, '\\.')}/connexion`));
    expect((await fetch(`${first.base}/api/rules`)).status).toBe(401);
    expect((await fetch(`${first.base}/api/rules`, { headers: { Authorization: `Bearer ${tokenLine}` } })).status).toBe(200);
    expect((await fetch(`${first.base}/health`)).status).toBe(200);
    const login = await fetch(`${first.base}/dossiers`, { redirect: 'manual' });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/connexion?suivant=%2Fdossiers');
    expect(await stopServer(first)).toEqual({ code: 0, signal: null });

    const second = await startServer({ DATABASE_PATH: dbPath });
    expect(await stopServer(second)).toEqual({ code: 0, signal: null });
    expect(second.lines.all.join('\n')).not.toMatch(/entc_|premier démarrage/);
  }, 60_000);

  it('a start that fails (port already in use) creates no token; the next start prints the first one', async () => {
    const dbPath = join(tmp.dir, 'port-taken', 'db.sqlite');
    const taken: NetServer = createNetServer();
    await new Promise<void>((ok) => taken.listen(0, '127.0.0.1', ok));
    const port = (taken.address() as { port: number }).port;
    try {
      const child = spawn(process.execPath, [join(DIST, 'src/server.js')], {
        cwd: tmp.dir,
        env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', RULES_DIR, DATABASE_PATH: dbPath },
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const lines = new Lines(child);
      expect(await exited(child)).toEqual({ code: 1, signal: null });
      expect(stderr).toContain(`le port ${port} est déjà utilisé sur 127.0.0.1 (variable PORT)`);
      expect(lines.all.join('\n')).not.toMatch(/entc_|premier démarrage/);
    } finally {
      await new Promise<void>((ok) => taken.close(() => ok()));
    }
    const store = Store.open(dbPath);
    expect(new TokenStore(store.db).count()).toBe(0);
    store.close();

    const next = await startServer({ DATABASE_PATH: dbPath });
    const token = await next.lines.wait(/^entc_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(next.lines.all.join('\n')).toContain('premier démarrage, aucun jeton dans la base');
    expect((await fetch(`${next.base}/api/rules`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    expect(await stopServer(next)).toEqual({ code: 0, signal: null });
  }, 60_000);

  it('no active juriste token left: every start says how to make one, and makes none itself', async () => {
    const dbPath = join(tmp.dir, 'revoked', 'db.sqlite');
    const store = Store.open(dbPath);
    const tokens = new TokenStore(store.db);
    tokens.revoke(tokens.create({ role: 'juriste', label: 'parti' }).record.id);
    tokens.create({ role: 'lecteur', label: 'service financier' });
    store.close();
    const howTo = new RegExp(
      `^ent-compliance : aucun jeton juriste actif dans la base ${dbPath.replace(/[.]/g, '\\.')} : le service juridique ne peut pas se connecter\\. ` +
        `Pour en créer un : DATABASE_PATH=${dbPath.replace(/[.]/g, '\\.')} npx ent-compliance token create --role juriste --label "Service juridique"`,
    );
    for (let start = 0; start < 2; start++) {
      const s = await startServer({ DATABASE_PATH: dbPath });
      try {
        await s.lines.wait(howTo);
      } finally {
        expect(await stopServer(s)).toEqual({ code: 0, signal: null });
      }
      expect(s.lines.all.join('\n')).not.toMatch(/entc_|premier démarrage/);
    }
    const after = Store.open(dbPath);
    expect(new TokenStore(after.db).activeCount('juriste')).toBe(0);
    after.close();
    // With a juriste token again, the start says nothing of it.
    const mended = Store.open(dbPath);
    new TokenStore(mended.db).create({ role: 'juriste', label: 'Service juridique' });
    mended.close();
    const s = await startServer({ DATABASE_PATH: dbPath });
    expect(await stopServer(s)).toEqual({ code: 0, signal: null });
    expect(s.lines.all.join('\n')).not.toMatch(/aucun jeton juriste actif|entc_/);
  }, 60_000);

  it('AUTH=off: says so on start, and serves without a token', async () => {
    const s = await startServer({ DATABASE_PATH: join(tmp.dir, 'off', 'db.sqlite'), AUTH: 'off' });
    await s.lines.wait(/AUTHENTIFICATION DÉSACTIVÉE \(AUTH=off\)/);
    expect((await fetch(`${s.base}/api/rules`)).status).toBe(200);
    expect(s.lines.all.join('\n')).not.toContain('entc_');
    expect(await stopServer(s)).toEqual({ code: 0, signal: null });
  }, 60_000);

  it('one log line per request: id (echoed in X-Request-Id), method, path, status, duration; no token, cookie, query or content', async () => {
    const s = await startServer({ DATABASE_PATH: join(tmp.dir, 'logs', 'db.sqlite') });
    const token = await s.lines.wait(/^entc_/);
    const body = fixtureText('convention-3-ecoles.json').replace('Isabelle Guiraud', 'Nom-Très-Reconnaissable');
    const res = await fetch(`${s.base}/api/submissions?jeton=secret-dans-la-requete`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, Cookie: 'ent_session=cookie-tres-secret', 'Content-Type': 'application/json' },
      body,
    });
    expect(res.status).toBe(201);
    const reqId = res.headers.get('x-request-id');
    expect(reqId).toMatch(/^[0-9a-f-]{36}$/);
    const line = await s.lines.wait(new RegExp(reqId!));
    const entry = JSON.parse(line);
    expect(entry).toMatchObject({
      level: 30,
      msg: 'requête',
      reqId,
      method: 'POST',
      path: '/api/submissions',
      status: 201,
      durationMs: expect.any(Number),
      role: 'juriste',
      tokenId: token.slice(5, 17),
    });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(await stopServer(s)).toEqual({ code: 0, signal: null });
    const journal = s.lines.all.filter((l) => l.startsWith('{')).join('\n');
    expect(journal).not.toContain(token);
    expect(journal).not.toContain(token.slice(18));
    expect(journal).not.toContain('cookie-tres-secret');
    expect(journal).not.toContain('secret-dans-la-requete');
    expect(journal).not.toContain('Nom-Très-Reconnaissable');
    expect(journal).not.toMatch(/authorization/i);
  }, 60_000);

  it('backup while the server takes deposits: a consistent copy, verified, that serves once restored', async () => {
    const dbPath = join(tmp.dir, 'backup', 'db.sqlite');
    const s = await startServer({ DATABASE_PATH: dbPath, AUTH: 'off' });
    const base = JSON.parse(fixtureText('titre-2020-2021-3-ecoles.json'));
    let sent = 0;
    let stop = false;
    // Deposits keep coming, each its own text, while the copy is made.
    const depositing = (async () => {
      await fetch(`${s.base}/api/submissions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: fixtureText('convention-3-ecoles.json'),
      });
      while (!stop) {
        const doc = { ...base, party: { ...base.party, contact: { name: `envoi ${sent}`, email: 'a@b.fr' } } };
        const res = await fetch(`${s.base}/api/submissions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(doc) });
        expect([201, 422]).toContain(res.status);
        sent++;
      }
    })();
    while (sent < 5) await new Promise((r) => setTimeout(r, 20));
    const copy = join(tmp.dir, 'backup', 'copie.sqlite');
    const backup = spawn(process.execPath, [join(DIST, 'src/cli/main.js'), 'backup', copy, '--database', dbPath], {
      cwd: tmp.dir,
      env: { PATH: process.env.PATH ?? '', RULES_DIR },
    });
    let out = '';
    backup.stdout.on('data', (d: Buffer) => (out += d.toString()));
    backup.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const done = await exited(backup);
    const sentDuringBackup = sent;
    stop = true;
    await depositing;
    expect({ done, out }).toEqual({
      done: { code: 0, signal: null },
      out: expect.stringMatching(/^copie écrite dans .* et vérifiée : registre intègre : \d+ pièces/),
    });
    expect(await stopServer(s)).toEqual({ code: 0, signal: null });
    const restored = Store.open(copy);
    try {
      const kept = restored.db.prepare('SELECT COUNT(*) FROM submissions').pluck().get() as number;
      expect(kept).toBeGreaterThanOrEqual(6);
      // The convention, those answered before the copy ended, and at most the one in flight.
      expect(kept).toBeLessThanOrEqual(sentDuringBackup + 2);
      expect(verifyDatabase(restored.db)).toMatchObject({ ok: true, submissions: kept });
    } finally {
      restored.close();
    }
  }, 60_000);

  it('SIGTERM during a slow request: no new connection, the request completes, the database is closed, exit 0', async () => {
    const dbPath = join(tmp.dir, 'sigterm', 'db.sqlite');
    const s = await startServer({ DATABASE_PATH: dbPath, AUTH: 'off' });
    const { port } = new URL(s.base);
    const text = fixtureText('convention-3-ecoles.json');

    // A request whose body comes slowly: in flight when the signal arrives.
    let refusedMeanwhile: boolean | undefined;
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: '/api/submissions',
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.write(text.slice(0, 100));
      setTimeout(() => {
        s.child.kill('SIGTERM');
        setTimeout(
          () =>
            void (async () => {
              // Stopped listening: a new connection is refused while the request is still in flight.
              refusedMeanwhile = await fetch(`${s.base}/health`).then(
                () => false,
                () => true,
              );
              req.end(text.slice(100));
            })(),
          500,
        );
      }, 300);
    });
    const res = await answer;
    expect(refusedMeanwhile).toBe(true);
    expect(res.status).toBe(201);
    expect(JSON.parse(res.body)).toMatchObject({ status: 'accepted' });
    expect(await exited(s.child)).toEqual({ code: 0, signal: null });
    expect(s.lines.all.join('\n')).toMatch(/arrêté : base de données fermée/);
    expect(s.stderr()).toBe('');
    // Closed cleanly: SQLite folded the journal into the file and removed it.
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
    const store = Store.open(dbPath);
    expect(store.db.prepare('SELECT COUNT(*) FROM submissions').pluck().get()).toBe(1);
    store.close();
  }, 60_000);
});

describe('npm start, as a service manager or a terminal stops it', () => {
  // `npm start` without its prestart build (built above): npm, then the server it started.
  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s sent to npm stops the server it started, which closes its database',
    async (signal) => {
      const dbPath = join(tmp.dir, `npm-${signal}`, 'db.sqlite');
      // In a process group of its own, so that whatever npm started can be cleaned up if the test fails.
      const npm = spawn('npm', ['start', '--ignore-scripts', '--silent'], {
        cwd: ROOT,
        detached: true,
        env: {
          ...process.env,
          PORT: '0',
          HOST: '127.0.0.1',
          RULES_DIR,
          DATABASE_PATH: dbPath,
          AUTH: 'off',
          LOG_LEVEL: 'info',
          npm_config_update_notifier: 'false',
        },
      });
      try {
        let stderr = '';
        npm.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        const lines = new Lines(npm);
        const listening = await lines.wait(/à l'écoute sur http:\/\/127\.0\.0\.1:\d+$/);
        const base = listening.slice(listening.indexOf('http://'));
        expect((await fetch(`${base}/health`)).status).toBe(200);
        npm.kill(signal);
        const timeout = new Promise<'still running'>((ok) => setTimeout(() => ok('still running'), 15_000).unref());
        expect(await Promise.race([exited(npm), timeout])).toEqual({ code: 0, signal: null });
        await lines.wait(/arrêté : base de données fermée/, 5_000);
        // Nothing listens any more: the server did not outlive npm.
        await expect(fetch(`${base}/health`)).rejects.toThrow();
        expect(stderr).toBe('');
        expect(existsSync(`${dbPath}-wal`)).toBe(false);
      } finally {
        try {
          process.kill(-npm.pid!, 'SIGKILL');
        } catch {
          // The group is gone: nothing outlived npm.
        }
      }
    },
    60_000,
  );
});
