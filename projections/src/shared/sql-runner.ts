import type { Pool } from 'pg';

/**
 * What the read-model readers need of a database: one parameterised query, its rows back. TypeORM's
 * DataSource satisfies it (the API's readers), and so does a pg Pool through poolSqlRunner (the command
 * line's reports, which then load neither TypeORM nor the entities).
 */
export interface SqlRunner {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the row type is the caller's, as with TypeORM's query
  query<T = any>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** A pg Pool as a SqlRunner: each query on a free connection, as DataSource.query does for a SELECT. */
export function poolSqlRunner(pool: Pick<Pool, 'query'>): SqlRunner {
  return {
    query: async <T>(sql: string, params?: unknown[]): Promise<T[]> => (await pool.query(sql, params)).rows as T[],
  };
}

/** The position up to which a projection has applied the log (0 before its first batch); what Projector.position reads. */
export async function projectionPosition(sql: SqlRunner, projection: string): Promise<number> {
  const rows = await sql.query<{ position: string }>('SELECT position FROM projection_checkpoints WHERE name = $1', [projection]);
  return rows[0] ? Number(rows[0].position) : 0;
}

/** PlanProjection's name, for a reader that must not load the projection (it brings TypeORM). */
export const PLAN_PROJECTION_NAME = 'plan';
