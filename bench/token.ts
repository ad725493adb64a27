import { Store } from '../src/store/store';
import { TokenStore } from '../src/auth/tokens';

/** A juriste token written into the database before the service starts, as `token create` would. */
export function juristeToken(databasePath: string): string {
  const store = Store.open(databasePath);
  try {
    return new TokenStore(store.db).create({ role: 'juriste', label: 'banc de mesure' }).token;
  } finally {
    store.close();
  }
}
