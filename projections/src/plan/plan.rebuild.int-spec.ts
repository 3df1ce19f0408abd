import { Pool } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { eventStoreMigrations, PostgresEventStore } from '@renja/event-store';
import { authMigrations } from '@renja/infrastructure/auth/token-store';
import { runMigrations } from '@renja/infrastructure/database/migrations';
import { createTestDatabase, type TestDatabase } from '@renja/infrastructure/testing/test-database';
import { projectionMigrations } from '../migrations';
import { readModelEntities } from '../read-model-entities';
import { appendOffice, officeStreams } from '../reports/bench/generate-office';
import type { BuiltBeside, RebuildOptions } from '../shared/projection';
import { Projector } from '../shared/projector';
import { PlanProjection } from './plan.projection';
import { PLAN_KEYS_IN_ORDER, PLAN_TABLES } from './plan.rebuild';

const SHAPE = { programs: 2, kegiatanPerProgram: 2, subPerKegiatan: 3 };

interface Plan {
  lines: number;
  pagu: string;
}

/** The plan projection whose filled copies wait for `meanwhile` before the switch: what happens then is the test's. */
class HeldPlanProjection extends PlanProjection {
  constructor(private readonly meanwhile: () => Promise<void>) {
    super();
  }

  override async buildBeside(manager: EntityManager, options: RebuildOptions): Promise<BuiltBeside | null> {
    const built = await super.buildBeside(manager, options);
    await this.meanwhile();
    return built;
  }
}

/** The plan projection as a database role that may not build beside sees it: it rebuilds in place. */
class InPlacePlanProjection extends PlanProjection {
  override buildBeside(): Promise<BuiltBeside | null> {
    return Promise.resolve(null);
  }
}

