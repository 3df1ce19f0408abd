import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { officeDecider, officeSignatoryDecider, officeStreamId, type OfficeSignatoryState } from '@renja/domain';
import { eventStoreMigrations, PostgresEventStore } from '@renja/event-store';
import { toNewEvent } from '@renja/event-store/event-mapping';
import { runMigrations } from '@renja/infrastructure/database/migrations';
import { createTestDatabase, type TestDatabase } from '@renja/infrastructure/testing/test-database';
import { projectionMigrations } from '../migrations';
import { readModelEntities } from '../read-model-entities';
import { Projector } from '../shared/projector';
import { PlanProjection } from './plan.projection';
import { PlanReader } from './plan-reader';

const context = { actor: 'admin', correlationId: 'c-1' };
const registered: OfficeSignatoryState = { registered: true, signatory: null };

/** Who signs an office's papers, in the office read model: the latest office.signatory-set, by apply and by rebuild. */
describe('the office signatory in rm_offices', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let dataSource: DataSource;

  const setSignatory = async (name: string, nip: string) => {
    const streamId = officeStreamId('DKUKM');
    const version = (await store.readStream(streamId)).length;
    const events = officeSignatoryDecider.decide(
      { type: 'SetOfficeSignatory', eventId: randomUUID(), office: 'DKUKM', place: 'Pangkalpinang', title: 'Kepala Dinas', name, nip },
      registered,
    );
    await store.append(
      streamId,
      version,
      events.map((e) => toNewEvent(e, context)),
    );
  };
  const signatoryRow = async () => (await pool.query('SELECT signatory, last_position FROM rm_offices WHERE code = $1', ['DKUKM'])).rows[0];

  beforeAll(async () => {
    db = await createTestDatabase('sign');
    pool = new Pool({ connectionString: db.url, max: 5 });
    await runMigrations(pool, [...eventStoreMigrations, ...projectionMigrations]);
    store = new PostgresEventStore(pool);
    dataSource = await new DataSource({ type: 'postgres', url: db.url, entities: readModelEntities }).initialize();
    const events = officeDecider.decide(
      { type: 'RegisterOffice', eventId: randomUUID(), code: 'DKUKM', name: 'Dinas KUKM' },
      officeDecider.initialState(),
    );
    await store.append(
      officeStreamId('DKUKM'),
      0,
      events.map((e) => toNewEvent(e, context)),
    );
  });
  afterAll(async () => {
    await store.close();
    await dataSource.destroy();
    await pool.end();
    await db.drop();
  });

  it('is null until one is set, then the latest set, also after a replay and after a rebuild', async () => {
    const projector = new Projector(dataSource, store, new PlanProjection());
    await projector.catchUp();
    expect((await new PlanReader(dataSource).office('DKUKM')).signatory).toBeNull();

    await setSignatory('Budi Santoso', '19700101 199003 1 001');
    await setSignatory('Siti Aminah', '198001012005012002');
    await projector.catchUp();
    const latest = { place: 'Pangkalpinang', title: 'Kepala Dinas', name: 'Siti Aminah', nip: '198001012005012002' };
    expect((await new PlanReader(dataSource).office('DKUKM')).signatory).toEqual(latest);
    const applied = await signatoryRow();
    expect(applied.last_position).toBe('3');

    // A batch applied again changes nothing: the row remembers the position it applied.
    const all = await store.readAll({ after: 0 });
    await dataSource.transaction((m) => new PlanProjection().apply(m, all.slice(1, 2)));
    expect(await signatoryRow()).toEqual(applied);

    await new Projector(dataSource, store, new PlanProjection(), { batchSize: 2 }).rebuild();
    expect(await signatoryRow()).toEqual(applied);
  });
});
