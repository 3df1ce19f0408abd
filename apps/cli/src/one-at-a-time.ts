import type { SqlRunner } from '@renja/projections/shared/sql-runner';

/**
 * The runner's queries one after another. A report asks for some of its rows side by side; through the pool
 * each would take a connection of its own, and on the command line a second connection (its authentication
 * and start) costs more than the wait for the first: one after another they all run on the one the ledger
 * opened with.
 */
export function oneAtATime(runner: SqlRunner): SqlRunner {
  let last: Promise<unknown> = Promise.resolve();
  return {
    query: <T>(sql: string, params?: unknown[]): Promise<T[]> => {
      const next = last.then(() => runner.query<T>(sql, params));
      last = next.catch(() => undefined);
      return next;
    },
  };
}
