import { resolve } from 'node:path';
import { ConfigError, PROJECT_ROOT, readConfig } from '../../src/config';

describe('configuration by environment', () => {
  it('defaults to 127.0.0.1:3000, a database under ./data and the project rules', () => {
    expect(readConfig({}, '/srv/ent')).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      databasePath: '/srv/ent/data/ent-compliance.sqlite',
      rulesDir: resolve(PROJECT_ROOT, 'rules'),
    });
  });

  it('reads each variable', () => {
    expect(readConfig({ PORT: '8080', HOST: '0.0.0.0', DATABASE_PATH: 'db.sqlite', RULES_DIR: 'r' }, '/srv/ent')).toMatchObject({
      host: '0.0.0.0',
      port: 8080,
      databasePath: '/srv/ent/db.sqlite',
      rulesDir: '/srv/ent/r',
    });
  });

  it.each(['abc', '-1', '65536', '80.5', '', ' 80'])('refuses PORT=%j, naming the variable', (port) => {
    expect(() => readConfig({ PORT: port }, '/')).toThrow(ConfigError);
    expect(() => readConfig({ PORT: port }, '/')).toThrow(/^PORT : /);
  });
});
