import type { SqlRunner } from '@renja/projections/shared/sql-runner';
import { oneAtATime } from './one-at-a-time';

/** A runner whose queries finish only when the test says so, recording which were running at once. */
function heldRunner() {
  const started: string[] = [];
  const release = new Map<string, (rows: unknown[]) => void>();
  const fail = new Map<string, (error: Error) => void>();
  let running = 0;
  let mostAtOnce = 0;
  const runner: SqlRunner = {
    query: <T>(sql: string) =>
      new Promise<T[]>((resolve, reject) => {
        started.push(sql);
        running += 1;
        mostAtOnce = Math.max(mostAtOnce, running);
        const done = () => (running -= 1);
        release.set(sql, (rows) => (done(), resolve(rows as T[])));
        fail.set(sql, (error) => (done(), reject(error)));
      }),
  };
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { runner, started, release, fail, settle, mostAtOnce: () => mostAtOnce };
}

describe('oneAtATime', () => {
  it('starts a query only when the one before it has finished, and gives each its own rows', async () => {
    const held = heldRunner();
    const sql = oneAtATime(held.runner);
    const a = sql.query('a');
    const b = sql.query('b');
    await held.settle();
    expect(held.started).toEqual(['a']);
    held.release.get('a')!([{ n: 1 }]);
    await held.settle();
    expect(held.started).toEqual(['a', 'b']);
    held.release.get('b')!([{ n: 2 }]);
    await expect(a).resolves.toEqual([{ n: 1 }]);
    await expect(b).resolves.toEqual([{ n: 2 }]);
    expect(held.mostAtOnce()).toBe(1);
  });

  it('passes a failure to its own caller and still runs the next query', async () => {
    const held = heldRunner();
    const sql = oneAtATime(held.runner);
    const a = sql.query('a');
    const b = sql.query('b');
    await held.settle();
    held.fail.get('a')!(new Error('relation does not exist'));
    await expect(a).rejects.toThrow('relation does not exist');
    await held.settle();
    held.release.get('b')!([]);
    await expect(b).resolves.toEqual([]);
  });
});