describe('Rebuilding the plan beside the live read model, then switching', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let dataSource: DataSource;

  const rows = async (sql: string) => (await pool.query(sql)).rows;
  /** What a reader of the plan sees: how many lines, and their pagu in all. */
  const plan = async (): Promise<Plan> =>
    (await pool.query<Plan>('SELECT count(*)::int AS lines, sum(current_pagu)::text AS pagu FROM rm_plan_lines')).rows[0];
  const snapshot = async () => ({
    lines: await rows('SELECT t::text FROM rm_plan_lines t ORDER BY 1'),
    pagu: await rows('SELECT t::text FROM rm_line_pagu t ORDER BY 1'),
    history: await rows('SELECT t::text FROM rm_line_history t ORDER BY 1'),
    offices: await rows('SELECT t::text FROM rm_offices t ORDER BY 1'),
  });
  /** What the catalogue says of the tables: indexes and constraints by name and definition, storage parameters, grants. */
  const structure = async () => ({
    indexes: await rows(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename LIKE 'rm\\_%' ORDER BY 1`),
    constraints: await rows(
      `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid::regclass::text LIKE 'rm\\_%' ORDER BY 1`,
    ),
    options: await rows(`SELECT relname, reloptions FROM pg_class WHERE relname LIKE 'rm\\_%' AND relkind = 'r' ORDER BY 1`),
    tables: await rows(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'rm\\_%' ORDER BY 1`),
    // The copies are loaded uncompressed: their columns' storage is the live tables' again after the switch.
    storage: await rows(
      `SELECT attrelid::regclass::text AS table, attname, attstorage, attcompression FROM pg_attribute
        WHERE attrelid::regclass::text LIKE 'rm\\_%' AND attnum > 0 AND NOT attisdropped ORDER BY 1, 2`,
    ),
  });

  /** Pages of each plan table that the visibility map marks all-frozen (pg_visibility): only COPY FREEZE makes them so young. */
  const frozenPages = async (): Promise<Record<string, number>> =>
    Object.fromEntries(
      await Promise.all(
        PLAN_TABLES.map(async (table) => [
          table,
          Number((await rows(`SELECT all_frozen FROM pg_visibility_map_summary('${table}')`))[0].all_frozen),
        ]),
      ),
    );

  beforeAll(async () => {
    db = await createTestDatabase('rebuild_beside');
    pool = new Pool({ connectionString: db.url, max: 6 });
    await runMigrations(pool, [...eventStoreMigrations, ...authMigrations, ...projectionMigrations]);
    await pool.query('CREATE EXTENSION pg_visibility');
    store = new PostgresEventStore(pool);
    dataSource = await new DataSource({ type: 'postgres', url: db.url, entities: readModelEntities, extra: { max: 4 } }).initialize();
    for (const office of ['OPD001', 'OPD002']) await appendOffice(store, officeStreams(2023, office, SHAPE));
    await new Projector(dataSource, store, new PlanProjection()).catchUp();
  }, 120_000);

  afterAll(async () => {
    await store.close();
    await dataSource.destroy();
    await pool.end();
    await db.drop();
  });

  it('names, as the keys it loads in order, constraints and indexes that the plan tables have', async () => {
    // A name that no longer matches (a renamed index) would only make the rebuild sort that key after loading.
    const names = (
      await pool.query<{ name: string }>(
        `SELECT conname AS name FROM pg_constraint WHERE conrelid::regclass::text = ANY($1)
          UNION SELECT indexname FROM pg_indexes WHERE tablename = ANY($1)`,
        [[...PLAN_TABLES]],
      )
    ).rows.map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining([...PLAN_KEYS_IN_ORDER]));
    expect(names).toContain('rm_line_history_pkey');
    expect(PLAN_KEYS_IN_ORDER.has('rm_line_history_pkey')).toBe(false);
  });

  it('keeps serving the whole plan while it runs, takes in what was appended meanwhile and equals a fresh fold', async () => {
    const complete = await plan();
    expect(complete.lines).toBeGreaterThan(0);
    const before = await structure();
    const live = new Projector(dataSource, store, new PlanProjection());

    // Once the copies are filled and before the switch, a third office is appended and the live projector
    // takes it in (the rebuild does not hold it off), and the reader sees it: the two offices, then the three.
    let third: Plan | null = null;
    const seen: Plan[] = [];
    const rebuilder = new Projector(
      dataSource,
      store,
      new HeldPlanProjection(async () => {
        await appendOffice(store, officeStreams(2023, 'OPD003', SHAPE));
        await live.catchUp();
        third = await plan();
        while (!seen.some((read) => read.lines === third?.lines)) await new Promise((resolve) => setTimeout(resolve, 10));
      }),
      { batchSize: 10 },
    );
    let done = false;
    const rebuilding = rebuilder.rebuild();
    void rebuilding.finally(() => (done = true)).catch(() => undefined);
    while (!done) seen.push(await plan());
    await rebuilding;
    expect(third).not.toBeNull();
    expect(seen).toContainEqual(third);
    // Every read during the rebuild saw a whole plan: the two offices before the append, the three after.
    for (const read of seen) expect([complete, third]).toContainEqual(read);
    expect(seen[0]).toEqual(complete);

    const rebuilt = await snapshot();
    expect(await plan()).toEqual(third);
    expect(await rebuilder.position()).toBe(await store.headPosition());
    // The same tables as the migrations made them: names of indexes and constraints, storage parameters.
    expect(await structure()).toEqual(before);

    // The copies were loaded frozen (COPY FREEZE): their first readers set no hint bits. Rows the switch wrote
    // (the third office's) are ordinary, and the offices' one page took one: the line tables still have frozen pages.
    const frozen = await frozenPages();
    for (const table of ['rm_plan_lines', 'rm_line_pagu', 'rm_line_history']) expect([table, frozen[table] > 0]).toEqual([table, true]);

    // A fresh fold: the same events applied batch by batch from an empty read model.
    await pool.query('TRUNCATE rm_offices, rm_plan_lines, rm_line_pagu, rm_line_history');
    await pool.query(`UPDATE projection_checkpoints SET position = 0 WHERE name = 'plan'`);
    await live.catchUp();
    expect(await snapshot()).toEqual(rebuilt);
    expect(Object.values(await frozenPages())).toEqual([0, 0, 0, 0]); // applied event by event: nothing frozen
  }, 120_000);

  it('rebuilds in place, rows frozen, when it may not build beside: the same rows as a fresh fold', async () => {
    const folded = await snapshot(); // the fresh fold the test before left
    const structureBefore = await structure();
    await new Projector(dataSource, store, new InPlacePlanProjection(), { batchSize: 7 }).rebuild();
    expect(await snapshot()).toEqual(folded);
    expect(await structure()).toEqual(structureBefore);
    // Emptied by TRUNCATE in the rebuild's transaction, the tables took the rows frozen. (Not every page: PostgreSQL
    // marks a page all-frozen only when one insert of many rows starts it empty.)
    for (const [table, pages] of Object.entries(await frozenPages())) expect([table, pages > 0]).toEqual([table, true]);
  }, 120_000);
});
