import { existsSync } from 'node:fs';
import request from 'supertest';
import { createApp } from '../../src/http/app';
import { readConfig } from '../../src/config';
import { fixtureText, RULES_DIR, tempDir } from '../support/api-fixtures';

describe('createApp without services', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('opens nothing for /health, then builds the store and rules from the configuration at the first request that needs them', async () => {
    const config = readConfig({ DATABASE_PATH: tmp.dbPath, RULES_DIR, BODY_LIMIT: '4kb' });
    const app = createApp({ config });
    expect((await request(app).get('/health')).status).toBe(200);
    expect(existsSync(tmp.dbPath)).toBe(false);

    const res = await request(app).post('/api/submissions').set('Content-Type', 'application/json').send(fixtureText('convention-3-ecoles.json'));
    expect(res.status).toBe(201);
    // The folder of DATABASE_PATH did not exist: it was created.
    expect(existsSync(tmp.dbPath)).toBe(true);
    // BODY_LIMIT is the configuration's.
    const big = await request(app)
      .post('/api/check')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ padding: 'x'.repeat(5000) }));
    expect(big.status).toBe(413);
  });
});

describe('BODY_LIMIT', () => {
  it.each([
    [undefined, 1024 * 1024],
    ['1mb', 1024 * 1024],
    ['512kb', 512 * 1024],
    ['2048', 2048],
    ['10 MB', 10 * 1024 * 1024],
  ])('%s → %d bytes', (value, bytes) => {
    expect(readConfig(value === undefined ? {} : { BODY_LIMIT: value }).bodyLimit).toBe(bytes);
  });

  it.each(['', 'beaucoup', '0', '-1', '1gb', '1.5mb'])('refuses « %s »', (value) => {
    expect(() => readConfig({ BODY_LIMIT: value })).toThrow(/^BODY_LIMIT : /);
  });
});
