import { PlanProjection } from '../plan/plan.projection';
import { readModelDataSourceOptions } from '../read-model-entities';
import { ledgerPoolConfig } from '@renja/infrastructure/database/pool-config';
import { PLAN_PROJECTION_NAME, poolSqlRunner, projectionPosition } from './sql-runner';

describe('the read models without TypeORM', () => {
  it("names the plan projection as PlanProjection does (the CLI's reports check its checkpoint without loading it)", () => {
    expect(PLAN_PROJECTION_NAME).toBe(new PlanProjection().name);
  });

  it('runs a query on a pg pool and gives its rows; a checkpoint position as a number, 0 before the first', async () => {
    const calls: Array<[string, unknown[] | undefined]> = [];
    const pool = {
      query: (sql: string, params?: unknown[]) => {
        calls.push([sql, params]);
        return Promise.resolve({ rows: params?.[0] === 'plan' ? [{ position: '788' }] : [] });
      },
    };
    const sql = poolSqlRunner(pool as never);
    expect(await projectionPosition(sql, 'plan')).toBe(788);
    expect(await projectionPosition(sql, 'other')).toBe(0);
    expect(calls).toEqual([
      ['SELECT position FROM projection_checkpoints WHERE name = $1', ['plan']],
      ['SELECT position FROM projection_checkpoints WHERE name = $1', ['other']],
    ]);
  });
});

describe('one pool configuration', () => {
  const url = 'postgres://renja_app:secret@127.0.0.1:5432/renja_ledger';

  it("gives TypeORM's pool the ledger pool's settings, its size apart", () => {
    const { extra, url: typeormUrl, synchronize } = readModelDataSourceOptions(url, ledgerPoolConfig(url, 'read-models'));
    const { max: ledgerMax, application_name: ledgerName, ...ledger } = ledgerPoolConfig(url);
    const { max: readMax, application_name: readName, ...readModels } = extra as ReturnType<typeof ledgerPoolConfig>;
    expect(readModels).toEqual(ledger);
    expect([typeormUrl, synchronize]).toEqual([url, false]);
    expect([ledgerMax, readMax, ledgerName, readName]).toEqual([20, 10, 'renja-ledger ledger', 'renja-ledger read-models']);
    expect(ledger).toMatchObject({ connectionString: url, connectionTimeoutMillis: 15_000 });
  });
});
