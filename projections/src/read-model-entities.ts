import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import type { PoolConfig } from 'pg';
import { ProjectionCheckpoint } from './shared/checkpoint.entity';
import { LineHistoryView, LinePaguView, OfficeView, PlanLineView } from './plan/plan.entities';

/** Every TypeORM entity of the read models, for a DataSource or TypeOrmModule. */
export const readModelEntities = [ProjectionCheckpoint, OfficeView, PlanLineView, LinePaguView, LineHistoryView];

/**
 * The read models' DataSource (or TypeOrmModule) options: the entities describe the tables that the SQL
 * migrations create (TypeORM never changes the schema; read-model-schema.int-spec.ts checks that the two
 * agree), and the pool takes the settings it is given: the ledger's (ledgerPoolConfig(url, 'read-models') of
 * libs/infrastructure, which the apps pass; pg.Pool receives them as `extra`).
 */
export function readModelDataSourceOptions(url: string, pool: PoolConfig): PostgresConnectionOptions {
  return {
    type: 'postgres',
    url,
    entities: readModelEntities,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: pool,
  };
}
