import { KeyedMutex } from '../../src/service/keyed-mutex';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('KeyedMutex', () => {
  it('runs the tasks of one key one after the other, in order', async () => {
    const m = new KeyedMutex();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`début ${name}`);
      await tick();
      log.push(`fin ${name}`);
      return name;
    };
    const results = await Promise.all([m.run('a', task('1')), m.run('a', task('2')), m.run('a', task('3'))]);
    expect(results).toEqual(['1', '2', '3']);
    expect(log).toEqual(['début 1', 'fin 1', 'début 2', 'fin 2', 'début 3', 'fin 3']);
  });

  it('runs tasks of different keys side by side', async () => {
    const m = new KeyedMutex();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`début ${name}`);
      await tick();
      log.push(`fin ${name}`);
    };
    await Promise.all([m.run('a', task('a')), m.run('b', task('b'))]);
    expect(log.slice(0, 2)).toEqual(['début a', 'début b']);
  });

  it('goes on after a task that throws, and passes the error to its caller only', async () => {
    const m = new KeyedMutex();
    const failing = m.run('a', async () => {
      throw new Error('panne');
    });
    const next = m.run('a', async () => 'suite');
    await expect(failing).rejects.toThrow('panne');
    await expect(next).resolves.toBe('suite');
  });

  it('forgets a key once its queue is empty', async () => {
    const m = new KeyedMutex();
    await m.run('a', async () => undefined);
    await tick();
    expect(m.busyKeys).toBe(0);
  });
});
